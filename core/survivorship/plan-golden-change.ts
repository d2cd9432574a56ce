// The golden-record part of an ingest plan: from the person's current columns and provenance and the
// source records now linked to it, the new columns, one audit entry for the values that changed and the provenance
// row of every attribute. Pure (ids and time are passed in), so a batch applies it record by record on
// an in-memory copy of the person and gets what recomputing after each record one by one would give.
import { canonicalJson } from '../audit/hash-audit-event';
import { normalizePhone } from '../identity/normalize-phone';
import { computeGoldenRecord, type GoldenSource } from './compute-golden-record';
import { storedCandidates } from './stored-candidates';
import type { SurvivorshipPolicy } from './policy';

/** Golden attributes stored as Person columns, in the order they are audited. */
export const PERSON_GOLDEN_ATTRIBUTES = [
  'legalName', 'givenName', 'middleName', 'familyName', 'preferredName', 'primaryEmail', 'emails', 'phones',
  'birthDate', 'nationality', 'preferredLanguage', 'street', 'city', 'postcode', 'country',
] as const;
export type PersonGoldenAttribute = (typeof PERSON_GOLDEN_ATTRIBUTES)[number];
export type GoldenColumns = Record<PersonGoldenAttribute, unknown>;

export function toColumns(attributes: Record<string, unknown>, defaultRegion: string): GoldenColumns {
  const str = (k: string) => (typeof attributes[k] === 'string' ? (attributes[k] as string) : null);
  const list = (k: string) => (Array.isArray(attributes[k]) ? (attributes[k] as string[]) : []);
  const e164 = (p: string) => normalizePhone(p, defaultRegion)?.e164 ?? p;
  return {
    legalName: str('legalName'),
    givenName: str('givenName'),
    middleName: str('middleName'),
    familyName: str('familyName'),
    preferredName: str('preferredName'),
    primaryEmail: str('primaryEmail')?.toLowerCase() ?? null,
    emails: [...new Set(list('emails').map((e) => e.toLowerCase()))],
    phones: [...new Set(list('phones').map(e164))],
    birthDate: str('birthDate'),
    nationality: str('nationality'),
    preferredLanguage: str('preferredLanguage'),
    street: str('street'),
    city: str('city'),
    postcode: str('postcode'),
    country: str('country'),
  };
}

const isEmpty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

export function comparable(v: unknown): string {
  if (v instanceof Date) return JSON.stringify(v.toISOString().slice(0, 10));
  return JSON.stringify(v ?? null);
}

/** A stored person row's golden columns (dates as YYYY-MM-DD, empty lists for absent arrays). */
export function currentColumns(person: Record<string, unknown>): GoldenColumns {
  const out = {} as GoldenColumns;
  for (const a of PERSON_GOLDEN_ATTRIBUTES) {
    const v = person[a];
    out[a] = v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? (a === 'emails' || a === 'phones' ? [] : null));
  }
  return out;
}

/**
 * The provenance row of one attribute as the plan leaves it: `row` null keeps the stored one; `deleted`
 * removes it. `stored` is the stored row (its event id and content, see provenanceContent), so a
 * recomputation that decides the same again rewrites nothing.
 */
export interface ProvenanceState { eventId: string; row: Record<string, unknown> | null; deleted?: boolean; stored?: { eventId: string; content: string } }

/** What a provenance row says, without when it was decided: equal content means the same decision. */
export function provenanceContent(row: { value?: unknown; system?: unknown; sourceRecordId?: unknown; sourceId?: unknown; sourceTimestamp?: unknown; rule?: unknown; candidates?: unknown }): string {
  const { value = null, system = null, sourceRecordId = null, sourceId = null, sourceTimestamp = null, rule = null, candidates = null } = row;
  return canonicalJson({ value, system, sourceRecordId, sourceId, sourceTimestamp, rule, candidates });
}

/**
 * The one audit entry of a golden change: every value that changed, old and new, keyed by attribute
 * (`PersonAttributesChanged`, attribute null). One entry per change rather than one per attribute keeps
 * the log a few hundred bytes per ingested record; provenance.history expands it per attribute.
 */
export interface GoldenChangeAudit { eventId: string; type: typeof GOLDEN_CHANGE_EVENT; entityType: 'Person'; entityId: string; attribute: null; oldValue: Partial<GoldenColumns> | null; newValue: Partial<GoldenColumns> }

export const GOLDEN_CHANGE_EVENT = 'PersonAttributesChanged';

export interface GoldenChange {
  changed: PersonGoldenAttribute[];
  columns: GoldenColumns;
  audit: GoldenChangeAudit[];
  /** Every attribute's provenance after the change, keyed by attribute. */
  provenance: Map<string, ProvenanceState>;
}

export interface PlanGoldenChangeInput {
  personId: string;
  columns: GoldenColumns;
  provenance: ReadonlyMap<string, ProvenanceState>;
  sources: readonly GoldenSource[];
  policy: SurvivorshipPolicy;
  defaultRegion: string;
  now: Date;
  newId(): string;
}

/**
 * Audit entries only for values that changed; provenance for every attribute (a losing candidate may
 * change without the value changing). A row keeps the event id that set its value until the value
 * changes again, and goes only when its value went.
 */
export function planGoldenChange(input: PlanGoldenChangeInput): GoldenChange {
  const golden = computeGoldenRecord(input.sources, input.policy, { defaultRegion: input.defaultRegion });
  const next = toColumns(golden.attributes as Record<string, unknown>, input.defaultRegion);
  const before = input.columns;
  const changed = PERSON_GOLDEN_ATTRIBUTES.filter((a) => comparable(before[a]) !== comparable(next[a]));
  const audit: GoldenChangeAudit[] = changed.length === 0 ? [] : [{
    eventId: input.newId(), type: GOLDEN_CHANGE_EVENT, entityType: 'Person', entityId: input.personId, attribute: null,
    // Old values that were empty are left out (absent reads as none): a new person's entry has no old values.
    oldValue: changed.some((a) => !isEmpty(before[a])) ? Object.fromEntries(changed.filter((a) => !isEmpty(before[a])).map((a) => [a, before[a]])) : null, newValue: Object.fromEntries(changed.map((a) => [a, next[a]])),
  }];
  const eventIdOf = new Map(changed.map((a) => [a as string, audit[0].eventId]));
  const provenance = new Map(input.provenance);
  for (const a of PERSON_GOLDEN_ATTRIBUTES) {
    const p = golden.provenance[a as keyof typeof golden.provenance];
    const last = provenance.get(a);
    if (!p) {
      if (last && changed.includes(a)) provenance.set(a, { ...last, row: null, deleted: true });
      continue;
    }
    const eventId = eventIdOf.get(a) ?? last?.eventId ?? input.newId();
    const content = { value: next[a] ?? null, system: p.system, sourceRecordId: p.sourceRecordId, sourceId: p.sourceId, sourceTimestamp: p.sourceTimestamp, rule: p.rule, candidates: storedCandidates(p, next[a] ?? null) };
    const same = last?.stored && last.stored.eventId === eventId && last.stored.content === provenanceContent(content);
    provenance.set(a, { ...last, deleted: false, eventId, row: same ? null : { ...content, eventId, decidedAt: input.now.toISOString() } });
  }
  return { changed, columns: changed.length > 0 ? next : before, audit, provenance };
}

/** The role a first ATS or CRM record starts on a person (candidate / contact), if it is not started yet. */
export function planRoleStart(system: string, person: { candidateStatus?: string; customerStatus?: string }): { field: 'candidateStatus' | 'customerStatus'; value: string } | null {
  const field = system === 'ATS' ? 'candidateStatus' : system === 'CRM' ? 'customerStatus' : null;
  if (!field || person[field] !== 'NONE') return null;
  return { field, value: field === 'candidateStatus' ? 'APPLICANT' : 'CONTACT' };
}
