// The mapping of a legacy table to PeopleGraph: which system the rows come from, which column is the
// record's id, which columns hold which person attributes, and optionally the employment the system
// keeps for each row (organization, title, department, status) with what a deleted row means.
import fs from 'node:fs';
import { z } from 'zod';

const column = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a column name');

const PERSON_ATTRIBUTES = [
  'givenName', 'middleName', 'familyName', 'fullName', 'preferredName', 'email', 'phone', 'birthDate', 'nationalId',
  'street', 'city', 'postcode', 'country', 'nationality', 'preferredLanguage', 'employer', 'jobTitle',
] as const;

const EMPLOYMENT_STATUSES = ['PENDING', 'ACTIVE', 'ON_LEAVE', 'TERMINATED'] as const;

export const CdcMappingSchema = z.strictObject({
  system: z.enum(['CRM', 'ATS', 'HRIS']),
  /** The column whose value is the record's id in that system (the source record's sourceId). */
  key: column,
  /** Person attribute → column. */
  attributes: z.partialRecord(z.enum(PERSON_ATTRIBUTES), column).refine((a) => Object.keys(a).length > 0, 'must map at least one attribute'),
  /** The HRIS employment of each row; its externalId is the row's key. */
  employment: z
    .strictObject({
      organization: z.strictObject({ externalId: z.string().min(1), name: z.string().min(1) }),
      title: column.optional(),
      department: column.optional(),
      employeeNumber: column.optional(),
      hireDate: column.optional(),
      /** The status column and how its values read; without it a row is ACTIVE. */
      status: z.strictObject({ column, values: z.record(z.string(), z.enum(EMPLOYMENT_STATUSES)) }).optional(),
    })
    .optional(),
  /** What a deleted row means: the employment ends (TERMINATED), or nothing. */
  onDelete: z.enum(['end-employment', 'ignore']).default('end-employment'),
}).refine((m) => !m.employment || m.system === 'HRIS', { message: 'only the HRIS keeps employments', path: ['employment'] });

export type CdcMapping = z.infer<typeof CdcMappingSchema>;

export function readCdcMapping(file: string): CdcMapping {
  const parsed = CdcMappingSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`mapping ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(mapping)'} ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Dates come out of the replication stream as local-midnight Date objects; the calendar date is what counts. */
export function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
  }
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** The person attributes of a row: every mapped column, a NULL clearing the attribute. */
export function rowAttributes(m: CdcMapping, row: Record<string, unknown>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(m.attributes).map(([attr, col]) => [attr, toText(row[col!])]));
}

export function rowStatus(m: CdcMapping, row: Record<string, unknown>): (typeof EMPLOYMENT_STATUSES)[number] {
  const s = m.employment?.status;
  if (!s) return 'ACTIVE';
  const v = toText(row[s.column]);
  return (v !== null && s.values[v]) || 'ACTIVE';
}
