import { deriveCandidateStatus, deriveEmployeeStatus } from './derive-role-status';

describe('deriveEmployeeStatus', () => {
  it('is NONE without employments', () => expect(deriveEmployeeStatus([])).toBe('NONE'));
  it('prefers an active employment over a terminated one', () => expect(deriveEmployeeStatus(['TERMINATED', 'ACTIVE'])).toBe('ACTIVE'));
  it('maps a pending employment to PRE_HIRE', () => expect(deriveEmployeeStatus(['PENDING'])).toBe('PRE_HIRE'));
  it('is ON_LEAVE when on leave and nothing active', () => expect(deriveEmployeeStatus(['ON_LEAVE', 'TERMINATED'])).toBe('ON_LEAVE'));
  it('is TERMINATED when every employment ended', () => expect(deriveEmployeeStatus(['TERMINATED', 'TERMINATED'])).toBe('TERMINATED'));
});

describe('deriveCandidateStatus', () => {
  it('becomes HIRED once an offer is accepted', () => expect(deriveCandidateStatus('OFFERED', ['DECLINED', 'ACCEPTED'])).toBe('HIRED'));
  it('becomes OFFERED while an offer is extended', () => expect(deriveCandidateStatus('APPLICANT', ['EXTENDED'])).toBe('OFFERED'));
  it('falls back to INTERVIEWING when the only offer was declined', () => expect(deriveCandidateStatus('OFFERED', ['DECLINED'])).toBe('INTERVIEWING'));
  it('keeps the pipeline state for a draft offer', () => expect(deriveCandidateStatus('APPLICANT', ['DRAFT'])).toBe('APPLICANT'));
});
