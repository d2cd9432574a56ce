// A large employer's frequency key is read only up to FREQUENCY_PEOPLE_CAP people: a record costs the
// same however large the employer grows, and the employer agreement is weighed as the planner's cap says
// (the same in the store's view and in the in-memory loop). A small employer is still counted exactly.
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { systemContext } from '../../subgraphs/shared/system-context';
import type { RequestContext } from '../../subgraphs/shared/context';
import { featuresOf, ingestInputSchema, toStoredAttributes, type IngestInput } from '../../subgraphs/person/use-cases/ingest-input';
import { ingestPersonRecord } from '../../subgraphs/person/use-cases/ingest-record';
import { ingestBatch } from '../../subgraphs/person/store/ingest-store';
import { FREQUENCY_PEOPLE_CAP, FREQUENCY_SAMPLE, isInFrequencySample } from '../../core/identity/blocking-keys';
import { createTestDatabase, type TestDatabase } from '../support/database';

const GIVEN = ['Anna', 'Bruno', 'Clara', 'Dario', 'Elena', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Karla', 'Lukas', 'Mira', 'Nils', 'Olga', 'Paul'];
const HEAD = ['Bar', 'Cor', 'Dal', 'Fen', 'Gar', 'Hol', 'Kes', 'Lom', 'Mar', 'Nor', 'Pel', 'Ros', 'Sel', 'Tam', 'Vor', 'Wen'];
const TAIL = ['bach', 'dorf', 'feld', 'grun', 'hausen', 'kamp', 'lind', 'mann', 'rich', 'stein', 'thal', 'wald'];

let db: TestDatabase;
let config: Config;
let ctx: RequestContext;
const now = new Date('2026-06-01T00:00:00Z');

/** `count` people in the frequency sample at `employer`, each with a name, e-mail and birth date of their own. */
function sampledColleagues(employer: string, count: number, prefix: string): IngestInput[] {
  const schema = ingestInputSchema(config, now);
  const out: IngestInput[] = [];
  for (let i = 0; out.length < count; i++) {
    const familyName = `${HEAD[i % HEAD.length]}${TAIL[Math.floor(i / HEAD.length) % TAIL.length]}${'e'.repeat(Math.floor(i / (HEAD.length * TAIL.length)))}`;
    const givenName = GIVEN[Math.floor(i / 7) % GIVEN.length];
    const attributes = { givenName, familyName, employer, email: `${prefix}${i}@example.org`, birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}` };
    if (!isInFrequencySample(featuresOf(toStoredAttributes(attributes, config.legalIdHmacKey), 'HRIS', config))) continue;
    out.push(schema.parse({ system: 'HRIS', sourceId: `${prefix}-${i}`, sourceTimestamp: now, attributes }));
  }
  return out;
}

/** The employer comparison of a probe record scored against a stored namesake at `employer`. */
async function employerDetail(employer: string, tag: string): Promise<string | undefined> {
  const person = { givenName: 'Quentin', familyName: `Probe${tag}`, employer, city: 'Leipzig' };
  await ingestPersonRecord(ctx, { system: 'CRM', sourceId: `crm-${tag}`, sourceTimestamp: now, attributes: { ...person, email: `q.${tag}@one.example` } });
  const r = await ingestPersonRecord(ctx, { system: 'ATS', sourceId: `ats-${tag}`, sourceTimestamp: now, attributes: { ...person, email: `q.${tag}@two.example` } });
  return r.explanation?.comparisons.find((c) => c.attribute === 'employer')?.detail;
}

beforeAll(async () => {
  config = loadConfig({ LOG_LEVEL: 'silent' });
  db = await createTestDatabase();
  ctx = systemContext({ db: db.db, config: { ...config, database: db.config }, logger: createLogger('silent') }, 'frequency-cap-test');
}, 120_000);

afterAll(async () => {
  await db?.dispose();
});

describe('employer frequency key', () => {
  it('counts a small employer exactly', async () => {
    const outcomes = await ingestBatch(ctx, sampledColleagues('Tiny Works', 3, 'tiny'));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    // 3 sampled colleagues (16 people each) plus the probe's stored namesake, if the sample holds it.
    expect(await employerDetail('Tiny Works', 'a')).toMatch(/^(47|63) other people carry this employer$/);
  });

  it('reads a large employer only up to the cap, and weighs it as the cap says', async () => {
    const colleagues = sampledColleagues('Vast Holdings', FREQUENCY_PEOPLE_CAP + 60, 'vast');
    for (let i = 0; i < colleagues.length; i += 100) {
      const outcomes = await ingestBatch(ctx, colleagues.slice(i, i + 100));
      expect(outcomes.every((o) => o.ok)).toBe(true);
    }
    // More people than the cap sit under the key (a few look-alike names may have merged).
    const people = await db.db.raw.query<{ n: number }>(`SELECT count(DISTINCT "personId")::int AS n FROM "SourceRecord" WHERE "sourceId" LIKE 'vast-%'`);
    expect(people[0].n).toBeGreaterThan(FREQUENCY_PEOPLE_CAP + 40);
    expect(await employerDetail('Vast Holdings', 'b')).toBe(`${FREQUENCY_PEOPLE_CAP * FREQUENCY_SAMPLE - 1} other people carry this employer`);
  });
});
