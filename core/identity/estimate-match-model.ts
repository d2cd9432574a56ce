/**
 * Fellegi–Sunter parameters learned from a deployment's own records, as Splink does:
 * - u (how often two *different* people land on a level) from random pairs of records, which are
 *   almost all non-matches;
 * - m (how often the *same* person lands on it) by expectation–maximisation over candidate pairs (pairs
 *   that share a blocking key), u held fixed. The E-step scores a pair as `scorePair` does (one address
 *   counted once, a household as a household), and an attribute's m is estimated only from pairs that
 *   share some key not built from it (a pair found only through its name key says nothing about how
 *   often names agree);
 * - the prior (probability that two random records are one person) from the expected number of matches
 *   among the candidate pairs.
 * The start model is the starting point and the fallback: every estimate is smoothed towards it by
 * pseudo-counts, so a level the data hardly shows keeps its hand-set value. Labelled pairs (steward
 * decisions) count as pairs with a known answer. Pure: the caller picks the pairs.
 */
import type { AttributeLevels, LevelParameters, MatchAttribute, MatchModel } from './default-match-model';
import { isCandidateKey } from './blocking-keys';
import { scorePair } from './score-pair';
import type { MatchFeatures } from './types';

export interface LabelledPair { a: number; b: number; match: boolean }

export interface EstimateMatchModelInput {
  records: readonly MatchFeatures[];
  /** Candidate pairs (indexes into records) that share a blocking key. */
  candidatePairs: ReadonlyArray<readonly [number, number]>;
  /**
   * Per candidate pair, the attributes every key it shares is built from (a pair found only through
   * its name key agrees on the name by construction): their m is estimated from the other pairs, as
   * Splink estimates a comparison only from blocking rules that do not use it.
   */
  blockedOn?: ReadonlyArray<ReadonlySet<MatchAttribute>>;
  /** Random pairs for u. */
  randomPairs: ReadonlyArray<readonly [number, number]>;
  /** Pairs a steward decided: fixed posteriors (1 or 0) in every iteration. */
  labelledPairs?: readonly LabelledPair[];
  start: MatchModel;
  iterations?: number;
  /** Weight of the start model: each level's start value counts as this many expected occurrences (default 20). */
  pseudoCount?: number;
}

export interface EstimateMatchModelResult {
  model: MatchModel;
  /** Expected share of matches among the candidate pairs after the last iteration. */
  candidateMatchShare: number;
  /** Largest change of any m in the last iteration (convergence). */
  lastChange: number;
  iterations: number;
}

type Levels = Array<[MatchAttribute, string]>;

const MISSING = 'missing';
/** Bounds that keep every weight finite. */
const MIN_PROBABILITY = 1e-9;
const MAX_PROBABILITY = 1 - 1e-9;
const clamp = (p: number) => Math.min(MAX_PROBABILITY, Math.max(MIN_PROBABILITY, p));

function levelsOf(a: MatchFeatures, b: MatchFeatures, model: MatchModel): Levels {
  return scorePair(a, b, model).comparisons.filter((c) => c.level !== MISSING).map((c) => [c.attribute, c.level]);
}

function attributesOf(model: MatchModel): MatchAttribute[] {
  return Object.keys(model.attributes) as MatchAttribute[];
}

/** Relative frequencies per attribute of the observed levels, smoothed towards `start` (`key` m or u). */
function estimateLevels(
  model: MatchModel,
  observations: ReadonlyArray<{ levels: Levels; weight: number; blockedOn?: ReadonlySet<MatchAttribute> }>,
  key: keyof LevelParameters,
  pseudoCount: number,
): Record<MatchAttribute, Record<string, number>> {
  const out = {} as Record<MatchAttribute, Record<string, number>>;
  const sums = new Map<MatchAttribute, Map<string, number>>();
  for (const { levels, weight, blockedOn } of observations) {
    for (const [attribute, level] of levels) {
      if (blockedOn?.has(attribute)) continue;
      const perLevel = sums.get(attribute) ?? new Map<string, number>();
      perLevel.set(level, (perLevel.get(level) ?? 0) + weight);
      sums.set(attribute, perLevel);
    }
  }
  for (const attribute of attributesOf(model)) {
    const levels = model.attributes[attribute];
    const perLevel = sums.get(attribute) ?? new Map<string, number>();
    const total = [...perLevel.values()].reduce((s, v) => s + v, 0);
    const startTotal = Object.values(levels).reduce((s, p) => s + p[key], 0);
    // The start value of a level weighs as `pseudoCount` expected occurrences of it: a rare level (an
    // exact e-mail between two random people) needs that many observations' worth of data to move far,
    // so a level the sample hardly shows cannot take an extreme weight by its absence.
    const smoothed = Object.entries(levels).map(([level, params]) => {
      const start = params[key] / startTotal;
      const strength = pseudoCount / start;
      return [level, ((perLevel.get(level) ?? 0) + strength * start) / (total + strength)] as const;
    });
    const sum = smoothed.reduce((s, [, v]) => s + v, 0);
    out[attribute] = Object.fromEntries(smoothed.map(([level, v]) => [level, clamp(v / sum)]));
  }
  return out;
}

/**
 * Levels whose u is about people who already agree on the name ("nameBased": mailboxes alike only through
 * the names they are built from, which namesakes share): random pairs, which hardly ever agree on a name,
 * cannot estimate it, so it keeps the start model's value.
 */
const U_GIVEN_NAME_AGREEMENT: ReadonlySet<string> = new Set(['email.nameBased']);

function withParameters(model: MatchModel, m: Record<MatchAttribute, Record<string, number>>, u: Record<MatchAttribute, Record<string, number>>, prior: number): MatchModel {
  const attributes = {} as Record<MatchAttribute, AttributeLevels>;
  for (const attribute of attributesOf(model)) {
    attributes[attribute] = Object.fromEntries(Object.keys(model.attributes[attribute]).map((level) => [level, {
      m: m[attribute][level],
      u: U_GIVEN_NAME_AGREEMENT.has(`${attribute}.${level}`) ? model.attributes[attribute][level].u : u[attribute][level],
    }]));
  }
  return { ...model, prior, attributes };
}


const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

export function estimateMatchModel(input: EstimateMatchModelInput): EstimateMatchModelResult {
  const { records, start } = input;
  const iterations = input.iterations ?? 1;
  const pseudoCount = input.pseudoCount ?? 20;
  const u = estimateLevels(start, input.randomPairs.map(([i, j]) => ({ levels: levelsOf(records[i], records[j], start), weight: 1 })), 'u', pseudoCount);
  const candidates = input.candidatePairs.map(([i, j]) => levelsOf(records[i], records[j], start));
  // The E-step reads a pair as scorePair does: agreement on one address counted once, a household's
  // shared family name and contacts counted as a household's, so the relatives of one home (who agree
  // on street, postcode, city, landline and mailbox at once) do not read as "most candidates match".
  const posteriorOf = (k: number, model: MatchModel): number => {
    const [i, j] = input.candidatePairs[k];
    return sigmoid(Math.LN2 * scorePair(records[i], records[j], model).weight);
  };
  const labelled = (input.labelledPairs ?? []).map((p) => ({ levels: levelsOf(records[p.a], records[p.b], start), match: p.match }));

  let model = withParameters(start, Object.fromEntries(attributesOf(start).map((a) => [a, Object.fromEntries(Object.entries(start.attributes[a]).map(([l, p]) => [l, p.m]))])) as Record<MatchAttribute, Record<string, number>>, u, start.prior);
  // The first E-step scores with the start model and its own prior, so EM starts from the hand-set
  // answer rather than from "half of all candidates match" (which can run off to "all of them do").
  let share = -1;
  let lastChange = 0;
  let done = 0;
  for (let it = 0; it < iterations; it += 1) {
    const scoring = share < 0 ? start : { ...model, prior: share };
    const posteriors = candidates.map((_, k) => posteriorOf(k, scoring));
    share = clamp(posteriors.reduce((s, p) => s + p, 0) / Math.max(1, posteriors.length));
    const observations = [
      ...candidates.map((levels, k) => ({ levels, weight: posteriors[k], blockedOn: input.blockedOn?.[k] })),
      ...labelled.filter((p) => p.match).map((p) => ({ levels: p.levels, weight: 1 })),
    ];
    const m = estimateLevels(start, observations, 'm', pseudoCount);
    const next = withParameters(start, m, u, start.prior);
    lastChange = 0;
    for (const attribute of attributesOf(start)) {
      for (const level of Object.keys(start.attributes[attribute])) {
        lastChange = Math.max(lastChange, Math.abs(next.attributes[attribute][level].m - model.attributes[attribute][level].m));
      }
    }
    model = next;
    done = it + 1;
    if (lastChange < 1e-5) break;
  }
  // Expected matches among candidate pairs over all pairs of records: two random records being one person.
  const n = records.length;
  const allPairs = (n * (n - 1)) / 2;
  const expectedMatches = share * candidates.length;
  const prior = allPairs > 0 && expectedMatches > 0 ? clamp(expectedMatches / allPairs) : start.prior;
  return { model: { ...model, prior }, candidateMatchShare: share, lastChange, iterations: done };
}

export interface TrainMatchModelOptions {
  /** Random pairs for u (default 200,000, at most all pairs). */
  randomPairs?: number;
  /** Keys shared by more records than this are too common to say anything and are skipped (default 50). */
  maxKeyRecords?: number;
  labelledPairs?: readonly LabelledPair[];
  iterations?: number;
  /** Seed of the pair sampler: the same records and seed give the same model. */
  seed?: number;
}

/** Deterministic 32-bit generator (LCG), so training is repeatable. */
function createSampler(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Candidate pairs the way ingest finds them (records sharing a blocking key), and random pairs; then EM. */
export function trainMatchModel(records: readonly MatchFeatures[], start: MatchModel, keysOf: (f: MatchFeatures) => string[], options: TrainMatchModelOptions = {}): EstimateMatchModelResult {
  const maxKeyRecords = options.maxKeyRecords ?? 50;
  const byKey = new Map<string, number[]>();
  records.forEach((f, i) => {
    for (const key of keysOf(f)) {
      if (!isCandidateKey(key)) continue;
      const list = byKey.get(key);
      if (list) list.push(i);
      else byKey.set(key, [i]);
    }
  });
  const seen = new Map<number, number>();
  const candidatePairs: Array<[number, number]> = [];
  const blockedOn: Array<Set<MatchAttribute>> = [];
  const n = records.length;
  for (const [key, list] of byKey) {
    if (list.length < 2 || list.length > maxKeyRecords) continue;
    const attributes = keyAttributes(key);
    for (let x = 0; x < list.length; x += 1) {
      for (let y = x + 1; y < list.length; y += 1) {
        const code = list[x] * n + list[y];
        const at = seen.get(code);
        if (at === undefined) {
          seen.set(code, candidatePairs.length);
          candidatePairs.push([list[x], list[y]]);
          blockedOn.push(new Set(attributes));
        } else {
          // Only what every shared key is built from stays excluded.
          for (const a of blockedOn[at]) if (!attributes.includes(a)) blockedOn[at].delete(a);
        }
      }
    }
  }
  const next = createSampler(options.seed ?? 1);
  const wanted = Math.min(options.randomPairs ?? 200_000, (n * (n - 1)) / 2);
  const randomPairs: Array<[number, number]> = [];
  while (n > 1 && randomPairs.length < wanted) {
    const i = Math.floor(next() * n);
    const j = Math.floor(next() * n);
    if (i !== j) randomPairs.push([Math.min(i, j), Math.max(i, j)]);
  }
  return estimateMatchModel({ records, candidatePairs, blockedOn, randomPairs, labelledPairs: options.labelledPairs, start, iterations: options.iterations });
}

/** The attributes a blocking key is built from, by its prefix (see computeBlockingKeys). */
const KEY_ATTRIBUTES: Readonly<Record<string, readonly MatchAttribute[]>> = {
  id: ['nationalId'], idv: ['nationalId'], em: ['email'], el: ['email'], ph: ['phone'], bd: ['birthDate'],
  nm: ['givenName', 'familyName'], fny: ['givenName', 'birthDate'], lny: ['familyName', 'birthDate'], lnmd: ['familyName', 'birthDate'],
  pcf: ['postcode', 'givenName'], pcl: ['postcode', 'familyName'], ctl: ['city', 'familyName'], fil: ['givenName', 'familyName'],
};

function keyAttributes(key: string): readonly MatchAttribute[] {
  return KEY_ATTRIBUTES[key.slice(0, key.indexOf(':'))] ?? [];
}
