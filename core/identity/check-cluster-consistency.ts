import type { MatchFeatures } from './types';
import { DEFAULT_MATCH_MODEL, type MatchModel } from './default-match-model';
import { scorePair, type MatchScore, type ScorePairOptions } from './score-pair';

export interface ClusterConsistency {
  consistent: boolean;
  /** The lowest-scoring member comparison (null for an empty cluster). */
  weakest: MatchScore | null;
  /** Index into `members` of the weakest comparison, -1 for an empty cluster. */
  weakestIndex: number;
}

export interface CheckClusterConsistencyOptions extends ScorePairOptions {
  model?: MatchModel;
  /**
   * Every member must score at least this. Members are often sparse (a record with only a name), so
   * the bar is "not evidence of a different person" rather than "a strong match on its own".
   */
  minProbability?: number;
}

export const DEFAULT_MIN_MEMBER_PROBABILITY = 0.5;

/** A blocked comparison is weaker than any unblocked one; otherwise the lower log-odds is weaker. */
function isWeaker(score: MatchScore, than: MatchScore): boolean {
  const blocked = score.blockers.length > 0;
  const thanBlocked = than.blockers.length > 0;
  if (blocked !== thanBlocked) return blocked;
  return score.weight < than.weight;
}

/**
 * No chaining: a record may join a golden cluster only when it matches every source record already
 * in it, not just the best one. Any blocker against any member makes it inconsistent.
 */
export function checkClusterConsistency(
  record: MatchFeatures,
  members: readonly MatchFeatures[],
  options: CheckClusterConsistencyOptions = {},
): ClusterConsistency {
  const model = options.model ?? DEFAULT_MATCH_MODEL;
  const minProbability = options.minProbability ?? DEFAULT_MIN_MEMBER_PROBABILITY;
  let weakest: MatchScore | null = null;
  let weakestIndex = -1;
  let consistent = true;
  members.forEach((member, index) => {
    const score = scorePair(record, member, model, options);
    if (score.blockers.length > 0 || score.probability < minProbability) consistent = false;
    if (weakest === null || isWeaker(score, weakest)) {
      weakest = score;
      weakestIndex = index;
    }
  });
  return { consistent, weakest, weakestIndex };
}
