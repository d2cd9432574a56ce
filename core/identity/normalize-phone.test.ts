import { normalizePhone, phoneLineOf, phoneRegionOf } from './normalize-phone';

describe('normalizePhone', () => {
  it('formats national numbers as E.164 with the default region', () => {
    expect(normalizePhone('(415) 555-2671')).toEqual({ e164: '+14155552671', digits: '155552671' });
    expect(normalizePhone('020 7946 0018', 'GB')?.e164).toBe('+442079460018');
  });
  it('keeps an explicit country code over the default region', () => {
    expect(normalizePhone('+44 20 7946 0018', 'US')?.e164).toBe('+442079460018');
  });
  it('falls back to digits when the number is not valid', () => {
    expect(normalizePhone('555-0000-12', 'US')).toEqual({ e164: null, digits: '555000012' });
  });
  it('rejects values too short to be a phone number', () => {
    expect(normalizePhone('12-34')).toBeNull();
    expect(normalizePhone(null)).toBeNull();
  });
});

describe('phoneRegionOf', () => {
  it("reads a national number in the record's own country before the default region", () => {
    expect(phoneRegionOf({ country: 'GB' }, 'US')).toBe('GB');
    expect(normalizePhone('07780 285087', phoneRegionOf({ country: 'GB' }, 'US'))?.e164).toBe('+447780285087');
  });
  it('falls back to the default region without a usable country', () => {
    expect(phoneRegionOf({}, 'US')).toBe('US');
    expect(phoneRegionOf({ country: null }, 'DE')).toBe('DE');
    expect(phoneRegionOf({ country: 'Britain' }, 'US')).toBe('US');
  });
});

describe('phoneLineOf', () => {
  it('tells fixed lines from mobiles where the numbering plan does', () => {
    expect(phoneLineOf('+441214194743')).toBe('fixed');
    expect(phoneLineOf('+447956154733')).toBe('mobile');
    expect(phoneLineOf('+49301234567')).toBe('fixed');
    expect(phoneLineOf('+491602774237')).toBe('mobile');
    expect(phoneLineOf('+33170360000')).toBe('fixed');
    expect(phoneLineOf('+33772511874')).toBe('mobile');
  });
  it('says nothing where the plan does not tell, or without a valid number', () => {
    expect(phoneLineOf('+12102214762')).toBeNull();
    expect(phoneLineOf(null)).toBeNull();
  });
});
