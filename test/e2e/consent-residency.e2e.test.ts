// Consent and purpose, data residency: a token acting for MARKETING sees only people whose marketing
// consent is granted, and a token limited to regions only people of those regions — in lists, lookups,
// entity references, and the employments and offers of hidden people. Consents are audited with
// provenance and announced on the outbox.
import { EVENT_CONTRACTS } from '../../core/events/contracts';
import { upsertOrganization } from '../../subgraphs/organization/service';
import { createEmployment, createJob, createOffer, createOrganization, createPerson, unique } from '../support/factories';
import { startTestStack, type TestStack } from '../support/stack';

jest.setTimeout(120_000);

let stack: TestStack;
const ids = { granted: '', none: '', withdrawn: '', us: '' };
let orgId = '';
let usOrgId = '';

const UPDATE = `mutation ($i: UpdateConsentInput!) { updateConsent(input: $i) { personId purpose changed consent { purpose status legalBasis source capturedAt } } }`;
const consent = (personId: string, status: string, capturedAt: string) =>
  ({ i: { personId, purpose: 'MARKETING', status, legalBasis: 'CONSENT', source: 'newsletter-form', capturedAt } });

beforeAll(async () => {
  stack = await startTestStack();
  const ctx = stack.ctx();
  ids.granted = await createPerson(ctx, { system: 'CRM' });
  ids.none = await createPerson(ctx, { system: 'CRM' });
  ids.withdrawn = await createPerson(ctx, { system: 'CRM' });
  ids.us = await createPerson(ctx, { system: 'HRIS' });
  orgId = (await createOrganization(ctx)).id; // region EU
  usOrgId = (await upsertOrganization(ctx, { system: 'HRIS', externalId: unique('LE'), name: 'US Inc', region: 'US', country: 'US' })).organization.id;
  const job = await createJob(ctx, orgId);
  for (const p of [ids.granted, ids.none, ids.withdrawn]) {
    await createEmployment(ctx, { personId: p, organizationId: orgId, jobId: job.id });
    await createOffer(ctx, { personId: p, jobId: job.id });
  }
  await createEmployment(ctx, { personId: ids.us, organizationId: usOrgId });
  // A later employment elsewhere does not move a person who already has a region.
  await createEmployment(ctx, { personId: ids.us, organizationId: orgId, status: 'TERMINATED' });
});

afterAll(async () => {
  await stack?.stop();
});

describe('updateConsent', () => {
  it('is for privacy officers and the CRM; other roles are refused', async () => {
    const crm = await stack.gql(UPDATE, consent(ids.granted, 'GRANTED', '2026-01-01T00:00:00Z'), await stack.as('crm'));
    expect(crm.body.errors).toBeUndefined();
    expect(crm.body.data!.updateConsent).toMatchObject({ personId: ids.granted, changed: true, consent: { status: 'GRANTED', legalBasis: 'CONSENT', source: 'newsletter-form' } });
    const po = await stack.gql(UPDATE, consent(ids.withdrawn, 'GRANTED', '2026-01-01T00:00:00Z'), await stack.as('privacy_officer'));
    expect(po.body.errors).toBeUndefined();
    for (const role of ['reader', 'recruiter', 'steward', 'ats'] as const) {
      const r = await stack.gql(UPDATE, consent(ids.none, 'GRANTED', '2026-01-01T00:00:00Z'), await stack.as(role));
      expect({ role, code: r.body.errors?.[0]?.extensions?.code }).toEqual({ role, code: 'FORBIDDEN' });
    }
  });

  it('ignores a capture older than the stored one, and rejects an unknown purpose', async () => {
    const stale = await stack.gql(UPDATE, consent(ids.granted, 'WITHDRAWN', '2025-06-01T00:00:00Z'), await stack.as('crm'));
    expect(stale.body.data!.updateConsent).toMatchObject({ changed: false, consent: { status: 'GRANTED' } });
    const bad = await stack.gql(UPDATE, { i: { ...consent(ids.granted, 'GRANTED', '2026-01-01T00:00:00Z').i, purpose: 'SPAM' } }, await stack.as('crm'));
    expect(bad.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('audits each change with provenance and emits ConsentUpdated matching its contract', async () => {
    await stack.gql(UPDATE, consent(ids.withdrawn, 'WITHDRAWN', '2026-02-01T00:00:00Z'), await stack.as('crm'));
    const res = await stack.gql(`query ($id: ID!) { person(id: $id) { consents { purpose status provenance { system rule sourceId history { type oldValue newValue actor } } } } }`, { id: ids.withdrawn });
    expect(res.body.errors).toBeUndefined();
    const [c] = res.body.data!.person.consents;
    expect(c).toMatchObject({ purpose: 'MARKETING', status: 'WITHDRAWN', provenance: { system: 'CRM', rule: 'LATEST_CAPTURE', sourceId: 'newsletter-form' } });
    expect(c.provenance.history.map((h: { type: string; newValue: { status: string } }) => [h.type, h.newValue.status])).toEqual([['ConsentUpdated', 'GRANTED'], ['ConsentUpdated', 'WITHDRAWN']]);
    expect(c.provenance.history[1].oldValue).toMatchObject({ status: 'GRANTED' });
    const events = await stack.testDb.db.prisma.outboxEvent.findMany({ where: { type: 'ConsentUpdated' }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => (e.payload as { status: string }).status)).toEqual(['GRANTED', 'GRANTED', 'WITHDRAWN']);
    for (const e of events) expect(EVENT_CONTRACTS.ConsentUpdated[1].safeParse(e.payload).success).toBe(true);
  });
});

describe('a token acting for MARKETING', () => {
  let headers: Record<string, string>;
  beforeAll(async () => {
    headers = await stack.as('reader', { purpose: 'MARKETING' });
  });

  it('lists only people with granted marketing consent', async () => {
    const res = await stack.gql(`{ people(first: 50) { edges { node { id } } } }`, {}, headers);
    expect(res.body.data!.people.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids.granted]);
  });

  it('gets null for anyone else by id', async () => {
    const res = await stack.gql(`query ($a: ID!, $b: ID!, $c: ID!) { a: person(id: $a) { id } b: person(id: $b) { id } c: person(id: $c) { id } }`, { a: ids.granted, b: ids.none, c: ids.withdrawn }, headers);
    expect(res.body).toEqual({ data: { a: { id: ids.granted }, b: null, c: null } });
  });

  it('resolves _entities of other people to null, in the person subgraph called directly', async () => {
    const res = await stack.subgraphGql('person', `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id } } }`,
      { r: [ids.granted, ids.none, ids.withdrawn].map((id) => ({ __typename: 'Person', id })) }, headers);
    expect(res.body.data!._entities).toEqual([{ id: ids.granted }, null, null]);
  });

  it('sees employments and offers of consenting people only, through the other subgraphs', async () => {
    const res = await stack.gql(`query ($o: ID!) {
      employments(first: 50) { edges { node { person { id } } } }
      offers(first: 50) { edges { node { person { id } } } }
      organization(id: $o) { employees { id } }
    }`, { o: orgId }, headers);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.employments.edges.map((e: any) => e.node.person.id)).toEqual([ids.granted]);
    expect(res.body.data!.offers.edges.map((e: any) => e.node.person.id)).toEqual([ids.granted]);
    expect(res.body.data!.organization.employees).toEqual([{ id: ids.granted }]);
  });

  it('loses a person whose consent is withdrawn', async () => {
    await stack.gql(UPDATE, consent(ids.granted, 'WITHDRAWN', '2026-03-01T00:00:00Z'), await stack.as('crm'));
    const res = await stack.gql(`query ($a: ID!) { person(id: $a) { id } people(first: 50) { edges { node { id } } } }`, { a: ids.granted }, headers);
    expect(res.body.data).toEqual({ person: null, people: { edges: [] } });
    await stack.gql(UPDATE, consent(ids.granted, 'GRANTED', '2026-04-01T00:00:00Z'), await stack.as('crm'));
  });

  it('does not narrow a token without a consent-based purpose', async () => {
    const res = await stack.gql(`{ people(first: 50) { edges { node { id } } } }`, {}, await stack.as('reader'));
    expect(res.body.data!.people.edges).toHaveLength(4);
  });
});

describe('data residency', () => {
  it('takes the region of the first employing legal entity that has one', async () => {
    const res = await stack.gql(`query ($a: ID!, $b: ID!) { a: person(id: $a) { region } b: person(id: $b) { region } }`, { a: ids.granted, b: ids.us });
    expect(res.body.data).toEqual({ a: { region: 'EU' }, b: { region: 'US' } });
  });

  it('shows a region-limited token nothing of people outside its regions, in every subgraph', async () => {
    const eu = await stack.as('hr', { regions: ['EU'] });
    const res = await stack.gql(`query ($us: ID!, $usOrg: ID!) {
      person(id: $us) { id }
      people(first: 50) { edges { node { id region } } }
      employments(first: 50) { edges { node { person { id } } } }
      organization(id: $usOrg) { employees { id } employments { id } }
    }`, { us: ids.us, usOrg: usOrgId }, eu);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.person).toBeNull();
    expect(new Set(res.body.data!.people.edges.map((e: any) => e.node.region))).toEqual(new Set(['EU']));
    expect(res.body.data!.people.edges).toHaveLength(3);
    expect(res.body.data!.employments.edges.map((e: any) => e.node.person.id)).not.toContain(ids.us);
    expect(res.body.data!.organization).toEqual({ employees: [], employments: [] });
    const entity = await stack.subgraphGql('person', `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id } } }`, { r: [{ __typename: 'Person', id: ids.us }] }, eu);
    expect(entity.body.data!._entities).toEqual([null]);
    // The employment subgraph called directly with a reference to the hidden person: no employments either.
    const direct = await stack.subgraphGql('employment', `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { employments { id } } } }`, { r: [{ __typename: 'Person', id: ids.us }] }, eu);
    expect(direct.body.data!._entities).toEqual([{ employments: [] }]);
    const us = await stack.gql(`query ($us: ID!) { person(id: $us) { id } }`, { us: ids.us }, await stack.as('hr', { regions: ['US', 'APAC'] }));
    expect(us.body.data!.person).toEqual({ id: ids.us });
  });
});
