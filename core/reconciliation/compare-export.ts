// Compares one system's export with the golden records: rows not linked, linked records missing from
// the export, values that differ on attributes the system is authoritative for, and suspected
// duplicates. Pure: the caller loads links, golden values and each row's best match candidate.
import { normalizeDate } from '../identity/normalize-date';
import { normalizeEmail } from '../identity/normalize-email';
import { normalizeName } from '../identity/normalize-name';
import { normalizePhone } from '../identity/normalize-phone';
import type { SourceSystem } from '../identity/types';
import type { GoldenAttribute, SurvivorshipPolicy } from '../survivorship/policy';

/** Golden attributes an export row can be compared on, and the row attribute that carries each. */
export const COMPARABLE_ATTRIBUTES = {
  givenName: 'givenName', middleName: 'middleName', familyName: 'familyName', preferredName: 'preferredName',
  birthDate: 'birthDate', nationality: 'nationality', primaryEmail: 'email', phones: 'phone',
  street: 'street', city: 'city', postcode: 'postcode', country: 'country',
} as const satisfies Partial<Record<GoldenAttribute, string>>;
export type ComparableAttribute = keyof typeof COMPARABLE_ATTRIBUTES;

export type DriftKind = 'UNLINKED' | 'MISSING_FROM_EXPORT' | 'DIVERGENT_VALUE' | 'DUPLICATE_ROWS' | 'LINK_DISAGREES_WITH_MATCH';
export const DRIFT_KINDS: readonly DriftKind[] = ['UNLINKED', 'MISSING_FROM_EXPORT', 'DIVERGENT_VALUE', 'DUPLICATE_ROWS', 'LINK_DISAGREES_WITH_MATCH'];

export interface ExportRow {
  /** Line in the file (the header is line 1). */
  line: number;
  sourceId: string;
  /** As the file says it; absent = the file has no such column, null = an empty cell. */
  attributes: Record<string, string | null | undefined>;
}

export interface MatchCandidate {
  personId: string;
  /** The resolution decision for the row as if it were new (MATCHED, AUTO_MERGED, REVIEW_QUEUED, CREATED_FLAGGED, CREATED). */
  decision: string;
  score: number | null;
}

export interface ReconciliationInput {
  system: SourceSystem;
  policy: SurvivorshipPolicy;
  rows: ExportRow[];
  /** (system, sourceId) → the (surviving) person it is linked to, through a source record or an external id. */
  links: ReadonlyMap<string, string>;
  /** personId → golden values (ISO date strings; phones as a list). */
  golden: ReadonlyMap<string, Partial<Record<ComparableAttribute, unknown>>>;
  /** sourceId → the best candidate person for the row, ignoring its own link; absent when none. */
  candidates: ReadonlyMap<string, MatchCandidate>;
  defaultRegion: string;
}

export type Drift =
  | { kind: 'UNLINKED'; line: number; sourceId: string; candidate: MatchCandidate | null }
  | { kind: 'MISSING_FROM_EXPORT'; sourceId: string; personId: string }
  | { kind: 'DIVERGENT_VALUE'; line: number; sourceId: string; personId: string; attribute: ComparableAttribute; goldenValue: unknown; exportValue: string | null }
  | { kind: 'DUPLICATE_ROWS'; personId: string; sourceIds: string[]; lines: number[] }
  | { kind: 'LINK_DISAGREES_WITH_MATCH'; line: number; sourceId: string; linkedPersonId: string; candidate: MatchCandidate };

export interface ReconciliationReport {
  system: SourceSystem;
  /** Attributes this system ranks first for: the only ones whose values are compared. */
  authoritativeAttributes: ComparableAttribute[];
  rows: number;
  counts: Record<DriftKind, number>;
  drift: Drift[];
}

/** Decisions under which the matcher would put the row on the candidate: a strong enough match. */
const STRONG = new Set(['MATCHED', 'AUTO_MERGED']);
/** Decisions that at least suspect the candidate. */
const SUSPECT = new Set(['MATCHED', 'AUTO_MERGED', 'REVIEW_QUEUED', 'CREATED_FLAGGED']);

/** The attributes whose survivorship rule ranks this system first (STEWARD always ranks above). */
export function authoritativeAttributes(policy: SurvivorshipPolicy, system: SourceSystem): ComparableAttribute[] {
  return (Object.keys(COMPARABLE_ATTRIBUTES) as ComparableAttribute[]).filter((a) => policy[a]?.sourcePriority[0] === system);
}

/** A value in the form the matcher compares it in; null for nothing usable. */
export function normalizeForComparison(attribute: ComparableAttribute, value: unknown, defaultRegion: string): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    const all = value.map((v) => normalizeForComparison(attribute, v, defaultRegion)).filter((v): v is string => v !== null);
    return all.length ? [...new Set(all)].sort().join('|') : null;
  }
  const s = String(value).trim();
  if (!s) return null;
  switch (attribute) {
    case 'givenName': case 'middleName': case 'familyName': case 'preferredName': case 'street': case 'city':
      return normalizeName(s);
    case 'birthDate': return normalizeDate(s) ?? s;
    case 'primaryEmail': return normalizeEmail(s)?.normalized ?? s.toLowerCase();
    case 'phones': { const p = normalizePhone(s, defaultRegion); return p?.e164 ?? p?.digits ?? s; }
    case 'postcode': return s.replace(/\s+/g, '').toUpperCase();
    case 'nationality': case 'country': return s.toUpperCase();
  }
}

/** Does the golden value disagree with the export's? Phones: the exported number must be among the golden ones. */
function differs(attribute: ComparableAttribute, golden: unknown, exported: string | null, region: string): boolean {
  const e = normalizeForComparison(attribute, exported, region);
  if (attribute === 'phones') {
    const list = Array.isArray(golden) ? golden : golden == null ? [] : [golden];
    if (e === null) return list.length > 0;
    return !list.some((g) => normalizeForComparison(attribute, g, region) === e);
  }
  return normalizeForComparison(attribute, golden, region) !== e;
}

export function compareExport(input: ReconciliationInput): ReconciliationReport {
  const authoritative = authoritativeAttributes(input.policy, input.system);
  const drift: Drift[] = [];
  const inExport = new Set(input.rows.map((r) => r.sourceId));
  const rowsByPerson = new Map<string, ExportRow[]>();

  for (const row of input.rows) {
    const linked = input.links.get(row.sourceId) ?? null;
    const candidate = input.candidates.get(row.sourceId) ?? null;
    if (!linked) {
      drift.push({ kind: 'UNLINKED', line: row.line, sourceId: row.sourceId, candidate });
      if (candidate && STRONG.has(candidate.decision)) rowsByPerson.set(candidate.personId, [...(rowsByPerson.get(candidate.personId) ?? []), row]);
      continue;
    }
    rowsByPerson.set(linked, [...(rowsByPerson.get(linked) ?? []), row]);
    if (candidate && candidate.personId !== linked && SUSPECT.has(candidate.decision)) {
      drift.push({ kind: 'LINK_DISAGREES_WITH_MATCH', line: row.line, sourceId: row.sourceId, linkedPersonId: linked, candidate });
    }
    const golden = input.golden.get(linked) ?? {};
    for (const attribute of authoritative) {
      const exported = row.attributes[COMPARABLE_ATTRIBUTES[attribute]];
      // A column the export lacks says nothing about the value.
      if (exported === undefined) continue;
      if (differs(attribute, golden[attribute], exported, input.defaultRegion)) {
        drift.push({ kind: 'DIVERGENT_VALUE', line: row.line, sourceId: row.sourceId, personId: linked, attribute, goldenValue: golden[attribute] ?? null, exportValue: exported });
      }
    }
  }
  for (const [personId, rows] of rowsByPerson) {
    if (rows.length > 1) drift.push({ kind: 'DUPLICATE_ROWS', personId, sourceIds: rows.map((r) => r.sourceId), lines: rows.map((r) => r.line) });
  }
  for (const [sourceId, personId] of [...input.links].sort(([a], [b]) => a.localeCompare(b))) {
    if (!inExport.has(sourceId)) drift.push({ kind: 'MISSING_FROM_EXPORT', sourceId, personId });
  }
  const counts = Object.fromEntries(DRIFT_KINDS.map((k) => [k, 0])) as Record<DriftKind, number>;
  for (const d of drift) counts[d.kind] += 1;
  return { system: input.system, authoritativeAttributes: authoritative, rows: input.rows.length, counts, drift };
}

/**
 * Rows whose re-ingest fixes drift: unlinked rows (link or create) and rows with divergent values — but
 * not rows under a duplicate suspicion, which a steward decides (re-sending could merge or overwrite
 * the wrong person).
 */
export function rowsToApply(report: ReconciliationReport): Set<string> {
  const suspect = new Set(report.drift.flatMap((d) => (d.kind === 'DUPLICATE_ROWS' ? d.sourceIds : d.kind === 'LINK_DISAGREES_WITH_MATCH' ? [d.sourceId] : [])));
  return new Set(report.drift.flatMap((d) => ((d.kind === 'UNLINKED' || d.kind === 'DIVERGENT_VALUE') && !suspect.has(d.sourceId) ? [d.sourceId] : [])));
}
