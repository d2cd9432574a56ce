// Turns one CSV row into an ingest request: header → canonical column (through an optional mapping
// file), formats → canonical formats, canonical columns → the attributes ingestPersonRecord takes.
import fs from 'node:fs';
import { z } from 'zod';

/** The canonical import header; every column is optional except system and source_id. */
export const CANONICAL_COLUMNS = [
  'system', 'source_id', 'source_timestamp', 'given_name', 'middle_name', 'family_name', 'full_name', 'preferred_name', 'email', 'phone',
  'birth_date', 'national_id', 'street', 'city', 'postcode', 'country', 'employer', 'job_title',
] as const;
/** Also understood, beyond the canonical header. */
export const EXTRA_COLUMNS = ['email_verified', 'nationality', 'preferred_language', 'passport'] as const;
export type ImportColumn = (typeof CANONICAL_COLUMNS)[number] | (typeof EXTRA_COLUMNS)[number];
const ALL_COLUMNS: readonly string[] = [...CANONICAL_COLUMNS, ...EXTRA_COLUMNS];

const ATTRIBUTE_OF: Record<string, string> = {
  given_name: 'givenName', middle_name: 'middleName', family_name: 'familyName', full_name: 'fullName', preferred_name: 'preferredName',
  email: 'email', phone: 'phone', birth_date: 'birthDate', national_id: 'nationalId', street: 'street', city: 'city', postcode: 'postcode',
  country: 'country', employer: 'employer', job_title: 'jobTitle', email_verified: 'emailVerified', nationality: 'nationality',
  preferred_language: 'preferredLanguage', passport: 'passport',
};
const COLUMN_OF: Record<string, string> = Object.fromEntries(Object.entries(ATTRIBUTE_OF).map(([c, a]) => [a, c]));

const DATE_FORMATS = ['YYYY-MM-DD', 'YYYYMMDD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY'] as const;

/**
 * mapping.json: `columns` names, for each canonical column, the file's header (or several headers
 * joined with a space, e.g. street number + street); `dateFormats` says how a date column is written;
 * `constants` fills a canonical column with a fixed value; `uppercase` lists columns to upper-case
 * (country codes written "au").
 */
export const mappingSchema = z.object({
  columns: z.partialRecord(z.enum(ALL_COLUMNS as [string, ...string[]]), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).default({}),
  dateFormats: z.partialRecord(z.enum(['birth_date']), z.enum(DATE_FORMATS)).default({}),
  constants: z.partialRecord(z.enum(ALL_COLUMNS as [string, ...string[]]), z.string()).default({}),
  uppercase: z.array(z.enum(ALL_COLUMNS as [string, ...string[]])).default([]),
}).strict();
export type ColumnMapping = z.infer<typeof mappingSchema>;

export function loadMapping(path: string): ColumnMapping {
  const parsed = mappingSchema.safeParse(JSON.parse(fs.readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export interface RowMapper {
  /** Canonical column → value ('' when empty, undefined when the file has no such column). */
  toCanonical(fields: string[]): Partial<Record<ImportColumn, string>>;
  columns: ImportColumn[];
}

/** Resolves the header once; fails when a mapped header is missing or system/source_id cannot be filled. */
export function createRowMapper(header: string[], mapping: ColumnMapping | null, defaultSystem: string | null): RowMapper {
  const names = header.map((h) => h.trim());
  const position = (h: string) => {
    const i = names.indexOf(h);
    if (i < 0) throw new Error(`the file has no column "${h}" (named in the mapping); its header is: ${names.join(', ')}`);
    return i;
  };
  const sources = new Map<ImportColumn, number[]>();
  for (const [i, h] of names.entries()) if (ALL_COLUMNS.includes(h) && !mapping?.columns[h]) sources.set(h as ImportColumn, [i]);
  for (const [column, from] of Object.entries(mapping?.columns ?? {})) {
    if (from !== undefined) sources.set(column as ImportColumn, (Array.isArray(from) ? from : [from]).map(position));
  }
  const constants = (mapping?.constants ?? {}) as Partial<Record<ImportColumn, string>>;
  if (!sources.has('source_id') && constants.source_id === undefined) throw new Error('the file has no source_id column (map one with --mapping)');
  if (!sources.has('system') && constants.system === undefined && !defaultSystem) throw new Error('the file has no system column: pass --system CRM|ATS|HRIS');
  const upper = new Set((mapping?.uppercase ?? []) as ImportColumn[]);
  const dateFormat = mapping?.dateFormats.birth_date ?? 'YYYY-MM-DD';
  const columns = [...new Set([...sources.keys(), ...(Object.keys(constants) as ImportColumn[])])];
  return {
    columns,
    toCanonical(fields) {
      const out: Partial<Record<ImportColumn, string>> = { ...constants };
      for (const [column, positions] of sources) {
        let v = positions.map((p) => (fields[p] ?? '').trim()).filter((x) => x !== '').join(' ');
        if (column === 'birth_date' && v !== '') v = toIsoDate(v, dateFormat);
        out[column] = v;
      }
      for (const column of upper) if (out[column]) out[column] = out[column]!.toUpperCase();
      return out;
    },
  };
}

/** Reorders a date written in `format` to YYYY-MM-DD; leaves it as is when it does not fit (validation says why). */
export function toIsoDate(value: string, format: (typeof DATE_FORMATS)[number]): string {
  const digits = value.match(/\d+/g) ?? [];
  switch (format) {
    case 'YYYY-MM-DD': return value;
    case 'YYYYMMDD': return /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : value;
    case 'DD/MM/YYYY':
    case 'DD.MM.YYYY': return digits.length === 3 ? `${digits[2]}-${digits[1].padStart(2, '0')}-${digits[0].padStart(2, '0')}` : value;
    case 'MM/DD/YYYY': return digits.length === 3 ? `${digits[2]}-${digits[0].padStart(2, '0')}-${digits[1].padStart(2, '0')}` : value;
  }
}

export interface RawIngestRequest {
  system: string;
  sourceId: string;
  sourceTimestamp: Date;
  attributes: Record<string, unknown>;
}

/**
 * The request ingestPersonRecord would receive for this row. An empty cell of a column the file has
 * is an explicit null (the system holds no value), a column the file lacks is left out (kept on re-send).
 * Returns problems for what cannot even be expressed as a request (an unreadable timestamp).
 */
export function toIngestRequest(row: Partial<Record<ImportColumn, string>>, defaultSystem: string | null, importedAt: Date):
  { ok: true; request: RawIngestRequest } | { ok: false; problems: Array<{ column: string; message: string }> } {
  const problems: Array<{ column: string; message: string }> = [];
  let sourceTimestamp = importedAt;
  if (row.source_timestamp) {
    const t = Date.parse(row.source_timestamp);
    if (Number.isNaN(t)) problems.push({ column: 'source_timestamp', message: 'must be an ISO 8601 date-time such as 2026-05-01T10:00:00Z' });
    else sourceTimestamp = new Date(t);
  }
  const attributes: Record<string, unknown> = {};
  // A national-format phone is read in the row's own country by ingestion itself (phoneRegionOf), as for the API.
  for (const [column, attribute] of Object.entries(ATTRIBUTE_OF)) {
    const v = row[column as ImportColumn];
    if (v === undefined) continue;
    if (column === 'email_verified') {
      if (v === '') attributes[attribute] = null;
      else if (/^(true|yes|1)$/i.test(v)) attributes[attribute] = true;
      else if (/^(false|no|0)$/i.test(v)) attributes[attribute] = false;
      else problems.push({ column, message: 'must be true or false' });
      continue;
    }
    attributes[attribute] = v === '' ? null : v;
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, request: { system: row.system || defaultSystem || '', sourceId: row.source_id ?? '', sourceTimestamp, attributes } };
}

/** "attributes.birthDate" → "birth_date", for messages in the file's own terms. */
export function columnOfPath(path: readonly PropertyKey[]): string {
  if (path[0] === 'attributes' && typeof path[1] === 'string') return COLUMN_OF[path[1]] ?? path[1];
  if (path[0] === 'sourceId') return 'source_id';
  if (path[0] === 'sourceTimestamp') return 'source_timestamp';
  return path.map(String).join('.') || 'row';
}
