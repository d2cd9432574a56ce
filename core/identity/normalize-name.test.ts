import { canonicalizeGivenName, generationOf, isKnownGivenName, isNicknameOf, nameFormsOf, normalizeName, normalizeNameTokenOrder, splitFullName, splitNameTokens } from './normalize-name';
import { NICKNAME_TABLE } from './nickname-table';

describe('normalizeName', () => {
  it('folds case, diacritics and punctuation', () => {
    expect(normalizeName('  José  Ángel  MÜLLER-Lüdenscheidt ')).toBe('jose angel muller ludenscheidt');
    expect(normalizeName("O'Brien")).toBe('obrien');
    expect(normalizeName('Łukasz Øster')).toBe('lukasz oster');
  });
  it('drops honorifics and suffixes', () => {
    expect(normalizeName('Dr. Martin Luther King Jr.')).toBe('martin luther king');
  });
  it('returns null for empty names', () => {
    expect(normalizeName('  ')).toBeNull();
    expect(normalizeName(null)).toBeNull();
  });
  it('compares token order independently when asked', () => {
    expect(normalizeNameTokenOrder('Smith John')).toBe(normalizeNameTokenOrder('john smith'));
  });
  it('splits tokens', () => {
    expect(splitNameTokens('Mary-Jane  Watson')).toEqual(['mary', 'jane', 'watson']);
  });
});

describe('canonicalizeGivenName / isNicknameOf', () => {
  it.each([
    ['Bob', 'Robert'], ['Bill', 'William'], ['Liz', 'Elizabeth'], ['Peggy', 'Margaret'], ['Dick', 'Richard'],
    ['Jim', 'James'], ['Kate', 'Katherine'], ['Tom', 'Thomas'], ['Tony', 'Anthony'], ['Mike', 'Michael'],
    ['Dave', 'David'], ['Steve', 'Stephen'], ['Jen', 'Jennifer'], ['Ben', 'Benjamin'], ['Dan', 'Daniel'],
    ['Joe', 'Joseph'], ['Matt', 'Matthew'], ['Nick', 'Nicholas'], ['Ted', 'Edward'], ['Will', 'William'],
    ['Catherine', 'Kathryn'], ['Beth', 'Liz'],
  ])('%s ~ %s', (a, b) => {
    expect(isNicknameOf(a, b)).toBe(true);
    expect(isNicknameOf(b, a)).toBe(true);
  });
  it('knows ambiguous short forms', () => {
    expect(canonicalizeGivenName('Alex')).toEqual(['alexander', 'alexandra']);
    expect(isNicknameOf('Sam', 'Samantha')).toBe(true);
    expect(isNicknameOf('Sam', 'Samuel')).toBe(true);
    expect(isNicknameOf('Samuel', 'Samantha')).toBe(false);
  });
  it('does not relate unrelated names', () => {
    expect(isNicknameOf('Robert', 'William')).toBe(false);
    expect(canonicalizeGivenName('Xiomara')).toEqual(['xiomara']);
  });
  it('has a table of about a hundred names', () => {
    expect(Object.keys(NICKNAME_TABLE).length).toBeGreaterThanOrEqual(100);
  });
});

describe('splitFullName', () => {
  it('reads "Given Middle Family"', () => {
    expect(splitFullName('Anna Maria Schmidt')).toEqual({ given: ['anna', 'maria'], family: ['schmidt'] });
  });
  it('reads "Family, Given"', () => {
    expect(splitFullName('Schmidt, Anna Maria')).toEqual({ given: ['anna', 'maria'], family: ['schmidt'] });
  });
  it('treats a single token as a given name', () => {
    expect(splitFullName('Cher')).toEqual({ given: ['cher'], family: [] });
  });
});

describe('generationOf', () => {
  it('reads Jr., Sr. and numerals after a name, in any name field', () => {
    expect(generationOf('John Smith Jr.')).toBe('ii');
    expect(generationOf('Smith Sr')).toBe('i');
    expect(generationOf(null, 'John Smith III')).toBe('iii');
    expect(generationOf('Smith, John II')).toBe('ii');
  });
  it('finds none in a plain name or a name that is only the word', () => {
    expect(generationOf('John Smith')).toBeNull();
    expect(generationOf('Junior')).toBeNull();
    expect(generationOf(null, undefined)).toBeNull();
  });
});

describe('nameFormsOf', () => {
  it('lists every form of the names a given name stands for', () => {
    expect(nameFormsOf('Bobby')).toEqual(expect.arrayContaining(['robert', 'bob', 'bobby']));
    expect(nameFormsOf('Xqzt')).toEqual(['xqzt']);
    expect(isKnownGivenName('Bobby')).toBe(true);
    expect(isKnownGivenName('Bobvby')).toBe(false);
  });
});
