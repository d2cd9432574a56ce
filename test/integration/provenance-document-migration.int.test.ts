// The migration that turns provenance rows (one per attribute) into one document per entity carries
// every row's content over: value, winning source, rule, event, decision time and candidates, with
// timestamps as the application writes them, and an erased or single-candidate row as it was.
import { applyMigrations, readMigrations } from '../../platform/migrate';
import { createTestDatabase, type TestDatabase } from '../support/database';

const MIGRATION = '20261204090000_provenance_document';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await t?.dispose();
});

it('carries every provenance row into its entity document', async () => {
  const all = readMigrations();
  const at = all.findIndex((m) => m.name === MIGRATION);
  expect(at).toBeGreaterThan(0);
  await applyMigrations(t.db.raw, all.slice(0, at));
  const person = '01a23237-b5c2-7351-8a79-1fdef5a88814';
  const org = '01a23237-b5c2-7351-8a79-1fdef5a88815';
  await t.db.raw.query(`INSERT INTO "Provenance" (id, "entityType", "entityId", attribute, value, system, "sourceRecordId", "sourceId", "sourceTimestamp", rule, "eventId", "decidedAt", candidates) VALUES
    ('01a23237-0000-7000-8000-000000000001', 'Person', '${person}', 'legalName', '"Richard Evans"', 'CRM', '01a23237-f048-71a3-b892-4894a1f1650b', '0031R087HR', '2022-06-09 11:36:07.5', 'RECENCY', '01a23237-0000-7000-8000-0000000000e1', '2026-12-01 15:27:36.546',
     '[{"rank": 1, "value": "Richard Evans", "reason": "WON_ON_RECENCY", "system": "CRM", "sourceId": "0031R087HR"}, {"rank": 2, "value": "Rich Evans", "reason": "LOST_ON_RECENCY", "system": "ATS", "sourceId": "A-1"}]'),
    ('01a23237-0000-7000-8000-000000000002', 'Person', '${person}', 'phones', '["+447788807985"]', 'CRM', '01a23237-f048-71a3-b892-4894a1f1650b', '0031R087HR', '2022-06-09 11:36:07', 'ONLY_VALUE', '01a23237-0000-7000-8000-0000000000e1', '2026-12-01 15:27:36.546', NULL),
    ('01a23237-0000-7000-8000-000000000003', 'Person', '${person}', 'city', NULL, 'CRM', NULL, NULL, NULL, 'RECENCY', '01a23237-0000-7000-8000-0000000000e2', '2026-12-01 15:27:37', '[]'),
    ('01a23237-0000-7000-8000-000000000004', 'Organization', '${org}', 'name', '"Hooli"', 'HRIS', NULL, 'ORG-1', '2020-01-01 00:00:00', 'SYSTEM_OF_RECORD', '01a23237-0000-7000-8000-0000000000e3', '2026-12-01 15:27:38', '[]')`);

  expect((await applyMigrations(t.db.raw, all)).applied).toEqual(all.slice(at).map((m) => m.name));

  const rows = await t.db.raw.query<{ entityType: string; entityId: string; attributes: unknown }>(`SELECT "entityType", "entityId"::text AS "entityId", attributes FROM "Provenance" ORDER BY "entityType"`);
  expect(rows).toEqual([
    { entityType: 'Organization', entityId: org, attributes: {
      name: { value: 'Hooli', system: 'HRIS', sourceRecordId: null, sourceId: 'ORG-1', sourceTimestamp: '2020-01-01T00:00:00.000Z', rule: 'SYSTEM_OF_RECORD', eventId: '01a23237-0000-7000-8000-0000000000e3', decidedAt: '2026-12-01T15:27:38.000Z', candidates: [] },
    } },
    { entityType: 'Person', entityId: person, attributes: {
      legalName: {
        value: 'Richard Evans', system: 'CRM', sourceRecordId: '01a23237-f048-71a3-b892-4894a1f1650b', sourceId: '0031R087HR', sourceTimestamp: '2022-06-09T11:36:07.500Z',
        rule: 'RECENCY', eventId: '01a23237-0000-7000-8000-0000000000e1', decidedAt: '2026-12-01T15:27:36.546Z',
        candidates: [{ rank: 1, value: 'Richard Evans', reason: 'WON_ON_RECENCY', system: 'CRM', sourceId: '0031R087HR' }, { rank: 2, value: 'Rich Evans', reason: 'LOST_ON_RECENCY', system: 'ATS', sourceId: 'A-1' }],
      },
      phones: {
        value: ['+447788807985'], system: 'CRM', sourceRecordId: '01a23237-f048-71a3-b892-4894a1f1650b', sourceId: '0031R087HR', sourceTimestamp: '2022-06-09T11:36:07.000Z',
        rule: 'ONLY_VALUE', eventId: '01a23237-0000-7000-8000-0000000000e1', decidedAt: '2026-12-01T15:27:36.546Z', candidates: null,
      },
      city: { value: null, system: 'CRM', sourceRecordId: null, sourceId: null, sourceTimestamp: null, rule: 'RECENCY', eventId: '01a23237-0000-7000-8000-0000000000e2', decidedAt: '2026-12-01T15:27:37.000Z', candidates: [] },
    } },
  ]);
});
