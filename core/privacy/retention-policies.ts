// Retention as data: per role state, how long after a person's last activity their personal data is
// kept, and what keeps it longer (a consent, a deletion policy). `selectDueRetentionPolicy` is the one
// interpreter; `peoplegraph retention` applies it (subgraphs/person/use-cases/retention.ts).

export interface RoleStates {
  candidateStatus: string;
  employeeStatus: string;
  customerStatus: string;
}

export interface RetentionPolicy {
  id: string;
  description: string;
  /** Every listed role state must hold one of its values; unlisted states do not matter. */
  when: Partial<Record<keyof RoleStates, readonly string[]>>;
  /** Days after the last activity at which the person's data is erased. */
  afterDays: number;
  /** A GRANTED consent to this purpose keeps the data (e.g. the talent pool). */
  unlessConsent?: string;
}

export const RETENTION_POLICIES: readonly RetentionPolicy[] = [
  {
    id: 'REJECTED_CANDIDATE',
    description: 'Rejected or withdrawn candidates are erased 180 days after their last activity, unless they joined the talent pool.',
    when: { candidateStatus: ['REJECTED', 'WITHDRAWN'], employeeStatus: ['NONE'], customerStatus: ['NONE', 'FORMER'] },
    afterDays: 180,
    unlessConsent: 'TALENT_POOL',
  },
  {
    id: 'FORMER_EMPLOYEE',
    description: 'Former employees are erased when the statutory retention period (10 years) after their last activity has passed.',
    when: { employeeStatus: ['TERMINATED'], candidateStatus: ['NONE', 'HIRED', 'REJECTED', 'WITHDRAWN'], customerStatus: ['NONE', 'FORMER'] },
    afterDays: 3650,
  },
];

/** Deletion policies that stop every retention rule. */
export const RETENTION_EXEMPT = ['LEGAL_HOLD', 'TALENT_POOL', 'ERASED'] as const;

export interface RetentionSubject extends RoleStates {
  deletionPolicy: string;
  lastActivityAt: Date;
  consents: ReadonlyArray<{ purpose: string; status: string }>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The first policy under which the person's data is due for erasure at `now`, or null. */
export function selectDueRetentionPolicy(subject: RetentionSubject, now: Date, policies: readonly RetentionPolicy[] = RETENTION_POLICIES): RetentionPolicy | null {
  if ((RETENTION_EXEMPT as readonly string[]).includes(subject.deletionPolicy)) return null;
  for (const p of policies) {
    const applies = (Object.entries(p.when) as Array<[keyof RoleStates, readonly string[]]>).every(([state, values]) => values.includes(subject[state]));
    if (!applies) continue;
    if (p.unlessConsent && subject.consents.some((c) => c.purpose === p.unlessConsent && c.status === 'GRANTED')) continue;
    if (now.getTime() - subject.lastActivityAt.getTime() >= p.afterDays * DAY_MS) return p;
  }
  return null;
}

/** The earliest last-activity time that can be due under any policy (a bound for the database query). */
export function retentionCutoff(now: Date, policies: readonly RetentionPolicy[] = RETENTION_POLICIES): Date {
  return new Date(now.getTime() - Math.min(...policies.map((p) => p.afterDays)) * DAY_MS);
}
