// The identity decision for one incoming source record, against a read-only view of what the store knows
// (its stored or earlier-in-batch records, external ids, blocking-key rows, erasure tombstones). Pure:
// the API, the batch endpoint, the import and the in-memory bench all decide through this function, and
// the store carries the plan out. The empty-record rule, the field-by-field merge of a re-send, the
// unchanged rule, the erasure check and candidate gathering live here and nowhere else.
import { computeBlockingKeys, isCandidateKey, storedKeysOf } from './blocking-keys';
import { countContactSharers, countNamesakes, estimateEmployerSharers } from './term-frequencies';
import type { BandThresholds } from './decide-band';
import type { MatchModel } from './default-match-model';
import { resolveRecord, type CandidateCluster, type DeterministicHit, type Resolution } from './resolve-record';
import type { ScorePairOptions } from './score-pair';
import type { MatchFeatures, PersonAttributes } from './types';

/** A source record as the view knows it. `attributes` and `payloadHash` are needed only for the record under (system, sourceId). */
export interface ViewRecord {
  id: string;
  personId: string;
  features: MatchFeatures;
  attributes?: PersonAttributes;
  payloadHash?: string;
  sourceTimestamp?: Date;
}

export interface IngestView {
  /** The record stored under (system, sourceId), erased ones included (their id was replaced). */
  sourceRecord(system: string, sourceId: string): ViewRecord | null;
  /** The surviving person an external id (system, value) is linked to. */
  linkedPerson(system: string, value: string): string | null;
  /** Whether the view holds the rows of every one of these blocking keys (the store fetches what is missing). */
  hasKeys(keys: readonly string[]): boolean;
  /**
   * Current rows of a blocking key (person of each row). Every row for the keys `needsAllRows` names; for
   * the others at least the rows of every person whose members the view holds (the only people the
   * planner can score), counted in full by `keyRecords`.
   */
  keyRows(key: string): ReadonlyArray<{ sourceRecordId: string; personId: string }>;
  /** How many records are currently stored under a blocking key (stored and earlier in the batch). */
  keyRecords(key: string): number;
  /** Non-erased source records of a person, in id order. */
  members(personId: string): readonly ViewRecord[];
  /** An erasure tombstone holds one of these keyed hashes. */
  isErased(keyHashes: readonly string[]): boolean;
}

export interface IncomingRecord {
  system: string;
  sourceId: string;
  sourceTimestamp: Date;
  /** Attributes as stored (legal identifiers as keyed hashes), before merging with a stored record. */
  attributes: PersonAttributes;
  /** Keyed hashes an erasure tombstone of this identity would hold. */
  erasureKeyHashes: readonly string[];
}

export interface PlanIngestOptions {
  thresholds: Partial<BandThresholds>;
  candidateCap: number;
  /** false: deterministic keys only (the exact e-mail key is still read, for VERIFIED_EMAIL). */
  probabilistic: boolean;
  /** Matching features of a record's attributes (region and e-mail trust come from configuration). */
  features(attributes: PersonAttributes): MatchFeatures;
  /** Hash of stored attributes, so an identical re-send is recognised. */
  hashPayload(attributes: PersonAttributes): string;
  model?: MatchModel;
  scoreOptions?: ScorePairOptions;
  /** Decide as if the record were new (reconciliation asks where its attributes point). */
  resolveAsNew?: boolean;
  /** Leave the record's own external-id link out of the deterministic keys. */
  ignoreOwnLink?: boolean;
}

interface Derived { attributes: PersonAttributes; features: MatchFeatures; keys: string[]; payloadHash: string }

export type IngestPlan =
  | { kind: 'needsKeys'; keys: string[] }
  | { kind: 'reject'; problems: Array<{ field: string; message: string }> }
  | { kind: 'unchanged'; recordId: string; personId: string; reason: string }
  | ({ kind: 'update'; recordId: string; personId: string } & Derived)
  | ({ kind: 'new'; resolution: Resolution; candidates: ViewRecord[] } & Derived);

export const EMPTY_RECORD_PROBLEMS = [{ field: 'attributes', message: 'must carry at least a name, an e-mail, a phone or a legal identifier' }];

export const ERASED_IDENTITY_RESOLUTION: Resolution = {
  decision: 'CREATED_FLAGGED', personId: null, matchedKey: null, score: null,
  explanation: {
    comparisons: [], blockers: [], candidatesConsidered: 0, candidatesCapped: false,
    reason: 'matches an identity that was erased (erasure tombstone): created as a new person and flagged for review, never merged back automatically',
  },
};

/**
 * A re-send overwrites the attributes it carries (null clears one) and keeps the rest. A value it
 * carries replaces that attribute's data-quality flag too: the flag stays only on what it still says.
 */
export function mergeAttributes(stored: PersonAttributes, incoming: PersonAttributes): PersonAttributes {
  const merged: Record<string, unknown> = { ...stored };
  for (const [k, v] of Object.entries(incoming)) if (v !== undefined) merged[k] = v;
  if (stored.invalid && incoming.invalid === undefined) {
    const kept = Object.entries(stored.invalid).filter(([attribute]) => (incoming as Record<string, unknown>)[attribute] === undefined);
    merged.invalid = kept.length > 0 ? Object.fromEntries(kept) : null;
  }
  return merged as PersonAttributes;
}

const IDENTIFYING = ['givenName', 'familyName', 'fullName', 'email', 'phone', 'nationalId', 'nationalIdHash', 'passport'];

/**
 * A record must say something that can identify a person. A value kept raw because it failed
 * validation (an e-mail without @) still names someone a steward can look at: the record is kept.
 */
export function isEmptyRecord(attrs: PersonAttributes): boolean {
  const flagged = Object.keys(attrs.invalid ?? {}).some((a) => IDENTIFYING.includes(a));
  return !flagged && ![attrs.givenName, attrs.familyName, attrs.fullName, attrs.email, attrs.phone, attrs.nationalIdHash].some((v) => v != null && v !== '');
}

/**
 * A person who shares only one blocking key with the record is a candidate only when at most this many
 * records are stored under that key. In a hub of 100,000 records a lone given-initial + family key,
 * e-mail local part, city + family or given name + birth year reaches about 19 records per incoming
 * record, of which 1 in 4,000 is the same person (generated population); in a small hub, or for a rare
 * name, the key's bucket is small and a lone shared key (a birth date, a name) still finds the typo'd
 * duplicate. People who share two keys are always candidates. Measured in the in-memory loop: F1 and
 * outcomes unchanged on febrl3 and splink_fake_1000, generated 10k people 5.34 -> 3.66 pairs scored per
 * record for the same F1 (a limit of 4 lost one automatic merge there). The store needs only the count
 * of such a key's rows, not the rows (see IngestView.keyRows), so its view stops growing with the hub.
 */
export const LONE_KEY_RECORDS = 8;

/**
 * A blocking key stored under more than this many records is generic: it finds no candidates. At that
 * size it says little about who a record is (a given initial + a common family name, a city + a common
 * family name), and reading it would make every record cost more the larger the hub grows. Its people
 * are still found through the record's other keys. Measured in the in-memory loop on a generated
 * population of 100,000 people (160,925 records), against the earlier limit of 512: F1 0.8836 vs 0.8838,
 * auto-merge precision 0.9992 vs 0.9987, 27 vs 43 predicted people mixing real people, 8.6 vs 10.7 pairs
 * scored per record; febrl3, splink_fake_1000 and 10,000 generated people decide exactly as before. A
 * store marks a key generic once a batch leaves it over the limit and from then on reads none of its rows.
 */
export const MAX_BLOCK_RECORDS = 64;
/**
 * The most rows of a key a store reads to apply MAX_BLOCK_RECORDS: when that many come back the key is
 * over the limit, whatever the batch re-keys (as it would be for the same records sent one by one: the
 * first marks the key).
 */
export const BLOCK_ROW_LIMIT = MAX_BLOCK_RECORDS + 1;

export function planIngest(record: IncomingRecord, view: IngestView, options: PlanIngestOptions): IngestPlan {
  const existing = options.resolveAsNew ? null : view.sourceRecord(record.system, record.sourceId);
  const attributes = existing ? mergeAttributes(existing.attributes ?? {}, record.attributes) : record.attributes;
  if (isEmptyRecord(attributes)) return { kind: 'reject', problems: EMPTY_RECORD_PROBLEMS };
  const features = options.features(attributes);
  const keys = computeBlockingKeys(features);
  if (!view.hasKeys(keys)) return { kind: 'needsKeys', keys };
  const payloadHash = options.hashPayload(attributes);
  // The store writes the keys the record is stored under; it read them all (frequency keys included).
  const derived: Derived = { attributes, features, keys: storedKeysOf(features, keys), payloadHash };

  if (existing) {
    if (payloadHash === existing.payloadHash) return { kind: 'unchanged', recordId: existing.id, personId: existing.personId, reason: 'same payload as the stored source record' };
    // Out-of-order delivery: an older update must not overwrite a newer one.
    if (existing.sourceTimestamp && record.sourceTimestamp.getTime() < existing.sourceTimestamp.getTime()) {
      return { kind: 'unchanged', recordId: existing.id, personId: existing.personId, reason: 'older than the stored source record (sourceTimestamp)' };
    }
    return { kind: 'update', recordId: existing.id, personId: existing.personId, ...derived };
  }
  if (view.isErased(record.erasureKeyHashes)) return { kind: 'new', resolution: ERASED_IDENTITY_RESOLUTION, candidates: [], ...derived };
  const { resolution, candidates } = resolveAgainstView(record, features, keys, view, options);
  return { kind: 'new', resolution, candidates, ...derived };
}

/** Deterministic keys, then candidate people ranked by shared blocking-key rows (capped), then resolveRecord. */
function resolveAgainstView(record: IncomingRecord, features: MatchFeatures, keys: string[], view: IngestView, options: PlanIngestOptions): { resolution: Resolution; candidates: ViewRecord[] } {
  const deterministic: DeterministicHit[] = [];
  const linked = options.ignoreOwnLink ? null : view.linkedPerson(record.system, record.sourceId);
  if (linked) deterministic.push({ key: 'EXTERNAL_ID', personId: linked });
  if (features.nationalIdHash) {
    for (const p of [...new Set(view.keyRows(`id:${features.nationalIdHash}`).map((r) => r.personId))].sort()) deterministic.push({ key: 'NATIONAL_ID', personId: p });
  }
  // Deterministic-only mode still looks up the record's exact e-mail key (for VERIFIED_EMAIL) but scores no one.
  const candidateKeys = options.probabilistic ? keys.filter(isCandidateKey) : keys.filter((k) => k.startsWith('em:'));
  // Candidates: people who share two keys with the record, or one key few records share (LONE_KEY_RECORDS),
  // of keys no larger than MAX_BLOCK_RECORDS; GROUP BY person ORDER BY count(*) DESC, person LIMIT cap.
  const shared = new Map<string, number>();
  const viaKeys = new Map<string, number>();
  const viaSmallKey = new Set<string>();
  for (const key of candidateKeys) {
    const records = view.keyRecords(key);
    if (records > MAX_BLOCK_RECORDS) continue;
    const rows = view.keyRows(key);
    const small = records <= LONE_KEY_RECORDS;
    for (const r of rows) shared.set(r.personId, (shared.get(r.personId) ?? 0) + 1);
    for (const p of new Set(rows.map((r) => r.personId))) {
      viaKeys.set(p, (viaKeys.get(p) ?? 0) + 1);
      if (small) viaSmallKey.add(p);
    }
  }
  const ranked = [...shared].filter(([p]) => viaKeys.get(p)! >= 2 || viaSmallKey.has(p))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, options.candidateCap).map(([p]) => p);
  const clusterIds = [...new Set([...ranked, ...deterministic.map((d) => d.personId)])];
  const members = clusterIds.flatMap((id) => view.members(id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (features.email) {
    const verifiedOwners = new Set(members.filter((r) => r.features.emailVerified && r.features.email === features.email).map((r) => r.personId));
    for (const p of verifiedOwners) deterministic.push({ key: 'VERIFIED_EMAIL', personId: p });
  }
  const byPerson = new Map<string, ViewRecord[]>();
  for (const r of members) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
  const clusters: CandidateCluster[] = clusterIds
    .filter((id) => byPerson.has(id) && (options.probabilistic || deterministic.some((d) => d.personId === id)))
    .map((personId) => ({ personId, cannotLink: false, members: byPerson.get(personId)!.map((r) => ({ sourceRecordId: r.id, features: r.features })) }));
  const resolution = resolveRecord({
    features, deterministic, candidates: clusters, candidatesFound: shared.size, candidateCap: options.candidateCap,
    thresholds: options.thresholds, model: options.model,
    // Name, phone, e-mail and employer frequency from the view's own key rows (stored and earlier in the batch alike).
    scoreOptions: { namesakes: countNamesakes(features, (key) => view.keyRows(key)), ...countContactSharers(features, (key) => view.keyRows(key)), ...estimateEmployerSharers(features, (key) => view.keyRows(key)), ...options.scoreOptions },
  });
  return { resolution, candidates: clusters.flatMap((c) => byPerson.get(c.personId)!) };
}
