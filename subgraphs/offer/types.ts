// GraphQL shape of offers (owned by the ATS) and the entities this subgraph extends.
import { ArgsType, Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { OfferStatus, SourceSystem } from '../shared/enums';
import { connectionOf, PageArgs } from '../shared/pagination';
import { DecimalScalar, LocalDateScalar } from '../shared/scalars';

@Directive('@key(fields: "id")')
@ObjectType('Person')
export class PersonRef {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Job')
export class JobRef {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An offer to a candidate for a job, owned by the ATS.' })
export class Offer {
  @Field(() => ID) id!: string;
  @Field(() => SourceSystem) system!: SourceSystem;
  @Field() externalId!: string;
  @Field(() => OfferStatus) status!: OfferStatus;
  @Field(() => DecimalScalar, { nullable: true, description: 'Offered annual base salary.' }) salary!: unknown;
  @Field(() => String, { nullable: true }) currency!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) startDate!: Date | null;
  @Field(() => Date, { nullable: true }) extendedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the candidate accepted or declined.' }) decidedAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  personId!: string;
  jobId!: string;
}

export const OfferConnection = connectionOf(Offer, 'Offer');

@InputType()
export class OfferFilter {
  @Field(() => OfferStatus, { nullable: true }) status?: OfferStatus;
  @Field(() => ID, { nullable: true }) jobId?: string;
  @Field(() => ID, { nullable: true }) personId?: string;
}

@ArgsType()
export class OffersArgs extends PageArgs {
  @Field(() => OfferFilter, { nullable: true }) filter?: OfferFilter;
}

@InputType({ description: 'Create or update an offer by its ATS id.' })
export class UpsertOfferInput {
  @Field(() => SourceSystem, { description: 'Must be ATS, the system that owns offers.' }) system!: SourceSystem;
  @Field() externalId!: string;
  @Field(() => ID) personId!: string;
  @Field(() => ID) jobId!: string;
  @Field(() => OfferStatus, { nullable: true }) status?: OfferStatus | null;
  @Field(() => DecimalScalar, { nullable: true }) salary?: string | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) startDate?: Date | null;
  @Field(() => Date, { nullable: true }) extendedAt?: Date | null;
  @Field(() => Date, { nullable: true }) decidedAt?: Date | null;
  @Field(() => Date, { nullable: true }) sourceTimestamp?: Date | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first response instead of applying the change again.' }) idempotencyKey?: string | null;
}

@ObjectType()
export class UpsertOfferPayload {
  @Field(() => Offer) offer!: Offer;
  @Field() created!: boolean;
  @Field(() => [String]) changedAttributes!: string[];
}
