// A schema-driven fuzz run through the real gateway: every query and mutation of the composed schema,
// under every role and without a token, with valid, boundary and hostile arguments. What a user of the
// API must be able to rely on, whatever it sends: no 5xx, every error with a stable code, no personal
// value in an answer to a caller who may not read it, and none in the logs.
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema } from 'graphql';
import { startTestStack, type TestStack } from '../support/stack';
import { HOSTILE_STRINGS, OperationGenerator, Prng, type FuzzOperation, type IdPools } from '../support/schema-fuzz';
import { ROLES, type Role } from '../../core/privacy/scopes';

// The suite runs a few thousand; `npm run test:fuzz` runs the full 10,000 (or FUZZ_OPERATIONS).
const OPERATIONS = Number(process.env.FUZZ_OPERATIONS ?? 4_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const CONCURRENCY = 8;
/** Roles that read no name, e-mail, phone, street or birth date of anyone in full. */
const RESTRICTED: ReadonlyArray<Role | 'anonymous'> = ['reader', 'auditor', 'crm', 'ats', 'hris', 'anonymous'];

let stack: TestStack;
let schema: GraphQLSchema;
let pools: IdPools;
const secrets: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ seed: true, captureLogs: true });
  // People with the attributes the demo data lacks: streets and national identifiers.
  for (let i = 0; i < 4; i++) {
    const nationalId = `FZ-${7310 + i}-${4480 + i * 17}`;
    const attributes = { givenName: ['Leocadia', 'Thaddeus', 'Ottoline', 'Barnaby'][i], familyName: `Quillfeather${i}`, email: `quill${i}.fuzz@corp.example`, phone: `+44 20 7946 0${100 + i}`, street: `${40 + i} Wexford Crescent`, birthDate: `1971-0${i + 2}-1${i}`, nationalId };
    const res = await stack.gql(`mutation ($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId } }`, { i: { system: 'HRIS', sourceId: `FZ-${i}`, sourceTimestamp: '2026-05-01T00:00:00Z', attributes } });
    expect(res.body.errors).toBeUndefined();
    secrets.push(nationalId);
  }
  const introspection = await stack.gql(getIntrospectionQuery());
  expect(introspection.body.errors).toBeUndefined();
  schema = buildClientSchema(introspection.body.data as never);

  const p = stack.testDb.db.prisma;
  const ids = async (rows: Promise<Array<{ id: string }>>) => (await rows).map((r) => r.id);
  pools = {
    person: await ids(p.person.findMany({ select: { id: true } })),
    organization: await ids(p.organization.findMany({ select: { id: true } })),
    job: await ids(p.job.findMany({ select: { id: true } })),
    employment: await ids(p.employment.findMany({ select: { id: true } })),
    offer: await ids(p.offer.findMany({ select: { id: true } })),
    review: await ids(p.matchReview.findMany({ select: { id: true } })),
    sourceRecord: await ids(p.sourceRecord.findMany({ select: { id: true } })),
  };
  // Every full personal value the database holds, as a caller would see it in an answer.
  for (const person of await p.person.findMany()) {
    secrets.push(...[person.legalName, person.street, ...person.emails, ...person.phones].filter((v): v is string => typeof v === 'string'));
    if (person.birthDate) secrets.push(person.birthDate.toISOString().slice(0, 10));
  }
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

interface Outcome { op: FuzzOperation; role: Role | 'anonymous'; status: number; body: string }

async function send(op: FuzzOperation, authorization: string | null): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'apollo-require-preflight': 'true' };
  if (authorization) headers.authorization = authorization;
  const res = await fetch(stack.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query: op.query, variables: op.variables }) });
  return { status: res.status, body: await res.text() };
}

it(`answers ${OPERATIONS} generated operations without a 5xx, a codeless error or a leaked personal value`, async () => {
  const rng = new Prng(SEED);
  const generator = new OperationGenerator(schema, pools, rng);
  const roots = generator.rootFields();
  const roles: Array<Role | 'anonymous'> = [...ROLES, 'anonymous'];
  const tokens = new Map<Role | 'anonymous', string | null>([['anonymous', null]]);
  for (const role of ROLES) tokens.set(role, (await stack.as(role)).authorization!);

  const entityProbe = (typename: string): FuzzOperation => ({
    field: 'query._entities',
    query: 'query Fuzz($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
    variables: { r: [{ __typename: typename, id: rng.pick([...pools.person, ...HOSTILE_STRINGS]) }] },
  });
  const ops: Array<{ op: FuzzOperation; role: Role | 'anonymous' }> = [];
  for (let i = 0; ops.length < OPERATIONS; i++) {
    const role = roles[i % roles.length]!;
    const root = roots[Math.floor(i / roles.length) % roots.length]!;
    const op = i % 97 === 0 ? entityProbe(rng.pick(['Person', 'Organization', 'Query', 'PageInfo', 'Nope', '%'])) : generator.operation(root.kind, root.field);
    ops.push({ op, role });
  }

  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < ops.length) {
      const { op, role } = ops[next++]!;
      const r = await send(op, tokens.get(role) ?? null);
      outcomes.push({ op, role, ...r });
    }
  }));

  const serverErrors = outcomes.filter((o) => o.status >= 500);
  const codeless = outcomes.filter((o) => {
    try {
      const body = JSON.parse(o.body) as { errors?: Array<{ extensions?: { code?: unknown } }> };
      return (body.errors ?? []).some((e) => typeof e.extensions?.code !== 'string');
    } catch {
      return true;
    }
  });
  const distinctSecrets = [...new Set(secrets)].filter((s) => s.length >= 6);
  const leaks = outcomes.filter((o) => RESTRICTED.includes(o.role)).flatMap((o) => {
    const sent = JSON.stringify(o.op.variables);
    return distinctSecrets.filter((s) => o.body.includes(s) && !sent.includes(s)).map((s) => ({ role: o.role, field: o.op.field, value: s.slice(0, 3) }));
  });
  const logText = stack.logs.join('\n');
  const inLogs = distinctSecrets.filter((s) => logText.includes(s));
  const byStatus = outcomes.reduce<Record<number, number>>((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }), {});

  console.log(
    `schema fuzz: ${outcomes.length} operations over ${roots.length} root fields x ${roles.length} roles (seed ${SEED}); ` +
      `status ${JSON.stringify(byStatus)}; 5xx ${serverErrors.length}; codeless errors ${codeless.length}; ` +
      `personal values leaked ${leaks.length}; personal values in ${stack.logs.length} log lines ${inLogs.length}; ${distinctSecrets.length} values watched`,
  );
  const sample = (list: Outcome[]) => list.slice(0, 5).map((o) => ({ field: o.op.field, role: o.role, status: o.status, query: o.op.query.slice(0, 300), variables: JSON.stringify(o.op.variables).slice(0, 300), body: o.body.slice(0, 300) }));
  expect(sample(serverErrors)).toEqual([]);
  expect(sample(codeless)).toEqual([]);
  expect(leaks.slice(0, 10)).toEqual([]);
  expect(inLogs.map((s) => s.slice(0, 3))).toEqual([]);
  expect(outcomes.length).toBe(OPERATIONS);
}, 900_000);
