// A person's role states follow from the records the owning systems keep about them: employee status
// from the HRIS's employments, candidate status from the ATS's offers.

export type EmploymentStatusValue = 'PENDING' | 'ACTIVE' | 'ON_LEAVE' | 'TERMINATED';
export type EmployeeStatusValue = 'NONE' | 'PRE_HIRE' | 'ACTIVE' | 'ON_LEAVE' | 'TERMINATED';
export type OfferStatusValue = 'DRAFT' | 'EXTENDED' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN';
export type CandidateStatusValue = 'NONE' | 'PROSPECT' | 'APPLICANT' | 'INTERVIEWING' | 'OFFERED' | 'HIRED' | 'REJECTED' | 'WITHDRAWN';

/** The most "present" employment wins: active over on-leave over pending over terminated. */
export function deriveEmployeeStatus(employments: readonly EmploymentStatusValue[]): EmployeeStatusValue {
  if (employments.includes('ACTIVE')) return 'ACTIVE';
  if (employments.includes('ON_LEAVE')) return 'ON_LEAVE';
  if (employments.includes('PENDING')) return 'PRE_HIRE';
  if (employments.includes('TERMINATED')) return 'TERMINATED';
  return 'NONE';
}

/**
 * Offers move a candidate forward (OFFERED, then HIRED on acceptance); a declined or withdrawn offer
 * leaves the earlier pipeline state alone, since the candidate may still be in other processes.
 */
export function deriveCandidateStatus(current: CandidateStatusValue, offers: readonly OfferStatusValue[]): CandidateStatusValue {
  if (offers.includes('ACCEPTED')) return 'HIRED';
  if (offers.includes('EXTENDED')) return 'OFFERED';
  if (current === 'OFFERED' || current === 'HIRED') {
    // The offer that put them there is gone (declined/withdrawn): back to interviewing.
    return offers.length > 0 ? 'INTERVIEWING' : current;
  }
  return current;
}
