// A page of people with employments, offers, jobs and organizations costs a fixed number of SQL
// statements, whether the page holds 50 people or 100.
import { startTestStack, type TestStack } from '../support/stack';
import { createEmployment, createJob, createOffer, createOrganization, createPerson } from '../support/factories';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  const ctx = stack.ctx();
  const orgs = [await createOrganization(ctx), await createOrganization(ctx), await createOrganization(ctx)];
  const jobs = [await createJob(ctx, orgs[0].id), await createJob(ctx, orgs[1].id), await createJob(ctx, orgs[2].id)];
  let previous: string | undefined;
  for (let i = 0; i < 110; i++) {
    const personId = await createPerson(ctx, { givenName: `P${i}` });
    await createEmployment(ctx, { personId, organizationId: orgs[i % 3].id, jobId: jobs[i % 3].id, managerId: previous });
    if (i % 2 === 0) await createOffer(ctx, { personId, jobId: jobs[(i + 1) % 3].id });
    previous = personId;
  }
}, 300_000);
afterAll(async () => {
  await stack?.stop();
});

const QUERY = `query ($n: Int!) { people(first: $n) { edges { node {
  id legalName externalIds { system value }
  employments { title organization { name jobs { title } } job { title organization { name } } manager { legalName } }
  offers { status job { title organization { name } } }
} } } }`;

async function statementsFor(n: number): Promise<number> {
  const before = stack.testDb.db.statementCount();
  const res = await stack.gql(QUERY, { n });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data!.people.edges).toHaveLength(n);
  return stack.testDb.db.statementCount() - before;
}

it('issues the same number of SQL statements for 50 and for 100 people', async () => {
  await statementsFor(10); // warm-up: nothing is cached across requests, but connections are opened
  const fifty = await statementsFor(50);
  const hundred = await statementsFor(100);
  console.log(`SQL statements per query: ${fifty} for 50 people, ${hundred} for 100 people`);
  expect(fifty).toBeGreaterThan(0);
  expect(hundred).toBe(fifty);
  expect(hundred).toBeLessThan(30);
});
