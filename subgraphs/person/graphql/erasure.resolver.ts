// The erasePerson mutation (privacy:manage).
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context';
import { erasePerson } from '../use-cases/erase-person';

@InputType()
export class ErasePersonInput {
  @Field(() => ID) personId!: string;
  @Field({ description: 'Why (the request or case reference); kept with the non-personal tombstone.' }) reason!: string;
}

@ObjectType()
export class ErasePersonPayload {
  @Field(() => ID, { description: 'The erased person (the survivor, when a merged-away id was given).' }) personId!: string;
  @Field(() => Date) erasedAt!: Date;
  @Field(() => Int, { description: 'Source records whose personal data was removed.' }) sourceRecords!: number;
  @Field({ description: 'True when the person had already been erased: nothing changed.' }) alreadyErased!: boolean;
  @Field(() => [String], { description: 'Purposes whose granted consent the erasure withdrew.' }) withdrawnConsents!: string[];
  @Field(() => [ID], { description: 'People a pending review suggested were the same human (their reviews are closed): they may hold the same personal data.' }) pendingDuplicates!: string[];
}

@Resolver()
export class ErasureResolver {
  @Mutation(() => ErasePersonPayload, {
    description: "Erase a person's personal data everywhere (golden record, source records, provenance, audit values, events); a non-personal tombstone remains and blocks silent re-creation.",
  })
  erasePerson(@Arg('input', () => ErasePersonInput) input: ErasePersonInput, @Ctx() ctx: RequestContext) {
    return erasePerson(ctx, input);
  }
}
