// GraphQL shapes of the sticky steward decisions (cannot-link, must-link) and of lifting one.
import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A sticky steward decision between two source records: automatic matching never overrides it; only liftMatchConstraint removes it (audited).' })
export class MatchConstraint {
  @Field(() => ID) id!: string;
  @Field({ description: 'CANNOT_LINK (different people) or MUST_LINK (the same person).' }) kind!: string;
  @Field(() => ID) sourceRecordAId!: string;
  @Field(() => ID) sourceRecordBId!: string;
  @Field() decidedBy!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@InputType()
export class LiftMatchConstraintInput {
  @Field(() => ID) constraintId!: string;
  @Field() reason!: string;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@ObjectType()
export class LiftMatchConstraintPayload {
  @Field(() => ID) constraintId!: string;
  @Field() kind!: string;
  @Field() lifted!: boolean;
}
