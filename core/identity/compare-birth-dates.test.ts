import { compareBirthDates, yearsBetween } from './compare-birth-dates';

describe('compareBirthDates', () => {
  it.each([
    ['1980-03-04', '1980-03-04', 'exact'],
    ['1980-03-04', '1980-04-03', 'dayMonthSwap'],
    ['1980-03-04', '1980-03-07', 'typo'],
    ['1980-03-12', '1980-03-21', 'typo'],
    ['1980-03-28', '1980-04-20', 'withinMonth'],
    ['1980-03-04', '1980-11-30', 'withinYear'],
    ['1984-10-03', '1974-10-05', 'twoDigits'],
    ['1955-06-02', '1980-11-17', 'different'],
  ])('%s vs %s is %s', (a, b, level) => {
    expect(compareBirthDates(a, b)).toBe(level);
    expect(compareBirthDates(b, a)).toBe(level);
  });
  it('counts calendar years apart', () => {
    expect(yearsBetween('1955-12-31', '1980-01-01')).toBe(25);
  });
});
