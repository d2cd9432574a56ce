import { extractEmailAddress, normalizeEmail } from './normalize-email';

describe('normalizeEmail', () => {
  it('lower-cases and splits', () => {
    expect(normalizeEmail('  Jane.Doe@Example.COM ')).toEqual({ normalized: 'jane.doe@example.com', local: 'jane.doe', domain: 'example.com' });
  });
  it('drops plus-addressing tags', () => {
    expect(normalizeEmail('jane+newsletter@example.com')?.normalized).toBe('jane@example.com');
  });
  it('ignores dots for gmail and folds googlemail', () => {
    expect(normalizeEmail('J.A.N.E+x@googlemail.com')?.normalized).toBe('jane@gmail.com');
    expect(normalizeEmail('j.ane@example.com')?.normalized).toBe('j.ane@example.com');
  });
  it.each(['', 'jane', '@example.com', 'jane@', 'jane@localhost', 'ja ne@example.com', 'a@b@example.com', '+tag@example.com'])(
    'rejects malformed %p',
    (value) => {
      expect(normalizeEmail(value)).toBeNull();
    },
  );
  it.each([
    ['"Jay Jones" <jjones@fmail.com>', 'jjones@fmail.com'],
    ['Jay Jones <jjones@fmail.com>', 'jjones@fmail.com'],
    ['<jjones@fmail.com>', 'jjones@fmail.com'],
    ['mailto:jjones@fmail.com', 'jjones@fmail.com'],
    ['jjones@fmail.com', 'jjones@fmail.com'],
  ])('reads the address in %p', (value, address) => {
    expect(extractEmailAddress(value)).toBe(address);
    expect(normalizeEmail(value)?.normalized).toBe(address);
  });
  it('keeps a value without an address as it is', () => {
    expect(extractEmailAddress(' jamesd75collins.biz ')).toBe('jamesd75collins.biz');
    expect(normalizeEmail('Jay <not an address>')).toBeNull();
  });
});
