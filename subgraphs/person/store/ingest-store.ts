// The ingest store: gathers, for a batch of any size, the view of the database the planner decides
// against (core/identity/plan-ingest.ts), lets every record of the batch see the effects of the earlier
// ones through an in-memory overlay of that view, and carries the plans out with set-based SQL — one
// statement per kind of row per batch. ingestPersonRecord (a batch of one), ingestPersonRecords and the
// import all run through it, so they decide, recompute golden records, write provenance, audit and
// outbox exactly alike. Memory is bounded by the batch: nothing outlives it.
import { FREQUENCY_PEOPLE_CAP, FREQUENCY_ROW_LIMIT, computeBlockingKeys, isCandidateKey, needsAllRows, storedKeysFor, storedKeysOf } from '../../../core/identity/blocking-keys';
import { ERASED_IDENTITY_RESOLUTION, BLOCK_ROW_LIMIT, LONE_KEY_RECORDS, MAX_BLOCK_RECORDS, planIngest, type IngestView, type ViewRecord } from '../../../core/identity/plan-ingest';
import { DEFAULT_MATCH_MODEL, type MatchModel } from '../../../core/identity/default-match-model';
import { decodeStoredFeatures, encodeStoredFeatures } from '../../../core/identity/stored-features';
import { modelOfRow } from './match-models';
import type { Resolution } from '../../../core/identity/resolve-record';
import type { MatchFeatures, PersonAttributes } from '../../../core/identity/types';
import type { GoldenSource } from '../../../core/survivorship/compute-golden-record';
import { currentColumns, PERSON_GOLDEN_ATTRIBUTES, planGoldenChange, planRoleStart, type PersonGoldenAttribute, type ProvenanceState } from '../../../core/survivorship/plan-golden-change';
import type { SurvivorshipPolicy } from '../../../core/survivorship/policy';
import type { Tx, TxSql } from '../../../platform/database';
import { newId } from '../../../platform/ids';
import type { ColumnTypes } from '../../shared/bulk-sql';
import { AUDIT_COLUMNS, auditRowsOf, OUTBOX_COLUMNS, outboxRowsOf, type AuditEntry, type ChangeMeta, type OutboxEntry } from '../../shared/change-log';
import { newPersonKey } from '../../shared/person-keys';
import type { RequestContext } from '../../shared/context';
import type { SourceSystem } from '../../shared/enums';
import { changeMeta } from '../../shared/owned-record';
import { personFlowMeta } from '../../shared/person-flow';
import { loadStoredPolicy, policyFromRules, provenanceChangeOf, storedProvenance } from './golden-record';
import { entriesOf, PROVENANCE_COLUMNS, PROVENANCE_UPSERT, provenanceRemoval, provenanceRows } from '../../shared/provenance-store';
import { BULK_INGEST_LOCK, lockedRead, personLockKey, resolveSurvivor } from './identity';
import { erasureKeyHashesOf, featuresOf, toStoredAttributes, type IngestInput, type IngestResult } from '../use-cases/ingest-input';
import { BLOCKING_KEY_HASH, BLOCKING_KEYS_OF, hashPayload } from './source-records';
import { LEGAL_IDENTIFIER_KINDS, storeLegalIdentifiers } from './legal-identifiers';

export type BatchRowOutcome =
  | { ok: true; result: IngestResult; /** With `collectCandidates`: the source records scored against this one. */ candidates?: Array<{ system: string; sourceId: string }> }
  | { ok: false; problems: Array<{ field: string; message: string }> };

export interface IngestBatchOptions {
  /**
   * `keys` (the API): per-key advisory locks on every key a record of the batch could match through, so
   * concurrent writers of unrelated people proceed side by side. `exclusive` (the import): the batch
   * excludes every other ingest while it runs, and needs no per-key locks.
   */
  locking?: 'keys' | 'exclusive';
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
  /** Loaded only for the batch's own (system, sourceId) records. */
  attributes?: PersonAttributes;
  payloadHash?: string;
  sourceTimestamp?: Date;
  linkType?: string;
  linkKey?: string | null;
  matchScore?: number | null;
  /** The blocking keys this batch stores the record under (new and updated records). */
  storedKeys?: string[];
}


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

/** A blocking-key row: stored (a source record's blockingKeys) or fresh (written by this batch). */
interface KeyRow { sourceRecordId: string; personId: string; fresh: boolean }

type Plan =
  | { kind: 'reject'; problems: Array<{ field: string; message: string }> }
  | { kind: 'unchanged'; recordId: string; personId: string; reason: string }
  | { kind: 'update'; recordId: string; personId: string; input: IngestInput; source: GoldenSource }
  | { kind: 'new'; recordId: string; personId: string; input: IngestInput; source: GoldenSource; resolution: Resolution; candidates?: Array<{ system: string; sourceId: string }>; erasureKeyHashes: string[] };

/** A stored person's source record as the planner sees it, and as it is read (features in their stored form). */
interface Member { id: string; personId: string; system: SourceSystem; sourceId: string; features: MatchFeatures }
type StoredMember = Omit<Member, 'features'> & { features: unknown };
const membersOf = (rows: StoredMember[]): Member[] => {
  for (const r of rows) r.features = decodeStoredFeatures(r.features);
  return rows as Member[];
};

const recordKey = (system: string, sourceId: string) => `${system}\u0000${sourceId}`;

/** A batch transaction may hold many rows; it gets more time than an API mutation. */
const BATCH_TIMEOUT_MS = 10 * 60_000;
const RETRYABLE = new Set(['P2034', '40001', '40P01']);

/** The import: one transaction per batch, excluding other ingests while it runs. */
export async function ingestBatch(ctx: RequestContext, inputs: IngestInput[], options: IngestBatchOptions = {}): Promise<BatchRowOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.prisma.$transaction((tx) => ingestInTransaction(tx, ctx, inputs, { locking: 'exclusive', ...options }), {
        isolationLevel: 'ReadCommitted', maxWait: 60_000, timeout: BATCH_TIMEOUT_MS,
      });
    } catch (err) {
      const e = err as { code?: string; meta?: { code?: string } };
      if (attempt >= 3 || !(RETRYABLE.has(e?.code ?? '') || RETRYABLE.has(e?.meta?.code ?? ''))) throw err;
    }
  }
}

/** Resolves and writes the records in order, in the caller's transaction; one outcome per record. */
export async function ingestInTransaction(tx: Tx, ctx: RequestContext, inputs: IngestInput[], options: IngestBatchOptions = {}): Promise<BatchRowOutcome[]> {
  const store = new IngestStore(tx, ctx, options);
  const plans = await store.decide(inputs);
  return store.apply(inputs, plans);
}

/**
 * What resolving the record as a new one would decide, writing nothing. Without its own link
 * (`ignoreOwnLink`) it names the person the record's attributes point to: reconciliation compares that
 * with the person the record is linked to.
 */
export async function previewResolution(tx: Tx, ctx: RequestContext, input: IngestInput, options: { ignoreOwnLink?: boolean } = {}): Promise<Resolution> {
  const store = new IngestStore(tx, ctx, {});
  return store.preview(input, { resolveAsNew: true, ignoreOwnLink: options.ignoreOwnLink ?? false });
}

class IngestStore {
  private readonly region: string;
  private readonly records = new Map<string, RecordState>();
  private readonly bySource = new Map<string, string>();
  private readonly people = new Map<string, PersonState>();
  private readonly externalIds = new Map<string, string>();
  private readonly keyIndex = new Map<string, KeyRow[]>();
  /** Records whose stored blocking keys were replaced in this batch. */
  private readonly rekeyed = new Set<string>();
  private readonly fetchedKeys = new Set<string>();
  /**
   * Stored rows of the keys whose rows the view holds only for the people it loaded (see
   * IngestView.keyRows): how many there are, how many of them belong to records re-keyed in this batch,
   * and which stored rows are indexed (so a person loaded later gets its rows once).
   */
  private readonly storedCounts = new Map<string, number>();
  private readonly rekeyedOut = new Map<string, number>();
  private readonly storedRowIds = new Set<string>();
  /** Keys marked generic (IS_GENERIC): the view reads none of their rows. */
  private readonly genericKeys = new Set<string>();
  /**
   * Keys the view counts as over MAX_BLOCK_RECORDS whatever this batch re-keys: the marked ones, and
   * those of which a read returned BLOCK_ROW_LIMIT rows (more than the limit; their true count is unknown).
   */
  private readonly overLimitKeys = new Set<string>();
  /** Records this batch created (their key rows are all fresh). */
  private readonly createdHere = new Set<string>();
  /** People the planner asked for whose members the view did not hold: read, then the record is planned again. */
  private readonly missingPeople = new Set<string>();
  /** Keyed hashes of erased identities that records of this batch carry. */
  private readonly erasedHashes = new Set<string>();
  private readonly survivors = new Map<string, string>();
  /** Survivorship policy as stored (read with the view). */
  private policy: SurvivorshipPolicy | null = null;
  /** The active match model version (read with the view); the built-in model when none is stored. */
  private matchModel: MatchModel = DEFAULT_MATCH_MODEL;
  private readonly newExternalIds: Array<{ id: string; system: string; value: string; personId: string; linkedBy: string }> = [];
  /** Data keys of the people the batch changes (read with them) and creates (written with them), for sealing their audit values. */
  private readonly personKeys = new Map<string, Buffer>();

  /** The planner's read-only window on the overlay: the database plus every earlier record of the batch. */
  private readonly view: IngestView = {
    sourceRecord: (system, sourceId) => {
      const id = this.bySource.get(recordKey(system, sourceId));
      const r = id ? this.records.get(id)! : null;
      return r ? { ...r, personId: this.survivorOf(r.personId) } : null;
    },
    linkedPerson: (system, value) => this.externalIds.get(recordKey(system, value)) ?? null,
    hasKeys: (keys) => keys.every((k) => this.fetchedKeys.has(k)),
    keyRows: (key) => this.keyRows(key),
    keyRecords: (key) => {
      if (this.overLimitKeys.has(key)) return Number.POSITIVE_INFINITY;
      const rows = this.keyRows(key);
      const stored = this.storedCounts.get(key);
      if (stored === undefined) return rows.length;
      return stored - (this.rekeyedOut.get(key) ?? 0) + rows.filter((r) => r.fresh).length;
    },
    members: (personId) => {
      const person = this.people.get(personId);
      if (!person) this.missingPeople.add(personId);
      return (person?.memberIds ?? []).map((id) => this.records.get(id)!);
    },
    isErased: (hashes) => hashes.some((h) => this.erasedHashes.has(h)),
  };

  private sqlHandle: TxSql | null = null;

  constructor(private readonly tx: Tx, private readonly ctx: RequestContext, private readonly options: IngestBatchOptions) {
    this.region = ctx.config.matching.defaultRegion;
  }

  /** The batch's large statements go on the transaction's own connection (Database.txSql). */
  private async sql(): Promise<TxSql> {
    return (this.sqlHandle ??= await this.ctx.db.txSql(this.tx));
  }

  // ---- pass 1: decisions, in order, against the database plus everything earlier in the batch ----

  async decide(inputs: IngestInput[]): Promise<Plan[]> {
    const prepared = this.prepare(inputs);
    if (this.options.locking === 'exclusive') await (await this.sql()).exec('SELECT pg_advisory_xact_lock($1)', [BULK_INGEST_LOCK]);
    // Per-key locks are taken by the view's own statement, before it reads.
    await this.prefetch(prepared, this.options.locking === 'keys' ? this.lockKeys(prepared) : null);
    // Rows resolve strictly in order: each sees the database plus every earlier row of the batch.
    const plans: Plan[] = [];
    for (const p of prepared) plans.push(await this.decideOne(p));
    return plans;
  }

  async preview(input: IngestInput, how: { resolveAsNew: boolean; ignoreOwnLink: boolean }): Promise<Resolution> {
    const prepared = this.prepare([input]);
    await this.prefetch(prepared);
    const plan = await this.plan(prepared[0], how);
    if (plan.kind !== 'new') throw new Error(`preview planned ${plan.kind}`);
    return plan.resolution;
  }

  private prepare(inputs: IngestInput[]): Prepared[] {
    return inputs.map((input) => {
      const incoming = toStoredAttributes(input.attributes, this.ctx.config.legalIdHmacKey);
      const features = featuresOf(incoming, input.system, this.ctx.config);
      return { input, incoming, features, keys: computeBlockingKeys(features), erasureKeyHashes: erasureKeyHashesOf(input, features, this.ctx.config.legalIdHmacKey) };
    });
  }

  /**
   * Per-key locks, taken in sorted order: two records about the same person arriving at once share a
   * key, so the second waits for the first to commit and then sees its golden person. A re-send is
   * serialized by its own (system, sourceId) key; it joins no one, so its other keys need no lock.
   */
  private lockKeys(prepared: Prepared[]): string[] {
    return prepared.flatMap((p) => [`sr:${p.input.system}:${p.input.sourceId}`, ...p.keys.filter(isCandidateKey)]);
  }

  /**
   * The view of the batch in one statement: its stored records and external ids, merge redirects of the
   * people they name, tombstone hits, the rows of every blocking key the records carry with the members
   * of the people behind them, and the stored survivorship rules. The view comes back as one JSON text
   * parsed here: the driver and Prisma mapping a row of nested JSON values cost more than the query.
   * Stored records, external ids and blocking-key rows are read through one index lookup per record or
   * key (the lateral subqueries; `OFFSET 0` keeps the planner from flattening them into hash joins over
   * the whole table, which it chose at 17k key rows, 3 of the statement's 3.5 ms, and for the JSON
   * parameters, whose row count it cannot see). With `lockKeys` the same statement first takes those locks
   * (with the shared hold on the bulk-ingest lock) and then reads (lockedRead).
   */
  private async prefetch(prepared: Prepared[], lockKeys: string[] | null = null): Promise<void> {
    const tx = this.tx;
    const inputs = prepared.map((p) => p.input);
    const keys = [...new Set(prepared.flatMap((p) => p.keys))];
    const hashes = [...new Set(prepared.flatMap((p) => p.erasureKeyHashes))];
    for (const k of keys) this.fetchedKeys.add(k);
    // Of a key no frequency counts people under, the view holds the rows of the people it loads and the number of its rows (up to BLOCK_ROW_LIMIT).
    const split = splitKeys(keys);
    const { partialKeys } = split;
    // Members are read only for the people a record can be scored against: per record, the top
    // candidateCap people by stored key rows among those sharing two keys or a key of at most
    // LONE_KEY_RECORDS records (the planner's rule and ranking; people the batch itself adds rows
    // to are loaded anyway), legal-id owners and the batch's own people. Anyone else the planner asks
    // for is read then (see plan()).
    const probabilistic = this.ctx.config.matching.probabilistic;
    // Frequency keys (tf…) count people behind a value; they rank no candidate and need no lock.
    const candidateKeys = prepared.flatMap((p, ord) => p.keys.filter((k) => isCandidateKey(k) && (probabilistic || k.startsWith('em:'))).map((k): [number, string] => [ord, k]));
    type View = {
      existing: Array<{ id: string; personId: string; system: SourceSystem; sourceId: string; attributes: PersonAttributes; features: unknown; payloadHash: string; ts: string }> | null;
      links: Array<{ system: string; value: string; personId: string }> | null;
      merged: string[] | null;
      erased: string[] | null;
      keyRows: Array<{ key: string; sourceRecordId: string; personId: string }> | null;
      keyCounts: Record<string, number> | null;
      people: string[] | null;
      members: StoredMember[] | null;
      rules: Array<{ attribute: string; rule: unknown }> | null;
      generic: string[] | null;
      matchModel: { version: number; parameters: unknown } | null;
    };
    // Parameters in one JSON value ($1), as lockedRead passes them.
    const query = `SELECT row_to_json(v)::text AS view FROM (
       WITH rec AS (SELECT DISTINCT s::"SourceSystem" AS s, v FROM jsonb_to_recordset($1::jsonb->'records') AS u(s text, v text)),
            ex AS (SELECT r.* FROM rec CROSS JOIN LATERAL (SELECT id, "personId", system, "sourceId", attributes, features, "payloadHash",
                     to_char("sourceTimestamp", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ts FROM "SourceRecord" WHERE system = rec.s AND "sourceId" = rec.v OFFSET 0) r),
            ln AS (SELECT l.* FROM rec CROSS JOIN LATERAL (SELECT system, value, "personId" FROM "ExternalId" WHERE system = rec.s AND value = rec.v OFFSET 0) l),
            bk AS (${KEY_ROWS(['fullKeys', 'partialKeys', 'frequencyKeys'].map((k) => `jsonb_array_elements_text($1::jsonb->'${k}')`) as [string, string, string])}),
            kp AS (SELECT key, count(*) AS records FROM bk GROUP BY key),
            rk AS (SELECT u.ord, bk."personId", count(*) AS n, count(DISTINCT bk.key) AS k, bool_or(kp.records <= ($1::jsonb->>'loneRecords')::int) AS small
                   FROM jsonb_to_recordset($1::jsonb->'candidateKeys') AS u(ord int, key text) JOIN bk ON bk.key = u.key JOIN kp ON kp.key = bk.key AND kp.records <= ($1::jsonb->>'maxBlock')::int GROUP BY u.ord, bk."personId"),
            top AS (SELECT "personId" FROM (SELECT "personId", row_number() OVER (PARTITION BY ord ORDER BY n DESC, "personId") AS r FROM rk WHERE k >= 2 OR small) t
                    WHERE r <= ($1::jsonb->>'candidateCap')::int),
            ppl AS (SELECT "personId" FROM ex UNION SELECT "personId" FROM ln UNION SELECT "personId" FROM top UNION SELECT "personId" FROM bk WHERE key LIKE 'id:%')
       SELECT (SELECT json_agg(ex) FROM ex) AS existing,
              (SELECT json_agg(ln) FROM ln) AS links,
              (SELECT json_agg(p.id) FROM "Person" p WHERE p.id = ANY(ARRAY(SELECT "personId" FROM ex UNION SELECT "personId" FROM ln)) AND p."mergedIntoId" IS NOT NULL) AS merged,
              (SELECT json_agg(DISTINCT h) FROM "ErasureTombstone", unnest("keyHashes") AS h WHERE "keyHashes" && ARRAY(SELECT jsonb_array_elements_text($1::jsonb->'hashes')) AND h IN (SELECT jsonb_array_elements_text($1::jsonb->'hashes'))) AS erased,
              (SELECT json_agg(bk) FROM bk WHERE bk.key NOT IN (SELECT jsonb_array_elements_text($1::jsonb->'partialKeys')) OR bk."personId" IN (SELECT "personId" FROM ppl)) AS "keyRows",
              (SELECT json_object_agg(kp.key, kp.records) FROM kp WHERE kp.key IN (SELECT jsonb_array_elements_text($1::jsonb->'partialKeys'))) AS "keyCounts",
              (SELECT json_agg("personId") FROM ppl) AS people,
              (SELECT json_agg(json_build_object('id', m.id, 'personId', m."personId", 'system', m.system, 'sourceId', m."sourceId", 'features', m.features) ORDER BY m.id)
                 FROM "SourceRecord" m WHERE m."personId" = ANY(ARRAY(SELECT "personId" FROM ppl)) AND m."erasedAt" IS NULL) AS members,
              (SELECT json_agg(json_build_object('attribute', r.attribute, 'rule', r.rule)) FROM "SurvivorshipRule" r) AS rules,
              (SELECT json_agg(k.key) FROM jsonb_array_elements_text($1::jsonb->'partialKeys') AS k(key) WHERE ${IS_GENERIC('k.key')}) AS generic,
              (SELECT json_build_object('version', mm."version", 'parameters', mm.parameters) FROM "MatchModel" mm WHERE mm.active ORDER BY mm."version" DESC LIMIT 1) AS "matchModel") v`;
    const args = {
      records: inputs.map((i) => ({ s: i.system, v: i.sourceId })), ...split, hashes, maxBlock: MAX_BLOCK_RECORDS,
      candidateKeys: candidateKeys.map(([ord, key]) => ({ ord, key })), candidateCap: this.ctx.config.matching.candidateCap, loneRecords: LONE_KEY_RECORDS,
    };
    const text = lockKeys
      ? await lockedRead(await this.sql(), { bulkShared: true, keys: lockKeys }, query, args)
      : (await (await this.sql()).query<{ view: string }>(query, [JSON.stringify(args)]))[0].view;
    const view = JSON.parse(text) as View;
    this.policy = policyFromRules(view.rules ?? []);
    this.matchModel = modelOfRow(view.matchModel);
    for (const h of view.erased ?? []) this.erasedHashes.add(h);
    for (const k of view.generic ?? []) this.markGeneric(k);
    for (const k of partialKeys) {
      const count = view.keyCounts?.[k] ?? 0;
      if (!this.readPastLimit(k, count) && !this.genericKeys.has(k)) this.storedCounts.set(k, count);
    }
    this.addPeople(view.people ?? [], membersOf(view.members ?? []));
    for (const r of view.keyRows ?? []) this.indexKey(r.key, { sourceRecordId: r.sourceRecordId, personId: r.personId, fresh: false });
    // Stored people are followed through merge redirects.
    for (const id of view.merged ?? []) this.survivors.set(id, await resolveSurvivor(tx, id));
    for (const l of view.links ?? []) this.externalIds.set(recordKey(l.system, l.value), this.survivorOf(l.personId));
    const existing = view.existing ?? [];
    await this.loadPeople([...existing.map((r) => r.personId), ...(view.links ?? []).map((l) => l.personId)].map((p) => this.survivorOf(p)));
    // Every stored record of the batch's (system, sourceId) pairs, erased ones included.
    for (const r of existing) {
      const state: RecordState = this.records.get(r.id) ?? { id: r.id, personId: r.personId, system: r.system, sourceId: r.sourceId, features: decodeStoredFeatures(r.features) };
      Object.assign(state, { attributes: r.attributes, payloadHash: r.payloadHash, sourceTimestamp: new Date(r.ts) });
      this.records.set(r.id, state);
      this.bySource.set(recordKey(r.system, r.sourceId), r.id);
    }
  }

  /** Reads the stored rows of blocking keys not read yet, and the members of the people they name. */
  private async ensureKeys(keys: string[]): Promise<void> {
    const missing = [...new Set(keys)].filter((k) => !this.fetchedKeys.has(k));
    if (missing.length === 0) return;
    for (const k of missing) this.fetchedKeys.add(k);
    const split = splitKeys(missing);
    // Generic keys come back as a row without a record.
    const rows = await (await this.sql()).query<{ key: string; sourceRecordId: string | null; personId: string | null }>(
      `SELECT key, "sourceRecordId"::text AS "sourceRecordId", "personId"::text AS "personId" FROM (${KEY_ROWS(['unnest($1::text[])', 'unnest($2::text[])', 'unnest($3::text[])'])}) b
       UNION ALL SELECT k.key, NULL, NULL FROM unnest($2::text[]) AS k(key) WHERE ${IS_GENERIC('k.key')}`,
      [split.fullKeys, split.partialKeys, split.frequencyKeys],
    );
    const stored = rows.filter((r): r is { key: string; sourceRecordId: string; personId: string } => r.sourceRecordId !== null);
    for (const r of rows) if (r.sourceRecordId === null) this.markGeneric(r.key);
    for (const r of stored) this.indexKey(r.key, { sourceRecordId: r.sourceRecordId, personId: r.personId, fresh: false });
    const read = new Map<string, number>();
    for (const r of stored) read.set(r.key, (read.get(r.key) ?? 0) + 1);
    for (const k of split.partialKeys) this.readPastLimit(k, read.get(k) ?? 0);
    await this.loadPeople(stored.map((r) => r.personId));
  }

  /** Source records (features) of stored people not loaded yet. */
  private async loadPeople(personIds: string[]): Promise<void> {
    const ids = [...new Set(personIds)].filter((id) => !this.people.has(id));
    if (ids.length === 0) return;
    const members = membersOf(await (await this.sql()).query<StoredMember>(
      `SELECT id::text, "personId"::text AS "personId", system::text AS system, "sourceId", features FROM "SourceRecord"
       WHERE "personId" = ANY($1::uuid[]) AND "erasedAt" IS NULL ORDER BY id`,
      [ids],
    ));
    this.addPeople(ids, members);
    // Their rows under the keys the view holds only partly, rebuilt from their features (a record is
    // stored under exactly the keys storedKeysOf gives).
    if (this.storedCounts.size > 0) {
      for (const m of members) {
        for (const k of storedKeysFor(m.features)) {
          if (this.storedCounts.has(k) && !this.storedRowIds.has(`${k}\u0000${m.id}`)) this.indexKey(k, { sourceRecordId: m.id, personId: m.personId, fresh: false });
        }
      }
    }
  }

  /** Stored people with all their non-erased members (in id order). */
  private addPeople(ids: string[], members: Member[]): void {
    for (const id of ids) if (!this.people.has(id)) this.people.set(id, { id, isNew: false, memberIds: [] });
    for (const m of members) {
      if (this.records.has(m.id) && this.people.get(m.personId)!.memberIds.includes(m.id)) continue;
      if (!this.records.has(m.id)) this.records.set(m.id, { ...m });
      this.people.get(m.personId)!.memberIds.push(m.id);
    }
  }

  private indexKey(key: string, row: KeyRow): void {
    if (!row.fresh) this.storedRowIds.add(`${key}\u0000${row.sourceRecordId}`);
    const list = this.keyIndex.get(key);
    if (list) list.push(row);
    else this.keyIndex.set(key, [row]);
  }

  /** Current rows of a key: stored rows of records re-keyed in this batch no longer count. */
  private keyRows(key: string): KeyRow[] {
    const rows = this.keyIndex.get(key) ?? [];
    return this.rekeyed.size === 0 ? rows : rows.filter((r) => r.fresh || !this.rekeyed.has(r.sourceRecordId));
  }

  /** The planner's decision; blocking keys it needs and the view lacks (a re-send's merged keys) are read first. */
  private async plan(p: Prepared, how: { resolveAsNew?: boolean; ignoreOwnLink?: boolean } = {}) {
    const m = this.ctx.config.matching;
    const record = { system: p.input.system, sourceId: p.input.sourceId, sourceTimestamp: p.input.sourceTimestamp, attributes: p.incoming, erasureKeyHashes: p.erasureKeyHashes };
    const options = {
      thresholds: m, candidateCap: m.candidateCap, probabilistic: m.probabilistic, hashPayload, model: this.matchModel,
      // A new record's attributes are the incoming ones, whose features prepare() already extracted.
      features: (a: PersonAttributes) => (a === p.incoming ? p.features : featuresOf(a, p.input.system, this.ctx.config)), ...how,
    };
    for (;;) {
      const plan = planIngest(record, this.view, options);
      if (plan.kind === 'needsKeys') await this.ensureKeys(plan.keys);
      else if (this.missingPeople.size > 0) {
        const missing = [...this.missingPeople];
        this.missingPeople.clear();
        await this.loadPeople(missing);
      } else return plan;
    }
  }

  private async decideOne(p: Prepared): Promise<Plan> {
    const { input } = p;
    const plan = await this.plan(p);
    if (plan.kind === 'reject' || plan.kind === 'unchanged') return plan;

    if (plan.kind === 'update') {
      const existing = this.records.get(plan.recordId)!;
      this.replaceKeys(existing, plan.personId, plan.keys);
      Object.assign(existing, { attributes: plan.attributes, features: plan.features, payloadHash: plan.payloadHash, sourceTimestamp: input.sourceTimestamp, personId: plan.personId });
      return { kind: 'update', recordId: existing.id, personId: plan.personId, input, source: this.goldenSource(existing) };
    }

    const { resolution } = plan;
    const joins = resolution.decision === 'MATCHED' || resolution.decision === 'AUTO_MERGED';
    const personId = joins ? resolution.personId! : newId();
    if (!joins) this.people.set(personId, { id: personId, isNew: true, memberIds: [] });
    const recordId = newId();
    this.createdHere.add(recordId);
    this.records.set(recordId, {
      id: recordId, personId, system: input.system as SourceSystem, sourceId: input.sourceId, features: plan.features, attributes: plan.attributes,
      payloadHash: plan.payloadHash, sourceTimestamp: input.sourceTimestamp, storedKeys: plan.keys,
    });
    this.bySource.set(recordKey(input.system, input.sourceId), recordId);
    this.people.get(personId)!.memberIds.push(recordId);
    for (const key of plan.keys) this.indexKey(key, { sourceRecordId: recordId, personId, fresh: true });
    const ext = recordKey(input.system, input.sourceId);
    if (!this.externalIds.has(ext)) {
      this.externalIds.set(ext, personId);
      this.newExternalIds.push({ id: newId(), system: input.system, value: input.sourceId, personId, linkedBy: this.ctx.actor.id });
    }
    const candidates = this.options.collectCandidates ? plan.candidates.map((c: ViewRecord) => this.records.get(c.id)!).map((r) => ({ system: r.system as string, sourceId: r.sourceId })) : undefined;
    return { kind: 'new', recordId, personId, input, resolution, candidates, source: this.goldenSource(this.records.get(recordId)!), erasureKeyHashes: p.erasureKeyHashes };
  }

  /** An update replaces a record's stored keys with its new ones. */
  private replaceKeys(record: RecordState, personId: string, keys: string[]): void {
    const previous = computeBlockingKeys(record.features);
    // A stored record's stored rows stop counting (the first time it is re-keyed; features are still the stored ones).
    if (!this.rekeyed.has(record.id) && !this.createdHere.has(record.id)) {
      for (const k of storedKeysOf(record.features, previous)) {
        if (this.storedCounts.has(k)) this.rekeyedOut.set(k, (this.rekeyedOut.get(k) ?? 0) + 1);
      }
    }
    this.rekeyed.add(record.id);
    // Rows this batch already wrote for the record were computed from its previous features.
    for (const key of previous) {
      const rows = this.keyIndex.get(key);
      if (rows?.some((r) => r.fresh && r.sourceRecordId === record.id)) this.keyIndex.set(key, rows.filter((r) => !(r.fresh && r.sourceRecordId === record.id)));
    }
    record.storedKeys = keys;
    for (const key of keys) this.indexKey(key, { sourceRecordId: record.id, personId, fresh: true });
  }

  /** What survivorship reads of a record, as of this row (later rows may change the record again). */
  private goldenSource(r: RecordState): GoldenSource {
    return { sourceRecordId: r.id, system: r.system, sourceId: r.sourceId, sourceTimestamp: r.sourceTimestamp!.toISOString(), attributes: r.attributes! };
  }

  private survivorOf(personId: string): string {
    return this.survivors.get(personId) ?? personId;
  }

  // ---- pass 2: carry out the decisions in order, then write everything set-based ----

  async apply(inputs: IngestInput[], plans: Plan[]): Promise<BatchRowOutcome[]> {
    const policy = this.policy ?? (await loadStoredPolicy(this.tx));
    const applied = await this.loadTouchedPeople(plans);
    const audit: Array<{ meta: ChangeMeta; entry: AuditEntry }> = [];
    const events: Array<{ meta: ChangeMeta; event: OutboxEntry }> = [];
    const reviews: Array<Record<string, unknown>> = [];
    const updatedRecords = new Set<string>();
    const now = new Date();
    const outcomes: BatchRowOutcome[] = [];
    const erasedPeople = await this.erasedPeopleOf(plans);

    for (const [index, plan] of plans.entries()) {
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
      // A record matching an erased identity: its review task names the erased person (see erasedPeopleOf).
      const erasedPersonId = erasedPeople.get(index) ?? null;
      const suggestedPersonId = erasedPersonId ?? r.personId;
      Object.assign(record, { linkType: 'NEW', linkKey: erasedPersonId ? 'ERASED_IDENTITY' : flagged ? 'WEAK_CANDIDATE' : r.decision === 'REVIEW_QUEUED' ? 'REVIEW' : null, matchScore: r.score });
      Object.assign(person, {
        columns: currentColumns({}), version: 1, provenance: new Map(), goldenMemberIds: [plan.recordId],
        candidateStatus: input.system === 'ATS' ? 'APPLICANT' : 'NONE', customerStatus: input.system === 'CRM' ? 'CONTACT' : 'NONE',
      });
      log({ type: 'PersonCreated', entityType: 'Person', entityId: plan.personId });
      this.recompute(person, applied, meta, policy, log);
      emit({ type: 'PersonCreated', aggregateType: 'Person', aggregateId: plan.personId,
        payload: { id: plan.personId, systems: [input.system], decision: r.decision, candidate: input.system === 'ATS', sourceRecord: { system: input.system, sourceId: input.sourceId } } });
      let reviewId: string | null = null;
      if (r.decision === 'REVIEW_QUEUED' || erasedPersonId) {
        reviewId = newId();
        const kind = erasedPersonId ? 'ERASED_IDENTITY' : 'PROBABLE_MATCH';
        reviews.push({ id: reviewId, kind, sourceRecordId: plan.recordId, candidatePersonId: suggestedPersonId, score: r.score ?? 0, explanation: r.explanation, createdAt: now.toISOString() });
        log({ type: 'ReviewQueued', entityType: 'Person', entityId: plan.personId, newValue: { reviewId, kind, candidatePersonId: suggestedPersonId, score: r.score, blockers: r.explanation.blockers } });
        emit({ type: 'ReviewQueued', aggregateType: 'MatchReview', aggregateId: reviewId, payload: { reviewId, personId: plan.personId, candidatePersonId: suggestedPersonId, score: r.score } });
      } else if (flagged) {
        log({ type: 'PersonFlagged', entityType: 'Person', entityId: plan.personId, newValue: { candidatePersonId: r.personId, score: r.score } });
      }
      outcomes.push({ ok: true, candidates: plan.candidates, result: {
        personId: plan.personId, sourceRecordId: plan.recordId, decision: r.decision, matchedKey: null, score: r.score,
        suggestedPersonId: r.decision === 'REVIEW_QUEUED' || flagged ? suggestedPersonId : null, reviewId, explanation: r.explanation, changedAttributes: [],
      } });
    }

    // The data keys of the people this batch creates are made here and written with them; the others
    // came with the read of the touched people. Sealing the audit values then reads no key.
    const newKeys = new Map([...new Set(plans.filter((p) => p.kind === 'new').map((p) => (p as { personId: string }).personId))]
      .filter((id) => this.people.get(id)!.isNew).map((id): [string, Buffer] => [id, newPersonKey()]));
    for (const [personId, key] of newKeys) this.personKeys.set(personId, key);
    const auditRows = await auditRowsOf(this.tx, audit, this.personKeys);
    await this.write(plans, updatedRecords, reviews, now, { keys: newKeys, audit: auditRows, outbox: outboxRowsOf(events) });
    await this.storeLegalIdentifiers(inputs, plans, outcomes);
    return outcomes;
  }

  /**
   * For each new record that matched an erasure tombstone (by plan index), the erased person — the
   * latest one when several tombstones hold its keys. One statement, and only when the batch has such records.
   */
  private async erasedPeopleOf(plans: Plan[]): Promise<Map<number, string>> {
    const hits = plans.flatMap((p, ord) => (p.kind === 'new' && p.resolution.explanation.reason === ERASED_IDENTITY_RESOLUTION.explanation.reason
      ? [{ ord, hashes: p.erasureKeyHashes }] : []));
    if (hits.length === 0) return new Map();
    const rows = await (await this.sql()).query<{ ord: number; personId: string | null }>(
      `SELECT x.ord, (SELECT t."personId"::text FROM "ErasureTombstone" t WHERE t."keyHashes" && x.hashes ORDER BY t."erasedAt" DESC LIMIT 1) AS "personId"
       FROM jsonb_to_recordset($1::jsonb) AS x(ord int, hashes text[])`,
      [JSON.stringify(hits)],
    );
    return new Map(rows.filter((r) => r.personId).map((r) => [r.ord, r.personId!]));
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
    // One JSON text, parsed here (as the view: cheaper than the driver's mapping of nested JSON columns);
    // the ids in one JSON parameter ($1), as lockedRead passes them.
    const idList = `ARRAY(SELECT jsonb_array_elements_text($1::jsonb->'ids')::uuid)`;
    const query = `SELECT json_build_object('persons', (SELECT json_agg(json_build_object('id', p.id, 'candidateStatus', p."candidateStatus", 'customerStatus', p."customerStatus", 'version', p.version,
                ${PERSON_GOLDEN_ATTRIBUTES.map((a) => `'${a}', p."${a}"`).join(', ')})) FROM "Person" p WHERE p.id = ANY(${idList})),
              'provenance', (SELECT json_agg(json_build_object('entityId', v."entityId", 'attributes', v.attributes)) FROM "Provenance" v
                WHERE v."entityType" = 'Person' AND v."entityId" = ANY(${idList})),
              'sources', (SELECT json_agg(json_build_object('id', s.id, 'personId', s."personId", 'system', s.system, 'sourceId', s."sourceId", 'attributes', s.attributes,
                'ts', to_char(s."sourceTimestamp", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) FROM "SourceRecord" s WHERE s."personId" = ANY(${idList}) AND s."erasedAt" IS NULL),
              'keys', (SELECT json_agg(json_build_object('personId', k."personId", 'key', encode(k."key", 'base64'))) FROM "PersonKey" k WHERE k."personId" = ANY(${idList})))::text AS loaded`;
    // With per-key locking the people are locked in the same statement, before it reads: the state read
    // is what the previous writer of these people committed.
    const text = this.options.locking === 'keys'
      ? await lockedRead(await this.sql(), { keys: ids.map(personLockKey) }, query, { ids })
      : (await (await this.sql()).query<{ loaded: string }>(query, [JSON.stringify({ ids })]))[0].loaded;
    const loaded = JSON.parse(text) as {
      persons: Array<Record<string, unknown>> | null;
      provenance: Array<{ entityId: string; attributes: unknown }> | null;
      sources: Array<{ id: string; personId: string; system: SourceSystem; sourceId: string; attributes: PersonAttributes; ts: string }> | null;
      keys: Array<{ personId: string; key: string }> | null;
    };
    // Their data keys, for sealing their audit values without another statement.
    for (const k of loaded.keys ?? []) this.personKeys.set(k.personId, Buffer.from(k.key, 'base64'));
    const persons = loaded.persons ?? [];
    const provenance = loaded.provenance ?? [];
    const sources = loaded.sources ?? [];
    for (const p of persons) {
      Object.assign(this.people.get(p.id as string)!, {
        columns: currentColumns(p), candidateStatus: p.candidateStatus, customerStatus: p.customerStatus,
        version: p.version, provenance: new Map(), goldenMemberIds: [],
      });
    }
    for (const p of provenance) {
      const state = this.people.get(p.entityId)!.provenance!;
      for (const [attribute, entry] of entriesOf(p.attributes)) state.set(attribute, storedProvenance(entry));
    }
    for (const s of sources) {
      applied.set(s.id, { sourceRecordId: s.id, system: s.system, sourceId: s.sourceId, sourceTimestamp: new Date(s.ts).toISOString(), attributes: s.attributes });
      this.people.get(s.personId)!.goldenMemberIds!.push(s.id);
    }
    return applied;
  }

  /**
   * Keep the encrypted legal identifiers in step with what the systems sent, for the whole batch at once.
   * A record new in this batch has none stored yet, so an empty value needs no work.
   */
  private async storeLegalIdentifiers(inputs: IngestInput[], plans: Plan[], outcomes: BatchRowOutcome[]): Promise<void> {
    const writes = outcomes.flatMap((outcome, i) => {
      if (!outcome.ok) return [];
      const attrs = inputs[i].attributes as Record<string, string | null | undefined>;
      const carried = Object.fromEntries(Object.keys(LEGAL_IDENTIFIER_KINDS).map((a) => [a, attrs[a]]).filter(([, v]) => v !== undefined));
      return Object.keys(carried).length === 0 ? [] : [{ target: outcome.result, attributes: carried, isNew: plans[i].kind === 'new' }];
    });
    await storeLegalIdentifiers(this.tx, this.ctx.config, writes);
  }

  /** The golden part of the plan (core/survivorship), applied to the batch's copy of the person. */
  private recompute(person: PersonState, applied: Map<string, GoldenSource>, meta: ChangeMeta, policy: SurvivorshipPolicy, log: (e: AuditEntry) => void): PersonGoldenAttribute[] {
    const change = planGoldenChange({
      personId: person.id, columns: person.columns!, provenance: person.provenance!, sources: person.goldenMemberIds!.map((id) => applied.get(id)!),
      policy, defaultRegion: this.region, now: meta.now, newId,
    });
    for (const e of change.audit) log(e);
    if (change.changed.length > 0) person.version! += 1;
    person.columns = change.columns;
    person.provenance = change.provenance;
    return change.changed;
  }

  private applyRoleStatus(person: PersonState, system: string, log: (e: AuditEntry) => void): string[] {
    const start = planRoleStart(system, person);
    if (!start) return [];
    person[start.field] = start.value;
    log({ type: 'PersonUpdated', entityType: 'Person', entityId: person.id, attribute: start.field, oldValue: 'NONE', newValue: start.value });
    return [start.field];
  }

  private markGeneric(key: string): void {
    this.genericKeys.add(key);
    this.overLimitKeys.add(key);
  }

  /** A partly read key whose read returned BLOCK_ROW_LIMIT rows is over the limit (its true count unknown). */
  private readPastLimit(key: string, rowsRead: number): boolean {
    if (rowsRead < BLOCK_ROW_LIMIT) return false;
    this.overLimitKeys.add(key);
    return true;
  }

  /**
   * Keys read partly whose records now exceed MAX_BLOCK_RECORDS and are not marked generic yet (see
   * IS_GENERIC), sorted: concurrent batches marking the same keys insert them in one order.
   */
  private newlyGenericKeys(): string[] {
    return splitKeys([...this.fetchedKeys]).partialKeys.filter((k) => !this.genericKeys.has(k) && this.view.keyRecords(k) > MAX_BLOCK_RECORDS).sort();
  }

  private async write(
    plans: Plan[], updatedRecords: Set<string>, reviews: Array<Record<string, unknown>>, now: Date,
    log: { keys: ReadonlyMap<string, Buffer>; audit: ReadonlyArray<Record<string, unknown>>; outbox: ReadonlyArray<Record<string, unknown>> },
  ): Promise<void> {
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
    const newRecords = plans.filter((p): p is Extract<Plan, { kind: 'new' }> => p.kind === 'new').map((p) => this.records.get(p.recordId)!);
    const updated = [...updatedRecords].map((id) => this.records.get(id)!);
    const provenance = touched.map((p) => provenanceChangeOf(p.id, p.provenance!));
    // Entries that went are removed first, in a statement of their own (rare: values that went); the
    // one statement below cannot touch a document twice.
    const sql = await this.sql();
    const removal = provenanceRemoval('Person', provenance);
    if (removal) await sql.exec(removal.sql, removal.params);
    // Every other row of the batch in one statement (data-modifying CTEs; foreign keys are checked at its end).
    await writeInOneStatement(sql, [
      { kind: 'insert', table: 'Person', columns: personColumns, rows: touched.filter((p) => p.isNew).map(personRow) },
      { kind: 'update', table: 'Person', columns: personColumns, rows: touched.filter((p) => !p.isNew).map(personRow) },
      {
        kind: 'insert', table: 'SourceRecord', columns: {
          id: 'uuid', system: '"SourceSystem"', sourceId: 'text', personId: 'uuid', attributes: 'jsonb', features: 'jsonb', payloadHash: 'text',
          sourceTimestamp: 'timestamp(3)', updatedAt: 'timestamp(3)', linkType: '"LinkType"', linkKey: 'text', matchScore: 'float8', blockingKeys: 'text[]',
        },
        expressions: { blockingKeys: BLOCKING_KEYS_OF('x."blockingKeys"') },
        rows: newRecords.map((r) => ({
          id: r.id, system: r.system, sourceId: r.sourceId, personId: r.personId, attributes: r.attributes, features: encodeStoredFeatures(r.features), payloadHash: r.payloadHash,
          sourceTimestamp: r.sourceTimestamp!.toISOString(), updatedAt: stamp, linkType: r.linkType, linkKey: r.linkKey ?? null, matchScore: r.matchScore ?? null,
          blockingKeys: r.storedKeys ?? [],
        })),
      },
      {
        kind: 'update', table: 'SourceRecord',
        columns: { id: 'uuid', attributes: 'jsonb', features: 'jsonb', payloadHash: 'text', sourceTimestamp: 'timestamp(3)', updatedAt: 'timestamp(3)', blockingKeys: 'text[]' },
        expressions: { blockingKeys: BLOCKING_KEYS_OF('x."blockingKeys"') },
        rows: updated.map((r) => ({
          id: r.id, attributes: r.attributes, features: encodeStoredFeatures(r.features), payloadHash: r.payloadHash, sourceTimestamp: r.sourceTimestamp!.toISOString(), updatedAt: stamp,
          blockingKeys: r.storedKeys ?? [],
        })),
      },
      { kind: 'insert', table: 'ExternalId', columns: { id: 'uuid', system: '"SourceSystem"', value: 'text', personId: 'uuid', linkedBy: 'text' }, rows: this.newExternalIds, onConflict: 'ON CONFLICT DO NOTHING' },
      { kind: 'insert', table: 'Provenance', columns: PROVENANCE_COLUMNS, onConflict: PROVENANCE_UPSERT, rows: provenanceRows('Person', provenance) },
      { kind: 'insert', table: 'MatchReview', columns: { id: 'uuid', kind: '"ReviewKind"', sourceRecordId: 'uuid', candidatePersonId: 'uuid', score: 'float8', explanation: 'jsonb', createdAt: 'timestamp(3)' }, rows: reviews },
      {
        kind: 'insert', table: 'PersonKey', columns: { personId: 'uuid', key: 'text' }, expressions: { key: `decode(x."key", 'base64')` },
        rows: [...log.keys].map(([personId, key]) => ({ personId, key: key.toString('base64') })),
      },
      {
        kind: 'insert', table: 'GenericBlockingKey', columns: { hash: 'text' }, expressions: { hash: BLOCKING_KEY_HASH('x."hash"') },
        rows: this.newlyGenericKeys().map((hash) => ({ hash })), onConflict: 'ON CONFLICT DO NOTHING',
      },
      // The audit entries and outbox events in the order they were made (their sequence numbers follow it).
      { kind: 'insert', table: 'AuditEvent', columns: AUDIT_COLUMNS, rows: log.audit, ordered: true },
      { kind: 'insert', table: 'OutboxEvent', columns: OUTBOX_COLUMNS, rows: log.outbox, ordered: true },
    ]);
  }
}

/**
 * A key is marked generic once the records stored under it exceed MAX_BLOCK_RECORDS: from then on the
 * store reads none of its rows (`IS_GENERIC`), so a key of a common name costs a record nothing however
 * large the hub grows. The mark stays when the key shrinks again (an erasure, a re-keyed record): the
 * store's decisions are those of the exact count for as long as counts only grow, as in the in-memory
 * loop, and a batch and the same records one by one mark alike (the count at the batch's end decides).
 * A generic key is by definition shared by many people, so its hash says nothing about anyone.
 */
const IS_GENERIC = (key: string) => `EXISTS (SELECT 1 FROM "GenericBlockingKey" g WHERE g.hash = ${BLOCKING_KEY_HASH(key)})`;

interface WritePart {
  kind: 'insert' | 'update';
  table: string;
  columns: ColumnTypes;
  rows: readonly object[];
  onConflict?: string;
  /** SQL computing a column from the row (`x`) instead of taking it as sent. */
  expressions?: Record<string, string>;
  /** Insert in the rows' array order (serial columns follow it). */
  ordered?: boolean;
}

/**
 * Inserts and updates of many tables as one statement: each part is a data-modifying CTE over one JSON
 * parameter (jsonb_to_recordset), so a batch of one and a batch of thousands send the same single write.
 * Parts must not touch the same rows (they all see the snapshot the statement started with).
 */
async function writeInOneStatement(sql: TxSql, parts: WritePart[]): Promise<void> {
  const used = parts.filter((p) => p.rows.length > 0);
  if (used.length === 0) return;
  const recordset = (c: ColumnTypes) => Object.entries(c).map(([n, t]) => `"${n}" ${t}`).join(', ');
  const ctes = used.map((p, i) => {
    const names = Object.keys(p.columns).map((c) => `"${c}"`).join(', ');
    const from = p.ordered
      ? `ROWS FROM (jsonb_to_recordset($${i + 1}::jsonb) AS (${recordset(p.columns)})) WITH ORDINALITY AS x(${names}, ord)`
      : `jsonb_to_recordset($${i + 1}::jsonb) AS x(${recordset(p.columns)})`;
    const values = Object.keys(p.columns).map((c) => p.expressions?.[c] ?? `x."${c}"`).join(', ');
    if (p.kind === 'insert') return `w${i} AS (INSERT INTO "${p.table}" (${names}) SELECT ${values} FROM ${from}${p.ordered ? ' ORDER BY x.ord' : ''} ${p.onConflict ?? ''})`;
    const sets = Object.keys(p.columns).filter((c) => c !== 'id').map((c) => `"${c}" = ${p.expressions?.[c] ?? `x."${c}"`}`).join(', ');
    return `w${i} AS (UPDATE "${p.table}" t SET ${sets} FROM ${from} WHERE t."id" = x."id")`;
  });
  await sql.exec(`WITH ${ctes.join(',\n')} SELECT 1`, used.map((p) => JSON.stringify(p.rows)));
}

/**
 * The stored records under one blocking key (SQL text `key`): one GIN lookup of its hash. `OFFSET 0`
 * keeps it a lookup per key (see prefetch).
 */
const KEY_LOOKUP = (key: string, limit?: number) => `SELECT id AS "sourceRecordId", "personId" FROM "SourceRecord" WHERE "blockingKeys" && ARRAY[${BLOCKING_KEY_HASH(key)}] ${limit ? `LIMIT ${limit}` : 'OFFSET 0'}`;

/**
 * The rows of a frequency key (tf…) a store reads: all of them up to FREQUENCY_PEOPLE_CAP rows; of a
 * larger key, one row per person among its first FREQUENCY_ROW_LIMIT rows, up to the cap — all a count
 * of at most FREQUENCY_PEOPLE_CAP people needs (estimateEmployerSharers), so a large employer costs a
 * record the same however many people the hub holds.
 */
const FREQUENCY_KEY_LOOKUP = (key: string) => `SELECT "sourceRecordId", "personId" FROM (
    SELECT r.*, count(*) OVER () AS n, row_number() OVER (PARTITION BY "personId" ORDER BY "sourceRecordId") AS nth
    FROM (SELECT id AS "sourceRecordId", "personId" FROM "SourceRecord" WHERE "blockingKeys" && ARRAY[${BLOCKING_KEY_HASH(key)}] LIMIT ${FREQUENCY_ROW_LIMIT}) r) t
  WHERE n <= ${FREQUENCY_PEOPLE_CAP} OR nth = 1 LIMIT ${FREQUENCY_PEOPLE_CAP}`;

/**
 * (key, sourceRecordId, personId) of every key, from set-returning SQL expressions of text: the keys read
 * whole, the keys read up to BLOCK_ROW_LIMIT rows (beyond MAX_BLOCK_RECORDS the planner takes no
 * candidate from them, and counts them no further) and the frequency keys, as splitKeys divides them.
 */
const KEY_ROWS = ([fullKeys, partialKeys, frequencyKeys]: [string, string, string]) => [
  `SELECT k.key, b."sourceRecordId", b."personId" FROM ${fullKeys} AS k(key) CROSS JOIN LATERAL (${KEY_LOOKUP('k.key')}) b`,
  `SELECT k.key, b."sourceRecordId", b."personId" FROM ${partialKeys} AS k(key) CROSS JOIN LATERAL (${KEY_LOOKUP('k.key', BLOCK_ROW_LIMIT)}) b WHERE NOT ${IS_GENERIC('k.key')}`,
  `SELECT k.key, b."sourceRecordId", b."personId" FROM ${frequencyKeys} AS k(key) CROSS JOIN LATERAL (${FREQUENCY_KEY_LOOKUP('k.key')}) b`,
].join('\n  UNION ALL ');

/** Keys by how a store reads them (KEY_ROWS): whole (needsAllRows), partly, and frequency keys (not isCandidateKey). */
function splitKeys(keys: readonly string[]): { fullKeys: string[]; partialKeys: string[]; frequencyKeys: string[] } {
  const frequencyKeys = keys.filter((k) => !isCandidateKey(k));
  const candidate = keys.filter(isCandidateKey);
  return { fullKeys: candidate.filter(needsAllRows), partialKeys: candidate.filter((k) => !needsAllRows(k)), frequencyKeys };
}

interface Prepared { input: IngestInput; incoming: PersonAttributes; features: MatchFeatures; keys: string[]; erasureKeyHashes: string[] }
