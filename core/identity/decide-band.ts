export type MatchBand = 'AUTO_MERGE' | 'REVIEW' | 'NEW';

export interface BandThresholds {
  /** At or above: merge without a steward. */
  autoMerge: number;
  /** At or above (and below autoMerge): a review task with the suggested merge. */
  review: number;
  /** At or above (and below review): still a new person, but flagged because a weak candidate existed. */
  flag: number;
}

export const DEFAULT_BAND_THRESHOLDS: BandThresholds = { autoMerge: 0.9, review: 0.7, flag: 0.3 };

/** Which band a match probability falls in. Thresholds are configuration; see DESIGN.md §3.4. */
export function decideBand(probability: number, thresholds: Partial<BandThresholds> = {}): MatchBand {
  const t = { ...DEFAULT_BAND_THRESHOLDS, ...thresholds };
  if (probability >= t.autoMerge) return 'AUTO_MERGE';
  if (probability >= t.review) return 'REVIEW';
  return 'NEW';
}

/** A candidate too weak for review but worth flagging on the new person (CREATED_FLAGGED). */
export function isWeakCandidate(probability: number, thresholds: Partial<BandThresholds> = {}): boolean {
  const t = { ...DEFAULT_BAND_THRESHOLDS, ...thresholds };
  return probability >= t.flag && probability < t.review;
}
