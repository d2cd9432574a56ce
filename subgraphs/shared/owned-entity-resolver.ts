// The queries every owned entity (organization, job, employment, offer) answers the same way — by id,
// by its owning system's id, as a filtered connection — and its `provenance` field, as one abstract
// resolver that each subgraph extends with what is its own (upsert mutation, relations).
import { Arg, Args, ClassType, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from './context';
import { SourceSystem } from './enums';
import type { Connection } from './pagination';
import { AttributeProvenance, attributeEnum, getProvenance } from './provenance';

export interface OwnedEntityQueries<TEntity extends { id: string }, TFilter> {
  entity: ClassType<TEntity>;
  entityType: 'Organization' | 'Job' | 'Employment' | 'Offer';
  connection: ClassType<Connection<TEntity>>;
  args: ClassType<{ first?: number; after?: string | null; filter?: TFilter }>;
  /** Query field names, e.g. { one: 'job', byExternalId: 'jobByExternalId', list: 'jobs' }. */
  names: { one: string; byExternalId: string; list: string };
  /** Attributes that carry provenance (an enum `<Entity>Attribute` is generated from them). */
  attributes: readonly string[];
  get(ctx: RequestContext, id: string): Promise<TEntity | null>;
  getByExternalId(ctx: RequestContext, system: SourceSystem, externalId: string): Promise<TEntity | null>;
  list(ctx: RequestContext, first: number | undefined, after: string | null | undefined, filter: TFilter): Promise<Connection<TEntity>>;
}

export function ownedEntityResolver<TEntity extends { id: string }, TFilter>(q: OwnedEntityQueries<TEntity, TFilter>) {
  const AttributeEnum = attributeEnum(`${q.entityType}Attribute`, q.attributes);

  @Resolver(() => q.entity)
  abstract class OwnedEntityResolver {
    @Query(() => q.entity, { name: q.names.one, nullable: true })
    one(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
      return q.get(ctx, id);
    }

    @Query(() => q.entity, { name: q.names.byExternalId, nullable: true, description: "By the owning system's identifier." })
    byExternalId(@Arg('system', () => SourceSystem) system: SourceSystem, @Arg('externalId') externalId: string, @Ctx() ctx: RequestContext) {
      return q.getByExternalId(ctx, system, externalId);
    }

    @Query(() => q.connection, { name: q.names.list })
    list(@Args(() => q.args) { first, after, filter }: { first?: number; after?: string | null; filter?: TFilter }, @Ctx() ctx: RequestContext) {
      return q.list(ctx, first, after, filter ?? ({} as TFilter));
    }

    @FieldResolver(() => AttributeProvenance, { name: 'provenance', nullable: true, description: 'Where the current value of the attribute came from, and its history.' })
    provenanceOf(@Root() record: TEntity, @Arg('attribute', () => AttributeEnum) attribute: string, @Ctx() ctx: RequestContext) {
      return getProvenance(ctx, q.entityType, record.id, attribute);
    }
  }
  return OwnedEntityResolver;
}
