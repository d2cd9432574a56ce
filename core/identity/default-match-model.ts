/**
 * Fellegi–Sunter parameters as data. For each attribute, each comparison level has
 * m = P(level | same person) and u = P(level | two random people); its weight is log2(m / u).
 * Values are generic population estimates (not fitted to any benchmark file):
 * u of an exact match ≈ 1 / number of common distinct values, m ≈ 1 − typo/missing/change rate.
 */
export interface LevelParameters {
  m: number;
  u: number;
}

export type AttributeLevels = Readonly<Record<string, LevelParameters>>;

export interface MatchModel {
  /** Which model decided: `default` for the hand-set one, `v<N>` for a stored (trained) version. */
  version?: string;
  /** Probability that a random pair of records is the same person, before any comparison. */
  prior: number;
  attributes: Readonly<Record<MatchAttribute, AttributeLevels>>;
  /** Hard conflicts that force probability 0 instead of lowering the score. */
  blockers: Readonly<{
    nationalIdConflict: boolean;
    birthDateConflict: boolean;
    /** A birth-date conflict blocks only when the years are at least this far apart (0: any 'different' date). */
    birthDateConflictYears?: number;
  }>;
  /** Lower bound for a term-frequency u, so a unique-looking token cannot dominate. */
  minTermFrequency: number;
  /**
   * u of a family-name agreement between two *different* people of one household (same street or
   * postcode, phone or e-mail, different given names). Fellegi–Sunter assumes comparisons independent
   * given non-match; inside a household they are not: relatives mostly share the family name.
   */
  household?: Readonly<{ familyNameU: number }>;
}

export type MatchAttribute =
  | 'nationalId'
  | 'givenName'
  | 'familyName'
  | 'birthDate'
  | 'email'
  | 'phone'
  | 'street'
  | 'city'
  | 'postcode'
  | 'employer'
  | 'jobTitle';

export const DEFAULT_MATCH_MODEL: MatchModel = {
  version: 'default',
  prior: 1e-4,
  attributes: {
    nationalId: {
      exact: { m: 0.97, u: 1e-7 },
      // one edit apart (keyed deletion-neighbourhood hashes intersect): a typo of the same id
      oneEdit: { m: 0.02, u: 1e-5 },
      different: { m: 0.01, u: 0.99999 },
    },
    givenName: {
      exact: { m: 0.88, u: 0.01 },
      nickname: { m: 0.03, u: 0.002 },
      similar: { m: 0.04, u: 0.003 }, // Jaro–Winkler ≥ 0.92 or one edit
      somewhatSimilar: { m: 0.02, u: 0.012 }, // Jaro–Winkler ≥ 0.85 or two edits
      initial: { m: 0.01, u: 0.003 },
      different: { m: 0.02, u: 0.97 },
    },
    familyName: {
      exact: { m: 0.88, u: 0.003 },
      similar: { m: 0.06, u: 0.001 },
      somewhatSimilar: { m: 0.02, u: 0.006 },
      // shares one token of a multi-token name (double-barrelled, maiden + married)
      tokenOverlap: { m: 0.01, u: 0.0005 },
      different: { m: 0.03, u: 0.99 },
    },
    birthDate: {
      exact: { m: 0.9, u: 5e-5 },
      dayMonthSwap: { m: 0.01, u: 5e-6 },
      // one digit changed or two adjacent digits exchanged
      typo: { m: 0.04, u: 1e-3 },
      withinMonth: { m: 0.01, u: 2e-3 },
      withinYear: { m: 0.01, u: 0.03 },
      // two digits changed, more than a year apart
      twoDigits: { m: 0.01, u: 0.01 },
      different: { m: 0.02, u: 0.954 },
    },
    email: {
      exact: { m: 0.6, u: 1e-5 },
      sameLocalPart: { m: 0.05, u: 1e-4 }, // same mailbox name at another provider
      similar: { m: 0.05, u: 5e-4 }, // Jaro–Winkler ≥ 0.92 over the whole address: a typo
      somewhatSimilar: { m: 0.04, u: 1e-3 }, // ≥ 0.88, or same domain and local parts ≥ 0.85
      // alike only through the names both mailboxes are built from ("thomas_schmidt@web.de" ~ "thomas_schmidt@gmx.de"):
      // namesakes have them too, and the name comparison already counted the names
      nameBased: { m: 0.12, u: 0.08 },
      // a personal address (a consumer provider) against a work one: one person has both, so they differ
      // between a person's own records about as often as between two people's
      otherKind: { m: 0.16, u: 0.45 },
      different: { m: 0.1, u: 0.5484 },
    },
    phone: {
      exact: { m: 0.55, u: 1e-5 },
      // the same number where the numbering plan says it is a fixed line: a household's landline or an
      // office switchboard reaches several people
      fixedLine: { m: 0.1, u: 1e-4 },
      different: { m: 0.35, u: 0.99999 },
    },
    street: {
      exact: { m: 0.75, u: 1e-4 },
      similar: { m: 0.1, u: 2e-4 }, // Jaro–Winkler ≥ 0.90
      somewhatSimilar: { m: 0.03, u: 3e-3 }, // ≥ 0.80
      different: { m: 0.12, u: 0.9967 },
    },
    city: {
      exact: { m: 0.8, u: 0.02 },
      similar: { m: 0.08, u: 0.003 }, // Jaro–Winkler ≥ 0.88
      different: { m: 0.12, u: 0.977 },
    },
    postcode: {
      exact: { m: 0.8, u: 1e-3 },
      typo: { m: 0.06, u: 0.01 },
      different: { m: 0.14, u: 0.989 },
    },
    employer: {
      exact: { m: 0.6, u: 0.005 },
      similar: { m: 0.05, u: 0.002 },
      different: { m: 0.35, u: 0.993 },
    },
    // Compared only between records that name one employer: u is how often two colleagues share a title
    // (a few dozen titles per employer); a promotion or a new role changes it within one employer.
    jobTitle: {
      exact: { m: 0.7, u: 0.05 },
      different: { m: 0.3, u: 0.95 },
    },
  },
  // Parent and child are at least ~15 years apart (a namesake father and son); entry errors rarely move a year that far.
  blockers: { nationalIdConflict: true, birthDateConflict: true, birthDateConflictYears: 15 },
  minTermFrequency: 1e-4,
  // Among relatives at one address most share the family name.
  household: { familyNameU: 0.6 },
};

/**
 * A stored model read back: every attribute and level of the built-in model is present (a level the
 * stored parameters lack, or hold in an unusable form, keeps its hand-set value).
 */
export function completeMatchModel(stored: unknown, version: string): MatchModel {
  const s = (stored ?? {}) as Partial<MatchModel>;
  const usable = (p: unknown): p is LevelParameters => {
    const q = p as LevelParameters | undefined;
    return !!q && q.m > 0 && q.m < 1 && q.u > 0 && q.u < 1;
  };
  const attributes = {} as Record<MatchAttribute, AttributeLevels>;
  for (const [attribute, levels] of Object.entries(DEFAULT_MATCH_MODEL.attributes) as Array<[MatchAttribute, AttributeLevels]>) {
    attributes[attribute] = Object.fromEntries(Object.entries(levels).map(([level, params]) => {
      const candidate = s.attributes?.[attribute]?.[level];
      return [level, usable(candidate) ? { m: candidate.m, u: candidate.u } : params];
    }));
  }
  const prior = typeof s.prior === 'number' && s.prior > 0 && s.prior < 1 ? s.prior : DEFAULT_MATCH_MODEL.prior;
  return { ...DEFAULT_MATCH_MODEL, blockers: { ...DEFAULT_MATCH_MODEL.blockers, ...(s.blockers ?? {}) }, version, prior, attributes };
}
