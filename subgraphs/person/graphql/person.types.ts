// GraphQL shape of the golden person and its crosswalk (external ids, source records).
import { ArgsType, Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import {
  CandidateStatus, CustomerStatus, DeletionPolicy, EmployeeStatus, LinkType, SourceSystem,
} from '../../shared/enums';
import { LocalDateScalar } from '../../shared/scalars';
import { connectionOf, PageArgs } from '../../shared/pagination';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'The golden record of one real person, computed from the source records of every system.' })
export class Person {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'Full legal name.' }) legalName!: string | null;
  @Field(() => String, { nullable: true }) givenName!: string | null;
  @Field(() => String, { nullable: true }) middleName!: string | null;
  @Field(() => String, { nullable: true }) familyName!: string | null;
  @Field(() => String, { nullable: true }) preferredName!: string | null;
  @Field(() => String, { nullable: true }) primaryEmail!: string | null;
  @Field(() => [String]) emails!: string[];
  @Field(() => [String], { description: 'Phone numbers in E.164 format.' }) phones!: string[];
  @Field(() => LocalDateScalar, { nullable: true }) birthDate!: Date | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' }) nationality!: string | null;
  @Field(() => String, { nullable: true, description: 'BCP 47 language tag.' }) preferredLanguage!: string | null;
  @Field(() => String, { nullable: true }) street!: string | null;
  @Field(() => String, { nullable: true }) city!: string | null;
  @Field(() => String, { nullable: true }) postcode!: string | null;
  @Field(() => String, { nullable: true, description: 'Country of residence, ISO 3166-1 alpha-2.' }) country!: string | null;
  @Field(() => String, { nullable: true, description: 'Data residency region of the owning legal entity.' }) region!: string | null;
  @Field(() => CandidateStatus) candidateStatus!: CandidateStatus;
  @Field(() => EmployeeStatus) employeeStatus!: EmployeeStatus;
  @Field(() => CustomerStatus) customerStatus!: CustomerStatus;
  @Field(() => DeletionPolicy) deletionPolicy!: DeletionPolicy;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  /** Set by the resolver when the requested id was merged into this person. */
  @Field(() => ID, { nullable: true, description: 'When this person was reached through an id that was merged away, that id.' })
  redirectedFrom?: string | null;
}

@ObjectType({ description: "A system's identifier for a person." })
export class ExternalId {
  @Field(() => SourceSystem) system!: SourceSystem;
  @Field({ description: 'The identifier in that system.' }) value!: string;
  @Field() linkedBy!: string;
  @Field(() => Date) linkedAt!: Date;
}

@ObjectType({ description: 'What one system said about this person (the crosswalk entry).' })
export class SourceRecord {
  @Field(() => ID) id!: string;
  @Field(() => SourceSystem) system!: SourceSystem;
  @Field() sourceId!: string;
  @Field(() => Date) sourceTimestamp!: Date;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => LinkType) linkType!: LinkType;
  @Field(() => String, { nullable: true }) linkKey!: string | null;
  @Field(() => Number, { nullable: true }) matchScore!: number | null;
}

export const PersonConnection = connectionOf(Person, 'Person');

@InputType({ description: 'All given conditions must hold.' })
export class PersonFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of legal or preferred name.' }) name?: string;
  @Field(() => String, { nullable: true, description: 'Exact e-mail address (case-insensitive).' }) email?: string;
  @Field(() => EmployeeStatus, { nullable: true }) employeeStatus?: EmployeeStatus;
  @Field(() => CandidateStatus, { nullable: true }) candidateStatus?: CandidateStatus;
  @Field(() => CustomerStatus, { nullable: true }) customerStatus?: CustomerStatus;
  @Field(() => SourceSystem, { nullable: true, description: 'Only people with a source record from this system.' }) system?: SourceSystem;
}

@ArgsType()
export class PeopleArgs extends PageArgs {
  @Field(() => PersonFilter, { nullable: true }) filter?: PersonFilter;
}
