// The records the ingest benchmark sends, built in memory from the synthetic generator (bench/synthetic):
// the first record (by source timestamp) of each of `people` people is preloaded; the measured stream is
// three parts later records of those people (so identity resolution finds candidates and links) to one
// part first records of people not loaded yet. Same seed, same records.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Config } from '../../platform/config';
import { ingestInputSchema } from '../../subgraphs/person/use-cases/ingest-record';
import { generatePopulation, type CanonicalField, type CanonicalRow, type SourceSystem } from '../synthetic/generate-population';
import { createRng, deriveSeed } from '../synthetic/prng';

/** The GraphQL `IngestPersonRecordInput` of one record. */
export interface IngestInput {
  system: SourceSystem;
  sourceId: string;
  sourceTimestamp: string;
  attributes: Record<string, string>;
}

export interface Workload {
  preload: IngestInput[];
  /** Measured records, in sending order. */
  measured: IngestInput[];
  /** How many measured records belong to a person whose first record was preloaded. */
  measuredReturning: number;
  /** Records whose phone was not valid for the default region and was rewritten to E.164 (or dropped). */
  phonesRewritten: number;
  phonesDropped: number;
  /** Records left out because they fail validation even without a phone. */
  skipped: number;
}

const ATTRIBUTE_OF: ReadonlyArray<readonly [CanonicalField, string]> = [
  ['given_name', 'givenName'], ['middle_name', 'middleName'], ['family_name', 'familyName'], ['full_name', 'fullName'],
  ['preferred_name', 'preferredName'], ['email', 'email'], ['phone', 'phone'], ['birth_date', 'birthDate'],
  ['national_id', 'nationalId'], ['street', 'street'], ['city', 'city'], ['postcode', 'postcode'], ['country', 'country'],
  ['employer', 'employer'], ['job_title', 'jobTitle'],
];

function toInput(row: CanonicalRow, system: SourceSystem): IngestInput {
  const attributes: Record<string, string> = {};
  for (const [field, attribute] of ATTRIBUTE_OF) if (row[field] !== '') attributes[attribute] = row[field];
  return { system, sourceId: row.source_id, sourceTimestamp: row.source_timestamp, attributes };
}

export function buildWorkload(options: { people: number; newPeople: number; measured: number; seed: string; config: Config }): Workload {
  const schema = ingestInputSchema(options.config, new Date());
  const counts = { phonesRewritten: 0, phonesDropped: 0, skipped: 0 };
  /**
   * The input as the API accepts it, or null when even without a phone it would be rejected. The
   * generator writes phones as the source systems do, often in national format ("07780 285087"); the API
   * reads national numbers in DEFAULT_PHONE_REGION. A connector knows its record's country and sends
   * E.164: the same rewrite here, for numbers the default region cannot read.
   */
  const accepted = (input: IngestInput): IngestInput | null => {
    const parse = () => schema.safeParse({ ...input, sourceTimestamp: new Date(input.sourceTimestamp) });
    if (parse().success) return input;
    const phone = input.attributes.phone;
    if (phone !== undefined) {
      const e164 = parsePhoneNumberFromString(phone, (input.attributes.country ?? options.config.matching.defaultRegion) as CountryCode);
      if (e164?.isValid()) {
        input.attributes.phone = e164.number;
        counts.phonesRewritten += 1;
      } else {
        delete input.attributes.phone;
        counts.phonesDropped += 1;
      }
      if (parse().success) return input;
    }
    counts.skipped += 1;
    return null;
  };

  const preload: IngestInput[] = [];
  const returning: IngestInput[] = [];
  const fresh: IngestInput[] = [];
  let index = 0;
  for (const { records } of generatePopulation({ people: options.people + options.newPeople, seed: options.seed })) {
    const inputs = [...records]
      .sort((a, b) => a.row.source_timestamp.localeCompare(b.row.source_timestamp))
      .map((r) => accepted(toInput(r.row, r.system)))
      .filter((r): r is IngestInput => r !== null);
    if (inputs.length > 0) {
      if (index < options.people) {
        preload.push(inputs[0]);
        returning.push(...inputs.slice(1));
      } else {
        fresh.push(inputs[0]);
      }
    }
    index += 1;
  }

  // Later records of one person are spread over the stream instead of arriving back to back.
  const rng = createRng(deriveSeed(options.seed, 'bench-ingest'));
  for (let i = returning.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [returning[i], returning[j]] = [returning[j], returning[i]];
  }
  const measured: IngestInput[] = [];
  let measuredReturning = 0;
  for (let i = 0; i < options.measured; i++) {
    const source = i % 4 === 3 ? fresh : returning;
    const next = source.shift();
    if (!next) {
      throw new Error(
        `not enough ${source === fresh ? 'new' : 'returning'} records for ${options.measured} measured ones: raise --people or lower --requests`,
      );
    }
    if (source === returning) measuredReturning += 1;
    measured.push(next);
  }
  return { preload, measured, measuredReturning, ...counts };
}
