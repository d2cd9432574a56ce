// Thin resolvers of the person subgraph: unpack arguments, call the service or a loader.
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../shared/context';
import { SourceSystem } from '../../shared/enums';
import { externalIdsByPerson, sourceRecordsByPerson } from '../store/loaders';
import { getPerson, getPersonByExternalId, listPeople } from '../use-cases/read-people';
import { ExternalId, PeopleArgs, Person, PersonConnection, SourceRecord } from './person.types';

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A person by id. An id that was merged away returns the surviving person.' })
  person(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return getPerson(ctx, id);
  }

  @Query(() => Person, { nullable: true, description: "A person by a system's identifier." })
  personByExternalId(
    @Arg('system', () => SourceSystem) system: SourceSystem,
    @Arg('externalId') externalId: string,
    @Ctx() ctx: RequestContext,
  ) {
    return getPersonByExternalId(ctx, system, externalId);
  }

  @Query(() => PersonConnection, { description: 'Golden people (merged-away records excluded), oldest first.' })
  people(@Args() { first, after, filter }: PeopleArgs, @Ctx() ctx: RequestContext) {
    return listPeople(ctx, first, after, filter ?? {});
  }

  @FieldResolver(() => [ExternalId])
  externalIds(@Root() person: Person, @Ctx() ctx: RequestContext) {
    return externalIdsByPerson(ctx).load(person.id);
  }

  @FieldResolver(() => [SourceRecord])
  sourceRecords(@Root() person: Person, @Ctx() ctx: RequestContext) {
    return sourceRecordsByPerson(ctx).load(person.id);
  }
}
