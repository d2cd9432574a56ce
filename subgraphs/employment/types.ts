// GraphQL shape of employments (owned by the HRIS) and the entities this subgraph extends.
import { ArgsType, Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { EmploymentStatus, SourceSystem } from '../shared/enums';
import { connectionOf, PageArgs } from '../shared/pagination';
import { DecimalScalar, LocalDateScalar } from '../shared/scalars';

@Directive('@key(fields: "id")')
@ObjectType('Person')
export class PersonRef {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Organization')
export class OrganizationRef {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Job')
export class JobRef {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'One change of an employment status, as the HRIS recorded it.' })
export class EmploymentStatusChange {
  @Field(() => EmploymentStatus, { nullable: true }) fromStatus!: EmploymentStatus | null;
  @Field(() => EmploymentStatus) toStatus!: EmploymentStatus;
  @Field(() => Date) effectiveAt!: Date;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Date) recordedAt!: Date;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Employment of a person at an organization, owned by the HRIS.' })
export class Employment {
  @Field(() => ID) id!: string;
  @Field(() => SourceSystem) system!: SourceSystem;
  @Field({ description: "The HRIS's identifier of this employment." }) externalId!: string;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true }) department!: string | null;
  @Field(() => String, { nullable: true, description: 'The employee id in the HRIS.' }) employeeNumber!: string | null;
  @Field(() => EmploymentStatus) status!: EmploymentStatus;
  @Field(() => LocalDateScalar, { nullable: true }) hireDate!: Date | null;
  @Field(() => LocalDateScalar, { nullable: true }) endDate!: Date | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Annual base salary.' }) salary!: unknown;
  @Field(() => String, { nullable: true }) currency!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  personId!: string;
  organizationId!: string;
  jobId!: string | null;
  managerId!: string | null;
}

export const EmploymentConnection = connectionOf(Employment, 'Employment');

@InputType()
export class EmploymentFilter {
  @Field(() => EmploymentStatus, { nullable: true }) status?: EmploymentStatus;
  @Field(() => ID, { nullable: true }) organizationId?: string;
  @Field(() => ID, { nullable: true }) personId?: string;
}

@ArgsType()
export class EmploymentsArgs extends PageArgs {
  @Field(() => EmploymentFilter, { nullable: true }) filter?: EmploymentFilter;
}

@InputType({ description: 'Create or update an employment by its HRIS id.' })
export class UpsertEmploymentInput {
  @Field(() => SourceSystem, { description: 'Must be HRIS, the system that owns employments.' }) system!: SourceSystem;
  @Field() externalId!: string;
  @Field(() => ID) personId!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => ID, { nullable: true }) jobId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Golden person id of the manager.' }) managerId?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) department?: string | null;
  @Field(() => String, { nullable: true }) employeeNumber?: string | null;
  @Field(() => EmploymentStatus, { nullable: true }) status?: EmploymentStatus | null;
  @Field(() => LocalDateScalar, { nullable: true }) hireDate?: Date | null;
  @Field(() => LocalDateScalar, { nullable: true }) endDate?: Date | null;
  @Field(() => DecimalScalar, { nullable: true }) salary?: string | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
  @Field(() => String, { nullable: true, description: 'Why the status changed (recorded in the status history).' }) statusReason?: string | null;
  @Field(() => Date, { nullable: true, description: 'When the HRIS made the change; also the effective time of a status change.' }) sourceTimestamp?: Date | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first response instead of applying the change again.' }) idempotencyKey?: string | null;
}

@ObjectType()
export class UpsertEmploymentPayload {
  @Field(() => Employment) employment!: Employment;
  @Field() created!: boolean;
  @Field(() => [String]) changedAttributes!: string[];
}
