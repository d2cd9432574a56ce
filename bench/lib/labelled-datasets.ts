/** Loaders for the labelled person-linkage files in ../shared/benchmarks/data (see its README). */
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkNationalId, deriveNationalIdHashes, normalizePhone, type PersonAttributes, type SourceSystem } from '../../core/identity';

export interface LabelledRecord {
  sourceId: string;
  system: SourceSystem;
  /** Records with the same entityId are the same real person. */
  entityId: string;
  attributes: PersonAttributes;
}

export interface LabelledDataset {
  name: string;
  records: LabelledRecord[];
}

const SYSTEMS: SourceSystem[] = ['CRM', 'ATS', 'HRIS'];
// A fixed benchmark key: the matcher only ever sees keyed hashes, as in production.
const BENCH_HMAC_KEY = 'bench-only-key';

function hmac(value: string): string {
  return createHmac('sha256', BENCH_HMAC_KEY).update(value).digest('base64url').slice(0, 22);
}

/** Spread rows over the three systems by a hash of the row id, as the benchmark README suggests. */
function pickSystem(rowId: string): SourceSystem {
  let h = 0;
  for (const ch of rowId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return SYSTEMS[h % SYSTEMS.length];
}

/** Minimal CSV reader for these files (no quoted commas in either). */
function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((line) => line.length > 0);
  const header = lines[0].split(',').map((h) => h.trim());
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((c) => c.trim());
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const orNull = (value: string | undefined): string | null => (value && value.length > 0 ? value : null);

export function loadFebrl3(dir: string): LabelledDataset | null {
  const path = join(dir, 'febrl3.csv');
  if (!existsSync(path)) return null;
  const records = readCsv(path).map((row): LabelledRecord => {
    const ids = row.soc_sec_id ? deriveNationalIdHashes(row.soc_sec_id, hmac) : null;
    const street = [row.street_number, row.address_1].filter(Boolean).join(' ');
    return {
      sourceId: row.rec_id,
      system: pickSystem(row.rec_id),
      entityId: row.rec_id.split('-')[1],
      attributes: {
        givenName: orNull(row.given_name),
        familyName: orNull(row.surname),
        birthDate: orNull(row.date_of_birth),
        nationalIdHash: ids?.nationalIdHash ?? null,
        nationalIdVariantHashes: ids?.nationalIdVariantHashes ?? null,
        street: orNull(street),
        city: orNull(row.suburb),
        postcode: orNull(row.postcode),
        country: 'AU',
      },
    };
  });
  return { name: 'febrl3', records };
}

export function loadSplinkFake1000(dir: string): LabelledDataset | null {
  const path = join(dir, 'splink_fake_1000.csv');
  if (!existsSync(path)) return null;
  const records = readCsv(path).map((row): LabelledRecord => ({
    sourceId: row.unique_id,
    system: pickSystem(row.unique_id),
    entityId: row.cluster,
    attributes: {
      givenName: orNull(row.first_name),
      familyName: orNull(row.surname),
      birthDate: orNull(row.dob),
      city: orNull(row.city),
      email: orNull(row.email),
    },
  }));
  return { name: 'splink_fake_1000', records };
}

/** RFC 4180 reader (quoted fields, doubled quotes) for the generator's files. */
function readQuotedCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      cell = '';
      if (row.some((c) => c.length > 0)) rows.push(row);
      row = [];
    } else cell += ch;
  }
  if (cell.length > 0 || row.length > 0) rows.push([...row, cell]);
  const header = rows[0].map((h) => h.trim());
  return rows.slice(1).map((cells) => Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? '').trim()])));
}

/**
 * A population written by bench/synthetic (crm.csv, ats.csv, hris.csv in the canonical import header,
 * truth.csv = system,source_id,entity_id). Rows are mapped as `peoplegraph import` maps them: a phone
 * without a country code is read in the row's own country, the national id is stored as keyed hashes.
 * HRIS first, then ATS, then CRM, as bench:match loads them.
 */
export function loadGeneratedPopulation(dir: string): LabelledDataset | null {
  const truthPath = join(dir, 'truth.csv');
  if (!existsSync(truthPath)) return null;
  const truth = new Map(readQuotedCsv(truthPath).map((r) => [`${r.system}:${r.source_id}`, r.entity_id]));
  const records: LabelledRecord[] = [];
  for (const file of ['hris.csv', 'ats.csv', 'crm.csv']) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    for (const row of readQuotedCsv(path)) {
      const key = `${row.system}:${row.source_id}`;
      const ids = row.national_id ? deriveNationalIdHashes(row.national_id, hmac) : null;
      let phone = orNull(row.phone);
      if (phone && !phone.startsWith('+') && /^[A-Z]{2}$/.test(row.country)) phone = normalizePhone(phone, row.country)?.e164 ?? phone;
      records.push({
        sourceId: row.source_id,
        system: row.system as SourceSystem,
        entityId: truth.get(key) ?? `?${key}`,
        attributes: {
          givenName: orNull(row.given_name),
          middleName: orNull(row.middle_name),
          familyName: orNull(row.family_name),
          fullName: orNull(row.full_name),
          preferredName: orNull(row.preferred_name),
          email: orNull(row.email),
          phone,
          birthDate: orNull(row.birth_date),
          nationalIdHash: ids?.nationalIdHash ?? null,
          nationalIdVariantHashes: ids?.nationalIdVariantHashes ?? null,
          nationalIdValid: ids ? checkNationalId(row.national_id, row.country) === 'VALID' : null,
          street: orNull(row.street),
          city: orNull(row.city),
          postcode: orNull(row.postcode),
          country: orNull(row.country),
          employer: orNull(row.employer),
          jobTitle: orNull(row.job_title),
        },
      });
    }
  }
  return { name: `generated (${dir})`, records };
}
