// The plain-SQL row readers behind the hot read loaders answer exactly what Prisma's findMany answers:
// every column, decoded the same way (dates, timestamps, decimals, enums, arrays, nulls), in the same
// order, on the database the suite runs on (PostgreSQL with DATABASE_URL, else PGlite).
import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { seedDemoData } from '../../cli/seed/seed-demo-data';
import { PERSON_ROWS } from '../../subgraphs/person/store/people';
import { EMPLOYMENT_ORDER_SQL, EMPLOYMENT_ROWS } from '../../subgraphs/employment/repository';
import { ORGANIZATION_ROWS } from '../../subgraphs/organization/repository';
import { JOB_ROWS } from '../../subgraphs/job/repository';
import { OFFER_ROWS } from '../../subgraphs/offer/repository';
import { createTestDatabase, type TestDatabase } from '../support/database';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData({ db: t.db, config: { ...loadConfig({ LOG_LEVEL: 'silent' }), database: t.config }, logger: createLogger('silent') });
  // Values the demo data may not hold: an employment without hire date (ordered first, as PostgreSQL
  // orders NULLs in descending order), a salary with cents, a birth date and timestamps with milliseconds.
  const employment = await t.db.prisma.employment.findFirstOrThrow();
  await t.db.prisma.employment.update({ where: { id: employment.id }, data: { hireDate: null, salary: '81234.56', endDate: new Date('2027-02-28T00:00:00Z') } });
  const person = await t.db.prisma.person.findFirstOrThrow({ where: { id: employment.personId } });
  await t.db.prisma.person.update({ where: { id: person.id }, data: { birthDate: new Date('1970-01-01T00:00:00Z'), mergedAt: new Date('2026-03-04T05:06:07.089Z'), emails: [] } });
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

it('reads people by id as Prisma does', async () => {
  const expected = await t.db.prisma.person.findMany({ orderBy: { id: 'asc' } });
  expect(expected.length).toBeGreaterThan(10);
  const actual = await PERSON_ROWS.where(t.db, 'id', ids(expected), '"id" ASC');
  expect(actual).toEqual(expected);
  expect(actual.some((p) => p.birthDate instanceof Date)).toBe(true);
});

it('reads employments by person in the loader order, as Prisma does', async () => {
  const personIds = ids(await t.db.prisma.person.findMany({ select: { id: true } }));
  const expected = await t.db.prisma.employment.findMany({ where: { personId: { in: personIds } }, orderBy: [{ hireDate: 'desc' }, { id: 'asc' }] });
  expect(expected.length).toBeGreaterThan(5);
  const actual = await EMPLOYMENT_ROWS.where(t.db, 'personId', personIds, EMPLOYMENT_ORDER_SQL);
  expect(actual).toEqual(expected);
  expect(actual[0].hireDate).toBeNull();
  expect(actual.find((e) => e.salary !== null)?.salary?.toString()).toBeDefined();
  expect(actual[0].salary?.toString()).toBe('81234.56');
});

it('reads organizations, jobs and offers as Prisma does', async () => {
  const organizations = await t.db.prisma.organization.findMany({ orderBy: { id: 'asc' } });
  expect(await ORGANIZATION_ROWS.where(t.db, 'id', ids(organizations), '"id" ASC')).toEqual(organizations);
  const jobs = await t.db.prisma.job.findMany({ orderBy: { id: 'asc' } });
  expect(await JOB_ROWS.where(t.db, 'id', ids(jobs), '"id" ASC')).toEqual(jobs);
  const personIds = ids(await t.db.prisma.person.findMany({ select: { id: true } }));
  const offers = await t.db.prisma.offer.findMany({ where: { personId: { in: personIds } }, orderBy: { id: 'asc' } });
  expect(offers.length).toBeGreaterThan(0);
  expect(await OFFER_ROWS.where(t.db, 'personId', personIds, '"id" ASC')).toEqual(offers);
});

it('counts its statements like Prisma queries and answers no keys without a statement', async () => {
  const before = t.db.statementCount();
  expect(await PERSON_ROWS.where(t.db, 'id', [])).toEqual([]);
  expect(t.db.statementCount()).toBe(before);
  await PERSON_ROWS.where(t.db, 'id', ['00000000-0000-0000-0000-000000000000']);
  expect(t.db.statementCount()).toBe(before + 1);
});
