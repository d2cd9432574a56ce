// An auditor asks the API whether the audit log is intact, and gets the answer `audit:verify` gives:
// ok on an untouched log, the kind of break once a database superuser has changed a sealed entry.
import { startTestStack, type TestStack } from '../support/stack';
import { unique } from '../support/factories';
import { sealAuditLog } from '../../subgraphs/shared/change-log-sealer';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const VERIFY = `{ auditLogVerification { ok checked sealed pending blocks brokenAt { kind reason seq } verifiedAt } }`;

it('reports an intact log as ok, to audit readers only, and names the break after a superuser edits an entry', async () => {
  const ingest = await stack.gql(`mutation ($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId } }`,
    { i: { system: 'HRIS', sourceId: unique('E'), sourceTimestamp: '2026-05-01T00:00:00Z', attributes: { givenName: 'Aurelia', familyName: unique('Fenwick') } } });
  expect(ingest.body.errors).toBeUndefined();
  const auditor = await stack.as('auditor');
  // The seal horizon is the oldest transaction open anywhere on the server (other suites run beside
  // this one): seal until every entry of this database is below it.
  let intact = await stack.gql(VERIFY, {}, auditor);
  for (const started = Date.now(); intact.body.data?.auditLogVerification?.pending !== 0 && Date.now() - started < 60_000;) {
    await sealAuditLog(stack.testDb.db, { wait: true });
    intact = await stack.gql(VERIFY, {}, auditor);
    if (intact.body.data?.auditLogVerification?.pending !== 0) await new Promise((r) => setTimeout(r, 250));
  }
  expect(intact.body.errors).toBeUndefined();
  expect(intact.body.data!.auditLogVerification).toMatchObject({ ok: true, brokenAt: null, pending: 0 });
  expect(intact.body.data!.auditLogVerification.checked).toBeGreaterThan(0);
  expect(intact.body.data!.auditLogVerification.sealed).toBe(intact.body.data!.auditLogVerification.checked);

  const steward = await stack.gql(VERIFY, {}, await stack.as('steward'));
  expect(steward.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  if (stack.testDb.db.kind !== 'postgres') return;
  // What only a superuser can do: bypass the append-only trigger and change a recorded value.
  await stack.testDb.db.raw.exec(`BEGIN; SET LOCAL session_replication_role = replica;
    UPDATE "AuditEvent" SET "reasonCode" = 'REWRITTEN' WHERE seq = (SELECT min(seq) FROM "AuditEvent"); COMMIT;`);
  const broken = await stack.gql(VERIFY, {}, auditor);
  expect(broken.body.data!.auditLogVerification.ok).toBe(false);
  expect(broken.body.data!.auditLogVerification.brokenAt).toMatchObject({ kind: 'CHANGED_ENTRY' });
});
