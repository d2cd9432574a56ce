// How the candidates of a provenance row are stored. Most attributes of most people have one source: the
// winner is then the only candidate, and storing it again says nothing the row does not (system, source
// record, source id, timestamp, value — or the one item of a list value, whose candidates are its items).
// Such rows store no candidates (null) and readers rebuild the one
// candidate from the row; every other row stores its ranked candidates whole.
import type { AttributeProvenance, ProvenanceCandidate } from './compute-golden-record';

const ONLY_VALUE = 'ONLY_VALUE';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
/** A list attribute's candidates are its items: a one-item list's only candidate is that item. */
const soleValue = (value: unknown) => (Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value);
const instant = (t: unknown) => (t instanceof Date ? t.toISOString() : t == null ? null : new Date(String(t)).toISOString());

/** The candidates to store for a decided attribute: null when the winner, with the row's value, is the only one. */
export function storedCandidates(p: AttributeProvenance, value: unknown): ProvenanceCandidate[] | null {
  const [only, ...rest] = p.candidates;
  if (!only || rest.length > 0 || only.reason !== ONLY_VALUE) return p.candidates;
  const implied = only.system === p.system && only.sourceId === p.sourceId && only.sourceRecordId === p.sourceRecordId
    && instant(only.sourceTimestamp) === instant(p.sourceTimestamp) && same(only.value, soleValue(value));
  return implied ? null : p.candidates;
}

export interface StoredProvenanceRow {
  value: unknown;
  system: string | null;
  sourceRecordId: string | null;
  sourceId: string | null;
  sourceTimestamp: Date | string | null;
  candidates: unknown;
}

/** The candidates of a stored row: as stored, or the winner alone when the row stores none. */
export function candidatesOfRow(row: StoredProvenanceRow): Array<Record<string, unknown>> {
  if (Array.isArray(row.candidates)) return row.candidates as Array<Record<string, unknown>>;
  if (row.candidates !== null && row.candidates !== undefined) return [];
  if (row.system === null) return [];
  return [{
    value: soleValue(row.value ?? null) ?? null, system: row.system, sourceId: row.sourceId, sourceRecordId: row.sourceRecordId,
    sourceTimestamp: instant(row.sourceTimestamp), rank: 1, reason: ONLY_VALUE,
  }];
}
