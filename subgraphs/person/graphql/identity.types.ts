// GraphQL shape of identity resolution: ingestion, explanations, external-id links, the review queue,
// merge/unmerge, and the audit log.
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { SourceSystem } from '../../shared/enums';
import { connectionOf, PageArgs, PageInfo } from '../../shared/pagination';
import { attributeEnum } from '../../shared/provenance';
import { PERSON_GOLDEN_ATTRIBUTES } from '../store/golden-record';
import { Person, SourceRecord } from './person.types';

export const PersonAttribute = attributeEnum('PersonAttribute', [...PERSON_GOLDEN_ATTRIBUTES, 'candidateStatus', 'employeeStatus', 'customerStatus'] as const);

export enum IngestDecision {
  MATCHED = 'MATCHED',
  AUTO_MERGED = 'AUTO_MERGED',
  REVIEW_QUEUED = 'REVIEW_QUEUED',
  CREATED = 'CREATED',
  CREATED_FLAGGED = 'CREATED_FLAGGED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(IngestDecision, {
  name: 'IngestDecision',
  valuesConfig: {
    MATCHED: { description: 'Linked by a deterministic key (see matchedKey).' },
    AUTO_MERGED: { description: 'Linked automatically: match probability at or above the automatic threshold.' },
    REVIEW_QUEUED: { description: 'A new person was created and a review task suggests merging it with suggestedPerson.' },
    CREATED: { description: 'A new person; no plausible candidate.' },
    CREATED_FLAGGED: { description: 'A new person, flagged because a weak candidate existed.' },
    UNCHANGED: { description: 'The same payload (or an older one) for an existing source record: nothing changed.' },
  },
});

export enum ReviewDecision { SAME_PERSON = 'SAME_PERSON', DIFFERENT_PEOPLE = 'DIFFERENT_PEOPLE' }
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

export enum ReviewKind { PROBABLE_MATCH = 'PROBABLE_MATCH', ERASED_IDENTITY = 'ERASED_IDENTITY' }
registerEnumType(ReviewKind, {
  name: 'ReviewKind',
  valuesConfig: {
    PROBABLE_MATCH: { description: 'The record probably belongs to the suggested person: SAME_PERSON merges, DIFFERENT_PEOPLE keeps them apart for good.' },
    ERASED_IDENTITY: { description: 'The record matches an identity that was erased (the suggested person). It was created as a new person and never merged back: DIFFERENT_PEOPLE keeps it; SAME_PERSON is refused — a privacy officer erases it again if it must not be kept.' },
  },
});

export enum ReviewStatus { PENDING = 'PENDING', SAME_PERSON = 'SAME_PERSON', DIFFERENT_PEOPLE = 'DIFFERENT_PEOPLE', SUPERSEDED = 'SUPERSEDED' }
registerEnumType(ReviewStatus, { name: 'ReviewStatus' });

@InputType({ description: 'What a system says about a person. Omitted fields keep their stored value on a re-send; null clears one.' })
export class PersonAttributesInput {
  @Field(() => String, { nullable: true }) givenName?: string | null;
  @Field(() => String, { nullable: true }) middleName?: string | null;
  @Field(() => String, { nullable: true }) familyName?: string | null;
  @Field(() => String, { nullable: true, description: 'Used when the system has no name parts.' }) fullName?: string | null;
  @Field(() => String, { nullable: true }) preferredName?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'The system verified this e-mail (a deterministic match key).' }) emailVerified?: boolean | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) birthDate?: string | null;
  @Field(() => String, { nullable: true, description: 'National identifier: stored encrypted (AES-256-GCM) and as a keyed hash for matching; never in plain text.' }) nationalId?: string | null;
  @Field(() => String, { nullable: true, description: 'Passport number: stored encrypted and as a keyed hash; not used for matching.' }) passport?: string | null;
  @Field(() => String, { nullable: true }) street?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) postcode?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => String, { nullable: true }) nationality?: string | null;
  @Field(() => String, { nullable: true }) preferredLanguage?: string | null;
  @Field(() => String, { nullable: true }) employer?: string | null;
  @Field(() => String, { nullable: true }) jobTitle?: string | null;
}

@InputType()
export class IngestPersonRecordInput {
  @Field(() => SourceSystem) system!: SourceSystem;
  @Field({ description: "The record's id in the sending system." }) sourceId!: string;
  @Field(() => Date, { description: 'When the sending system last changed the record.' }) sourceTimestamp!: Date;
  @Field(() => PersonAttributesInput) attributes!: PersonAttributesInput;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@ObjectType({ description: "One attribute's comparison and its contribution (log2 weight) to the match score." })
export class AttributeComparison {
  @Field() attribute!: string;
  @Field() level!: string;
  @Field(() => Float) weight!: number;
  @Field(() => String, { nullable: true }) detail?: string | null;
}

@ObjectType()
export class MatchExplanation {
  @Field(() => [AttributeComparison]) comparisons!: AttributeComparison[];
  @Field(() => [String], { description: 'Hard conflicts that blocked an automatic merge: NATIONAL_ID_CONFLICT (two different valid legal ids), BIRTH_DATE_CONFLICT (birth dates that say different person, not a typo), GENERATION_CONFLICT (Sr. against Jr., II, III).' }) blockers!: string[];
  @Field(() => Int) candidatesConsidered!: number;
  @Field({ description: 'More candidates shared a blocking key than the configured cap.' }) candidatesCapped!: boolean;
  @Field() reason!: string;
  @Field(() => String, { nullable: true, description: 'The match model version that decided (default: the built-in model; vN: a version trained with peoplegraph match-model).' }) modelVersion?: string | null;
}

@ObjectType()
export class IngestPersonRecordPayload {
  @Field(() => ID) personId!: string;
  @Field(() => ID) sourceRecordId!: string;
  @Field(() => IngestDecision) decision!: IngestDecision;
  @Field(() => String, { nullable: true, description: 'The deterministic key that matched (EXTERNAL_ID, NATIONAL_ID, VERIFIED_EMAIL, SOURCE_RECORD).' }) matchedKey!: string | null;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => ID, { nullable: true }) suggestedPersonId!: string | null;
  @Field(() => ID, { nullable: true }) reviewId!: string | null;
  @Field(() => MatchExplanation, { nullable: true }) explanation!: MatchExplanation | null;
  @Field(() => [String]) changedAttributes!: string[];
  @Field(() => [FlaggedValue], { description: 'Attributes of the record that were flagged instead of refusing the record.' }) flaggedValues!: FlaggedValue[];
}

@ObjectType({ description: 'An attribute whose value failed validation: kept as sent on the source record with the reason (a data-quality flag), left out of matching and of the golden record.' })
export class FlaggedValue {
  @Field() attribute!: string;
  @Field() reason!: string;
}

@ObjectType()
export class DecisionCount {
  @Field(() => IngestDecision) decision!: IngestDecision;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class IngestPersonRecordsPayload {
  @Field(() => [IngestPersonRecordPayload]) results!: IngestPersonRecordPayload[];
  @Field(() => [DecisionCount]) counts!: DecisionCount[];
}

@InputType()
export class LinkExternalIdInput {
  @Field(() => ID) personId!: string;
  @Field(() => SourceSystem) system!: SourceSystem;
  @Field() externalId!: string;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@ObjectType()
export class ExternalIdLinkPayload {
  @Field(() => ID) personId!: string;
  @Field(() => SourceSystem) system!: SourceSystem;
  @Field() externalId!: string;
  @Field({ description: 'False when nothing changed (already linked, or now unlinked).' }) linked!: boolean;
}

@ObjectType({ description: 'A probable match between the review thresholds, waiting for a steward.' })
export class MatchReview {
  @Field(() => ID) id!: string;
  @Field(() => ReviewKind, { description: 'What the steward decides: a probable match, or whether a record matching an erased identity may be kept.' }) kind!: ReviewKind;
  @Field(() => ReviewStatus) status!: ReviewStatus;
  @Field(() => Float) score!: number;
  @Field(() => MatchExplanation) explanation!: MatchExplanation;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) resolvedAt!: Date | null;
  @Field(() => String, { nullable: true }) resolvedBy!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  sourceRecordId!: string;
  candidatePersonId!: string;
}

export const MatchReviewConnection = connectionOf(MatchReview, 'MatchReview');

@ArgsType()
export class MatchReviewsArgs extends PageArgs {
  @Field(() => ReviewStatus, { nullable: true, defaultValue: ReviewStatus.PENDING }) status?: ReviewStatus | null;
}

@InputType()
export class ResolveMatchReviewInput {
  @Field(() => ID) reviewId!: string;
  @Field(() => ReviewDecision) decision!: ReviewDecision;
  @Field() reason!: string;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@ObjectType()
export class ResolveMatchReviewPayload {
  @Field(() => MatchReview) review!: MatchReview;
  @Field(() => ID, { nullable: true, description: 'The surviving person after SAME_PERSON.' }) survivorId!: string | null;
}

@InputType()
export class MergePeopleInput {
  @Field(() => ID, { description: 'The person that survives.' }) intoPersonId!: string;
  @Field(() => ID, { description: 'The person merged away; its id keeps resolving to the survivor.' }) fromPersonId!: string;
  @Field() reason!: string;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@ObjectType()
export class MergePeoplePayload {
  @Field(() => ID) survivorId!: string;
  @Field(() => ID) mergedId!: string;
  @Field(() => [String]) changedAttributes!: string[];
}

@InputType()
export class UnmergeSourceRecordInput {
  @Field(() => ID) sourceRecordId!: string;
  @Field() reason!: string;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@ObjectType()
export class UnmergeSourceRecordPayload {
  @Field(() => ID) sourceRecordId!: string;
  @Field(() => ID) fromPersonId!: string;
  @Field(() => ID) newPersonId!: string;
}

@ObjectType({ description: 'One entry of the append-only, hash-chained audit log.' })
export class AuditEvent {
  @Field(() => ID) eventId!: string;
  @Field() type!: string;
  @Field() entityType!: string;
  @Field(() => ID) entityId!: string;
  @Field(() => String, { nullable: true }) attribute!: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) oldValue!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) newValue!: unknown;
  @Field() actorId!: string;
  @Field(() => SourceSystem, { nullable: true }) sourceSystem!: SourceSystem | null;
  @Field(() => String, { nullable: true }) reasonCode!: string | null;
  @Field() correlationId!: string;
  @Field(() => String, { nullable: true }) causationId!: string | null;
  @Field(() => Date) occurredAt!: Date;
  @Field({ description: "SHA-256 of this entry's own content (personal values as sealed). Sealed blocks chain the entries in commit order; see auditLogVerification." }) hash!: string;
}

@ObjectType('AuditEventEdge')
export class AuditEventEdge {
  @Field(() => AuditEvent) node!: AuditEvent;
  @Field() cursor!: string;
}

@ObjectType('AuditEventConnection')
export class AuditEventConnection {
  @Field(() => [AuditEventEdge]) edges!: AuditEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

export { Person, SourceRecord };

@ObjectType({ description: 'How the golden value of one attribute is chosen among its sources.' })
export class SurvivorshipRuleView {
  @Field() attribute!: string;
  @Field(() => [SourceSystem], { description: 'Systems in order of trust; a steward override beats all of them.' }) sourcePriority!: string[];
  @Field({ description: 'Tie-break after source priority (MOST_RECENT).' }) tieBreak!: string;
  @Field({ description: 'Verified values beat unverified ones first.' }) preferVerified!: boolean;
  @Field({ description: 'True while the built-in default applies.' }) isDefault!: boolean;
  @Field(() => String, { nullable: true }) updatedBy!: string | null;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
}

@InputType()
export class UpdateSurvivorshipRuleInput {
  @Field({ description: 'Golden attribute name, e.g. legalName, phones.' }) attribute!: string;
  @Field(() => [SourceSystem]) sourcePriority!: string[];
  @Field(() => Boolean, { nullable: true }) preferVerified?: boolean | null;
  @Field() reason!: string;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@ObjectType()
export class UpdateSurvivorshipRulePayload {
  @Field() attribute!: string;
  @Field(() => Int, { description: 'People with two or more sources whose golden record was recomputed.' }) recomputedPeople!: number;
  @Field(() => Int, { description: 'Of those, people whose golden values changed.' }) changedPeople!: number;
}

@InputType({ description: "A steward's correction of one golden attribute; null withdraws it." })
export class OverridePersonAttributeInput {
  @Field(() => ID) personId!: string;
  @Field({ description: 'givenName, middleName, familyName, preferredName, primaryEmail, phones, birthDate, nationality, preferredLanguage, street, city, postcode, country.' }) attribute!: string;
  @Field(() => String, { nullable: true }) value!: string | null;
  @Field() reason!: string;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@ObjectType()
export class OverridePersonAttributePayload {
  @Field(() => ID) personId!: string;
  @Field() attribute!: string;
  @Field(() => [String]) changedAttributes!: string[];
}
