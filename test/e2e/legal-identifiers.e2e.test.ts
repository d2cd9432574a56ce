// Legal identifiers end to end: seeded through the API, stored only as ciphertext + blind index, shown in
// plain text only with legal_identifier:read, as last 4 with profile read, and found nowhere else — not in
// any column of any table, not in logs, not in error output — in plain text or as an unkeyed hash.
import { createHash } from 'node:crypto';
import { loadConfig } from '../../platform/config';
import { decryptLegalIdentifier, reencryptLegalIdentifiers } from '../../subgraphs/person/store/legal-identifiers';
import { startTestStack, type GqlResponse, type TestStack } from '../support/stack';

jest.setTimeout(120_000);

const NATIONAL_ID = 'QX-4471-88213-ZK';
const PASSPORT = 'PZ7741902';
const INGEST = `mutation ($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId decision } }`;
const INGEST_FLAGS = `mutation ($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId decision flaggedValues { attribute reason } } }`;
const VIEW = `query ($id: ID!) { person(id: $id) { id legalIdentifiers { kind value last4 } } }`;

let stack: TestStack;
let personId: string;
const outputs: GqlResponse[] = [];

/** The forms a leak could take: as sent, canonical, lower case, and the unkeyed SHA-256 hex of each. */
function needles(value: string): string[] {
  const forms = [value, value.replace(/[^A-Za-z0-9]/g, '').toUpperCase(), value.toLowerCase()];
  return [...new Set([...forms, ...forms.map((f) => createHash('sha256').update(f).digest('hex')), ...forms.map((f) => Buffer.from(f).toString('hex'))])];
}

beforeAll(async () => {
  stack = await startTestStack({ captureLogs: true });
  const ats = await stack.as('ats');
  const res = await stack.gql(INGEST, {
    i: { system: 'ATS', sourceId: 'A-LEGAL-1', sourceTimestamp: '2026-01-10T10:00:00Z', attributes: { givenName: 'Ilse', familyName: 'Brandt', email: 'ilse.brandt@example.org', nationalId: NATIONAL_ID, passport: PASSPORT } },
  }, ats);
  outputs.push(res);
  expect(res.body.errors).toBeUndefined();
  personId = res.body.data!.ingestPersonRecord.personId;
  // Records with a value that fails validation while carrying the identifier: loaded with the value
  // flagged; their answers must not echo the identifier.
  outputs.push(await stack.gql(INGEST_FLAGS, { i: { system: 'ATS', sourceId: 'A-LEGAL-2', sourceTimestamp: '2026-01-10T10:00:00Z', attributes: { email: 'not-an-email', nationalId: NATIONAL_ID } } }, ats));
  outputs.push(await stack.gql(INGEST_FLAGS, { i: { system: 'ATS', sourceId: 'A-LEGAL-3', sourceTimestamp: '2026-01-10T10:00:00Z', attributes: { givenName: 'X', nationalId: NATIONAL_ID.repeat(6) } } }, ats));
  outputs.push(await stack.gql(INGEST_FLAGS, { i: { system: 'ATS', sourceId: 'A-LEGAL-4', sourceTimestamp: '2026-01-10T10:00:00Z', attributes: { givenName: 'X', passport: 7 } } }, ats));
  // The same record again (a re-send) and from a second system: one identifier, not two.
  outputs.push(await stack.gql(INGEST, { i: { system: 'HRIS', sourceId: 'E-LEGAL-1', sourceTimestamp: '2026-01-11T10:00:00Z', attributes: { givenName: 'Ilse', familyName: 'Brandt', nationalId: NATIONAL_ID } } }, await stack.as('hris')));
});

afterAll(async () => {
  await stack?.stop();
});

it('loads records with an invalid value, flagged, without quoting or keeping the identifier', async () => {
  const flagged = outputs.slice(1, 3).map((r) => r.body.data?.ingestPersonRecord?.flaggedValues?.map((f: { attribute: string }) => f.attribute));
  expect(flagged).toEqual([['email'], ['nationalId']]);
  // A passport that is not even a string is refused by the schema's variable coercion.
  expect(outputs[3]!.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  for (const r of outputs.slice(1, 4)) for (const n of needles(NATIONAL_ID)) expect(JSON.stringify(r.body)).not.toContain(n);
  // A legal identifier that fails validation is never kept raw: the flag names it without its value.
  const kept = await stack.testDb.db.prisma.sourceRecord.findFirstOrThrow({ where: { sourceId: 'A-LEGAL-3' } });
  expect((kept.attributes as { invalid: unknown }).invalid).toEqual({ nationalId: { value: null, reason: expect.any(String) } });
});

it('matches the second system on the blind index and lists each identifier once', async () => {
  expect(outputs[4]!.body.data!.ingestPersonRecord).toEqual({ personId, decision: 'MATCHED' });
  const res = await stack.gql(VIEW, { id: personId }, { authorization: `Bearer ${await stack.token({ roles: ['reader'], scopes: ['legal_identifier:read'] })}` });
  expect(res.body.data!.person.legalIdentifiers).toEqual([
    { kind: 'NATIONAL_ID', value: NATIONAL_ID, last4: '***13ZK' },
    { kind: 'PASSPORT', value: PASSPORT, last4: '***1902' },
  ]);
});

it('shows the last 4 with profile read, nothing without it, and plaintext to no role by default', async () => {
  const admin = await stack.gql(VIEW, { id: personId });
  expect(admin.body.errors).toBeUndefined();
  expect(admin.body.data!.person.legalIdentifiers).toEqual([
    { kind: 'NATIONAL_ID', value: null, last4: '***13ZK' },
    { kind: 'PASSPORT', value: null, last4: '***1902' },
  ]);
  const privacy = await stack.gql(VIEW, { id: personId }, await stack.as('privacy_officer'));
  expect(privacy.body.data!.person.legalIdentifiers.map((l: { value: unknown }) => l.value)).toEqual([null, null]);
  for (const role of ['reader', 'recruiter', 'auditor', 'ats'] as const) {
    const r = await stack.gql(VIEW, { id: personId }, await stack.as(role));
    expect({ role, ids: r.body.data!.person.legalIdentifiers }).toEqual({ role, ids: [] });
  }
});

it('leaves no trace of the identifier in any column of any table, any log line or any error output', async () => {
  const raw = stack.testDb.db.raw;
  const columns = await raw.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const search = [...needles(NATIONAL_ID), ...needles(PASSPORT)];
  const hits: string[] = [];
  for (const { table_name: t, column_name: c } of columns) {
    const rows = await raw.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${t}" WHERE "${c}"::text ILIKE ANY (SELECT '%' || x || '%' FROM unnest($1::text[]) AS x)`, [search],
    );
    if (rows[0]!.n > 0) hits.push(`${t}.${c}`);
  }
  expect(hits).toEqual([]);
  // The rows that do exist hold ciphertext that decrypts to the identifier.
  const stored = await stack.testDb.db.prisma.legalIdentifier.findMany({ orderBy: { kind: 'asc' } });
  expect(new Set(stored.map((s) => decryptLegalIdentifier(stack.config.legalIdEncryption, s)))).toEqual(new Set([NATIONAL_ID, PASSPORT]));

  const text = [...stack.logs, ...outputs.map((o) => JSON.stringify(o.body))].join('\n').toLowerCase();
  for (const n of search) expect(text.includes(n.toLowerCase())).toBe(false);
});

it('re-encrypts every identifier with the new active key on rotation; old ciphertext keeps decrypting until then', async () => {
  const rotated = loadConfig({
    LEGAL_ID_ENCRYPTION_KEYS: `dev:${stack.config.legalIdEncryption.keys.dev!.toString('base64')},k2:${Buffer.alloc(32, 42).toString('base64')}`,
    LEGAL_ID_ENCRYPTION_KEY_ID: 'k2',
  }).legalIdEncryption;
  const before = await stack.testDb.db.prisma.legalIdentifier.findMany();
  expect(new Set(before.map((b) => b.keyId))).toEqual(new Set(['dev']));
  expect(await reencryptLegalIdentifiers(stack.testDb.db, rotated)).toBe(before.length);
  const after = await stack.testDb.db.prisma.legalIdentifier.findMany();
  expect(new Set(after.map((a) => a.keyId))).toEqual(new Set(['k2']));
  expect(new Set(after.map((a) => decryptLegalIdentifier(rotated, a)))).toEqual(new Set([NATIONAL_ID, PASSPORT]));
  expect(await reencryptLegalIdentifiers(stack.testDb.db, rotated)).toBe(0);
});
