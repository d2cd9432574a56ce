/**
 * The online resolution loop, in memory: one record at a time, candidate people from a blocking-key
 * index, then the same decision ingest takes (`resolveRecord`: deterministic legal-id key, Fellegi–Sunter
 * scores against every member of each candidate person, bands, no chaining). Mirrors what ingest does
 * against the database so match quality can be measured without one.
 */
import {
  computeBlockingKeys,
  extractMatchFeatures,
  resolveRecord,
  scorePair,
  DEFAULT_MATCH_MODEL,
  type BandThresholds,
  type DeterministicHit,
  type MatchFeatures,
  type MatchModel,
  type PersonAttributes,
} from '../../core/identity';

export type Outcome = 'MATCHED' | 'AUTO_MERGED' | 'REVIEW_QUEUED' | 'CREATED' | 'CREATED_FLAGGED';

export interface ResolveOptions {
  model?: MatchModel;
  thresholds?: Partial<BandThresholds>;
  candidateCap?: number;
  frequencies?: (token: string, attribute: 'givenName' | 'familyName') => number | undefined;
  /** Region for phone numbers without a country code (the deployment default); rows are usually E.164 already. */
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
}

export function resolveInMemory(records: PersonAttributes[], options: ResolveOptions = {}): ResolvedRecord[] {
  const model = options.model ?? DEFAULT_MATCH_MODEL;
  const cap = options.candidateCap ?? 50;
  const scoreOptions = { frequencies: options.frequencies };
  const features: MatchFeatures[] = [];
  const index = new Map<string, number[]>();
  const clusterOf: number[] = [];
  const members = new Map<number, number[]>();
  const out: ResolvedRecord[] = [];

  records.forEach((attrs, i) => {
    const f = extractMatchFeatures(attrs, { defaultRegion: options.defaultRegion ?? 'GB' });
    features.push(f);
    const keys = computeBlockingKeys(f);
    // Rank earlier people by how many key rows they share, as `GROUP BY person ORDER BY count(*) DESC LIMIT cap` does.
    const shared = new Map<number, number>();
    for (const key of keys) for (const j of index.get(key) ?? []) shared.set(clusterOf[j], (shared.get(clusterOf[j]) ?? 0) + 1);
    const people = [...shared].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, cap).map(([c]) => c);
    const deterministic: DeterministicHit[] = [];
    if (f.nationalIdHash) {
      for (const c of new Set((index.get(`id:${f.nationalIdHash}`) ?? []).map((j) => clusterOf[j]))) deterministic.push({ key: 'NATIONAL_ID', personId: String(c) });
    }
    const clusterIds = [...new Set([...people, ...deterministic.map((d) => Number(d.personId))])];
    const candidates = clusterIds.flatMap((c) => members.get(c) ?? []);
    let blockedStrongCandidate = false;
    for (const j of candidates) {
      const s = scorePair(f, features[j], model, scoreOptions);
      if (s.blockers.length > 0 && s.weight > 10) blockedStrongCandidate = true;
    }
    const resolution = resolveRecord({
      features: f,
      deterministic,
      candidates: clusterIds.map((c) => ({
        personId: String(c),
        cannotLink: false,
        members: (members.get(c) ?? []).map((j) => ({ sourceRecordId: String(j), features: features[j] })),
      })),
      candidatesFound: shared.size,
      candidateCap: cap,
      thresholds: options.thresholds,
      model,
      scoreOptions,
    });
    const outcome: Outcome = resolution.decision;
    let cluster = outcome === 'MATCHED' || outcome === 'AUTO_MERGED' ? Number(resolution.personId) : -1;
    const suggested = outcome === 'REVIEW_QUEUED' && resolution.personId !== null ? Number(resolution.personId) : null;
    if (cluster < 0) {
      cluster = i;
      members.set(i, []);
    }
    clusterOf.push(cluster);
    members.get(cluster)!.push(i);
    for (const key of keys) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
    out.push({ cluster, outcome, candidates, suggestedCluster: suggested, blockedStrongCandidate });
  });
  return out;
}
