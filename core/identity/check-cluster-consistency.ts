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
   * Every member must score at least this probability. Without it the bar is evidence: the comparison
   * with every member must on its own make "same person" at least 100 times more likely than the prior
   * did (its weights sum to ≥ log2(100) bits). Members are often sparse or carry their own typos, so the
   * bar is "no member speaks against", not "every member is a strong match on its own"; a name and a
   * shared mailbox alone (a household, a role address) do not pass it.
   */
  minProbability?: number;
}

export const MIN_MEMBER_EVIDENCE_BITS = Math.log2(100);

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
  const priorWeight = Math.log2(model.prior / (1 - model.prior));
  const passes = (score: MatchScore) => (options.minProbability === undefined ? score.weight - priorWeight >= MIN_MEMBER_EVIDENCE_BITS : score.probability >= options.minProbability);
  let weakest: MatchScore | null = null;
  let weakestIndex = -1;
  let consistent = true;
  members.forEach((member, index) => {
    const score = scorePair(record, member, model, options);
    if (score.blockers.length > 0 || !passes(score)) consistent = false;
    if (weakest === null || isWeaker(score, weakest)) {
      weakest = score;
      weakestIndex = index;
    }
  });
  return { consistent, weakest, weakestIndex };
}
