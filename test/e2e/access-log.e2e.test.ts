// Access log: full reads of personal fields are recorded per request (actor, person, field, purpose,
// time) by the subgraph that served them, masked or denied reads are not, and auditors read the log.
import { upsertEmployment } from '../../subgraphs/employment/service';
import { createOrganization, createPerson, unique } from '../support/factories';
import { startTestStack, type GqlResponse, type TestStack } from '../support/stack';

jest.setTimeout(120_000);

let stack: TestStack;
let personId: string;
const READ = `query ($id: ID!) { person(id: $id) { id familyName primaryEmail region employments { id salary } } }`;
const LOG = `query ($id: ID!, $after: String) { accessLog(personId: $id, first: 2, after: $after) { edges { node { actorId personId field purpose at } } pageInfo { hasNextPage endCursor } } }`;

beforeAll(async () => {
  stack = await startTestStack();
  const ctx = stack.ctx();
  personId = await createPerson(ctx, { givenName: 'Ada', familyName: 'Lovelace' });
  const org = await createOrganization(ctx);
  await upsertEmployment(ctx, { system: 'HRIS', externalId: unique('EMP'), personId, organizationId: org.id, status: 'ACTIVE', salary: '81000.00', currency: 'EUR' } as never);
});

afterAll(async () => {
  await stack?.stop();
});

async function readAll(): Promise<Array<{ actorId: string; personId: string; field: string; purpose: string | null; at: string }>> {
  const out = [];
  let after: string | null = null;
  const auditor = await stack.as('auditor');
  for (;;) {
    const res: GqlResponse = await stack.gql(LOG, { id: personId, after }, auditor);
    expect(res.body.errors).toBeUndefined();
    out.push(...res.body.data!.accessLog.edges.map((e: any) => e.node));
    if (!res.body.data!.accessLog.pageInfo.hasNextPage) return out;
    after = res.body.data!.accessLog.pageInfo.endCursor;
  }
}

it('records nothing for masked or denied reads', async () => {
  const res = await stack.gql(READ, { id: personId }, await stack.as('reader'));
  expect(res.body.data!.person.familyName).toBe('L.');
  expect(await readAll()).toEqual([]);
});

it('records each full read of a personal field once per request, in every subgraph, with actor and purpose', async () => {
  const hr = await stack.as('hr', { sub: 'hr-alice', purpose: 'PAYROLL' });
  const res = await stack.gql(READ, { id: personId }, hr);
  expect(res.body.data!.person).toMatchObject({ familyName: 'Lovelace', employments: [{ salary: '81000.00' }] });
  const entries = await readAll();
  expect(entries.map((e) => e.field).sort()).toEqual(['Employment.salary', 'Person.familyName', 'Person.primaryEmail']);
  for (const e of entries) expect(e).toMatchObject({ actorId: 'hr-alice', personId, purpose: 'PAYROLL' });
  // Written in one statement per subgraph request: the person subgraph's two rows share one time.
  const personRows = entries.filter((e) => e.field.startsWith('Person.'));
  expect(new Set(personRows.map((e) => e.at)).size).toBe(1);
});

it('is readable by auditors only', async () => {
  const res = await stack.gql(LOG, { id: personId, after: null }, await stack.as('reader'));
  expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
