// The candidate-to-employee flow end to end, through the gateway and the machine's NATS JetStream: the
// ATS ingests a candidate, the CRM's record matches the same person, the ATS accepts an offer, the
// relay publishes OfferAccepted and the CandidateToEmployee intent, the example HRIS consumer creates
// the employment and links the HRIS employee id, and the audit log reads the whole story back under
// one correlation id: the person id.
import type { NatsConnection } from 'nats';
import { checkEventData, CloudEventSchema } from '../../core/events';
import { OutboxRelay } from '../../events/relay';
import { EVENT_STREAM } from '../../events/streams';
import type { RunningConsumer } from '../../events/consumer';
import { employmentExternalIdForOffer, hrisEmployeeIdForPerson, startHrisConsumer } from '../../events/examples/hris-consumer';
import { connectNats } from '../../platform/nats';
import { createLogger } from '../../platform/logger';
import { startTestStack, type TestStack } from '../support/stack';
import { unique } from '../support/factories';
import { itWithSharedNats, lastStreamSeq, readStream, SHARED_NATS_URL, waitFor } from '../support/nats';

const itNats = itWithSharedNats();
const logger = createLogger('silent');
let stack: TestStack;
let nc: NatsConnection | null = null;
let consumer: RunningConsumer | null = null;
const consumerName = `hris-e2e-${process.pid}-${Date.now()}`;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await consumer?.stop();
  if (nc) {
    // The durable consumer lives on the shared server: leave nothing behind.
    await (await nc.jetstreamManager()).consumers.delete(EVENT_STREAM, consumerName).catch(() => undefined);
    await nc.close();
  }
  await stack?.stop();
});

async function gqlOk(query: string, variables: Record<string, unknown>, headers?: Record<string, string>) {
  const res = await stack.gql(query, variables, headers);
  expect(res.body.errors).toBeUndefined();
  return res.body.data!;
}

const INGEST = `mutation ($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId decision } }`;

/** The HRIS consumer of this file, started by the first test that needs it; reads only this run's events. */
async function hrisConsumerRelay(): Promise<OutboxRelay> {
  if (!nc) nc = await connectNats(SHARED_NATS_URL, logger);
  if (!consumer) {
    const startSeq = await lastStreamSeq(nc);
    consumer = await startHrisConsumer({ nc, deps: { db: stack.testDb.db, config: stack.config, logger }, logger, name: consumerName, startSequence: startSeq + 1 });
  }
  return new OutboxRelay({ db: stack.testDb.db, nc, logger, batchSize: 50 });
}

describe('candidate to employee', () => {
  itNats('runs from ATS candidate to HRIS employee with the person id as correlation id throughout', async () => {
    nc = await connectNats(SHARED_NATS_URL, logger);
    const startSeq = await lastStreamSeq(nc);
    // Only what this test publishes: the shared stream holds other runs' intents about other databases.
    const relay = await hrisConsumerRelay();
    const ats = await stack.as('ats', { system: 'ATS', sub: 'ats-client' });

    // 1. The ATS sends a new applicant: a new person, a candidate.
    const n = unique('x').replace(/[^a-z0-9]/gi, '').slice(-6).toLowerCase();
    const applicant = { givenName: 'Katherine', familyName: `Q${n}son`, email: `katherine.${n}@mail.example`, phone: '+1 415 555 2368', birthDate: '1988-08-26', city: 'Hampton' };
    const created = (await gqlOk(INGEST, { i: { system: 'ATS', sourceId: unique('APP'), sourceTimestamp: '2026-03-01T09:00:00Z', attributes: applicant } }, ats)).ingestPersonRecord;
    expect(created.decision).toBe('CREATED');
    const personId = created.personId as string;

    // 2. The CRM's enrichment of the same person joins the candidate.
    const crm = (await gqlOk(INGEST, { i: { system: 'CRM', sourceId: unique('CRM'), sourceTimestamp: '2026-03-02T09:00:00Z', attributes: { ...applicant, givenName: 'katherine', phone: '+14155552368', city: null } } })).ingestPersonRecord;
    expect(['AUTO_MERGED', 'MATCHED']).toContain(crm.decision);
    expect(crm.personId).toBe(personId);

    // 3. The ATS upserts the requisition and the offer, then marks the offer accepted.
    const org = await gqlOk(`mutation ($i: UpsertOrganizationInput!) { upsertOrganization(input: $i) { organization { id } } }`, {
      i: { system: 'HRIS', externalId: unique('LE'), name: unique('Org'), region: 'EU', country: 'DE' },
    });
    const job = await gqlOk(`mutation ($i: UpsertJobInput!) { upsertJob(input: $i) { job { id } } }`, {
      i: { system: 'ATS', externalId: unique('REQ'), title: 'Flight Analyst', department: 'Research', organizationId: org.upsertOrganization.organization.id },
    }, ats);
    const jobId = job.upsertJob.job.id as string;
    const offerExt = unique('OFF');
    let offerId = '';
    for (const status of ['EXTENDED', 'ACCEPTED']) {
      const r = await gqlOk(`mutation ($i: UpsertOfferInput!) { upsertOffer(input: $i) { offer { id status } } }`, {
        i: { system: 'ATS', externalId: offerExt, personId, jobId, status, startDate: '2026-06-01', salary: '72000', currency: 'EUR' },
      }, ats);
      offerId = r.upsertOffer.offer.id;
    }

    // 4. The relay publishes; the consumer acts on the intent; the relay publishes what the consumer did.
    const employment = await waitFor('the HRIS consumer to create the employment', async () => {
      await relay.runBatch();
      return stack.testDb.db.prisma.employment.findUnique({ where: { system_externalId: { system: 'HRIS', externalId: employmentExternalIdForOffer(offerId) } } });
    });
    expect(employment).toMatchObject({ personId, jobId, status: 'PENDING', title: 'Flight Analyst', department: 'Research' });
    expect(employment.hireDate?.toISOString().slice(0, 10)).toBe('2026-06-01');
    const hrisId = hrisEmployeeIdForPerson(personId);
    await waitFor('every event of the flow on the stream', async () => {
      await relay.runBatch();
      return (await stack.testDb.db.prisma.outboxEvent.count({ where: { publishedAt: null } })) === 0
        && (await stack.testDb.db.prisma.externalId.count({ where: { system: 'HRIS', value: hrisId } })) === 1;
    });

    // The person as any API client sees it now.
    const person = (await gqlOk(`query ($id: ID!) { person(id: $id) { employeeStatus candidateStatus externalIds { system value }
      employments { status hireDate job { id } } } }`, { id: personId })).person;
    expect(person.employeeStatus).toBe('PRE_HIRE');
    expect(person.candidateStatus).toBe('HIRED');
    expect(person.externalIds).toEqual(expect.arrayContaining([{ system: 'HRIS', value: hrisId }]));
    expect(person.employments).toEqual([{ status: 'PENDING', hireDate: '2026-06-01', job: { id: jobId } }]);

    // What went over JetStream: the flow's events, each valid against its contract, all with one correlation id.
    const ours = new Set((await stack.testDb.db.prisma.outboxEvent.findMany({ select: { eventId: true } })).map((r) => r.eventId));
    const published = (await readStream(nc, startSeq))
      .map((m) => CloudEventSchema.parse(JSON.parse(new TextDecoder().decode(m.data))))
      .filter((e) => ours.has(e.id) && e.correlationid === personId);
    for (const e of published) expect(checkEventData(e.type, e.dataversion, e.data)).toEqual({ ok: true });
    const types = published.map((e) => e.type);
    for (const t of ['PersonCreated', 'PersonUpdated', 'OfferUpserted', 'OfferAccepted', 'CandidateToEmployee', 'EmploymentCreated', 'ExternalIdLinked']) expect(types).toContain(t);
    expect(types.indexOf('OfferAccepted')).toBeLessThan(types.indexOf('EmploymentCreated'));
    const createdEvent = published.find((e) => e.type === 'PersonCreated')!;
    expect(createdEvent.data).toMatchObject({ id: personId, candidate: true, systems: ['ATS'] });
    const intent = published.find((e) => e.type === 'CandidateToEmployee')!;
    expect(intent.data).toEqual({ personId, offerId, jobId, startDate: '2026-06-01' });
    // The consumer's changes name the intent as their cause.
    for (const t of ['EmploymentCreated', 'ExternalIdLinked']) {
      const e = published.find((x) => x.type === t)!;
      expect(e.causationid).toBe(intent.id);
      expect(e.actor).toBe('example-hris-consumer');
      expect(e.sourcesystem).toBe('HRIS');
    }

    // The auditor reads the timeline back: the person's own log, and the flow across entities.
    const auditor = await stack.as('auditor');
    const AUDIT = `query ($e: ID, $c: String) { auditEvents(entityId: $e, correlationId: $c, first: 100) { edges { node { type entityType entityId attribute correlationId causationId actorId } } } }`;
    const personLog = (await gqlOk(AUDIT, { e: personId }, auditor)).auditEvents.edges.map((x: { node: Record<string, string> }) => x.node);
    expect(personLog.map((x: { correlationId: string }) => x.correlationId)).toEqual(personLog.map(() => personId));
    const personTypes = personLog.map((x: { type: string }) => x.type);
    for (const t of ['PersonCreated', 'SourceRecordLinked', 'ExternalIdLinked']) expect(personTypes).toContain(t);
    expect(personLog).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'PersonUpdated', attribute: 'employeeStatus' })]));

    const flow = (await gqlOk(AUDIT, { c: personId }, auditor)).auditEvents.edges.map((x: { node: Record<string, string> }) => x.node);
    const flowTypes = flow.map((x: { type: string }) => x.type);
    const at = (t: string) => flowTypes.indexOf(t);
    for (const t of ['PersonCreated', 'SourceRecordLinked', 'OfferCreated', 'OfferUpdated', 'EmploymentCreated', 'ExternalIdLinked']) expect(at(t)).toBeGreaterThanOrEqual(0);
    expect(at('PersonCreated')).toBeLessThan(at('SourceRecordLinked'));
    expect(at('SourceRecordLinked')).toBeLessThan(at('OfferCreated'));
    expect(at('OfferUpdated')).toBeLessThan(at('EmploymentCreated'));
    expect(new Set(flow.map((x: { entityType: string }) => x.entityType))).toEqual(new Set(['Person', 'Offer', 'Employment']));
    expect(flow.every((x: { correlationId: string }) => x.correlationId === personId)).toBe(true);
    expect(flow.filter((x: { entityType: string }) => x.entityType === 'Employment').every((x: { causationId: string }) => x.causationId === intent.id)).toBe(true);
  });

  itNats('gives a person the HRIS already employs neither a second employment nor a second HRIS id, however many offers they accept', async () => {
    const relay = await hrisConsumerRelay();
    const hris = await stack.as('hris', { system: 'HRIS', sub: 'hris-client' });
    const ats = await stack.as('ats', { system: 'ATS', sub: 'ats-client' });

    // An employee the HRIS knows under its own employee id, in a current employment.
    const n = unique('x').replace(/[^a-z0-9]/gi, '').slice(-6).toLowerCase();
    const employeeId = unique('E');
    const personId = (await gqlOk(INGEST, { i: { system: 'HRIS', sourceId: employeeId, sourceTimestamp: '2025-01-10T09:00:00Z',
      attributes: { givenName: 'Dorothy', familyName: `V${n}ghan`, email: `dorothy.${n}@mail.example`, birthDate: '1980-09-20' } } }, hris)).ingestPersonRecord.personId as string;
    const org = await gqlOk(`mutation ($i: UpsertOrganizationInput!) { upsertOrganization(input: $i) { organization { id } } }`, {
      i: { system: 'HRIS', externalId: unique('LE'), name: unique('Org'), region: 'EU', country: 'DE' },
    }, hris);
    const organizationId = org.upsertOrganization.organization.id as string;
    const current = (await gqlOk(`mutation ($i: UpsertEmploymentInput!) { upsertEmployment(input: $i) { employment { id } } }`, {
      i: { system: 'HRIS', externalId: unique('EMP'), personId, organizationId, title: 'Mathematician', status: 'ACTIVE', hireDate: '2025-01-15' },
    }, hris)).upsertEmployment.employment.id as string;

    // An internal move: the ATS accepts two offers for the same person (one after the other was withdrawn).
    const jobId = (await gqlOk(`mutation ($i: UpsertJobInput!) { upsertJob(input: $i) { job { id } } }`, {
      i: { system: 'ATS', externalId: unique('REQ'), title: 'Programmer', department: 'Computing', organizationId },
    }, ats)).upsertJob.job.id as string;
    for (const statuses of [['EXTENDED', 'ACCEPTED', 'WITHDRAWN'], ['EXTENDED', 'ACCEPTED']]) {
      const offerExt = unique('OFF');
      for (const status of statuses) {
        await gqlOk(`mutation ($i: UpsertOfferInput!) { upsertOffer(input: $i) { offer { id } } }`, {
          i: { system: 'ATS', externalId: offerExt, personId, jobId, status, startDate: '2026-07-01' },
        }, ats);
      }
    }
    const intents = await stack.testDb.db.prisma.outboxEvent.findMany({ where: { type: 'CandidateToEmployee', aggregateId: personId }, select: { eventId: true } });
    expect(intents).toHaveLength(2);
    await waitFor('the HRIS consumer to handle both intents', async () => {
      await relay.runBatch();
      return (await stack.testDb.db.prisma.inboxEvent.count({ where: { consumer: consumerName, eventId: { in: intents.map((i) => i.eventId) } } })) === 2;
    });

    const employments = await stack.testDb.db.prisma.employment.findMany({ where: { personId }, select: { id: true, status: true } });
    expect(employments).toEqual([{ id: current, status: 'ACTIVE' }]);
    const hrisIds = await stack.testDb.db.prisma.externalId.findMany({ where: { personId, system: 'HRIS' }, select: { value: true } });
    expect(hrisIds).toEqual([{ value: employeeId }]);
    expect(await stack.testDb.db.prisma.externalId.count({ where: { value: hrisEmployeeIdForPerson(personId) } })).toBe(0);
  });
});
