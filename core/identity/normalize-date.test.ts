import { isAdjacentTransposition, isDayMonthSwap, isSingleCharacterTypo, normalizeDate } from './normalize-date';

describe('normalizeDate', () => {
  it.each([
    ['1980-01-02', '1980-01-02'],
    ['1980-1-2', '1980-01-02'],
    ['1980-01-02T10:00:00Z', '1980-01-02'],
    ['19800102', '1980-01-02'],
    ['1980/01/02', '1980-01-02'],
    ['25/12/1980', '1980-12-25'],
    ['12/25/1980', '1980-12-25'],
    ['02.01.1980', '1980-01-02'],
    ['2 Jan 1980', '1980-01-02'],
    ['January 2, 1980', '1980-01-02'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });
  it('reads ambiguous slashes month-first when told', () => {
    expect(normalizeDate('02/01/1980', { dayFirst: false })).toBe('1980-02-01');
  });
  it.each(['1980-02-30', '1980-13-01', 'yesterday', '', '19320239'])('rejects %p', (input) => {
    expect(normalizeDate(input)).toBeNull();
  });
  it('accepts 29 February only in leap years', () => {
    expect(normalizeDate('2000-02-29')).toBe('2000-02-29');
    expect(normalizeDate('1900-02-29')).toBeNull();
  });
});

describe('date error detection', () => {
  it('spots a day/month swap', () => {
    expect(isDayMonthSwap('1980-03-04', '1980-04-03')).toBe(true);
    expect(isDayMonthSwap('1980-03-04', '1981-04-03')).toBe(false);
    expect(isDayMonthSwap('1980-03-03', '1980-03-03')).toBe(false);
  });
  it('spots one changed digit and one transposition', () => {
    expect(isSingleCharacterTypo('1980-03-04', '1980-03-05')).toBe(true);
    expect(isSingleCharacterTypo('1980-03-04', '1981-03-05')).toBe(false);
    expect(isAdjacentTransposition('1980-03-12', '1980-03-21')).toBe(true);
    expect(isAdjacentTransposition('1980-03-12', '1980-03-13')).toBe(false);
  });
});
