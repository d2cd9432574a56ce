import { computePhoneticCode } from './phonetic';

describe('computePhoneticCode', () => {
  it.each([
    ['Smith', 'Smyth'], ['Catherine', 'Kathryn'], ['Stephen', 'Steven'], ['Philips', 'Filips'],
    ['Knight', 'Night'], ['Reid', 'Reed'], ['Jon', 'John'], ['McCarthy', 'Mccarty'],
  ])('%s sounds like %s', (a, b) => {
    expect(computePhoneticCode(a)).toBe(computePhoneticCode(b));
  });
  it('tells different names apart', () => {
    expect(computePhoneticCode('Smith')).not.toBe(computePhoneticCode('Jones'));
    expect(computePhoneticCode('Green')).not.toBe(computePhoneticCode('Brown'));
  });
  it('produces short upper-case keys', () => {
    expect(computePhoneticCode('Smith')).toBe('SM0');
    expect(computePhoneticCode('Schwarzenegger').length).toBeLessThanOrEqual(4);
    expect(computePhoneticCode('')).toBe('');
    expect(computePhoneticCode(null)).toBe('');
  });
});
