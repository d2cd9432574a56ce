// GraphQL shape of canonical organizations (employers, customer accounts).
import { ArgsType, Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { OrganizationKind, SourceSystem } from '../shared/enums';
import { connectionOf, PageArgs } from '../shared/pagination';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An employer or customer account, owned by the CRM or the HRIS.' })
export class Organization {
  @Field(() => ID) id!: string;
  @Field(() => SourceSystem, { description: 'The system that owns this record.' }) system!: SourceSystem;
  @Field({ description: "The owning system's identifier." }) externalId!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) legalName!: string | null;
  @Field(() => String, { nullable: true }) domain!: string | null;
  @Field(() => String, { nullable: true }) industry!: string | null;
  @Field(() => OrganizationKind) kind!: OrganizationKind;
  @Field(() => String, { nullable: true }) country!: string | null;
  @Field(() => String, { nullable: true, description: 'Data residency region of people employed here.' }) region!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  parentId!: string | null;
}

export const OrganizationConnection = connectionOf(Organization, 'Organization');

@InputType()
export class OrganizationFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' }) name?: string;
  @Field(() => OrganizationKind, { nullable: true }) kind?: OrganizationKind;
  @Field(() => String, { nullable: true }) country?: string;
}

@ArgsType()
export class OrganizationsArgs extends PageArgs {
  @Field(() => OrganizationFilter, { nullable: true }) filter?: OrganizationFilter;
}

@InputType({ description: 'Create or update an organization by its owning system and external id.' })
export class UpsertOrganizationInput {
  @Field(() => SourceSystem, { description: 'CRM (customer accounts) or HRIS (legal entities).' }) system!: SourceSystem;
  @Field() externalId!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) legalName?: string | null;
  @Field(() => String, { nullable: true }) domain?: string | null;
  @Field(() => String, { nullable: true }) industry?: string | null;
  @Field(() => OrganizationKind, { nullable: true }) kind?: OrganizationKind | null;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
  @Field(() => Date, { nullable: true, description: 'When the owning system last changed the record.' }) sourceTimestamp?: Date | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first response instead of applying the change again.' }) idempotencyKey?: string | null;
}

@ObjectType()
export class UpsertOrganizationPayload {
  @Field(() => Organization) organization!: Organization;
  @Field({ description: 'True when the record was created, false when updated.' }) created!: boolean;
  @Field(() => [String], { description: 'Attributes whose value changed.' }) changedAttributes!: string[];
}
