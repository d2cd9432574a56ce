import { checkEventData, EVENT_TYPES } from './contracts';

const A = '0190a8c2-7b1e-7000-8000-000000000001';
const B = '0190a8c2-7b1e-7000-8000-000000000002';

describe('event contracts', () => {
  it('covers every event type the issue lists', () => {
    expect(EVENT_TYPES).toEqual(expect.arrayContaining([
      'PersonCreated', 'PersonUpdated', 'PersonMerged', 'PersonUnmerged', 'PersonErased', 'ExternalIdLinked', 'ExternalIdUnlinked',
      'ReviewQueued', 'ReviewResolved', 'OrganizationUpserted', 'JobUpserted', 'OfferUpserted', 'OfferAccepted', 'CandidateToEmployee',
      'EmploymentCreated', 'EmploymentUpdated',
    ]));
  });

  it.each([
    ['PersonCreated', { id: A, systems: ['ATS'], decision: 'CREATED', candidate: true, sourceRecord: { system: 'ATS', sourceId: 'cand-1' } }],
    ['PersonUpdated', { id: A, changedAttributes: ['employeeStatus'], employeeStatus: 'ACTIVE' }],
    ['PersonMerged', { survivorId: A, mergedId: B, changedAttributes: ['primaryEmail'] }],
    ['ExternalIdLinked', { personId: A, system: 'HRIS', externalId: 'E-100' }],
    ['ReviewQueued', { reviewId: A, personId: A, candidatePersonId: B, score: 0.8 }],
    ['ReviewResolved', { reviewId: A, decision: 'SAME_PERSON', personId: A, candidatePersonId: B, survivorId: B }],
    ['JobUpserted', { id: A, system: 'ATS', externalId: 'REQ-1', created: true, changedAttributes: ['title'] }],
    ['OfferAccepted', { offerId: A, personId: B, jobId: A, startDate: '2026-03-01' }],
  ])('accepts a valid %s payload', (type, data) => {
    expect(checkEventData(type, 1, data)).toEqual({ ok: true });
  });

  it('rejects a personal value smuggled into a payload', () => {
    const r = checkEventData('PersonUpdated', 1, { id: A, changedAttributes: ['legalName'], legalName: 'Ada Lovelace' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.join()).toMatch(/legalName/);
  });

  it('rejects unknown types and versions, and missing ids', () => {
    expect(checkEventData('PersonTeleported', 1, {})).toEqual({ ok: false, problems: ['unknown event type PersonTeleported'] });
    expect(checkEventData('PersonCreated', 2, { id: A, systems: [] })).toEqual({ ok: false, problems: ['no contract for PersonCreated version 2'] });
    expect(checkEventData('OfferAccepted', 1, { offerId: 'not-a-uuid', personId: B, jobId: A, startDate: null }).ok).toBe(false);
  });
});
