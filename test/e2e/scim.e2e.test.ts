// SCIM 2.0 end to end at the gateway's /scim/v2: the provisioning sequences that Okta's and Microsoft
// Entra ID's SCIM documentation show, replayed as those clients send them, every response checked
// against RFC 7643 with SCIMMY's schema classes (an independent implementation). Writes are source
// records of the HRIS through the ingest pipeline (matched, audited); reads follow the field policy of
// the caller's token.
import request from 'supertest';
// SCIMMY validates what we serve; it is not used by the service itself.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SCIMMY = require('scimmy');
import { startTestStack, type TestStack } from '../support/stack';
import { unique } from '../support/factories';

const S = SCIMMY.default ?? SCIMMY;
S.Schemas.User.extend(S.Schemas.EnterpriseUser);

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

let stack: TestStack;
let origin: string;
let hris: string;

beforeAll(async () => {
  stack = await startTestStack();
  origin = new URL(stack.gatewayUrl).origin;
  // The provisioning client: the HRIS system client, with HR's read of employee records.
  hris = `Bearer ${await stack.token({ roles: ['hris', 'hr'], system: 'HRIS', sub: 'scim-hris' })}`;
});
afterAll(async () => {
  await stack?.stop();
});

function scim(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, auth = hris) {
  const r = request(origin)[method](`/scim/v2${path}`).set('authorization', auth).set('accept', 'application/scim+json');
  return r;
}

/** RFC 7643 conformance of a User as SCIMMY reads it: throws on a missing required or mistyped attribute. */
function expectValidUser(resource: Record<string, unknown>) {
  expect(() => S.Schemas.User.definition.coerce(resource)).not.toThrow();
  expect(resource.schemas).toContain(USER);
  expect(resource.meta).toMatchObject({ resourceType: 'User', location: expect.stringMatching(/\/scim\/v2\/Users\//), version: expect.stringMatching(/^W\/"/) });
}

function expectList(body: Record<string, any>) {
  expect(body.schemas).toEqual([LIST]);
  expect(typeof body.totalResults).toBe('number');
  expect(body.itemsPerPage).toBe(body.Resources.length);
  for (const r of body.Resources) expectValidUser(r);
}

function expectScimError(res: request.Response, status: number, scimType?: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/scim\+json/);
  expect(res.body).toMatchObject({ schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}) });
  expect(typeof res.body.detail).toBe('string');
}

it('serves the discovery resources, valid per RFC 7643', async () => {
  const spc = await scim('get', '/ServiceProviderConfig');
  expect(spc.status).toBe(200);
  expect(() => S.Schemas.ServiceProviderConfig.definition.coerce(spc.body)).not.toThrow();
  expect(spc.body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, etag: { supported: true }, bulk: { supported: false } });
  const types = await scim('get', '/ResourceTypes');
  expect(types.body.Resources).toHaveLength(1);
  expect(() => S.Schemas.ResourceType.definition.coerce(types.body.Resources[0])).not.toThrow();
  expect(types.body.Resources[0]).toMatchObject({ id: 'User', endpoint: '/Users', schema: USER, schemaExtensions: [{ schema: ENTERPRISE, required: false }] });
  const schemas = await scim('get', '/Schemas');
  expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual([USER, ENTERPRISE]);
  const userSchema = await scim('get', `/Schemas/${USER}`);
  expect(userSchema.body.attributes.find((a: { name: string }) => a.name === 'userName')).toMatchObject({ required: true, uniqueness: 'server' });
});

it('replays the Okta provisioning sequence: lookup by userName, create, read, replace, deactivate by PATCH', async () => {
  const userName = `${unique('okta')}@acme.example`.toLowerCase();
  // 1. Okta checks whether the user exists.
  const lookup = await scim('get', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`);
  expect(lookup.status).toBe(200);
  expectList(lookup.body);
  expect(lookup.body.totalResults).toBe(0);

  // 2. Create, with the attributes Okta sends (password, locale and groups are not ours to keep).
  const created = await scim('post', '/Users').set('content-type', 'application/scim+json').send({
    schemas: [USER], userName, name: { givenName: 'Ingrid', familyName: 'Lindqvist' },
    emails: [{ primary: true, value: userName, type: 'work' }], displayName: 'Ingrid Lindqvist', locale: 'en-US',
    externalId: '00u1okta', groups: [], password: 'not-stored-1!', active: true,
  });
  expect(created.status).toBe(201);
  expectValidUser(created.body);
  expect(created.body).toMatchObject({ userName, active: true, externalId: '00u1okta', name: { givenName: 'Ingrid', familyName: 'Lindqvist' } });
  expect(created.headers.location).toBe(created.body.meta.location);
  expect(created.headers.etag).toBe(created.body.meta.version);
  expect(JSON.stringify(created.body)).not.toContain('not-stored');
  const id = created.body.id as string;

  // The write went through the pipeline: an HRIS source record, an employment, audit and events.
  const steward = await stack.as('steward');
  const story = await stack.gql(`query ($id: ID!) { person(id: $id) { sourceRecords { system sourceId } employments { system externalId status } } }`, { id }, steward);
  expect(story.body.data!.person.sourceRecords).toEqual([expect.objectContaining({ system: 'HRIS', sourceId: '00u1okta' })]);
  expect(story.body.data!.person.employments).toEqual([{ system: 'HRIS', externalId: '00u1okta', status: 'ACTIVE' }]);
  const events = await stack.testDb.db.raw.query<{ type: string }>(`SELECT "type" FROM "OutboxEvent" WHERE "aggregateId" = $1::uuid ORDER BY "seq"`, [id]);
  expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['PersonCreated']));

  // 3. Read back, and a conditional read with the ETag.
  const got = await scim('get', `/Users/${id}`);
  expect(got.status).toBe(200);
  expectValidUser(got.body);
  const notModified = await scim('get', `/Users/${id}`).set('if-none-match', got.headers.etag);
  expect(notModified.status).toBe(304);

  // A second create of the same userName is a uniqueness conflict.
  const again = await scim('post', '/Users').send({ schemas: [USER], userName, externalId: '00u1okta-b', name: { givenName: 'Ingrid', familyName: 'Lindqvist' } });
  expectScimError(again, 409, 'uniqueness');

  // 4. Profile push: a full replacement (PUT).
  const replaced = await scim('put', `/Users/${id}`).set('if-match', got.headers.etag).send({
    schemas: [USER], id, userName, name: { givenName: 'Ingrid', familyName: 'Lindqvist-Berg' }, emails: [{ primary: true, value: userName, type: 'work' }],
    externalId: '00u1okta', active: true, title: 'Controller',
  });
  expect(replaced.status).toBe(200);
  expectValidUser(replaced.body);
  expect(replaced.body).toMatchObject({ name: { familyName: 'Lindqvist-Berg' }, title: 'Controller', active: true });
  // A stale ETag is refused.
  const stale = await scim('put', `/Users/${id}`).set('if-match', got.headers.etag).send({ schemas: [USER], userName });
  expectScimError(stale, 412);

  // 5. Deactivation, as Okta sends it.
  const off = await scim('patch', `/Users/${id}`).send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
  expect(off.status).toBe(200);
  expectValidUser(off.body);
  expect(off.body.active).toBe(false);
  expect(off.body.name.familyName).toBe('Lindqvist-Berg');
  const after = await stack.gql(`query ($id: ID!) { person(id: $id) { employeeStatus employments { status } } }`, { id }, steward);
  expect(after.body.data!.person).toEqual({ employeeStatus: 'TERMINATED', employments: [{ status: 'TERMINATED' }] });
  // Every golden change is in the audit log with its old and new value.
  // Each golden change is one entry naming the attributes it changed: the family name was set, then replaced.
  const audit = await stack.testDb.db.raw.query<{ type: string }>(
    `SELECT "type" FROM "AuditEvent" WHERE "entityId" = $1::uuid AND "type" = 'PersonAttributesChanged'`, [id]);
  expect(audit.length).toBeGreaterThanOrEqual(2);
  const history = await stack.gql(`query ($id: ID!) { person(id: $id) { provenance(attribute: FAMILY_NAME) { history { newValue } } } }`, { id }, await stack.as('privacy_officer'));
  expect(history.body.data!.person.provenance.history.length).toBeGreaterThanOrEqual(2);
});

it('replays the Entra ID sequence: enterprise attributes, PATCH paths with string booleans, filters, paging, DELETE', async () => {
  const tag = unique('entra').toLowerCase();
  const managerName = `${tag}.boss@contoso.example`;
  const boss = await scim('post', '/Users').send({
    schemas: [USER, ENTERPRISE], externalId: `${tag}-boss`, userName: managerName, active: true,
    name: { givenName: 'Mbali', familyName: 'Dlamini', formatted: 'Mbali Dlamini' }, emails: [{ primary: true, type: 'work', value: managerName }],
    [ENTERPRISE]: { employeeNumber: 'E-7001', department: 'Finance', organization: 'Contoso' },
  });
  expect(boss.status).toBe(201);
  expectValidUser(boss.body);
  expect(boss.body[ENTERPRISE]).toMatchObject({ employeeNumber: 'E-7001', department: 'Finance', organization: 'Contoso' });

  const userName = `${tag}.user@contoso.example`;
  const lookup = await scim('get', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
  expect(lookup.body.totalResults).toBe(0);
  const created = await scim('post', '/Users').send({
    schemas: [USER, ENTERPRISE], externalId: `${tag}-user`, userName, active: true, displayName: 'Tomasz Wrona',
    emails: [{ primary: true, type: 'work', value: userName }], phoneNumbers: [{ type: 'work', value: '+48 22 555 0101' }],
    name: { formatted: 'Tomasz Wrona', familyName: 'Wrona', givenName: 'Tomasz' }, title: 'Analyst', roles: [],
    [ENTERPRISE]: { employeeNumber: 'E-7002', department: 'Finance', organization: 'Contoso', manager: { value: boss.body.id } },
  });
  expect(created.status).toBe(201);
  expectValidUser(created.body);
  const id = created.body.id as string;
  expect(created.body).toMatchObject({ title: 'Analyst', phoneNumbers: [{ value: '+48225550101', type: 'work' }] });
  expect(created.body[ENTERPRISE].manager).toMatchObject({ value: boss.body.id, displayName: 'Mbali Dlamini' });

  // Entra's PATCH: capitalised ops, attribute paths, value filters, and "False" as a string.
  const patched = await scim('patch', `/Users/${id}`).send({
    schemas: [PATCH_OP],
    Operations: [
      { op: 'Replace', path: 'name.givenName', value: 'Tomek' },
      { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Treasury' },
      { op: 'Replace', path: 'title', value: 'Senior Analyst' },
    ],
  });
  expect(patched.status).toBe(200);
  expect(patched.body).toMatchObject({ name: { givenName: 'Tomek', familyName: 'Wrona' }, title: 'Senior Analyst', active: true });
  expect(patched.body[ENTERPRISE]).toMatchObject({ department: 'Treasury', employeeNumber: 'E-7002', manager: { value: boss.body.id } });

  // Filters: exact lookups, operators, logic, and attribute selection.
  const list = async (filter: string, extra = '') => {
    const r = await scim('get', `/Users?filter=${encodeURIComponent(filter)}${extra}`);
    expect(r.status).toBe(200);
    expectList(r.body);
    return r.body as { totalResults: number; Resources: Array<Record<string, any>> };
  };
  expect((await list(`externalId eq "${tag}-user"`)).Resources.map((r) => r.id)).toEqual([id]);
  expect((await list(`emails.value co "${tag}" and name.familyName sw "wro"`)).Resources.map((r) => r.id)).toEqual([id]);
  expect((await list(`userName eq "${userName}" or userName eq "${managerName}"`)).totalResults).toBe(2);
  expect((await list(`emails[type eq "work" and value ew "${tag}.boss@contoso.example"]`)).Resources.map((r) => r.id)).toEqual([boss.body.id]);
  expect((await list(`${ENTERPRISE}:department eq "Treasury" and userName sw "${tag}"`)).Resources.map((r) => r.id)).toEqual([id]);
  expect((await list(`userName sw "${tag}" and not (title pr)`)).Resources.map((r) => r.id)).toEqual([boss.body.id]);
  const slim = await list(`id eq "${id}"`, '&attributes=userName,name.familyName');
  expect(Object.keys(slim.Resources[0]!).sort()).toEqual(['id', 'meta', 'name', 'schemas', 'userName']);
  expect(slim.Resources[0]!.name).toEqual({ familyName: 'Wrona' });
  const searched = await scim('post', '/Users/.search').send({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: `externalId eq "${tag}-user"`, attributes: ['userName'], startIndex: 1, count: 10,
  });
  expect(searched.status).toBe(200);
  expect(searched.body).toMatchObject({ totalResults: 1, Resources: [{ id, userName, schemas: expect.any(Array), meta: expect.any(Object) }] });
  expect(searched.body.Resources[0].name).toBeUndefined();
  const noEmails = await scim('get', `/Users/${id}?excludedAttributes=emails,phoneNumbers`);
  expect(noEmails.body.emails).toBeUndefined();
  expect(noEmails.body.userName).toBe(userName);

  // Paging through every user, two at a time: each once, in a stable order.
  const seen: string[] = [];
  const total = (await list(`userName sw "${tag}"`)).totalResults;
  expect(total).toBe(2);
  const all = (await scim('get', '/Users?startIndex=1&count=100')).body;
  for (let start = 1; start <= all.totalResults; start += 2) {
    const page = await scim('get', `/Users?startIndex=${start}&count=2`);
    expectList(page.body);
    expect(page.body).toMatchObject({ startIndex: start, totalResults: all.totalResults });
    seen.push(...page.body.Resources.map((r: { id: string }) => r.id));
  }
  expect(seen).toEqual(all.Resources.map((r: { id: string }) => r.id));
  expect(new Set(seen).size).toBe(seen.length);
  expect((await scim('get', '/Users?count=0')).body).toMatchObject({ totalResults: all.totalResults, itemsPerPage: 0, Resources: [] });

  // Entra disables with a string boolean, then deprovisions with DELETE.
  const disabled = await scim('patch', `/Users/${id}`).send({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
  expect(disabled.body.active).toBe(false);
  const enabled = await scim('patch', `/Users/${id}`).send({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] });
  expect(enabled.body.active).toBe(true);
  const del = await scim('delete', `/Users/${boss.body.id}`);
  expect(del.status).toBe(204);
  const gone = await scim('get', `/Users/${boss.body.id}`);
  expect(gone.status).toBe(200);
  expect(gone.body.active).toBe(false);
});

it('links a new hire to the golden person the ATS already knows instead of creating a second one', async () => {
  const email = `${unique('hire')}@mail.example`.toLowerCase();
  const ats = await stack.gql(`mutation ($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId } }`, {
    i: { system: 'ATS', sourceId: unique('APP'), sourceTimestamp: '2026-03-01T00:00:00Z', attributes: { givenName: 'Oluwaseun', familyName: 'Adeyemi', email, phone: '+44 20 7946 0958' } },
  }, await stack.as('ats', { system: 'ATS' }));
  const candidateId = ats.body.data!.ingestPersonRecord.personId as string;
  const created = await scim('post', '/Users').send({
    schemas: [USER], externalId: unique('HR'), userName: email, name: { givenName: 'Oluwaseun', familyName: 'Adeyemi' },
    emails: [{ primary: true, value: email, type: 'work' }], phoneNumbers: [{ value: '+44 20 7946 0958', type: 'work' }],
  });
  expect(created.status).toBe(201);
  expect(created.body.id).toBe(candidateId);
});

it('shows each token what its role may see, and keeps writes to the provisioning system', async () => {
  const userName = `${unique('pol')}@acme.example`.toLowerCase();
  const created = await scim('post', '/Users').send({ schemas: [USER], externalId: unique('POL'), userName, name: { givenName: 'Priya', familyName: 'Raman' } });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  // A reader sees contact data masked, as through GraphQL.
  const reader = `Bearer ${await stack.token({ roles: ['reader'], sub: 'scim-reader' })}`;
  const masked = await scim('get', `/Users/${id}`, reader);
  expect(masked.status).toBe(200);
  expect(masked.body.userName).not.toBe(userName);
  expect(masked.body.userName).toMatch(/\*/);
  expect(masked.body.name.familyName).not.toBe('Raman');
  // The HRIS client alone reads no names at all.
  const bare = `Bearer ${await stack.token({ roles: ['hris'], system: 'HRIS', sub: 'bare-hris' })}`;
  const hidden = await scim('get', `/Users/${id}`, bare);
  expect(hidden.body.userName).toBeUndefined();
  expect(hidden.body.name).toBeUndefined();
  // Writes: only the HRIS, and only with a token that can read back what it writes.
  expectScimError(await scim('post', '/Users', `Bearer ${await stack.token({ roles: ['crm'], system: 'CRM', sub: 'crm' })}`).send({ schemas: [USER], userName: 'x@y.example' }), 403);
  expectScimError(await scim('patch', `/Users/${id}`, bare).send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] }), 403);
  expectScimError(await scim('get', '/Users', ''), 401);
});

it('answers bad requests with the RFC error schema', async () => {
  expectScimError(await scim('get', '/Users?filter=userName%20eq'), 400, 'invalidFilter');
  expectScimError(await scim('get', '/Users?filter=userName%20zz%20%22a%22'), 400, 'invalidFilter');
  expectScimError(await scim('get', '/Users/0199aaaa-0000-7000-8000-000000000000'), 404);
  expectScimError(await scim('post', '/Users').send({ schemas: [USER], name: { givenName: 'No' } }), 400);
  expectScimError(await scim('post', '/Users').send({ schemas: [USER], userName: 'jdoe', name: { givenName: 'No' } }), 400, 'invalidValue');
  expectScimError(await scim('post', '/Users/.search').send({ filter: 'userName pr' }), 400, 'invalidSyntax');
  expectScimError(await scim('patch', '/Users/0199aaaa-0000-7000-8000-000000000000').send({ schemas: [PATCH_OP], Operations: [] }), 404);
  expectScimError(await scim('post', '/Users').set('content-type', 'application/scim+json').send('{"schemas":'), 400, 'invalidSyntax');
});
