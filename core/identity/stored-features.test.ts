import { extractMatchFeatures } from './extract-match-features';
import { ROBERT_SMITH } from './matching.fixtures';
import type { MatchFeatures } from './types';
import { decodeStoredFeatures, encodeStoredFeatures, STORED_FEATURES_LAYOUT } from './stored-features';

const SAMPLES = [
  extractMatchFeatures(ROBERT_SMITH),
  extractMatchFeatures({ fullName: 'Dr. John Smith Jr.', jobTitle: 'Head of Sales', employer: 'Acme', phone: '+447496870867', nationalIdHash: 'h1', nationalIdVariantHashes: ['v1'], nationalIdValid: true }),
  extractMatchFeatures({ email: 'ann@example.com', emailVerified: true }),
  extractMatchFeatures({}),
];

/** Every field set, each to a value of its own: a position read for the wrong field shows. */
const EVERY_FIELD: MatchFeatures = {
  givenName: 'g', givenNameCanonicals: ['gc'], middleNames: ['m'], familyName: 'f', familyNameTokens: ['ft'], preferredName: 'p',
  givenNamePhonetic: 'GP', familyNamePhonetic: 'FP', email: 'e@d', emailLocal: 'e', emailDomain: 'd', emailVerified: true,
  phone: '+1', phoneDigits: '1', phoneLine: 'fixed', birthDate: '2000-01-02', nationalIdHash: 'h', nationalIdVariantHashes: ['hv'],
  nationalIdValid: true, street: 's', city: 'c', postcode: 'pc', country: 'co', employer: 'em', jobTitle: 'j', generation: 'ii',
};

describe('stored features', () => {
  it('gives every field back in its place', () => {
    expect(decodeStoredFeatures(JSON.parse(JSON.stringify(encodeStoredFeatures(EVERY_FIELD))))).toEqual(EVERY_FIELD);
  });

  it('reads back exactly what was stored, optional fields included', () => {
    for (const f of SAMPLES) {
      const stored = JSON.parse(JSON.stringify(encodeStoredFeatures(f)));
      expect(decodeStoredFeatures(stored)).toEqual(JSON.parse(JSON.stringify(f)));
    }
    const withOptionals = decodeStoredFeatures(JSON.parse(JSON.stringify(encodeStoredFeatures(SAMPLES[1]))));
    expect(withOptionals).toMatchObject({ jobTitle: 'head of sales', generation: 'ii', nationalIdValid: true, phoneLine: 'mobile' });
    expect('jobTitle' in decodeStoredFeatures(encodeStoredFeatures(SAMPLES[0]))).toBe(false);
  });

  it('leads with the layout and leaves trailing nulls off', () => {
    const stored = encodeStoredFeatures(SAMPLES[3]);
    expect(stored[0]).toBe(STORED_FEATURES_LAYOUT);
    expect(stored[stored.length - 1]).not.toBeNull();
  });

  it('is about half the size of the named fields', () => {
    const f = SAMPLES[0];
    expect(JSON.stringify(encodeStoredFeatures(f)).length).toBeLessThan(JSON.stringify(f).length * 0.6);
  });

  it('returns features stored as an object (before the array layout) as they are', () => {
    const legacy = JSON.parse(JSON.stringify(SAMPLES[0]));
    expect(decodeStoredFeatures(legacy)).toBe(legacy);
    expect(decodeStoredFeatures({})).toEqual({});
  });

  it('refuses a layout it does not know', () => {
    expect(() => decodeStoredFeatures([99, 'x'])).toThrow(/unknown layout 99/);
  });
});
