// The whole graph through the gateway over HTTP, on the demo data set.
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: true });
});
afterAll(async () => {
  await stack?.stop();
});

const PERSON_ACROSS_SUBGRAPHS = `
  query ($system: SourceSystem!, $id: String!) {
    personByExternalId(system: $system, externalId: $id) {
      id legalName preferredName primaryEmail emails phones birthDate candidateStatus employeeStatus customerStatus
      externalIds { system value }
      employments { title status hireDate employeeNumber organization { name region } job { title } manager { legalName } statusHistory { fromStatus toStatus } }
      offers { status salary currency job { title organization { name } } }
    }
  }`;

describe('one query across all five subgraphs', () => {
  it('returns a person with external ids, employments (job, organization, manager) and offers', async () => {
    const res = await stack.gql(PERSON_ACROSS_SUBGRAPHS, { system: 'HRIS', id: 'U2004' });
    expect(res.body.errors).toBeUndefined();
    const p = res.body.data!.personByExternalId;
    expect(p.legalName).toBe('Nicholas Adams');
    expect(p.externalIds).toEqual([
      { system: 'CRM', value: 'C-609' },
      { system: 'ATS', value: 'A-9113' },
      { system: 'HRIS', value: 'U2004' },
    ]);
    // HRIS wins the name by source priority; the phone is normalized to E.164.
    expect(p.phones).toEqual(['+15125550190']);
    expect(p.birthDate).toBe('1989-12-12');
    expect(p.candidateStatus).toBe('HIRED');
    expect(p.employeeStatus).toBe('PRE_HIRE');
    expect(p.customerStatus).toBe('NONE');
    expect(p.employments).toEqual([
      {
        title: 'Support Engineer', status: 'PENDING', hireDate: '2026-07-01', employeeNumber: 'U2004',
        organization: { name: 'Acme Robotics Inc.', region: 'US' }, job: { title: 'Support Engineer' },
        manager: { legalName: 'Robert Miller' }, statusHistory: [{ fromStatus: null, toStatus: 'PENDING' }],
      },
    ]);
    expect(p.offers).toEqual([{ status: 'ACCEPTED', salary: '80000.00', currency: 'USD', job: { title: 'Support Engineer', organization: { name: 'Acme Robotics Inc.' } } }]);
  });

  it('returns an organization with its current employees and requisitions', async () => {
    const orgs = await stack.gql(`{ organizations(first: 10, filter: { name: "GmbH" }) { edges { node { id name kind parent { name } employees { legalName } jobs(status: OPEN) { title offers { status person { legalName } } } } } } }`);
    expect(orgs.body.errors).toBeUndefined();
    const [acme] = orgs.body.data!.organizations.edges.map((e: any) => e.node);
    expect(acme.name).toBe('Acme Robotics GmbH');
    const employees = acme.employees.map((e: any) => e.legalName).sort();
    expect(employees).toContain('Katharina Schulz');
    expect(employees).toContain('Sophie Dubois'); // on leave still counts as employed
    expect(employees).not.toContain('Lukas Hoffmann'); // terminated
    expect(acme.jobs.map((j: any) => j.title).sort()).toEqual(['Data Scientist', 'Frontend Engineer', 'Senior Backend Engineer']);
    const backend = acme.jobs.find((j: any) => j.title === 'Senior Backend Engineer');
    expect(backend.offers.map((o: any) => o.person.legalName).sort()).toEqual(['Ahmed Hassan', 'Priya Sharma']);
  });

  it('resolves managers and direct reports in both directions', async () => {
    const res = await stack.gql(`query { personByExternalId(system: HRIS, externalId: "E1001") { legalName directReports { person { legalName } } } }`);
    const reports = res.body.data!.personByExternalId.directReports.map((e: any) => e.person.legalName).sort();
    expect(reports).toEqual(['Elizabeth Wagner', 'Jonas Becker', 'Mehmet Yilmaz', 'Robert Miller', 'Sophie Dubois']);
  });

  it('returns null, not an error, for an unknown external id', async () => {
    const res = await stack.gql(PERSON_ACROSS_SUBGRAPHS, { system: 'HRIS', id: 'NOPE' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.personByExternalId).toBeNull();
  });
});

describe('cursor pagination', () => {
  it('walks every person exactly once, page by page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await stack.gql(`query ($after: String) { people(first: 7, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`, { after });
      const conn = res.body.data.people;
      seen.push(...conn.edges.map((e: any) => e.node.id));
      expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
      pages += 1;
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(37);
    expect(new Set(seen).size).toBe(37);
    expect(pages).toBe(6);
  });

  it('filters people by role status and by source system', async () => {
    const res = await stack.gql(`{ candidates: people(first: 50, filter: { candidateStatus: OFFERED }) { edges { node { legalName } } } crm: people(first: 50, filter: { system: CRM }) { edges { node { id } } } }`);
    expect(res.body.data!.candidates.edges.map((e: any) => e.node.legalName).sort()).toEqual(['Ahmed Hassan', 'Chloé Martin', 'Priya Sharma']);
    expect(res.body.data!.crm.edges).toHaveLength(17);
  });

  it('rejects a malformed cursor and an oversized page with BAD_USER_INPUT', async () => {
    const bad = await stack.gql(`{ people(first: 5, after: "garbage") { edges { cursor } } }`);
    expect(bad.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const big = await stack.gql(`{ jobs(first: 101) { edges { cursor } } }`);
    expect(big.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(big.body.errors![0].message).toMatch(/first must be between 0 and 100/);
  });
});

describe('the gateway edge', () => {
  it('returns the request id it used and forwards it to the subgraphs', async () => {
    const res = await stack.gql(`{ organizations(first: 1) { edges { node { id } } } }`, undefined, { 'x-request-id': 'req-test-123' });
    expect(res.headers['x-request-id']).toBe('req-test-123');
  });

  it('answers health and readiness on the gateway and every subgraph', async () => {
    const urls = [stack.gatewayUrl, ...Object.values(stack.subgraphUrls)];
    for (const url of urls) {
      const ready = await fetch(url.replace(/\/graphql$/, '/readyz'));
      expect(ready.status).toBe(200);
      const health = await fetch(url.replace(/\/graphql$/, '/healthz'));
      expect(await health.json()).toEqual({ status: 'ok' });
    }
  });

  it('reports a GraphQL validation failure with a stable code', async () => {
    const res = await stack.gql(`{ people(first: 1) { edges { node { noSuchField } } } }`);
    expect(res.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
