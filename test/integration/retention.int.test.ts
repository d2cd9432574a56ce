// Retention: the policies decide who is due (dry run changes nothing), --apply erases exactly those,
// each erasure audited with the policy that caused it, and a talent-pool consent keeps a candidate.
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { verifyAuditChain } from '../../subgraphs/person/use-cases/audit-log';
import { updateConsent } from '../../subgraphs/person/use-cases/consents';
import { runRetention } from '../../subgraphs/person/use-cases/retention';
import { systemContext } from '../../subgraphs/shared/system-context';
import { createPerson } from '../support/factories';
import { createTestDatabase, type TestDatabase } from '../support/database';

jest.setTimeout(60_000);

let testDb: TestDatabase;
let config: Config;
const ids = { rejected: '', talentPool: '', active: '', former: '' };
const LATER = new Date(Date.now() + 200 * 86_400_000);

beforeAll(async () => {
  testDb = await createTestDatabase();
  config = { ...loadConfig({ LOG_LEVEL: 'silent' }), database: testDb.config };
  const ctx = systemContext({ db: testDb.db, config, logger: createLogger('silent') }, 'retention-test');
  for (const k of Object.keys(ids) as Array<keyof typeof ids>) ids[k] = await createPerson(ctx, { system: 'ATS' });
  const p = testDb.db.prisma.person;
  await p.update({ where: { id: ids.rejected }, data: { candidateStatus: 'REJECTED' } });
  await p.update({ where: { id: ids.talentPool }, data: { candidateStatus: 'WITHDRAWN' } });
  await p.update({ where: { id: ids.active }, data: { candidateStatus: 'INTERVIEWING' } });
  await p.update({ where: { id: ids.former }, data: { candidateStatus: 'HIRED', employeeStatus: 'TERMINATED' } });
  await updateConsent(ctx, { personId: ids.talentPool, purpose: 'TALENT_POOL', status: 'GRANTED', legalBasis: 'CONSENT', source: 'careers-site' });
});

afterAll(async () => {
  await testDb?.dispose();
});

it('lists who is due under which policy without changing anything on a dry run', async () => {
  const run = await runRetention(testDb.db, config, { apply: false, now: LATER, correlationId: 'retention-dry' });
  expect(run.due.map((d) => [d.personId, d.policy])).toEqual([[ids.rejected, 'REJECTED_CANDIDATE']]);
  expect(run.erased).toEqual([]);
  expect((await testDb.db.prisma.person.findUniqueOrThrow({ where: { id: ids.rejected } })).familyName).not.toBeNull();
});

it('erases the people due with --apply, auditing the policy that caused each erasure', async () => {
  const run = await runRetention(testDb.db, config, { apply: true, now: LATER, correlationId: 'retention-apply' });
  expect(run.erased).toEqual([ids.rejected]);
  const person = await testDb.db.prisma.person.findUniqueOrThrow({ where: { id: ids.rejected } });
  expect(person).toMatchObject({ deletionPolicy: 'ERASED', familyName: null, givenName: null, primaryEmail: null });
  const audit = await testDb.db.prisma.auditEvent.findMany({ where: { entityId: ids.rejected, type: 'PersonErased' } });
  expect(audit.map((a) => [a.reasonCode, a.actorId])).toEqual([['RETENTION:REJECTED_CANDIDATE', 'retention']]);
  const tombstone = await testDb.db.prisma.erasureTombstone.findFirstOrThrow({ where: { personId: ids.rejected } });
  expect(tombstone.reason).toMatch(/^retention policy REJECTED_CANDIDATE/);
  for (const kept of [ids.talentPool, ids.active, ids.former]) {
    expect((await testDb.db.prisma.person.findUniqueOrThrow({ where: { id: kept } })).deletionPolicy).toBe('STANDARD');
  }
  expect((await verifyAuditChain(testDb.db)).ok).toBe(true);
  expect((await runRetention(testDb.db, config, { apply: true, now: LATER, correlationId: 'retention-again' })).due).toEqual([]);
});

it('erases former employees once the statutory period has passed', async () => {
  const run = await runRetention(testDb.db, config, { apply: false, now: new Date(Date.now() + 3651 * 86_400_000), correlationId: 'retention-later' });
  expect(run.due.map((d) => [d.personId, d.policy]).sort()).toEqual([[ids.former, 'FORMER_EMPLOYEE']]);
});
