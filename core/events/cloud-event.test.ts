import { buildCloudEvent, CloudEventSchema, eventSource, eventSubject, type OutboxRecord } from './cloud-event';
import { nextRetryDelay } from './next-retry-delay';

const row: OutboxRecord = {
  seq: 42n,
  eventId: '0190a8c2-7b1e-7000-8000-0000000000aa',
  type: 'EmploymentCreated',
  version: 1,
  aggregateType: 'Employment',
  aggregateId: '0190a8c2-7b1e-7000-8000-0000000000bb',
  payload: { id: '0190a8c2-7b1e-7000-8000-0000000000bb' },
  correlationId: 'corr-1',
  causationId: null,
  actorId: 'hris-sync',
  sourceSystem: 'HRIS',
  occurredAt: new Date('2026-01-02T03:04:05.678Z'),
};

describe('buildCloudEvent', () => {
  it('maps an outbox row to the CloudEvents 1.0 attributes and extensions', () => {
    expect(buildCloudEvent(row)).toEqual({
      specversion: '1.0',
      id: row.eventId,
      source: 'urn:peoplegraph:employment',
      type: 'EmploymentCreated',
      time: '2026-01-02T03:04:05.678Z',
      subject: row.aggregateId,
      datacontenttype: 'application/json',
      dataschema: 'urn:peoplegraph:events:EmploymentCreated:v1',
      correlationid: 'corr-1',
      actor: 'hris-sync',
      sourcesystem: 'HRIS',
      dataversion: 1,
      aggregatetype: 'Employment',
      sequence: '42',
      data: row.payload,
    });
  });

  it('omits absent optional attributes instead of sending null, and validates', () => {
    const event = buildCloudEvent({ ...row, sourceSystem: null, causationId: null });
    expect(event).not.toHaveProperty('causationid');
    expect(event).not.toHaveProperty('sourcesystem');
    expect(CloudEventSchema.safeParse(event).success).toBe(true);
    expect(buildCloudEvent({ ...row, causationId: 'req-9' }).causationid).toBe('req-9');
  });

  it('names sources and subjects predictably', () => {
    expect(eventSource('MatchReview')).toBe('urn:peoplegraph:match-review');
    expect(eventSubject('PersonMerged')).toBe('peoplegraph.events.PersonMerged');
  });
});

describe('nextRetryDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([0, 1, 2, 3].map((n) => nextRetryDelay(n, 100, 1000))).toEqual([0, 100, 200, 400]);
    expect(nextRetryDelay(50, 100, 1000)).toBe(1000);
  });
});
