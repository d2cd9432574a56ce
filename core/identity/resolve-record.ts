// The identity-resolution decision for one incoming source record, given what the database found:
// deterministic key hits first, then probabilistic scoring against candidate clusters, then bands.
// Pure: the service gathers the inputs and carries out the decision.
import { MIN_MEMBER_EVIDENCE_BITS, checkClusterConsistency } from './check-cluster-consistency';
import { DEFAULT_BAND_THRESHOLDS, decideBand, isWeakCandidate, type BandThresholds } from './decide-band';
import { DEFAULT_MATCH_MODEL, type MatchModel } from './default-match-model';
import { combineMemberScores, convertWeightToProbability, scorePair, sharesHome, type AttributeComparison, type MatchBlocker, type MatchScore, type ScorePairOptions } from './score-pair';
import type { MatchFeatures } from './types';

export type ResolutionDecision = 'MATCHED' | 'AUTO_MERGED' | 'REVIEW_QUEUED' | 'CREATED' | 'CREATED_FLAGGED';
export type DeterministicKey = 'EXTERNAL_ID' | 'NATIONAL_ID' | 'VERIFIED_EMAIL';

/** Strongest first: an explicit link beats a legal identifier beats a verified e-mail. */
export const DETERMINISTIC_KEY_ORDER: readonly DeterministicKey[] = ['EXTERNAL_ID', 'NATIONAL_ID', 'VERIFIED_EMAIL'];

export interface ClusterMember { sourceRecordId: string; features: MatchFeatures }

export interface CandidateCluster {
  personId: string;
  members: ClusterMember[];
  /** A steward said this record and (a member of) this person are different people. */
  cannotLink: boolean;
}

export interface DeterministicHit { key: DeterministicKey; personId: string }

export interface ResolutionInput {
  features: MatchFeatures;
  deterministic: DeterministicHit[];
  candidates: CandidateCluster[];
  /** How many candidate people blocking found before the cap was applied. */
  candidatesFound: number;
  candidateCap: number;
  thresholds?: Partial<BandThresholds>;
  model?: MatchModel;
  scoreOptions?: ScorePairOptions;
}

export interface ResolutionExplanation {
  /** Each attribute's comparison level and log2 weight against the person: the best level any of its records shows. */
  comparisons: AttributeComparison[];
  /** Hard conflicts that stopped an automatic merge. */
  blockers: MatchBlocker[];
  candidatesConsidered: number;
  candidatesCapped: boolean;
  /** Why this decision, in one sentence for stewards and auditors. */
  reason: string;
  /** The match model version that made the decision (`default` for the hand-set one). */
  modelVersion?: string;
}

export interface Resolution {
  decision: ResolutionDecision;
  /** MATCHED / AUTO_MERGED: the person the record joins. REVIEW_QUEUED / CREATED_FLAGGED: the suggested person. */
  personId: string | null;
  matchedKey: DeterministicKey | null;
  /** Match probability of the best candidate without blockers applied (null for deterministic matches). */
  score: number | null;
  explanation: ResolutionExplanation;
}

interface ScoredCluster { cluster: CandidateCluster; best: MatchScore; unblocked: number }

function scoreCluster(features: MatchFeatures, cluster: CandidateCluster, model: MatchModel, options: ScorePairOptions): ScoredCluster | null {
  if (cluster.members.length === 0) return null;
  // Against the person: each attribute at the best level any of its records shows (combineMemberScores).
  const best = combineMemberScores(cluster.members.map((m) => scorePair(features, m.features, model, options)), model);
  return { cluster, best, unblocked: convertWeightToProbability(best.weight) };
}

/** Levels at which an attribute that belongs to one person (not to a name, a household or a town) agrees. */
const PERSONAL_AGREEMENT: Readonly<Partial<Record<string, readonly string[]>>> = {
  nationalId: ['exact', 'oneEdit'],
  // within a month: an entry error; two namesakes born within a month of each other are rare (u ≈ 0.2 %)
  birthDate: ['exact', 'dayMonthSwap', 'typo', 'withinMonth'],
  email: ['exact', 'sameLocalPart', 'similar', 'somewhatSimilar'],
  phone: ['exact'],
  // Namesakes of one household or town rarely share an employer (a large one's agreement is discounted by its size).
  employer: ['exact'],
};

/**
 * A name and a place are shared by namesakes (a father and son at one address, two Thomas Müller in
 * Berlin): an automatic merge also needs one personal identifier or the employer to agree. A birth date
 * within a year (a wrong month, a date keyed a few months off) corroborates when nobody else in the hub
 * carries the name (`namesakes` 0): two people of one name born within a year of each other are then
 * rare (u 3 % against 0.2 % within a month); a father and his namesake son are decades apart. Twins
 * share a home, a family name and the birth date and differ in the given name: there the birth date
 * corroborates nothing.
 */
export function isCorroborated(comparisons: readonly AttributeComparison[], namesakes?: number): boolean {
  if (namesakes === 0 && comparisons.some((c) => c.attribute === 'birthDate' && c.level === 'withinYear')) return true;
  // Two namesake colleagues in different jobs (one employer, another job title) are as likely as one
  // person promoted: the employer then corroborates nothing.
  const otherJob = comparisons.some((c) => c.attribute === 'jobTitle' && c.level === 'different');
  // An employer so large in the hub that agreeing on it counts nothing (see `employerSharers`) corroborates nothing.
  const counts = (c: AttributeComparison) => c.corroborates !== false && (c.attribute !== 'employer' || (c.weight > 0 && !otherJob));
  // Twins: one home, one family name, other given names, one birth date.
  const level = (attribute: string) => comparisons.find((c) => c.attribute === attribute)?.level;
  const twins = sharesHome(comparisons) && level('givenName') === 'different' && level('familyName') === 'exact';
  return comparisons.some((c) => (PERSONAL_AGREEMENT[c.attribute]?.includes(c.level) ?? false) && counts(c) && !(twins && c.attribute === 'birthDate'));
}

/**
 * Levels at which an attribute that differs between a father and his namesake son agrees: the legal id,
 * the birth date, or one job (the employer and the job title).
 */
const GENERATION_AGREEMENT: Readonly<Partial<Record<string, readonly string[]>>> = {
  nationalId: ['exact', 'oneEdit'],
  birthDate: ['exact', 'dayMonthSwap', 'typo', 'withinMonth'],
  jobTitle: ['exact'],
};

/**
 * The record or the person states a generation (Sr., Jr., II) the other side leaves out: a namesake
 * father or son exists, and the two share a home, a landline, a family mailbox and often a nickname.
 */
export function isGenerationUnsettled(record: MatchFeatures, members: readonly MatchFeatures[]): boolean {
  if (record.generation) return !members.some((m) => m.generation === record.generation);
  return members.some((m) => m.generation !== undefined);
}

/** Levels at which a member names another person: another given name, another birth date. */
const ANOTHER_PERSON: Readonly<Partial<Record<string, string>>> = { givenName: 'different', birthDate: 'different' };

/**
 * The chaining bar of an automatic merge: the record matches one record of the person strongly (the
 * band, the corroboration), and no other record of the person speaks against it. Members are often
 * sparse or carry their own typos (a birth date a year off, a name missing or misspelt), so a member
 * needs only to be no evidence against (the comparison's weights sum to 0 bits or more) and to raise
 * no blocker. A member with another given name or another birth date names another person unless the
 * rest of it makes "same person" at least 100 times more likely (MIN_MEMBER_EVIDENCE_BITS); a name and
 * a shared mailbox alone (a household, a role address) do not pass that.
 */
function isAgainst(score: MatchScore, model: MatchModel): boolean {
  if (score.blockers.length > 0) return true;
  const evidence = score.weight - Math.log2(model.prior / (1 - model.prior));
  const namesAnother = score.comparisons.some((c) => ANOTHER_PERSON[c.attribute] === c.level);
  return evidence < (namesAnother ? MIN_MEMBER_EVIDENCE_BITS : 0);
}

export function resolveRecord(input: ResolutionInput): Resolution {
  const model = input.model ?? DEFAULT_MATCH_MODEL;
  const t = { ...DEFAULT_BAND_THRESHOLDS, ...input.thresholds };
  const options = input.scoreOptions ?? {};
  const base = { candidatesConsidered: input.candidates.length, candidatesCapped: input.candidatesFound > input.candidateCap, modelVersion: model.version ?? 'default' };
  const byPerson = new Map(input.candidates.map((c) => [c.personId, c]));

  for (const key of DETERMINISTIC_KEY_ORDER) {
    const hit = input.deterministic.find((h) => h.key === key && !byPerson.get(h.personId)?.cannotLink);
    if (!hit) continue;
    const cluster = byPerson.get(hit.personId);
    // A shared e-mail is weaker evidence than an explicit link or a legal id: it still has to agree
    // with every member (no blocker), otherwise a steward decides.
    if (key === 'VERIFIED_EMAIL' && cluster) {
      const check = checkClusterConsistency(input.features, cluster.members.map((m) => m.features), { ...options, model, minProbability: 0 });
      if (!check.consistent && check.weakest) {
        return {
          decision: 'REVIEW_QUEUED', personId: hit.personId, matchedKey: null, score: convertWeightToProbability(check.weakest.weight),
          explanation: { ...base, comparisons: check.weakest.comparisons, blockers: check.weakest.blockers, reason: `verified e-mail matches, but ${check.weakest.blockers.join(' and ')} blocks an automatic link` },
        };
      }
    }
    return {
      decision: 'MATCHED', personId: hit.personId, matchedKey: key, score: null,
      explanation: { ...base, comparisons: [], blockers: [], reason: `deterministic key ${key} identifies the person` },
    };
  }

  const scored = input.candidates
    .filter((c) => !c.cannotLink)
    .map((c) => scoreCluster(input.features, c, model, options))
    .filter((s): s is ScoredCluster => s !== null)
    // Highest evidence first; ties broken by person id so the decision does not depend on row order.
    .sort((a, b) => b.best.weight - a.best.weight || (a.cluster.personId < b.cluster.personId ? -1 : 1));
  const top = scored[0];
  if (!top) return { decision: 'CREATED', personId: null, matchedKey: null, score: null, explanation: { ...base, comparisons: [], blockers: [], reason: 'no candidate shares a blocking key' } };

  const explanation = (reason: string, blockers: MatchBlocker[] = top.best.blockers): ResolutionExplanation => ({ ...base, comparisons: top.best.comparisons, blockers, reason });
  const personId = top.cluster.personId;
  const score = top.unblocked;
  const band = decideBand(score, t);
  if (band === 'AUTO_MERGE') {
    if (top.best.blockers.length > 0) {
      return { decision: 'REVIEW_QUEUED', personId, matchedKey: null, score, explanation: explanation(`score above the automatic threshold, but ${top.best.blockers.join(' and ')} blocks an automatic merge`) };
    }
    if (!isCorroborated(top.best.comparisons, options.namesakes)) {
      return { decision: 'REVIEW_QUEUED', personId, matchedKey: null, score, explanation: explanation('names and places agree, but no personal identifier (legal id, birth date, e-mail, phone) or employer does: namesakes share those') };
    }
    const tellsGenerationsApart = top.best.comparisons.some((c) => GENERATION_AGREEMENT[c.attribute]?.includes(c.level) ?? false);
    if (!tellsGenerationsApart && isGenerationUnsettled(input.features, top.cluster.members.map((m) => m.features))) {
      return { decision: 'REVIEW_QUEUED', personId, matchedKey: null, score, explanation: explanation('one side states a generation (Sr., Jr.) the other leaves out: a namesake father and son share a home, a landline and a mailbox, and only a birth date, a legal identifier or one job tells them apart') };
    }
    const check = checkClusterConsistency(input.features, top.cluster.members.map((m) => m.features), { ...options, model });
    const against = check.consistent ? null : top.cluster.members.map((m) => scorePair(input.features, m.features, model, options)).find((s) => isAgainst(s, model));
    if (against) {
      return {
        decision: 'REVIEW_QUEUED', personId, matchedKey: null, score,
        explanation: explanation('matches the person but one of its records speaks against (no chaining)', against.blockers),
      };
    }
    return { decision: 'AUTO_MERGED', personId, matchedKey: null, score, explanation: explanation(`match probability ${score.toFixed(3)} is at or above ${t.autoMerge}`) };
  }
  if (band === 'REVIEW') {
    return { decision: 'REVIEW_QUEUED', personId, matchedKey: null, score, explanation: explanation(`match probability ${score.toFixed(3)} is between ${t.review} and ${t.autoMerge}`) };
  }
  if (isWeakCandidate(score, t)) {
    return { decision: 'CREATED_FLAGGED', personId, matchedKey: null, score, explanation: explanation(`weak candidate (probability ${score.toFixed(3)}) below the review threshold ${t.review}`) };
  }
  return { decision: 'CREATED', personId: null, matchedKey: null, score, explanation: explanation(`best candidate probability ${score.toFixed(3)} is below ${t.flag}`) };
}
