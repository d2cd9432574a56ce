// Survivorship policy changes, steward overrides and the audit chain verifier, on the real stack.
import { startTestStack, type TestStack } from '../support/stack';
import { unique } from '../support/factories';
import { verifyAuditChain } from '../../subgraphs/person/use-cases/audit-log';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const INGEST = `mutation ($input: IngestPersonRecordInput!) { ingestPersonRecord(input: $input) { personId decision } }`;
async function ingest(system: string, attributes: Record<string, unknown>, sourceTimestamp = '2026-05-01T10:00:00.000Z') {
  const res = await stack.gql(INGEST, { input: { system, sourceId: unique(system), sourceTimestamp, attributes } });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.ingestPersonRecord as { personId: string; decision: string };
}

it('recomputes golden records when an admin changes a rule, and only admins may', async () => {
  const n = unique('pol').replace(/\W/g, '').slice(-6);
  const base = { givenName: 'Henrietta', familyName: `Pol${n}`, email: `h.${n}@mail.example`, birthDate: '1977-07-07' };
  const hris = await ingest('HRIS', { ...base, nationality: 'DE' }, '2026-01-01T00:00:00.000Z');
  const crm = await ingest('CRM', { ...base, nationality: 'FR' }, '2026-06-01T00:00:00.000Z');
  expect(crm.personId).toBe(hris.personId);
  const read = () => stack.gql(`query ($id: ID!) { person(id: $id) { nationality provenance(attribute: NATIONALITY) { system rule } } }`, { id: hris.personId });
  expect((await read()).body.data!.person).toEqual({ nationality: 'DE', provenance: { system: 'HRIS', rule: 'SOURCE_PRIORITY' } });

  const update = `mutation ($i: UpdateSurvivorshipRuleInput!) { updateSurvivorshipRule(input: $i) { attribute recomputedPeople changedPeople } }`;
  const input = { i: { attribute: 'nationality', sourcePriority: ['CRM', 'HRIS', 'ATS'], reason: 'CRM verifies passports now' } };
  const denied = await stack.gql(update, input, await stack.as('steward'));
  expect(denied.body.errors![0].extensions!.code).toBe('FORBIDDEN');
  const res = await stack.gql(update, input);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data!.updateSurvivorshipRule.changedPeople).toBeGreaterThanOrEqual(1);
  expect((await read()).body.data!.person).toEqual({ nationality: 'FR', provenance: { system: 'CRM', rule: 'SOURCE_PRIORITY' } });
  const policy = await stack.gql(`{ survivorshipPolicy { attribute sourcePriority isDefault updatedBy } }`);
  expect(policy.body.errors).toBeUndefined();
  expect(policy.body.data!.survivorshipPolicy.find((r: any) => r.attribute === 'nationality')).toMatchObject({ sourcePriority: ['CRM', 'HRIS', 'ATS'], isDefault: false });
  // Restore the default so other tests in this file see it.
  await stack.gql(update, { i: { attribute: 'nationality', sourcePriority: ['HRIS', 'ATS', 'CRM'], reason: 'back to default' } });
});

it("ranks a steward's override above every system, with its own provenance, and withdraws it", async () => {
  const n = unique('ovr').replace(/\W/g, '').slice(-6);
  const p = await ingest('HRIS', { givenName: 'Augustin', familyName: `Ovr${n}`, email: `a.${n}@mail.example`, birthDate: '1980-01-02' });
  const override = `mutation ($i: OverridePersonAttributeInput!) { overridePersonAttribute(input: $i) { changedAttributes } }`;
  const res = await stack.gql(override, { i: { personId: p.personId, attribute: 'familyName', value: `Ovr${n}-Lamarck`, reason: 'marriage certificate' } });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data!.overridePersonAttribute.changedAttributes).toEqual(['legalName', 'familyName']);
  const read = await stack.gql(`query ($id: ID!) { person(id: $id) { legalName familyName provenance(attribute: FAMILY_NAME) { system rule candidates { system rank } } } }`, { id: p.personId });
  expect(read.body.data!.person).toMatchObject({
    legalName: `Augustin Ovr${n}-Lamarck`,
    provenance: { system: 'STEWARD', rule: 'STEWARD_OVERRIDE', candidates: [{ system: 'STEWARD', rank: 1 }, { system: 'HRIS', rank: 2 }] },
  });
  // A later HRIS update does not beat the steward.
  const withdrawn = await stack.gql(override, { i: { personId: p.personId, attribute: 'familyName', value: null, reason: 'withdrawn' } });
  expect(withdrawn.body.data!.overridePersonAttribute.changedAttributes).toEqual(['legalName', 'familyName']);
});

it('verifies the audit chain and names the first tampered entry', async () => {
  const ok = await verifyAuditChain(stack.testDb.db);
  expect(ok.ok).toBe(true);
  expect(ok.checked).toBeGreaterThan(10);
  const raw = stack.testDb.db.raw;
  const [victim] = await raw.query<{ seq: string; eventId: string }>(`SELECT seq::text, "eventId"::text FROM "AuditEvent" ORDER BY seq OFFSET 5 LIMIT 1`);
  // Tampering needs the append-only trigger out of the way, as an attacker with table-owner rights would.
  await raw.exec(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"; UPDATE "AuditEvent" SET "actorId" = 'mallory' WHERE seq = ${victim.seq}; ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";`);
  const broken = await verifyAuditChain(stack.testDb.db);
  expect(broken).toMatchObject({ ok: false, brokenAt: { seq: victim.seq, eventId: victim.eventId, reason: 'content does not match its hash' } });
});
