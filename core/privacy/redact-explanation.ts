// A match explanation says something about stored values: a birth-date comparison at level `typo`
// tells the caller the stored date is one digit away from the one it sent. So each comparison and
// each blocker is shown only to callers who may read its attribute in full; the score, the decision
// and the counts stay (they are the answer to the caller's own write).

export interface ExplanationShape {
  comparisons: ReadonlyArray<{ attribute: string }>;
  blockers: readonly string[];
  reason: string;
  [other: string]: unknown;
}

/** The attribute a blocker is evidence about. */
export const BLOCKER_ATTRIBUTE: Readonly<Record<string, string>> = {
  NATIONAL_ID_CONFLICT: 'nationalId',
  BIRTH_DATE_CONFLICT: 'birthDate',
  GENERATION_CONFLICT: 'familyName',
};

export const WITHHELD_REASON = 'details withheld: they describe values this caller may not read';

export function redactExplanation<T extends ExplanationShape>(explanation: T, mayRead: (attribute: string) => boolean): T {
  const comparisons = explanation.comparisons.filter((c) => mayRead(c.attribute));
  const blockers = explanation.blockers.filter((b) => mayRead(BLOCKER_ATTRIBUTE[b] ?? b));
  const withheld = comparisons.length < explanation.comparisons.length || blockers.length < explanation.blockers.length;
  // The reason may quote a withheld blocker or comparison: replaced as a whole rather than edited.
  return { ...explanation, comparisons, blockers, reason: withheld ? WITHHELD_REASON : explanation.reason };
}
