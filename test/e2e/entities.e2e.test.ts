// Every subgraph answers `_entities` for the entities it owns or extends, called directly (the
// gateway's own path), and `_service { sdl }`.
import { startTestStack, type TestStack } from '../support/stack';
import { createEmployment, createJob, createOffer, createOrganization, createPerson } from '../support/factories';

let stack: TestStack;
let ids: { personId: string; managerId: string; orgId: string; jobId: string; employmentId: string; offerId: string };

beforeAll(async () => {
  stack = await startTestStack();
  const ctx = stack.ctx();
  const org = await createOrganization(ctx, 'Entities Org');
  const personId = await createPerson(ctx, { givenName: 'Grace', familyName: 'Hopper' });
  const managerId = await createPerson(ctx, { givenName: 'Alan', familyName: 'Turing' });
  const job = await createJob(ctx, org.id, 'Compiler Engineer');
  const employment = await createEmployment(ctx, { personId, organizationId: org.id, jobId: job.id, managerId });
  const offer = await createOffer(ctx, { personId, jobId: job.id });
  ids = { personId, managerId, orgId: org.id, jobId: job.id, employmentId: employment.id, offerId: offer.id };
});
afterAll(async () => {
  await stack?.stop();
});

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { __typename ...F } }`;

it('person subgraph resolves Person references (and null for an unknown id)', async () => {
  const res = await stack.subgraphGql('person', `${ENTITIES} fragment F on Person { id legalName }`, {
    r: [{ __typename: 'Person', id: ids.personId }, { __typename: 'Person', id: '01a216c5-0000-7000-8000-000000000000' }],
  });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data!._entities).toEqual([{ __typename: 'Person', id: ids.personId, legalName: 'Grace Hopper' }, null]);
});

it('organization subgraph resolves Organization references', async () => {
  const res = await stack.subgraphGql('organization', `${ENTITIES} fragment F on Organization { name region }`, { r: [{ __typename: 'Organization', id: ids.orgId }] });
  expect(res.body.data!._entities).toEqual([{ __typename: 'Organization', name: 'Entities Org', region: 'EU' }]);
});

it('job subgraph resolves Job references and extends Organization with jobs', async () => {
  const res = await stack.subgraphGql('job', `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Job { title } ... on Organization { jobs { id } } } }`, {
    r: [{ __typename: 'Job', id: ids.jobId }, { __typename: 'Organization', id: ids.orgId }],
  });
  expect(res.body.data!._entities).toEqual([{ title: 'Compiler Engineer' }, { jobs: [{ id: ids.jobId }] }]);
});

it('employment subgraph resolves Employment references and extends Person and Organization', async () => {
  const res = await stack.subgraphGql('employment', `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Employment { status manager { id } }
      ... on Person { employments { id } directReports { id } }
      ... on Organization { employees { id } } } }`, {
    r: [{ __typename: 'Employment', id: ids.employmentId }, { __typename: 'Person', id: ids.personId }, { __typename: 'Person', id: ids.managerId }, { __typename: 'Organization', id: ids.orgId }],
  });
  expect(res.body.data!._entities).toEqual([
    { status: 'ACTIVE', manager: { id: ids.managerId } },
    { employments: [{ id: ids.employmentId }], directReports: [] },
    { employments: [], directReports: [{ id: ids.employmentId }] },
    { employees: [{ id: ids.personId }] },
  ]);
});

it('offer subgraph resolves Offer references and extends Person and Job', async () => {
  const res = await stack.subgraphGql('offer', `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Offer { status salary } ... on Person { offers { id } } ... on Job { offers { id } } } }`, {
    r: [{ __typename: 'Offer', id: ids.offerId }, { __typename: 'Person', id: ids.personId }, { __typename: 'Job', id: ids.jobId }],
  });
  expect(res.body.data!._entities).toEqual([{ status: 'EXTENDED', salary: '60000.00' }, { offers: [{ id: ids.offerId }] }, { offers: [{ id: ids.offerId }] }]);
});

it('every subgraph publishes its SDL with federation keys', async () => {
  for (const name of ['person', 'organization', 'job', 'employment', 'offer'] as const) {
    const res = await stack.subgraphGql(name, `{ _service { sdl } }`);
    expect(res.body.data!._service.sdl).toContain('@key(fields: "id")');
  }
});
