/**
 * The ingest pipeline's decision loop, in memory: one record at a time, each decided by the same planner
 * the store uses (`planIngest` in core/identity) against an in-memory view — a blocking-key index and the
 * people formed so far — so match quality can be measured in seconds without a database.
 */
import {
  extractEmailAddress,
  extractMatchFeatures,
  normalizeDate,
  normalizeEmail,
  normalizePhone,
  phoneRegionOf,
  planIngest,
  scorePair,
  DEFAULT_MATCH_MODEL,
  type BandThresholds,
  type IngestView,
  type MatchFeatures,
  type MatchModel,
  type PersonAttributes,
  type ViewRecord,
} from '../../core/identity';

export type Outcome = 'MATCHED' | 'AUTO_MERGED' | 'REVIEW_QUEUED' | 'CREATED' | 'CREATED_FLAGGED';

export interface ResolveOptions {
  model?: MatchModel;
  thresholds?: Partial<BandThresholds>;
  candidateCap?: number;
  frequencies?: (token: string, attribute: 'givenName' | 'familyName') => number | undefined;
  /** Region for phone numbers without a country code (the deployment default, US as DEFAULT_PHONE_REGION); rows are usually E.164 already. */
  defaultRegion?: string;
}

export interface ResolvedRecord {
  cluster: number;
  outcome: Outcome;
  /** Earlier records scored against this one (members of the candidate people, after the cap). */
  candidates: number[];
  /** For REVIEW_QUEUED: the cluster the steward would be asked about. */
  suggestedCluster: number | null;
  blockedStrongCandidate: boolean;
  /** The resolution's one-sentence reason (for miss analysis). */
  reason: string;
  /** The features the decision compared (for miss analysis). */
  features: MatchFeatures;
}

/**
 * What the import matches on: a value it would refuse (an e-mail without @, a phone the record's country
 * cannot read, a birth date that is no calendar date or out of range) is kept raw and flagged there, out
 * of matching, so here it is left out too.
 */
function asImported(attrs: PersonAttributes, defaultRegion: string, today: string): PersonAttributes {
  const out = { ...attrs };
  // As the import keeps it: raw under `invalid` (a record whose only identifier failed validation is still kept).
  const flag = (attribute: 'email' | 'phone' | 'birthDate', raw: string) => {
    out.invalid = { ...(out.invalid ?? {}), [attribute]: { value: raw, reason: 'fails validation' } };
    out[attribute] = null;
  };
  if (out.email != null) {
    const address = extractEmailAddress(out.email.trim());
    if (normalizeEmail(address)) out.email = address;
    else flag('email', attrs.email!);
  }
  if (out.phone != null && normalizePhone(out.phone, phoneRegionOf(out, defaultRegion))?.e164 == null) flag('phone', attrs.phone!);
  if (out.birthDate != null) {
    const date = normalizeDate(out.birthDate);
    if (date && date >= '1900-01-01' && date <= today) out.birthDate = date;
    else flag('birthDate', attrs.birthDate!);
  }
  return out;
}

/** Ids that sort as the numbers they stand for, as uuids sort in the database: ties break alike. */
const idOf = (n: number) => String(n).padStart(10, '0');

export function resolveInMemory(records: PersonAttributes[], options: ResolveOptions = {}): ResolvedRecord[] {
  const model = options.model ?? DEFAULT_MATCH_MODEL;
  const cap = options.candidateCap ?? 50;
  const scoreOptions = { frequencies: options.frequencies };
  const features: MatchFeatures[] = [];
  const index = new Map<string, number[]>();
  const clusterOf: number[] = [];
  const members = new Map<number, number[]>();
  const out: ResolvedRecord[] = [];
  const region = options.defaultRegion ?? 'US';
  const today = new Date().toISOString().slice(0, 10);
  const view: IngestView = {
    sourceRecord: () => null,
    linkedPerson: () => null,
    hasKeys: () => true,
    keyRows: (key) => (index.get(key) ?? []).map((j) => ({ sourceRecordId: idOf(j), personId: idOf(clusterOf[j]) })),
    keyRecords: (key) => (index.get(key) ?? []).length,
    members: (personId) => (members.get(Number(personId)) ?? []).map((j): ViewRecord => ({ id: idOf(j), personId, features: features[j] })),
    isErased: () => false,
  };
  const planOptions = {
    thresholds: options.thresholds ?? {}, candidateCap: cap, probabilistic: true, model, scoreOptions,
    features: (a: PersonAttributes) => extractMatchFeatures(a, { defaultRegion: region }),
    hashPayload: () => '',
  };

  records.forEach((raw, i) => {
    const attrs = asImported(raw, region, today);
    const plan = planIngest({ system: 'CRM', sourceId: idOf(i), sourceTimestamp: new Date(0), attributes: attrs, erasureKeyHashes: [] }, view, planOptions);
    if (plan.kind !== 'new') {
      // A record that identifies nobody (the import rejects it) stays a person of its own, out of every index.
      features.push(planOptions.features(attrs));
      clusterOf.push(i);
      members.set(i, [i]);
      out.push({ cluster: i, outcome: 'CREATED', candidates: [], suggestedCluster: null, blockedStrongCandidate: false, reason: 'identifies nobody', features: features[i] });
      return;
    }
    const f = plan.features;
    features.push(f);
    const candidates = plan.candidates.map((c) => Number(c.id));
    let blockedStrongCandidate = false;
    for (const j of candidates) {
      const s = scorePair(f, features[j], model, scoreOptions);
      if (s.blockers.length > 0 && s.weight > 10) blockedStrongCandidate = true;
    }
    const { resolution } = plan;
    const outcome: Outcome = resolution.decision;
    let cluster = outcome === 'MATCHED' || outcome === 'AUTO_MERGED' ? Number(resolution.personId) : -1;
    const suggested = outcome === 'REVIEW_QUEUED' && resolution.personId !== null ? Number(resolution.personId) : null;
    if (cluster < 0) {
      cluster = i;
      members.set(i, []);
    }
    clusterOf.push(cluster);
    members.get(cluster)!.push(i);
    for (const key of plan.keys) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
    out.push({ cluster, outcome, candidates, suggestedCluster: suggested, blockedStrongCandidate, reason: resolution.explanation.reason, features: f });
  });
  return out;
}
