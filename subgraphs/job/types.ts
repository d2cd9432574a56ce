// GraphQL shape of job requisitions (owned by the ATS) and the entities this subgraph extends.
import { ArgsType, Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { JobStatus, SourceSystem } from '../shared/enums';
import { connectionOf, PageArgs } from '../shared/pagination';
import { DecimalScalar } from '../shared/scalars';

@Directive('@key(fields: "id")')
@ObjectType('Organization')
export class OrganizationRef {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Person')
export class PersonRef {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'Salary band of a requisition.' })
export class CompensationBand {
  @Field(() => DecimalScalar, { nullable: true }) min!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) max!: string | null;
  @Field(() => String, { nullable: true }) currency!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A job requisition, owned by the ATS.' })
export class Job {
  @Field(() => ID) id!: string;
  @Field(() => SourceSystem) system!: SourceSystem;
  @Field() externalId!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) department!: string | null;
  @Field(() => String, { nullable: true }) location!: string | null;
  @Field(() => JobStatus) status!: JobStatus;
  @Field(() => [String]) requiredSkills!: string[];
  @Field(() => Date, { nullable: true }) openedAt!: Date | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  organizationId!: string;
  hiringManagerId!: string | null;
  compensationMin!: unknown;
  compensationMax!: unknown;
  compensationCurrency!: string | null;
}

export const JobConnection = connectionOf(Job, 'Job');

@InputType()
export class JobFilter {
  @Field(() => JobStatus, { nullable: true }) status?: JobStatus;
  @Field(() => ID, { nullable: true }) organizationId?: string;
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the title.' }) title?: string;
}

@ArgsType()
export class JobsArgs extends PageArgs {
  @Field(() => JobFilter, { nullable: true }) filter?: JobFilter;
}

@InputType({ description: 'Create or update a requisition by its ATS id.' })
export class UpsertJobInput {
  @Field(() => SourceSystem, { description: 'Must be ATS, the system that owns requisitions.' }) system!: SourceSystem;
  @Field() externalId!: string;
  @Field() title!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => String, { nullable: true }) department?: string | null;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => JobStatus, { nullable: true }) status?: JobStatus | null;
  @Field(() => ID, { nullable: true, description: 'Golden person id of the hiring manager.' }) hiringManagerId?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) compensationMin?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) compensationMax?: string | null;
  @Field(() => String, { nullable: true }) compensationCurrency?: string | null;
  @Field(() => [String], { nullable: true }) requiredSkills?: string[] | null;
  @Field(() => Date, { nullable: true }) openedAt?: Date | null;
  @Field(() => Date, { nullable: true }) closedAt?: Date | null;
  @Field(() => Date, { nullable: true }) sourceTimestamp?: Date | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first response instead of applying the change again.' }) idempotencyKey?: string | null;
}

@ObjectType()
export class UpsertJobPayload {
  @Field(() => Job) job!: Job;
  @Field() created!: boolean;
  @Field(() => [String]) changedAttributes!: string[];
}
