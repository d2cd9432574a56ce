import { checkNationalId, isValidFrenchNir, isValidGermanTaxId } from './compare-national-ids';

describe('checkNationalId', () => {
  it('checks the German tax id digit (ISO 7064 MOD 11,10)', () => {
    expect(isValidGermanTaxId('86095742719')).toBe(true);
    expect(isValidGermanTaxId('86095742718')).toBe(false);
    // An adjacent transposition breaks the check.
    expect(isValidGermanTaxId('68095742719')).toBe(false);
    expect(checkNationalId('86 095 742 719', 'DE')).toBe('VALID');
  });
  it('checks the French NIR key (97 − number mod 97)', () => {
    expect(isValidFrenchNir('255081416802538')).toBe(true);
    expect(isValidFrenchNir('255081416802539')).toBe(false);
    expect(checkNationalId('2 55 08 14 168 025 38', 'FR')).toBe('VALID');
  });
  it('leaves schemes without a check digit unchecked', () => {
    expect(checkNationalId('123-45-6789', 'US')).toBe('UNCHECKED');
    expect(checkNationalId('AB123456C', 'GB')).toBe('UNCHECKED');
    expect(checkNationalId('86095742719', null)).toBe('UNCHECKED');
    expect(checkNationalId(null, 'DE')).toBe('UNCHECKED');
  });
});
