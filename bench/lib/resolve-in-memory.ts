/**
 * The online resolution loop, in memory: one record at a time, candidates from a blocking-key index,
 * Fellegi–Sunter scores, banding and the no-chaining check. Mirrors what ingest does against the
 * database so match quality can be measured without one.
 */
import {
  checkClusterConsistency,
  computeBlockingKeys,
  decideBand,
  extractMatchFeatures,
  isWeakCandidate,
  scorePair,
  DEFAULT_MATCH_MODEL,
  type BandThresholds,
  type MatchFeatures,
  type MatchModel,
  type PersonAttributes,
} from '../../core/identity';

export type Outcome = 'AUTO_MERGED' | 'REVIEW_QUEUED' | 'CREATED' | 'CREATED_FLAGGED';

export interface ResolveOptions {
  model?: MatchModel;
  thresholds?: Partial<BandThresholds>;
  candidateCap?: number;
  frequencies?: (token: string, attribute: 'givenName' | 'familyName') => number | undefined;
}

export interface ResolvedRecord {
  cluster: number;
  outcome: Outcome;
  /** Earlier records scored against this one (after the cap). */
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
    const f = extractMatchFeatures(attrs, { defaultRegion: 'GB' });
    features.push(f);
    const keys = computeBlockingKeys(f);
    // Rank earlier records by how many keys they share, as `GROUP BY person ORDER BY count(*) DESC LIMIT cap` would.
    const shared = new Map<number, number>();
    for (const key of keys) for (const j of index.get(key) ?? []) shared.set(j, (shared.get(j) ?? 0) + 1);
    const candidates = [...shared].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, cap).map(([j]) => j);

    const bestByCluster = new Map<number, number>();
    let blockedStrongCandidate = false;
    for (const j of candidates) {
      const s = scorePair(f, features[j], model, scoreOptions);
      if (s.blockers.length > 0 && s.weight > 10) blockedStrongCandidate = true;
      const c = clusterOf[j];
      bestByCluster.set(c, Math.max(bestByCluster.get(c) ?? 0, s.probability));
    }
    const ranked = [...bestByCluster].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    let outcome: Outcome = 'CREATED';
    let cluster = -1;
    let suggested: number | null = null;
    if (ranked.length > 0) {
      const [bestCluster, p] = ranked[0];
      const band = decideBand(p, options.thresholds);
      if (band === 'AUTO_MERGE') {
        const memberFeatures = (members.get(bestCluster) ?? []).map((j) => features[j]);
        const check = checkClusterConsistency(f, memberFeatures, { model, ...scoreOptions });
        if (check.consistent) {
          outcome = 'AUTO_MERGED';
          cluster = bestCluster;
        } else {
          outcome = 'REVIEW_QUEUED';
          suggested = bestCluster;
        }
      } else if (band === 'REVIEW') {
        outcome = 'REVIEW_QUEUED';
        suggested = bestCluster;
      } else if (isWeakCandidate(p, options.thresholds)) {
        outcome = 'CREATED_FLAGGED';
      }
    }
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
