// Purposes of processing, as data. A token may name the purpose it acts for (`purpose` claim); where the
// purpose rests on consent, the caller sees only people who granted that consent: a marketing tool never
// sees a person who withdrew marketing consent, in lists, lookups or entity references alike.

/** Purposes a consent can be recorded for (updateConsent validates against this list). */
export const CONSENT_PURPOSES = ['MARKETING', 'TALENT_POOL', 'ANALYTICS', 'NEWSLETTER'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Token purposes that may only process people with a GRANTED consent for the same purpose. */
export const CONSENT_BASED_PURPOSES: readonly ConsentPurpose[] = ['MARKETING', 'NEWSLETTER', 'ANALYTICS'];

/** Legal bases of processing (GDPR Art. 6(1)). */
export const LEGAL_BASES = ['CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'VITAL_INTEREST', 'PUBLIC_TASK', 'LEGITIMATE_INTEREST'] as const;

export function isConsentPurpose(value: string): value is ConsentPurpose {
  return (CONSENT_PURPOSES as readonly string[]).includes(value);
}

/** The consent a caller acting for `purpose` needs of each person it sees, or null when none is needed. */
export function requiredConsentFor(purpose: string | undefined | null): ConsentPurpose | null {
  if (!purpose) return null;
  const p = purpose.toUpperCase();
  return (CONSENT_BASED_PURPOSES as readonly string[]).includes(p) ? (p as ConsentPurpose) : null;
}

/** The audited attribute name of a consent (getProvenance convention: entity Person, attribute consent.<PURPOSE>). */
export function consentAttribute(purpose: string): string {
  return `consent.${purpose}`;
}
