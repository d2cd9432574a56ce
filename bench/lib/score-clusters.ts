/** Pairwise and B-cubed scoring of predicted clusters against ground truth (benchmarks README). */

export interface PairwiseScore {
  truePairs: number;
  predictedPairs: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

function countPairs(n: number): number {
  return (n * (n - 1)) / 2;
}

function groupBy(labels: readonly (string | number)[]): Map<string | number, number[]> {
  const groups = new Map<string | number, number[]>();
  labels.forEach((label, i) => {
    const g = groups.get(label);
    if (g) g.push(i);
    else groups.set(label, [i]);
  });
  return groups;
}

export function scorePairwise(predicted: readonly (string | number)[], truth: readonly string[]): PairwiseScore {
  let predictedPairs = 0;
  let truePairs = 0;
  let truePositives = 0;
  for (const g of groupBy(predicted).values()) {
    predictedPairs += countPairs(g.length);
    for (const sub of groupBy(g.map((i) => truth[i])).values()) truePositives += countPairs(sub.length);
  }
  for (const g of groupBy(truth).values()) truePairs += countPairs(g.length);
  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs, truePositives, precision, recall, f1 };
}

export function scoreBCubed(predicted: readonly (string | number)[], truth: readonly string[]): { precision: number; recall: number } {
  const byPred = groupBy(predicted);
  const byTruth = groupBy(truth);
  let precision = 0;
  let recall = 0;
  predicted.forEach((p, i) => {
    const pred = byPred.get(p)!;
    const tru = byTruth.get(truth[i])!;
    const overlap = pred.filter((j) => truth[j] === truth[i]).length;
    precision += overlap / pred.length;
    recall += overlap / tru.length;
  });
  return { precision: precision / predicted.length, recall: recall / predicted.length };
}

export function findLargestCluster(labels: readonly (string | number)[]): number {
  let largest = 0;
  for (const g of groupBy(labels).values()) largest = Math.max(largest, g.length);
  return largest;
}

/** Predicted people whose records belong to two or more real people (a mixed person: a privacy incident). */
export function countMixedClusters(predicted: readonly (string | number)[], truth: readonly string[]): number {
  let mixed = 0;
  for (const g of groupBy(predicted).values()) if (new Set(g.map((i) => truth[i])).size > 1) mixed += 1;
  return mixed;
}
