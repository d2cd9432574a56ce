// Bulk ingestion of person records (the import command): one transaction per batch that resolves every
// record in order exactly as ingestPersonRecord would one call after another — same decisions, golden
// records, provenance, audit chain and outbox — but reads with a few set-based queries before and
// writes with multi-row inserts after. Memory is bounded by the batch: nothing outlives it.
import { computeBlockingKeys } from '../../core/identity/blocking-keys';
import { resolveRecord, type CandidateCluster, type DeterministicHit, type Resolution } from '../../core/identity/resolve-record';
import type { MatchFeatures, PersonAttributes } from '../../core/identity/types';
import { computeGoldenRecord, type GoldenSource } from '../../core/survivorship/compute-golden-record';
import type { SurvivorshipPolicy } from '../../core/survivorship/policy';
import type { Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { insertRows, updateRows } from '../shared/bulk-sql';
import { appendAuditBatch, enqueueEventBatch, type AuditEntry, type ChangeMeta, type OutboxEntry } from '../shared/change-log';
import type { RequestContext } from '../shared/context';
import type { SourceSystem } from '../shared/enums';
import { changeMeta } from '../shared/owned-record';
import { personFlowMeta } from '../shared/person-flow';
import { comparable, currentColumns, loadStoredPolicy, PERSON_GOLDEN_ATTRIBUTES, toColumns, type PersonGoldenAttribute } from './golden-record';
import { BULK_INGEST_LOCK, resolveSurvivor } from './identity-repository';
import { ERASED_IDENTITY_RESOLUTION, erasureKeyHashesOf, featuresOf, isEmpty, mergeAttributes, toStoredAttributes, type IngestInput, type IngestResult } from './ingest-record';
import { hashPayload } from './source-records';
import { LEGAL_IDENTIFIER_KINDS, storeLegalIdentifiers } from './legal-identifiers';

export type BatchRowOutcome =
  | { ok: true; result: IngestResult; /** With `collectCandidates`: the source records scored against this one. */ candidates?: Array<{ system: string; sourceId: string }> }
  | { ok: false; problems: Array<{ field: string; message: string }> };

export interface IngestBatchOptions {
  /** Report, per resolved row, which existing source records were scored against it (benchmarks). */
  collectCandidates?: boolean;
}

type Columns = Record<PersonGoldenAttribute, unknown>;

interface RecordState {
  id: string;
  personId: string;
  system: SourceSystem;
  sourceId: string;
  features: MatchFeatures;
  /** Loaded only for records whose person the batch touches (golden recomputation needs them). */
  attributes?: PersonAttributes;
  payloadHash?: string;
  sourceTimestamp?: Date;
}

/** One provenance row: `row` null keeps the stored row as it is; `deleted` removes it. */
interface ProvenanceState { id: string; eventId: string; row: Record<string, unknown> | null; deleted?: boolean }

interface PersonState {
  id: string;
  isNew: boolean;
  /** Non-erased source record ids in id order (new ids sort after stored ones), as of the current row of pass 1. */
  memberIds: string[];
  // Filled for touched people before the apply pass:
  /** Members as of the row being applied in pass 2 (golden records are recomputed row by row). */
  goldenMemberIds?: string[];
  columns?: Columns;
  candidateStatus?: string;
  customerStatus?: string;
  version?: number;
  provenance?: Map<string, ProvenanceState>;
}

/** A blocking-key row: stored (read from BlockingKey) or fresh (written by this batch). */
interface KeyRow { sourceRecordId: string; personId: string; fresh: boolean }

type Plan =
  | { kind: 'reject'; problems: Array<{ field: string; message: string }> }
  | { kind: 'unchanged'; recordId: string; personId: string; reason: string }
  | { kind: 'update'; recordId: string; personId: string; input: IngestInput; source: GoldenSource }
  | { kind: 'new'; recordId: string; personId: string; input: IngestInput; source: GoldenSource; resolution: Resolution; candidates?: Array<{ system: string; sourceId: string }> };

const recordKey = (system: string, sourceId: string) => `${system}\u0000${sourceId}`;

const EMPTY_PROBLEM = [{ field: 'attributes', message: 'must carry at least a name, an e-mail, a phone or a legal identifier' }];

/** The batch transaction may hold many rows; it gets more time than an API mutation. */
const BATCH_TIMEOUT_MS = 10 * 60_000;
const RETRYABLE = new Set(['P2034', '40001', '40P01']);

export async function ingestBatch(ctx: RequestContext, inputs: IngestInput[], options: IngestBatchOptions = {}): Promise<BatchRowOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.prisma.$transaction((tx) => ingestBatchInTransaction(tx, ctx, inputs, options), {
        isolationLevel: 'ReadCommitted', maxWait: 60_000, timeout: BATCH_TIMEOUT_MS,
      });
    } catch (err) {
      const e = err as { code?: string; meta?: { code?: string } };
      if (attempt >= 3 || !(RETRYABLE.has(e?.code ?? '') || RETRYABLE.has(e?.meta?.code ?? ''))) throw err;
    }
  }
}

async function ingestBatchInTransaction(tx: Tx, ctx: RequestContext, inputs: IngestInput[], options: IngestBatchOptions): Promise<BatchRowOutcome[]> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BULK_INGEST_LOCK})`;
  const batch = new BatchResolver(tx, ctx, options);
  const plans = await batch.decide(inputs);
  return batch.apply(inputs, plans);
}

class BatchResolver {
  private readonly region: string;
  private readonly records = new Map<string, RecordState>();
  private readonly bySource = new Map<string, string>();
  private readonly people = new Map<string, PersonState>();
  private readonly externalIds = new Map<string, string>();
  private readonly keyIndex = new Map<string, KeyRow[]>();
  /** Records whose stored blocking keys were replaced in this batch. */
  private readonly rekeyed = new Set<string>();
  private readonly fetchedKeys = new Set<string>();
  /** Keyed hashes of erased identities that records of this batch carry. */
  private readonly erasedHashes = new Set<string>();
  private readonly survivors = new Map<string, string>();
  private readonly newKeys: Array<{ key: string; sourceRecordId: string; personId: string }> = [];
  private readonly newExternalIds: Array<{ id: string; system: string; value: string; personId: string; linkedBy: string }> = [];

  constructor(private readonly tx: Tx, private readonly ctx: RequestContext, private readonly options: IngestBatchOptions) {
    this.region = ctx.config.matching.defaultRegion;
  }

  // ---- pass 1: decisions, in order, against the database plus everything earlier in the batch ----

  async decide(inputs: IngestInput[]): Promise<Plan[]> {
    const prepared = inputs.map((input) => {
      const incoming = toStoredAttributes(input.attributes, this.ctx.config.legalIdHmacKey);
      return { input, incoming, features: featuresOf(incoming, input.system, this.ctx.config) };
    });
    await this.prefetch(prepared.map((p) => p.input), prepared.map((p) => computeBlockingKeys(p.features)));
    await this.prefetchTombstones(prepared.flatMap((p) => erasureKeyHashesOf(p.input, p.features, this.ctx.config.legalIdHmacKey)));
    // Rows resolve strictly in order: each sees the database plus every earlier row of the batch.
    const plans: Plan[] = [];
    for (const { input, incoming } of prepared) plans.push(await this.decideOne(input, incoming));
    return plans;
  }

  private async prefetch(inputs: IngestInput[], incomingKeys: string[][]): Promise<void> {
    const tx = this.tx;
    const systems = inputs.map((i) => i.system as string);
    const sourceIds = inputs.map((i) => i.sourceId);
    const existing = await tx.$queryRawUnsafe<Array<{ id: string; personId: string; system: SourceSystem; sourceId: string; attributes: PersonAttributes; features: MatchFeatures; payloadHash: string; ts: string }>>(
      `SELECT id::text, "personId"::text AS "personId", system::text AS system, "sourceId", attributes, features, "payloadHash",
              to_char("sourceTimestamp", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ts
       FROM "SourceRecord" WHERE (system::text, "sourceId") IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      systems, sourceIds,
    );
    const links = await tx.$queryRawUnsafe<Array<{ system: string; value: string; personId: string }>>(
      `SELECT system::text AS system, value, "personId"::text AS "personId" FROM "ExternalId"
       WHERE (system::text, value) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      systems, sourceIds,
    );
    // Stored people are followed through merge redirects as the online path does.
    const linkedPeople = [...new Set([...existing.map((r) => r.personId), ...links.map((l) => l.personId)])];
    if (linkedPeople.length > 0) {
      const merged = await tx.$queryRawUnsafe<Array<{ id: string }>>(`SELECT id::text FROM "Person" WHERE id = ANY($1::uuid[]) AND "mergedIntoId" IS NOT NULL`, linkedPeople);
      for (const m of merged) this.survivors.set(m.id, await resolveSurvivor(tx, m.id));
    }
    for (const l of links) this.externalIds.set(recordKey(l.system, l.value), this.survivorOf(l.personId));
    await this.loadPeople(linkedPeople.map((p) => this.survivorOf(p)));
    // Every stored record of the batch's (system, sourceId) pairs, erased ones included.
    for (const r of existing) {
      const state: RecordState = this.records.get(r.id) ?? { id: r.id, personId: r.personId, system: r.system, sourceId: r.sourceId, features: r.features };
      Object.assign(state, { attributes: r.attributes, payloadHash: r.payloadHash, sourceTimestamp: new Date(r.ts) });
      this.records.set(r.id, state);
      this.bySource.set(recordKey(r.system, r.sourceId), r.id);
    }
    await this.ensureKeys(incomingKeys.flat());
  }

  /** Which of these keyed hashes an erasure tombstone holds (a re-appearing erased identity). */
  private async prefetchTombstones(hashes: string[]): Promise<void> {
    if (hashes.length === 0) return;
    const rows = await this.tx.$queryRawUnsafe<Array<{ hash: string }>>(
      `SELECT DISTINCT h AS hash FROM "ErasureTombstone", unnest("keyHashes") AS h WHERE "keyHashes" && $1::text[] AND h = ANY($1::text[])`,
      [...new Set(hashes)],
    );
    for (const r of rows) this.erasedHashes.add(r.hash);
  }

  /** Reads the stored rows of blocking keys not read yet, and the members of the people they name. */
  private async ensureKeys(keys: string[]): Promise<void> {
    const missing = [...new Set(keys)].filter((k) => !this.fetchedKeys.has(k));
    if (missing.length === 0) return;
    for (const k of missing) this.fetchedKeys.add(k);
    const rows = await this.tx.$queryRawUnsafe<Array<{ key: string; sourceRecordId: string; personId: string }>>(
      `SELECT key, "sourceRecordId"::text AS "sourceRecordId", "personId"::text AS "personId" FROM "BlockingKey" WHERE key = ANY($1::text[])`,
      missing,
    );
    for (const r of rows) this.indexKey(r.key, { sourceRecordId: r.sourceRecordId, personId: r.personId, fresh: false });
    await this.loadPeople(rows.map((r) => r.personId));
  }

  /** Source records (features) of stored people not loaded yet. */
  private async loadPeople(personIds: string[]): Promise<void> {
    const ids = [...new Set(personIds)].filter((id) => !this.people.has(id));
    if (ids.length === 0) return;
    const members = await this.tx.$queryRawUnsafe<Array<{ id: string; personId: string; system: SourceSystem; sourceId: string; features: MatchFeatures }>>(
      `SELECT id::text, "personId"::text AS "personId", system::text AS system, "sourceId", features FROM "SourceRecord"
       WHERE "personId" = ANY($1::uuid[]) AND "erasedAt" IS NULL ORDER BY id`,
      ids,
    );
    for (const id of ids) this.people.set(id, { id, isNew: false, memberIds: [] });
    for (const m of members) {
      if (!this.records.has(m.id)) this.records.set(m.id, { ...m });
      this.people.get(m.personId)!.memberIds.push(m.id);
    }
  }

  private indexKey(key: string, row: KeyRow): void {
    const list = this.keyIndex.get(key);
    if (list) list.push(row);
    else this.keyIndex.set(key, [row]);
  }

  /** Current rows of a key: stored rows of records re-keyed in this batch no longer count. */
  private keyRows(key: string): KeyRow[] {
    const rows = this.keyIndex.get(key) ?? [];
    return this.rekeyed.size === 0 ? rows : rows.filter((r) => r.fresh || !this.rekeyed.has(r.sourceRecordId));
  }

  private async decideOne(input: IngestInput, incoming: PersonAttributes): Promise<Plan> {
    const existingId = this.bySource.get(recordKey(input.system, input.sourceId));
    const existing = existingId ? this.records.get(existingId)! : null;
    const attributes = existing ? mergeAttributes(existing.attributes!, incoming) : incoming;
    if (isEmpty(attributes)) return { kind: 'reject', problems: EMPTY_PROBLEM };
    const features = featuresOf(attributes, input.system, this.ctx.config);
    const keys = computeBlockingKeys(features);
    await this.ensureKeys(keys);

    if (existing) {
      const personId = this.survivorOf(existing.personId);
      const payloadHash = hashPayload(attributes);
      if (payloadHash === existing.payloadHash) return { kind: 'unchanged', recordId: existing.id, personId, reason: 'same payload as the stored source record' };
      if (input.sourceTimestamp.getTime() < existing.sourceTimestamp!.getTime()) {
        return { kind: 'unchanged', recordId: existing.id, personId, reason: 'older than the stored source record (sourceTimestamp)' };
      }
      this.replaceKeys(existing, personId, keys);
      Object.assign(existing, { attributes, features, payloadHash, sourceTimestamp: input.sourceTimestamp, personId });
      return { kind: 'update', recordId: existing.id, personId, input, source: this.goldenSource(existing) };
    }

    // As online: an erased identity's record is created flagged, never matched back (erase-person.ts).
    const erased = erasureKeyHashesOf(input, features, this.ctx.config.legalIdHmacKey).some((h) => this.erasedHashes.has(h));
    const { resolution, candidates } = erased ? { resolution: ERASED_IDENTITY_RESOLUTION, candidates: undefined } : this.resolve(input, features, keys);
    const joins = resolution.decision === 'MATCHED' || resolution.decision === 'AUTO_MERGED';
    const personId = joins ? resolution.personId! : newId();
    if (!joins) this.people.set(personId, { id: personId, isNew: true, memberIds: [] });
    const recordId = newId();
    this.records.set(recordId, {
      id: recordId, personId, system: input.system as SourceSystem, sourceId: input.sourceId, features, attributes,
      payloadHash: hashPayload(attributes), sourceTimestamp: input.sourceTimestamp,
    });
    this.bySource.set(recordKey(input.system, input.sourceId), recordId);
    this.people.get(personId)!.memberIds.push(recordId);
    for (const key of keys) {
      this.indexKey(key, { sourceRecordId: recordId, personId, fresh: true });
      this.newKeys.push({ key, sourceRecordId: recordId, personId });
    }
    const ext = recordKey(input.system, input.sourceId);
    if (!this.externalIds.has(ext)) {
      this.externalIds.set(ext, personId);
      this.newExternalIds.push({ id: newId(), system: input.system, value: input.sourceId, personId, linkedBy: this.ctx.actor.id });
    }
    return { kind: 'new', recordId, personId, input, resolution, candidates, source: this.goldenSource(this.records.get(recordId)!) };
  }

  /** The online update deletes a record's key rows and writes its new ones. */
  private replaceKeys(record: RecordState, personId: string, keys: string[]): void {
    this.rekeyed.add(record.id);
    // Rows this batch already wrote for the record were computed from its previous features.
    for (const key of computeBlockingKeys(record.features)) {
      const rows = this.keyIndex.get(key);
      if (rows?.some((r) => r.fresh && r.sourceRecordId === record.id)) this.keyIndex.set(key, rows.filter((r) => !(r.fresh && r.sourceRecordId === record.id)));
    }
    for (let i = this.newKeys.length - 1; i >= 0; i--) if (this.newKeys[i].sourceRecordId === record.id) this.newKeys.splice(i, 1);
    for (const key of keys) {
      this.indexKey(key, { sourceRecordId: record.id, personId, fresh: true });
      this.newKeys.push({ key, sourceRecordId: record.id, personId });
    }
  }

  /** What survivorship reads of a record, as of this row (later rows may change the record again). */
  private goldenSource(r: RecordState): GoldenSource {
    return { sourceRecordId: r.id, system: r.system, sourceId: r.sourceId, sourceTimestamp: r.sourceTimestamp!.toISOString(), attributes: r.attributes! };
  }

  private survivorOf(personId: string): string {
    return this.survivors.get(personId) ?? personId;
  }

  /** resolveNewRecord of the online path, over the batch's view of the database. */
  private resolve(input: IngestInput, features: MatchFeatures, keys: string[]): { resolution: Resolution; candidates?: Array<{ system: string; sourceId: string }> } {
    const m = this.ctx.config.matching;
    const deterministic: DeterministicHit[] = [];
    const linked = this.externalIds.get(recordKey(input.system, input.sourceId));
    if (linked) deterministic.push({ key: 'EXTERNAL_ID', personId: linked });
    if (features.nationalIdHash) {
      const owners = [...new Set(this.keyRows(`id:${features.nationalIdHash}`).map((r) => r.personId))].sort();
      for (const p of owners) deterministic.push({ key: 'NATIONAL_ID', personId: p });
    }
    const candidateKeys = m.probabilistic ? keys : keys.filter((k) => k.startsWith('em:'));
    // GROUP BY person ORDER BY count(*) DESC, person LIMIT cap — as findCandidatePeople.
    const shared = new Map<string, number>();
    for (const key of candidateKeys) for (const r of this.keyRows(key)) shared.set(r.personId, (shared.get(r.personId) ?? 0) + 1);
    const ranked = [...shared].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, m.candidateCap).map(([p]) => p);
    const clusterIds = [...new Set([...ranked, ...deterministic.map((d) => d.personId)])];
    const members = clusterIds
      .flatMap((id) => (this.people.get(id)?.memberIds ?? []).map((rid) => this.records.get(rid)!))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (features.email) {
      const verifiedOwners = new Set(members.filter((r) => r.features.emailVerified && r.features.email === features.email).map((r) => r.personId));
      for (const p of verifiedOwners) deterministic.push({ key: 'VERIFIED_EMAIL', personId: p });
    }
    const byPerson = new Map<string, RecordState[]>();
    for (const r of members) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
    const clusters: CandidateCluster[] = clusterIds
      .filter((id) => byPerson.has(id) && (m.probabilistic || deterministic.some((d) => d.personId === id)))
      .map((personId) => ({ personId, cannotLink: false, members: byPerson.get(personId)!.map((r) => ({ sourceRecordId: r.id, features: r.features })) }));
    const resolution = resolveRecord({ features, deterministic, candidates: clusters, candidatesFound: shared.size, candidateCap: m.candidateCap, thresholds: m });
    const candidates = this.options.collectCandidates
      ? clusters.flatMap((c) => byPerson.get(c.personId)!.map((r) => ({ system: r.system as string, sourceId: r.sourceId })))
      : undefined;
    return { resolution, candidates };
  }

  // ---- pass 2: carry out the decisions in order, then write everything set-based ----

  async apply(inputs: IngestInput[], plans: Plan[]): Promise<BatchRowOutcome[]> {
    const policy = await loadStoredPolicy(this.tx);
    const applied = await this.loadTouchedPeople(plans);
    const audit: Array<{ meta: ChangeMeta; entry: AuditEntry }> = [];
    const events: Array<{ meta: ChangeMeta; event: OutboxEntry }> = [];
    const reviews: Array<Record<string, unknown>> = [];
    const updatedRecords = new Set<string>();
    const now = new Date();
    const outcomes: BatchRowOutcome[] = [];

    for (const plan of plans) {
      if (plan.kind === 'reject') {
        outcomes.push({ ok: false, problems: plan.problems });
        continue;
      }
      if (plan.kind === 'unchanged') {
        outcomes.push({ ok: true, result: {
          personId: plan.personId, sourceRecordId: plan.recordId, decision: 'UNCHANGED', matchedKey: 'SOURCE_RECORD', score: null, suggestedPersonId: null, reviewId: null,
          explanation: { comparisons: [], blockers: [], candidatesConsidered: 0, candidatesCapped: false, reason: plan.reason }, changedAttributes: [],
        } });
        continue;
      }
      const input = plan.input;
      const requestMeta = changeMeta(this.ctx, input.system, now);
      const person = this.people.get(plan.personId)!;
      // Correlation as the online path: a record that creates a person from the ATS, or joins a
      // candidate, is a step of that person's flow (shared/person-flow.ts).
      // (A person this row creates has no status yet.)
      const inFlow = plan.kind === 'new' && (input.system === 'ATS' || (person.candidateStatus ?? 'NONE') !== 'NONE');
      const meta = inFlow ? personFlowMeta(requestMeta, plan.personId) : requestMeta;
      const log = (entry: AuditEntry) => audit.push({ meta, entry });
      const emit = (event: OutboxEntry) => events.push({ meta, event });
      applied.set(plan.recordId, plan.source);
      if (plan.kind === 'new') (person.goldenMemberIds ??= []).push(plan.recordId);

      if (plan.kind === 'update') {
        updatedRecords.add(plan.recordId);
        log({ type: 'SourceRecordUpdated', entityType: 'Person', entityId: plan.personId,
          newValue: { sourceRecordId: plan.recordId, system: input.system, sourceId: input.sourceId, attributes: Object.keys(input.attributes) } });
        const changed = this.recompute(person, applied, meta, policy, log);
        if (changed.length) emit({ type: 'PersonUpdated', aggregateType: 'Person', aggregateId: plan.personId, payload: { id: plan.personId, changedAttributes: changed, sourceRecord: { system: input.system, sourceId: input.sourceId } } });
        outcomes.push({ ok: true, result: {
          personId: plan.personId, sourceRecordId: plan.recordId, decision: 'MATCHED', matchedKey: 'SOURCE_RECORD', score: null, suggestedPersonId: null, reviewId: null,
          explanation: { comparisons: [], blockers: [], candidatesConsidered: 0, candidatesCapped: false, reason: 'same (system, sourceId): the stored source record was updated' },
          changedAttributes: changed,
        } });
        continue;
      }

      const r = plan.resolution;
      const record = this.records.get(plan.recordId)!;
      if (r.decision === 'MATCHED' || r.decision === 'AUTO_MERGED') {
        Object.assign(record, { linkType: r.decision === 'MATCHED' ? 'DETERMINISTIC' : 'AUTOMATIC', linkKey: r.matchedKey, matchScore: r.score });
        log({ type: 'SourceRecordLinked', entityType: 'Person', entityId: plan.personId,
          newValue: { sourceRecordId: plan.recordId, system: input.system, sourceId: input.sourceId, decision: r.decision, matchedKey: r.matchedKey, score: r.score } });
        const changed = this.recompute(person, applied, meta, policy, log);
        const roles = this.applyRoleStatus(person, input.system, log);
        emit({ type: 'PersonUpdated', aggregateType: 'Person', aggregateId: plan.personId,
          payload: { id: plan.personId, changedAttributes: [...changed, ...roles], sourceRecord: { system: input.system, sourceId: input.sourceId }, decision: r.decision } });
        outcomes.push({ ok: true, candidates: plan.candidates, result: {
          personId: plan.personId, sourceRecordId: plan.recordId, decision: r.decision, matchedKey: r.matchedKey, score: r.score, suggestedPersonId: null, reviewId: null,
          explanation: r.explanation, changedAttributes: [...changed, ...roles],
        } });
        continue;
      }

      const flagged = r.decision === 'CREATED_FLAGGED';
      Object.assign(record, { linkType: 'NEW', linkKey: flagged ? 'WEAK_CANDIDATE' : r.decision === 'REVIEW_QUEUED' ? 'REVIEW' : null, matchScore: r.score });
      Object.assign(person, {
        columns: currentColumns({}), version: 1, provenance: new Map(), goldenMemberIds: [plan.recordId],
        candidateStatus: input.system === 'ATS' ? 'APPLICANT' : 'NONE', customerStatus: input.system === 'CRM' ? 'CONTACT' : 'NONE',
      });
      log({ type: 'PersonCreated', entityType: 'Person', entityId: plan.personId });
      this.recompute(person, applied, meta, policy, log);
      emit({ type: 'PersonCreated', aggregateType: 'Person', aggregateId: plan.personId,
        payload: { id: plan.personId, systems: [input.system], decision: r.decision, candidate: input.system === 'ATS', sourceRecord: { system: input.system, sourceId: input.sourceId } } });
      let reviewId: string | null = null;
      if (r.decision === 'REVIEW_QUEUED') {
        reviewId = newId();
        reviews.push({ id: reviewId, sourceRecordId: plan.recordId, candidatePersonId: r.personId, score: r.score ?? 0, explanation: r.explanation, createdAt: now.toISOString() });
        log({ type: 'ReviewQueued', entityType: 'Person', entityId: plan.personId, newValue: { reviewId, candidatePersonId: r.personId, score: r.score, blockers: r.explanation.blockers } });
        emit({ type: 'ReviewQueued', aggregateType: 'MatchReview', aggregateId: reviewId, payload: { reviewId, personId: plan.personId, candidatePersonId: r.personId, score: r.score } });
      } else if (flagged) {
        log({ type: 'PersonFlagged', entityType: 'Person', entityId: plan.personId, newValue: { candidatePersonId: r.personId, score: r.score } });
      }
      outcomes.push({ ok: true, candidates: plan.candidates, result: {
        personId: plan.personId, sourceRecordId: plan.recordId, decision: r.decision, matchedKey: null, score: r.score,
        suggestedPersonId: r.decision === 'REVIEW_QUEUED' || flagged ? r.personId : null, reviewId, explanation: r.explanation, changedAttributes: [],
      } });
    }

    await this.write(plans, updatedRecords, reviews, now);
    await this.storeLegalIdentifiers(inputs, plans, outcomes);
    await appendAuditBatch(this.tx, audit);
    await enqueueEventBatch(this.tx, events);
    return outcomes;
  }

  /**
   * Person rows, provenance and stored member records of every stored person the batch changes: the
   * state before the batch, which pass 2 advances row by row. Returns the stored records as survivorship reads them.
   */
  private async loadTouchedPeople(plans: Plan[]): Promise<Map<string, GoldenSource>> {
    const applied = new Map<string, GoldenSource>();
    const ids = [...new Set(plans.filter((p) => p.kind === 'update' || p.kind === 'new').map((p) => (p as { personId: string }).personId))]
      .filter((id) => !this.people.get(id)!.isNew);
    if (ids.length === 0) return applied;
    const persons = await this.tx.person.findMany({ where: { id: { in: ids } } });
    const provenance = await this.tx.provenance.findMany({ where: { entityType: 'Person', entityId: { in: ids } }, select: { id: true, entityId: true, attribute: true, eventId: true } });
    const sources = await this.tx.$queryRawUnsafe<Array<{ id: string; personId: string; system: SourceSystem; sourceId: string; attributes: PersonAttributes; ts: string }>>(
      `SELECT id::text, "personId"::text AS "personId", system::text AS system, "sourceId", attributes, to_char("sourceTimestamp", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ts
       FROM "SourceRecord" WHERE "personId" = ANY($1::uuid[]) AND "erasedAt" IS NULL`,
      ids,
    );
    for (const p of persons) {
      Object.assign(this.people.get(p.id)!, {
        columns: currentColumns(p as unknown as Record<string, unknown>), candidateStatus: p.candidateStatus, customerStatus: p.customerStatus,
        version: p.version, provenance: new Map(), goldenMemberIds: [],
      });
    }
    for (const p of provenance) this.people.get(p.entityId)!.provenance!.set(p.attribute, { id: p.id, eventId: p.eventId, row: null });
    for (const s of sources) {
      applied.set(s.id, { sourceRecordId: s.id, system: s.system, sourceId: s.sourceId, sourceTimestamp: new Date(s.ts).toISOString(), attributes: s.attributes });
      this.people.get(s.personId)!.goldenMemberIds!.push(s.id);
    }
    return applied;
  }

  /**
   * As ingestValidated does after each record: keep the encrypted legal identifiers in step with what
   * the system sent. A record new in this batch has none stored yet, so an empty value needs no work.
   */
  private async storeLegalIdentifiers(inputs: IngestInput[], plans: Plan[], outcomes: BatchRowOutcome[]): Promise<void> {
    for (const [i, outcome] of outcomes.entries()) {
      if (!outcome.ok) continue;
      const attrs = inputs[i].attributes as Record<string, string | null | undefined>;
      const carried = Object.fromEntries(Object.keys(LEGAL_IDENTIFIER_KINDS).map((a) => [a, attrs[a]]).filter(([, v]) => v !== undefined));
      if (Object.keys(carried).length === 0) continue;
      if (plans[i].kind === 'new' && Object.values(carried).every((v) => v === null)) continue;
      await storeLegalIdentifiers(this.tx, this.ctx.config, outcome.result, carried);
    }
  }

  /** recomputeGoldenPerson in memory: new columns, audit of changed values, provenance of every attribute. */
  private recompute(person: PersonState, applied: Map<string, GoldenSource>, meta: ChangeMeta, policy: SurvivorshipPolicy, log: (e: AuditEntry) => void): PersonGoldenAttribute[] {
    const sources = person.goldenMemberIds!.map((id) => applied.get(id)!);
    const golden = computeGoldenRecord(sources, policy, { defaultRegion: this.region });
    const next = toColumns(golden.attributes as Record<string, unknown>, this.region);
    const before = person.columns!;
    const changed = PERSON_GOLDEN_ATTRIBUTES.filter((a) => comparable(before[a]) !== comparable(next[a]));
    const eventIdOf = new Map<string, string>();
    for (const a of changed) {
      const eventId = newId();
      eventIdOf.set(a, eventId);
      log({ eventId, type: 'PersonAttributeChanged', entityType: 'Person', entityId: person.id, attribute: a, oldValue: before[a], newValue: next[a] });
    }
    if (changed.length > 0) {
      person.columns = next;
      person.version! += 1;
    }
    for (const a of PERSON_GOLDEN_ATTRIBUTES) {
      const p = golden.provenance[a as keyof typeof golden.provenance];
      const last = person.provenance!.get(a);
      if (!p) {
        // As the online path: a row goes only when its value went; it is deleted at write time.
        if (last && changed.includes(a)) person.provenance!.set(a, { ...last, row: null, deleted: true });
        continue;
      }
      const eventId = eventIdOf.get(a) ?? last?.eventId ?? newId();
      person.provenance!.set(a, {
        id: last?.id ?? newId(), eventId,
        row: {
          value: next[a] ?? null, system: p.system, sourceRecordId: p.sourceRecordId, sourceId: p.sourceId, sourceTimestamp: p.sourceTimestamp,
          rule: p.rule, eventId, decidedAt: meta.now.toISOString(), candidates: p.candidates,
        },
      });
    }
    return changed;
  }

  private applyRoleStatus(person: PersonState, system: string, log: (e: AuditEntry) => void): string[] {
    const field = system === 'ATS' ? 'candidateStatus' : system === 'CRM' ? 'customerStatus' : null;
    if (!field || person[field] !== 'NONE') return [];
    const value = field === 'candidateStatus' ? 'APPLICANT' : 'CONTACT';
    person[field] = value;
    log({ type: 'PersonUpdated', entityType: 'Person', entityId: person.id, attribute: field, oldValue: 'NONE', newValue: value });
    return [field];
  }

  private async write(plans: Plan[], updatedRecords: Set<string>, reviews: Array<Record<string, unknown>>, now: Date): Promise<void> {
    const tx = this.tx;
    const stamp = now.toISOString();
    const touched = [...new Set(plans.filter((p) => p.kind === 'update' || p.kind === 'new').map((p) => (p as { personId: string }).personId))].map((id) => this.people.get(id)!);
    const personRow = (p: PersonState) => {
      const c = p.columns!;
      return {
        id: p.id, ...c, birthDate: c.birthDate ?? null, candidateStatus: p.candidateStatus, customerStatus: p.customerStatus, version: p.version,
        lastActivityAt: stamp, updatedAt: stamp,
      };
    };
    const personColumns = {
      id: 'uuid', legalName: 'text', givenName: 'text', middleName: 'text', familyName: 'text', preferredName: 'text', primaryEmail: 'text',
      emails: 'text[]', phones: 'text[]', birthDate: 'date', nationality: 'text', preferredLanguage: 'text', street: 'text', city: 'text',
      postcode: 'text', country: 'text', candidateStatus: '"CandidateStatus"', customerStatus: '"CustomerStatus"', version: 'int',
      lastActivityAt: 'timestamp(3)', updatedAt: 'timestamp(3)',
    };
    await insertRows(tx, 'Person', personColumns, touched.filter((p) => p.isNew).map(personRow));
    await updateRows(tx, 'Person', 'id', personColumns, touched.filter((p) => !p.isNew).map(personRow));

    const newRecords = plans.filter((p): p is Extract<Plan, { kind: 'new' }> => p.kind === 'new').map((p) => this.records.get(p.recordId)! as RecordState & Record<string, unknown>);
    await insertRows(tx, 'SourceRecord', {
      id: 'uuid', system: '"SourceSystem"', sourceId: 'text', personId: 'uuid', attributes: 'jsonb', features: 'jsonb', payloadHash: 'text',
      sourceTimestamp: 'timestamp(3)', updatedAt: 'timestamp(3)', linkType: '"LinkType"', linkKey: 'text', matchScore: 'float8',
    }, newRecords.map((r) => ({
      id: r.id, system: r.system, sourceId: r.sourceId, personId: r.personId, attributes: r.attributes, features: r.features, payloadHash: r.payloadHash,
      sourceTimestamp: r.sourceTimestamp!.toISOString(), updatedAt: stamp, linkType: r.linkType, linkKey: r.linkKey ?? null, matchScore: r.matchScore ?? null,
    })));
    const updated = [...updatedRecords].map((id) => this.records.get(id)!);
    await updateRows(tx, 'SourceRecord', 'id', {
      id: 'uuid', attributes: 'jsonb', features: 'jsonb', payloadHash: 'text', sourceTimestamp: 'timestamp(3)', updatedAt: 'timestamp(3)',
    }, updated.map((r) => ({ id: r.id, attributes: r.attributes, features: r.features, payloadHash: r.payloadHash, sourceTimestamp: r.sourceTimestamp!.toISOString(), updatedAt: stamp })));

    if (updated.length > 0) await tx.$executeRawUnsafe(`DELETE FROM "BlockingKey" WHERE "sourceRecordId" = ANY($1::uuid[])`, updated.map((r) => r.id));
    await insertRows(tx, 'BlockingKey', { key: 'text', sourceRecordId: 'uuid', personId: 'uuid' }, this.newKeys, 'ON CONFLICT DO NOTHING');
    await insertRows(tx, 'ExternalId', { id: 'uuid', system: '"SourceSystem"', value: 'text', personId: 'uuid', linkedBy: 'text' }, this.newExternalIds, 'ON CONFLICT DO NOTHING');

    const gone = touched.flatMap((p) => [...p.provenance!].filter(([, s]) => s.deleted).map(([attribute]) => ({ entityId: p.id, attribute })));
    if (gone.length > 0) {
      await tx.$executeRawUnsafe(
        `DELETE FROM "Provenance" WHERE "entityType" = 'Person' AND ("entityId", attribute) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
        gone.map((g) => g.entityId), gone.map((g) => g.attribute),
      );
    }
    const provenance = touched.flatMap((p) => [...p.provenance!].filter(([, s]) => s.row).map(([attribute, s]) => ({ id: s.id, entityType: 'Person', entityId: p.id, attribute, ...s.row })));
    const provenanceColumns = {
      id: 'uuid', entityType: 'text', entityId: 'uuid', attribute: 'text', value: 'jsonb', system: '"SourceSystem"', sourceRecordId: 'uuid', sourceId: 'text',
      sourceTimestamp: 'timestamp(3)', rule: 'text', eventId: 'uuid', decidedAt: 'timestamp(3)', candidates: 'jsonb',
    };
    const updates = Object.keys(provenanceColumns).filter((c) => !['id', 'entityType', 'entityId', 'attribute'].includes(c)).map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ');
    await insertRows(tx, 'Provenance', provenanceColumns, provenance, `ON CONFLICT ("entityType", "entityId", "attribute") DO UPDATE SET ${updates}`);
    await insertRows(tx, 'MatchReview', { id: 'uuid', sourceRecordId: 'uuid', candidatePersonId: 'uuid', score: 'float8', explanation: 'jsonb', createdAt: 'timestamp(3)' }, reviews);
  }
}
