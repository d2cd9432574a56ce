import { applyMask, maskBirthYear, maskEmail, maskInitials, maskLast4, maskPhone } from './masks';

describe('masks', () => {
  it('masks an e-mail address to first letters and the top-level domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j***@e***.com');
    expect(maskEmail('k.schulz@acme-robotics.example')).toBe('k***@a***.example');
    expect(maskEmail('x@localhost')).toBe('x***@l***');
    expect(maskEmail('not-an-email')).toBe('***');
    expect(maskEmail('@example.com')).toBe('***');
  });

  it('keeps the last four digits of a phone number', () => {
    expect(maskPhone('+14155551234')).toBe('***-***-1234');
    expect(maskPhone('+49 30 901820')).toBe('***-***-1820');
  });

  it('reduces a birth date to its year', () => {
    expect(maskBirthYear('1985-09-03')).toBe('1985');
    expect(maskBirthYear(new Date('1981-04-12T00:00:00Z'))).toBe('1981');
    expect(maskBirthYear(new Date('invalid'))).toBeNull();
    expect(maskBirthYear('unknown')).toBeNull();
  });

  it('keeps the last four characters of a long identifier and one of a short one', () => {
    expect(maskLast4('123-45-6789')).toBe('***6789');
    expect(maskLast4('E1001')).toBe('***1');
  });

  it('reduces a name to initials', () => {
    expect(maskInitials('Jane Mary Doe')).toBe('J. M. D.');
    expect(maskInitials('anne-marie  ölund')).toBe('A. M. Ö.');
    expect(maskInitials('   ')).toBeNull();
  });

  it('applies a mask to each element of a list and never passes an unexpected shape through', () => {
    expect(applyMask('phone', ['+14155551234', '+4915123456789'])).toEqual(['***-***-1234', '***-***-6789']);
    expect(applyMask('email', null)).toBeNull();
    expect(applyMask('email', { value: 'jane@example.com' })).toBeNull();
    expect(applyMask('birthYear', new Date('1990-05-01T00:00:00Z'))).toBe('1990');
  });
});
