import { extractMatchFeatures } from './extract-match-features';
import { ROBERT_SMITH } from './matching.fixtures';

describe('extractMatchFeatures', () => {
  it('normalizes every attribute', () => {
    expect(extractMatchFeatures(ROBERT_SMITH)).toEqual({
      givenName: 'robert',
      givenNameCanonicals: ['robert'],
      middleNames: [],
      familyName: 'smith',
      familyNameTokens: ['smith'],
      preferredName: null,
      givenNamePhonetic: 'RBRT',
      familyNamePhonetic: 'SM0',
      email: 'robert.smith@example.com',
      emailLocal: 'robert.smith',
      emailDomain: 'example.com',
      emailVerified: false,
      phone: '+14155552671',
      phoneDigits: '155552671',
      birthDate: '1980-03-14',
      nationalIdHash: 'h-123456789',
      nationalIdVariantHashes: [],
      street: '12 valencia street',
      city: 'san francisco',
      postcode: '94110',
      country: null,
      employer: 'acme corp',
    });
  });
  it('splits fullName when the parts are missing', () => {
    const f = extractMatchFeatures({ fullName: 'de la Cruz, María José' });
    expect(f.givenName).toBe('maria');
    expect(f.middleNames).toEqual(['jose']);
    expect(f.familyName).toBe('delacruz');
    expect(f.familyNameTokens).toEqual(['de', 'la', 'cruz']);
  });
  it('fills a missing family name from fullName', () => {
    expect(extractMatchFeatures({ givenName: 'Ann', fullName: 'Ann Lee' }).familyName).toBe('lee');
  });
  it('treats malformed values as missing and uses the default phone region', () => {
    const f = extractMatchFeatures({ email: 'not-an-email', birthDate: '31/02/1990', phone: '020 7946 0018' }, { defaultRegion: 'GB' });
    expect(f.email).toBeNull();
    expect(f.birthDate).toBeNull();
    expect(f.phone).toBe('+442079460018');
  });
  it('keeps emailVerified only with an email', () => {
    expect(extractMatchFeatures({ emailVerified: true }).emailVerified).toBe(false);
    expect(extractMatchFeatures({ email: 'a.b@example.com', emailVerified: true }).emailVerified).toBe(true);
  });
  it('canonicalises nicknames', () => {
    expect(extractMatchFeatures({ givenName: 'Peggy' }).givenNameCanonicals).toEqual(['margaret']);
  });

  it('keeps a verified e-mail flag only from a system trusted to verify', () => {
    const attrs = { givenName: 'Ann', email: 'ann@example.com', emailVerified: true };
    expect(extractMatchFeatures(attrs).emailVerified).toBe(true);
    expect(extractMatchFeatures(attrs, { trustEmailVerification: true }).emailVerified).toBe(true);
    expect(extractMatchFeatures(attrs, { trustEmailVerification: false }).emailVerified).toBe(false);
    expect(extractMatchFeatures(attrs, { trustEmailVerification: false }).email).toBe('ann@example.com');
  });

  it("reads a national phone number in the record's country", () => {
    expect(extractMatchFeatures({ phone: '07780 285087', country: 'GB' }, { defaultRegion: 'US' }).phone).toBe('+447780285087');
  });
});
