import type { SourceSystem } from '../identity/types';

/** Tie-break applied after source priority. Only recency today; a union so policies can name it explicitly. */
export type SurvivorshipFallback = 'MOST_RECENT';

export interface SurvivorshipRule {
  /** Systems in order of trust; systems not listed rank after all listed ones. STEWARD is always first. */
  sourcePriority: SourceSystem[];
  then: SurvivorshipFallback;
  /** Verified values (e.g. a confirmed email) beat unverified ones before priority and recency apply. */
  preferVerified?: boolean;
}

export type GoldenAttribute =
  | 'legalName'
  | 'givenName'
  | 'middleName'
  | 'familyName'
  | 'preferredName'
  | 'primaryEmail'
  | 'emails'
  | 'phones'
  | 'birthDate'
  | 'nationality'
  | 'preferredLanguage'
  | 'nationalIdHash'
  | 'street'
  | 'city'
  | 'postcode'
  | 'country'
  | 'employer'
  | 'jobTitle';

export type SurvivorshipPolicy = Readonly<Record<GoldenAttribute, SurvivorshipRule>>;

const LEGAL: SurvivorshipRule = { sourcePriority: ['HRIS', 'ATS', 'CRM'], then: 'MOST_RECENT' };
// Contact data goes stale; the latest confirmed value is the best guess, whatever system sent it.
const CONTACT: SurvivorshipRule = { sourcePriority: [], then: 'MOST_RECENT', preferVerified: true };
const RECENT: SurvivorshipRule = { sourcePriority: [], then: 'MOST_RECENT' };

/**
 * Defaults from issue 3: HRIS > ATS > CRM for legal name, name parts, birth date, legal identifiers and
 * nationality (the HRIS holds documents checked at hiring); most recent verified value for contact data.
 * A STEWARD value beats every rule.
 */
export const DEFAULT_SURVIVORSHIP_POLICY: SurvivorshipPolicy = {
  legalName: LEGAL,
  givenName: LEGAL,
  middleName: LEGAL,
  familyName: LEGAL,
  preferredName: RECENT,
  primaryEmail: CONTACT,
  emails: CONTACT,
  phones: CONTACT,
  birthDate: LEGAL,
  nationality: LEGAL,
  preferredLanguage: RECENT,
  nationalIdHash: LEGAL,
  street: CONTACT,
  city: CONTACT,
  postcode: CONTACT,
  country: CONTACT,
  employer: { sourcePriority: ['HRIS', 'CRM', 'ATS'], then: 'MOST_RECENT' },
  jobTitle: { sourcePriority: ['HRIS', 'CRM', 'ATS'], then: 'MOST_RECENT' },
};
