import { RETENTION_POLICIES, selectDueRetentionPolicy, type RetentionSubject } from './retention-policies';

const NOW = new Date('2026-06-30T00:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const rejected: RetentionSubject = {
  candidateStatus: 'REJECTED', employeeStatus: 'NONE', customerStatus: 'NONE', deletionPolicy: 'STANDARD', lastActivityAt: daysAgo(200), consents: [],
};

describe('selectDueRetentionPolicy', () => {
  it('erases a rejected candidate 180 days after the last activity, not before', () => {
    expect(selectDueRetentionPolicy(rejected, NOW)?.id).toBe('REJECTED_CANDIDATE');
    expect(selectDueRetentionPolicy({ ...rejected, lastActivityAt: daysAgo(179) }, NOW)).toBeNull();
  });

  it('keeps a candidate who granted talent-pool consent, but not one who withdrew it', () => {
    expect(selectDueRetentionPolicy({ ...rejected, consents: [{ purpose: 'TALENT_POOL', status: 'GRANTED' }] }, NOW)).toBeNull();
    expect(selectDueRetentionPolicy({ ...rejected, consents: [{ purpose: 'TALENT_POOL', status: 'WITHDRAWN' }] }, NOW)?.id).toBe('REJECTED_CANDIDATE');
  });

  it('does not apply a role rule while another role is active, nor under a legal hold', () => {
    expect(selectDueRetentionPolicy({ ...rejected, customerStatus: 'CUSTOMER' }, NOW)).toBeNull();
    expect(selectDueRetentionPolicy({ ...rejected, deletionPolicy: 'LEGAL_HOLD' }, NOW)).toBeNull();
    expect(selectDueRetentionPolicy({ ...rejected, candidateStatus: 'INTERVIEWING' }, NOW)).toBeNull();
  });

  it('erases former employees after the statutory period only', () => {
    const former = { ...rejected, candidateStatus: 'HIRED', employeeStatus: 'TERMINATED' };
    expect(selectDueRetentionPolicy({ ...former, lastActivityAt: daysAgo(3000) }, NOW)).toBeNull();
    expect(selectDueRetentionPolicy({ ...former, lastActivityAt: daysAgo(3651) }, NOW)?.id).toBe('FORMER_EMPLOYEE');
  });

  it('has unique policy ids', () => {
    expect(new Set(RETENTION_POLICIES.map((p) => p.id)).size).toBe(RETENTION_POLICIES.length);
  });
});
