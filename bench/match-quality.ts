/**
 * Match quality on labelled data: runs the in-memory resolution loop over each labelled file in
 * ../shared/benchmarks/data (when present) and prints pairwise precision/recall/F1, auto-merge
 * precision, review share, blocking cost and pairs completeness, cluster sizes and throughput.
 *
 *   node -r ./bench/lib/register.js bench/match-quality.ts [--data DIR] [--tf] [--shuffle SEED] [--cap N]
 *     [--tf]               token-level term-frequency u for exact names, on top of the namesake count ingest uses (off by default to match ingest)
 *     [--soft-conflicts]   score legal-id / birth-date conflicts as strong disagreement instead of blocking
 *     [--generated DIR]    also score a population written by `npm run gen` (crm/ats/hris.csv + truth.csv), repeatable
 *     [--only NAME]        only the data sets whose name contains NAME
 *     [--em]               first estimate m, u and the prior from the data set's own records (EM, no labels)
 *     [--misses N]         why true pairs were missed and false links made: counts by decision and reason, N examples each
 */
import { join } from 'node:path';
import { DEFAULT_MATCH_MODEL, computeBlockingKeys, extractMatchFeatures, normalizeText, scorePair, trainMatchModel, type MatchModel, type MatchScore } from '../core/identity';
import { loadFebrl3, loadGeneratedPopulation, loadSplinkFake1000, type LabelledDataset, type LabelledRecord } from './lib/labelled-datasets';
import { resolveInMemory, type ResolveOptions } from './lib/resolve-in-memory';
import { countMixedClusters, findLargestCluster, scoreBCubed, scorePairwise } from './lib/score-clusters';

function readFlag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Deterministic Fisher–Yates with a small LCG, so a shuffled run can be repeated. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Name-token relative frequencies over the file: the table a production store keeps as counts. */
function buildFrequencies(records: LabelledRecord[]): ResolveOptions['frequencies'] {
  const counts = { givenName: new Map<string, number>(), familyName: new Map<string, number>() };
  for (const r of records) {
    const f = extractMatchFeatures(r.attributes);
    if (f.givenName) counts.givenName.set(f.givenName, (counts.givenName.get(f.givenName) ?? 0) + 1);
    if (f.familyName) counts.familyName.set(f.familyName, (counts.familyName.get(f.familyName) ?? 0) + 1);
  }
  const n = records.length;
  return (token, attribute) => {
    const c = counts[attribute].get(normalizeText(token).replace(/ /g, ''));
    return c === undefined ? undefined : c / n;
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
const fix = (x: number): string => x.toFixed(4);

/** One comparison line: attribute:level(weight) for every attribute both records carry. */
function describe(s: MatchScore): string {
  const parts = s.comparisons.filter((c) => c.level !== 'missing').map((c) => `${c.attribute}:${c.level}(${c.weight.toFixed(1)})`);
  return `w ${s.weight.toFixed(1)} ${s.blockers.length ? `[${s.blockers.join(',')}] ` : ''}${parts.join(' ')}`;
}

/**
 * Why records were not linked to an earlier record of the same person (a missed link: the record's
 * predicted person holds none of its earlier true mates), and which links joined different people.
 */
function reportMisses(records: LabelledRecord[], resolved: ReturnType<typeof resolveInMemory>, options: ResolveOptions, examples: number): void {
  const truth = records.map((r) => r.entityId);
  const model = options.model ?? DEFAULT_MATCH_MODEL;
  const earlierOf = new Map<string, number[]>();
  const missed = new Map<string, string[]>();
  const wrong = new Map<string, string[]>();
  const reasonKey = (reason: string) => reason.replace(/[0-9.]+/g, '#').slice(0, 70);
  resolved.forEach((r, i) => {
    const earlier = earlierOf.get(truth[i]) ?? [];
    const joinedMate = earlier.some((j) => resolved[j].cluster === r.cluster);
    if (earlier.length > 0 && !joinedMate) {
      const best = earlier.map((j) => ({ j, s: scorePair(r.features, resolved[j].features, model) })).sort((a, b) => b.s.weight - a.s.weight)[0];
      const key = `${r.outcome}: ${reasonKey(r.reason)}`;
      const list = missed.get(key) ?? [];
      list.push(`#${i} vs #${best.j} ${describe(best.s)}`);
      missed.set(key, list);
    }
    if ((r.outcome === 'AUTO_MERGED' || r.outcome === 'MATCHED') && resolved.some((q, j) => j < i && q.cluster === r.cluster && truth[j] !== truth[i])) {
      const others = resolved.flatMap((q, j) => (j < i && q.cluster === r.cluster && truth[j] !== truth[i] ? [{ j, s: scorePair(r.features, q.features, model) }] : []));
      const other = others.sort((a, b) => b.s.weight - a.s.weight)[0];
      const list = wrong.get(r.outcome) ?? [];
      list.push(`#${i} vs #${other.j} ${describe(other.s)}`);
      wrong.set(r.outcome, list);
    }
    earlier.push(i);
    earlierOf.set(truth[i], earlier);
  });
  const print = (title: string, groups: Map<string, string[]>) => {
    console.log(`-- ${title}`);
    for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
      console.log(`  ${list.length}  ${key}`);
      for (const line of list.slice(0, examples)) console.log(`      ${line}`);
    }
  };
  print('missed links (record not joined to any earlier record of its person)', missed);
  print('false links (joined a person holding another real person)', wrong);
}

function runDataset(dataset: LabelledDataset, options: ResolveOptions, seed: number | undefined): void {
  const records = seed === undefined ? dataset.records : shuffle(dataset.records, seed);
  const truth = records.map((r) => r.entityId);
  const started = process.hrtime.bigint();
  const resolved = resolveInMemory(records.map((r) => r.attributes), options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const predicted = resolved.map((r) => r.cluster);

  const pairwise = scorePairwise(predicted, truth);
  const bcubed = scoreBCubed(predicted, truth);
  const outcomes = new Map<string, number>();
  for (const r of resolved) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
  const reviews = outcomes.get('REVIEW_QUEUED') ?? 0;

  // An auto-merge decision is correct when every record already in the target cluster is the same person.
  const membersAtDecision = new Map<number, string[]>();
  let autoMerges = 0;
  let correctAutoMerges = 0;
  resolved.forEach((r, i) => {
    const members = membersAtDecision.get(r.cluster) ?? [];
    if (r.outcome === 'AUTO_MERGED') {
      autoMerges += 1;
      if (members.every((t) => t === truth[i])) correctAutoMerges += 1;
    }
    members.push(truth[i]);
    membersAtDecision.set(r.cluster, members);
  });

  // Pairs completeness: a true pair is kept when the later record saw the earlier one as a candidate.
  let truePairs = 0;
  let keptPairs = 0;
  const seen = new Map<string, number[]>();
  resolved.forEach((r, i) => {
    const earlier = seen.get(truth[i]) ?? [];
    const candidates = new Set(r.candidates);
    truePairs += earlier.length;
    keptPairs += earlier.filter((j) => candidates.has(j)).length;
    earlier.push(i);
    seen.set(truth[i], earlier);
  });
  const candidatePairs = resolved.reduce((sum, r) => sum + r.candidates.length, 0);

  // If stewards resolved every review correctly (join the suggested cluster when it holds the same person).
  const oracle = [...predicted];
  const rootOf = (c: number): number => (oracle[c] === c ? c : (oracle[c] = rootOf(oracle[c])));
  resolved.forEach((r, i) => {
    if (r.outcome === 'REVIEW_QUEUED' && r.suggestedCluster !== null && truth[r.suggestedCluster] === truth[i]) {
      oracle[rootOf(i)] = rootOf(r.suggestedCluster);
    }
  });
  const oraclePairwise = scorePairwise(oracle.map((_, i) => rootOf(predicted[i])), truth);
  const blocked = resolved.filter((r) => r.blockedStrongCandidate).length;

  const label = `${dataset.name}${seed === undefined ? '' : ` (shuffled, seed ${seed})`}`;
  console.log(`\n== ${label}: ${records.length} records, ${new Set(truth).size} people`);
  console.log(`pairwise        precision ${fix(pairwise.precision)}  recall ${fix(pairwise.recall)}  F1 ${fix(pairwise.f1)}  (${pairwise.truePositives}/${pairwise.predictedPairs} predicted, ${pairwise.truePairs} true pairs)`);
  console.log(`b-cubed         precision ${fix(bcubed.precision)}  recall ${fix(bcubed.recall)}`);
  console.log(`auto-merge      decisions ${autoMerges}, precision ${fix(autoMerges === 0 ? 1 : correctAutoMerges / autoMerges)} (pairwise precision of automatic links ${fix(pairwise.precision)})`);
  console.log(`outcomes        ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}; review share ${pct(reviews / records.length)}`);
  console.log(`with reviews    resolved correctly by a steward: F1 ${fix(oraclePairwise.f1)} (recall ${fix(oraclePairwise.recall)})`);
  console.log(`blocking        ${(candidatePairs / records.length).toFixed(2)} candidate pairs scored per record (cap ${options.candidateCap ?? 50}), pairs completeness ${fix(truePairs === 0 ? 1 : keptPairs / truePairs)}`);
  console.log(`clusters        largest predicted ${findLargestCluster(predicted)} vs largest true ${findLargestCluster(truth)}; ${new Set(predicted).size} predicted people, ${countMixedClusters(predicted, truth)} mixed (records of two or more real people)`);
  console.log(`hard conflicts  ${blocked} records had a strong candidate blocked by a legal-id or birth-date conflict`);
  console.log(`throughput      ${(records.length / seconds).toFixed(0)} records/s, peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  const misses = readFlag('--misses');
  if (misses !== undefined) reportMisses(records, resolved, options, Number(misses));
}

function main(): void {
  const dir = readFlag('--data') ?? join(__dirname, '..', '..', 'shared', 'benchmarks', 'data');
  const cap = Number(readFlag('--cap') ?? 50);
  const seed = readFlag('--shuffle');
  const generated = process.argv.flatMap((arg, i) => (arg === '--generated' ? [process.argv[i + 1]] : []));
  const only = readFlag('--only');
  const datasets = [loadFebrl3(dir), loadSplinkFake1000(dir), ...generated.map(loadGeneratedPopulation)]
    .filter((d): d is LabelledDataset => d !== null && (only === undefined || d.name.includes(only)));
  if (datasets.length === 0) {
    console.log(`no labelled files found in ${dir}; nothing to measure`);
    return;
  }
  for (const dataset of datasets) {
    const model: MatchModel = process.argv.includes('--soft-conflicts')
      ? { ...DEFAULT_MATCH_MODEL, blockers: { nationalIdConflict: false, birthDateConflict: false } }
      : DEFAULT_MATCH_MODEL;
    const trained = process.argv.includes('--em')
      ? trainMatchModel(dataset.records.map((r) => extractMatchFeatures(r.attributes, { defaultRegion: 'US' })), model, computeBlockingKeys)
      : null;
    if (trained) console.log(`\n${dataset.name}: EM ${trained.iterations} iterations, prior ${trained.model.prior.toExponential(2)}, candidate match share ${trained.candidateMatchShare.toFixed(3)}`);
    const options: ResolveOptions = {
      model: trained?.model ?? model,
      candidateCap: cap,
      frequencies: process.argv.includes('--tf') ? buildFrequencies(dataset.records) : undefined,
    };
    runDataset(dataset, options, seed === undefined ? undefined : Number(seed));
  }
}

main();
