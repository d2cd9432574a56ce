import type { SourceSystem } from '../identity/types';
import type { SurvivorshipRule } from './policy';

export interface SurvivorCandidate {
  value: unknown;
  system: SourceSystem;
  sourceRecordId: string;
  sourceId: string;
  /** ISO 8601 */
  sourceTimestamp: string;
  verified?: boolean;
}

export type SurvivorshipReason = 'STEWARD_OVERRIDE' | 'VERIFIED' | 'SOURCE_PRIORITY' | 'RECENCY' | 'TIE_BREAK' | 'ONLY_VALUE';

export interface RankedCandidate {
  candidate: SurvivorCandidate;
  /** 1 = winner. */
  rank: number;
  /** WON_ON_<criterion> / ONLY_VALUE for the winner; LOST_ON_<criterion> (first criterion the winner beat it on) otherwise. */
  reason: string;
}

export interface SurvivingValue {
  winner: SurvivorCandidate | null;
  /** The criterion that decided the winner over the runner-up. */
  rule: SurvivorshipReason | 'NO_VALUE';
  ranked: RankedCandidate[];
}

/** Null, undefined, blank strings and empty arrays carry no value and never win. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim().length === 0;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function priorityOf(system: SourceSystem, rule: SurvivorshipRule): number {
  if (system === 'STEWARD') return -1;
  const i = rule.sourcePriority.indexOf(system);
  return i < 0 ? rule.sourcePriority.length : i;
}

function timeOf(candidate: SurvivorCandidate): number {
  const t = Date.parse(candidate.sourceTimestamp);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Criterion = { reason: SurvivorshipReason; compare: (a: SurvivorCandidate, b: SurvivorCandidate) => number };

function criteriaFor(rule: SurvivorshipRule): Criterion[] {
  return [
    { reason: 'STEWARD_OVERRIDE', compare: (a, b) => Number(b.system === 'STEWARD') - Number(a.system === 'STEWARD') },
    ...(rule.preferVerified ? [{ reason: 'VERIFIED' as const, compare: (a: SurvivorCandidate, b: SurvivorCandidate) => Number(Boolean(b.verified)) - Number(Boolean(a.verified)) }] : []),
    { reason: 'SOURCE_PRIORITY', compare: (a, b) => priorityOf(a.system, rule) - priorityOf(b.system, rule) },
    { reason: 'RECENCY', compare: (a, b) => timeOf(b) - timeOf(a) },
    // Deterministic last resort so arrival order never matters.
    {
      reason: 'TIE_BREAK',
      compare: (a, b) => compareText(a.system, b.system) || compareText(a.sourceId, b.sourceId) || compareText(a.sourceRecordId, b.sourceRecordId) || compareText(JSON.stringify(a.value), JSON.stringify(b.value)),
    },
  ];
}

/**
 * Picks one attribute's golden value from its source candidates: steward override, then (optionally)
 * verified, then source priority, then most recent, then a fixed tie-break. Independent of input order.
 */
export function selectSurvivingValue(candidates: readonly SurvivorCandidate[], rule: SurvivorshipRule): SurvivingValue {
  const withValue = candidates.filter((c) => !isEmptyValue(c.value));
  // Most attributes of most people have one value or none: no ranking to do.
  if (withValue.length === 0) return { winner: null, rule: 'NO_VALUE', ranked: [] };
  if (withValue.length === 1) return { winner: withValue[0], rule: 'ONLY_VALUE', ranked: [{ candidate: withValue[0], rank: 1, reason: 'ONLY_VALUE' }] };
  const criteria = criteriaFor(rule);
  const decidingCriterion = (a: SurvivorCandidate, b: SurvivorCandidate): Criterion | undefined => criteria.find((c) => c.compare(a, b) !== 0);
  const sorted = withValue.sort((a, b) => {
    const c = decidingCriterion(a, b);
    return c ? c.compare(a, b) : 0;
  });
  const ranked: RankedCandidate[] = sorted.map((candidate, i) => ({
    candidate,
    rank: i + 1,
    reason: i === 0 ? '' : `LOST_ON_${decidingCriterion(sorted[0], candidate)?.reason ?? 'TIE_BREAK'}`,
  }));
  const rule0: SurvivorshipReason = decidingCriterion(sorted[0], sorted[1])?.reason ?? 'TIE_BREAK';
  ranked[0].reason = `WON_ON_${rule0}`;
  return { winner: sorted[0], rule: rule0, ranked };
}
