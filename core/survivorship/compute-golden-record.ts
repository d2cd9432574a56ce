import type { PersonAttributes, SourceSystem } from '../identity/types';
import { normalizeEmail } from '../identity/normalize-email';
import { normalizePhone } from '../identity/normalize-phone';
import { DEFAULT_SURVIVORSHIP_POLICY, type GoldenAttribute, type SurvivorshipPolicy } from './policy';
import { isEmptyValue, selectSurvivingValue, type SurvivorCandidate, type SurvivingValue } from './select-surviving-value';

export interface GoldenSource {
  sourceRecordId: string;
  system: SourceSystem;
  sourceId: string;
  /** ISO 8601 */
  sourceTimestamp: string;
  attributes: PersonAttributes;
}

export interface ProvenanceCandidate {
  value: unknown;
  system: SourceSystem;
  sourceId: string;
  sourceRecordId: string;
  sourceTimestamp: string;
  rank: number;
  reason: string;
}

export interface AttributeProvenance {
  value: unknown;
  system: SourceSystem;
  sourceRecordId: string;
  sourceId: string;
  sourceTimestamp: string;
  rule: string;
  candidates: ProvenanceCandidate[];
}

export interface GoldenRecord {
  /** Surviving value per golden attribute; attributes without any value are absent. */
  attributes: Partial<Record<GoldenAttribute, unknown>>;
  provenance: Partial<Record<GoldenAttribute, AttributeProvenance>>;
}

export interface ComputeGoldenRecordOptions {
  /** Region for reading phone numbers without a country code when de-duplicating. */
  defaultRegion?: string;
}

type SimpleAttribute = Exclude<GoldenAttribute, 'legalName' | 'primaryEmail' | 'emails' | 'phones'>;

/** Golden attributes taken one-to-one from the source attribute of the same name. */
const SIMPLE_ATTRIBUTES: readonly SimpleAttribute[] = [
  'givenName', 'middleName', 'familyName', 'preferredName', 'birthDate', 'nationality', 'preferredLanguage',
  'nationalIdHash', 'street', 'city', 'postcode', 'country', 'employer', 'jobTitle',
];

/** "Given Middle Family" from the parts when a source has them, else its fullName. */
function composeLegalName(a: PersonAttributes): string | null {
  const parts = [a.givenName, a.middleName, a.familyName].map((p) => p?.trim()).filter((p): p is string => Boolean(p));
  if (a.givenName?.trim() || a.familyName?.trim()) return parts.join(' ');
  return a.fullName?.trim() || null;
}

/** The sources' values of one attribute as candidates; a source without one is none (it could never win). */
function candidatesFor(sources: readonly GoldenSource[], pick: (a: PersonAttributes) => unknown, verified?: (a: PersonAttributes) => boolean): SurvivorCandidate[] {
  const out: SurvivorCandidate[] = [];
  for (const s of sources) {
    const value = pick(s.attributes);
    if (isEmptyValue(value)) continue;
    out.push({
      value, system: s.system, sourceRecordId: s.sourceRecordId, sourceId: s.sourceId, sourceTimestamp: s.sourceTimestamp,
      ...(verified ? { verified: verified(s.attributes) } : {}),
    });
  }
  return out;
}

function toProvenance(result: SurvivingValue, value: unknown): AttributeProvenance | null {
  if (!result.winner) return null;
  const w = result.winner;
  return {
    value,
    system: w.system,
    sourceRecordId: w.sourceRecordId,
    sourceId: w.sourceId,
    sourceTimestamp: w.sourceTimestamp,
    rule: result.rule,
    candidates: result.ranked.map((r) => ({
      value: r.candidate.value,
      system: r.candidate.system,
      sourceId: r.candidate.sourceId,
      sourceRecordId: r.candidate.sourceRecordId,
      sourceTimestamp: r.candidate.sourceTimestamp,
      rank: r.rank,
      reason: r.reason,
    })),
  };
}

/**
 * The union of every source's value in ranked order (winner first), one entry per normalized form;
 * the surviving spelling of a duplicate is the best-ranked one.
 */
function unionByNormalizedForm(result: SurvivingValue, normalize: (value: string) => string | null): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of result.ranked) {
    const raw = String(r.candidate.value).trim();
    const key = normalize(raw) ?? raw.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(raw);
  }
  return out;
}

/**
 * Computes a golden person from the source records linked to it. Pure and order-independent: the
 * same sources in any order give the same attributes and provenance (see selectSurvivingValue).
 */
export function computeGoldenRecord(
  sources: readonly GoldenSource[],
  policy: SurvivorshipPolicy = DEFAULT_SURVIVORSHIP_POLICY,
  options: ComputeGoldenRecordOptions = {},
): GoldenRecord {
  const attributes: GoldenRecord['attributes'] = {};
  const provenance: GoldenRecord['provenance'] = {};
  const record = (name: GoldenAttribute, result: SurvivingValue, value?: unknown): void => {
    const p = toProvenance(result, value === undefined ? result.winner?.value : value);
    if (!p) return;
    attributes[name] = p.value;
    provenance[name] = p;
  };

  for (const name of SIMPLE_ATTRIBUTES) {
    record(name, selectSurvivingValue(candidatesFor(sources, (a) => a[name]), policy[name]));
  }
  record('legalName', selectSurvivingValue(candidatesFor(sources, composeLegalName), policy.legalName));

  const emailVerified = (a: PersonAttributes): boolean => Boolean(a.emailVerified);
  record('primaryEmail', selectSurvivingValue(candidatesFor(sources, (a) => a.email, emailVerified), policy.primaryEmail));
  const emails = selectSurvivingValue(candidatesFor(sources, (a) => a.email, emailVerified), policy.emails);
  record('emails', emails, emails.winner ? unionByNormalizedForm(emails, (e) => normalizeEmail(e)?.normalized ?? null) : undefined);
  const phones = selectSurvivingValue(candidatesFor(sources, (a) => a.phone), policy.phones);
  const region = options.defaultRegion ?? 'US';
  record('phones', phones, phones.winner ? unionByNormalizedForm(phones, (p) => {
    const n = normalizePhone(p, region);
    return n ? n.e164 ?? n.digits : null;
  }) : undefined);
  return { attributes, provenance };
}
