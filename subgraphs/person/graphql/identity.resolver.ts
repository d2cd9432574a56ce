// Thin resolvers for identity resolution, stewardship, provenance and the audit log.
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { RequestContext } from '../../shared/context';
import { AttributeProvenance, getProvenance } from '../../shared/provenance';
import { listAuditEvents } from '../use-cases/audit-log';
import { ingestPersonRecord, ingestPersonRecords } from '../use-cases/ingest-record';
import { linkExternalId, unlinkExternalId } from '../use-cases/external-ids';
import { listMatchReviews, resolveMatchReview } from '../use-cases/match-reviews';
import { liftMatchConstraint, listMatchConstraints } from '../use-cases/match-constraints';
import { LiftMatchConstraintInput, LiftMatchConstraintPayload, MatchConstraint } from './match-constraints.types';
import { mergePeople, unmergeSourceRecord } from '../use-cases/merge-people';
import { getPerson } from '../use-cases/read-people';
import { describeSurvivorshipPolicy, overridePersonAttribute, updateSurvivorshipRule } from '../use-cases/survivorship-policy';
import {
  AuditEventConnection, ExternalIdLinkPayload, IngestPersonRecordInput, IngestPersonRecordPayload, IngestPersonRecordsPayload,
  LinkExternalIdInput, MatchReview, MatchReviewConnection, MatchReviewsArgs, MergePeopleInput, MergePeoplePayload, Person,
  OverridePersonAttributeInput, OverridePersonAttributePayload, SurvivorshipRuleView, UpdateSurvivorshipRuleInput, UpdateSurvivorshipRulePayload,
  PersonAttribute, ResolveMatchReviewInput, ResolveMatchReviewPayload, SourceRecord, UnmergeSourceRecordInput, UnmergeSourceRecordPayload,
} from './identity.types';

@Resolver()
export class IdentityResolver {
  @Mutation(() => IngestPersonRecordPayload, { description: 'Send one source record about a person; returns the golden person and the matching decision.' })
  ingestPersonRecord(@Arg('input', () => IngestPersonRecordInput) input: IngestPersonRecordInput, @Ctx() ctx: RequestContext) {
    return ingestPersonRecord(ctx, input);
  }

  @Mutation(() => IngestPersonRecordsPayload, { description: 'Many source records in one call, each resolved exactly as ingestPersonRecord would.' })
  ingestPersonRecords(@Arg('inputs', () => [IngestPersonRecordInput]) inputs: IngestPersonRecordInput[], @Ctx() ctx: RequestContext) {
    return ingestPersonRecords(ctx, inputs);
  }

  @Mutation(() => ExternalIdLinkPayload)
  linkExternalId(@Arg('input', () => LinkExternalIdInput) input: LinkExternalIdInput, @Ctx() ctx: RequestContext) {
    return linkExternalId(ctx, input);
  }

  @Mutation(() => ExternalIdLinkPayload)
  unlinkExternalId(@Arg('input', () => LinkExternalIdInput) input: LinkExternalIdInput, @Ctx() ctx: RequestContext) {
    return unlinkExternalId(ctx, input);
  }

  @Query(() => MatchReviewConnection, { description: 'The steward review queue (PENDING by default), oldest first.' })
  matchReviews(@Args() { status, first, after }: MatchReviewsArgs, @Ctx() ctx: RequestContext) {
    return listMatchReviews(ctx, status, first, after);
  }

  @Mutation(() => ResolveMatchReviewPayload)
  resolveMatchReview(@Arg('input', () => ResolveMatchReviewInput) input: ResolveMatchReviewInput, @Ctx() ctx: RequestContext) {
    return resolveMatchReview(ctx, input);
  }

  @Query(() => [MatchConstraint], { description: "The steward's cannot-link and must-link decisions on any source record of a person." })
  matchConstraints(@Arg('personId', () => ID) personId: string, @Ctx() ctx: RequestContext) {
    return listMatchConstraints(ctx, personId);
  }

  @Mutation(() => LiftMatchConstraintPayload, { description: 'Remove a cannot-link or must-link; the audit log keeps what it said and why it was lifted.' })
  liftMatchConstraint(@Arg('input', () => LiftMatchConstraintInput) input: LiftMatchConstraintInput, @Ctx() ctx: RequestContext) {
    return liftMatchConstraint(ctx, input);
  }

  @Mutation(() => MergePeoplePayload)
  mergePeople(@Arg('input', () => MergePeopleInput) input: MergePeopleInput, @Ctx() ctx: RequestContext) {
    return mergePeople(ctx, input);
  }

  @Mutation(() => UnmergeSourceRecordPayload)
  unmergeSourceRecord(@Arg('input', () => UnmergeSourceRecordInput) input: UnmergeSourceRecordInput, @Ctx() ctx: RequestContext) {
    return unmergeSourceRecord(ctx, input);
  }

  @Query(() => [SurvivorshipRuleView], { description: 'The survivorship rule of every golden attribute.' })
  survivorshipPolicy(@Ctx() ctx: RequestContext) {
    return describeSurvivorshipPolicy(ctx);
  }

  @Mutation(() => UpdateSurvivorshipRulePayload, { description: 'Change one rule and recompute the golden records it affects.' })
  updateSurvivorshipRule(@Arg('input', () => UpdateSurvivorshipRuleInput) input: UpdateSurvivorshipRuleInput, @Ctx() ctx: RequestContext) {
    return updateSurvivorshipRule(ctx, input);
  }

  @Mutation(() => OverridePersonAttributePayload, { description: "A steward's correction, ranked above every system by survivorship." })
  overridePersonAttribute(@Arg('input', () => OverridePersonAttributeInput) input: OverridePersonAttributeInput, @Ctx() ctx: RequestContext) {
    return overridePersonAttribute(ctx, input);
  }

  @Query(() => AuditEventConnection, {
    description: 'The audit log of one entity (any type), or of one flow across entities by correlationId (a person id reads back that person\'s candidate-to-employee timeline); both together narrow to the entity. Oldest first.',
  })
  auditEvents(
    @Arg('entityId', () => ID, { nullable: true }) entityId: string | null,
    @Arg('correlationId', () => String, { nullable: true }) correlationId: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return listAuditEvents(ctx, { entityId, correlationId }, first, after);
  }
}

@Resolver(() => Person)
export class PersonProvenanceResolver {
  @FieldResolver(() => AttributeProvenance, { nullable: true, description: 'Where the current value of the attribute came from, and its history.' })
  provenance(@Root() person: Person, @Arg('attribute', () => PersonAttribute) attribute: string, @Ctx() ctx: RequestContext) {
    return getProvenance(ctx, 'Person', person.id, attribute);
  }
}

@Resolver(() => SourceRecord)
export class SourceRecordResolver {
  @FieldResolver(() => GraphQLJSON, { nullable: true, description: 'The attributes as the system sent them (legal identifiers only as keyed hashes).' })
  attributes(@Root() record: SourceRecord & { attributes?: unknown }) {
    const { nationalIdVariantHashes: _v, ...rest } = (record.attributes ?? {}) as Record<string, unknown>;
    return rest;
  }

  @FieldResolver(() => Person, { nullable: true })
  person(@Root() record: SourceRecord & { personId?: string }, @Ctx() ctx: RequestContext) {
    return record.personId ? getPerson(ctx, record.personId) : null;
  }
}

@Resolver(() => MatchReview)
export class MatchReviewResolver {
  @FieldResolver(() => SourceRecord, { description: 'The incoming record the review is about.' })
  record(@Root() review: MatchReview, @Ctx() ctx: RequestContext) {
    return ctx.db.prisma.sourceRecord.findUnique({ where: { id: review.sourceRecordId } });
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person the record currently belongs to.' })
  async recordPerson(@Root() review: MatchReview, @Ctx() ctx: RequestContext) {
    const r = await ctx.db.prisma.sourceRecord.findUnique({ where: { id: review.sourceRecordId }, select: { personId: true } });
    return r ? getPerson(ctx, r.personId) : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The suggested person, side by side with the record.' })
  candidate(@Root() review: MatchReview, @Ctx() ctx: RequestContext) {
    return getPerson(ctx, review.candidatePersonId);
  }

  @FieldResolver(() => [SourceRecord], { description: "The candidate's source records." })
  async candidateRecords(@Root() review: MatchReview, @Ctx() ctx: RequestContext) {
    const p = await getPerson(ctx, review.candidatePersonId);
    return p ? ctx.db.prisma.sourceRecord.findMany({ where: { personId: p.id }, orderBy: { receivedAt: 'asc' } }) : [];
  }
}

