import { decideBand, isWeakCandidate } from './decide-band';

describe('decideBand', () => {
  it.each([
    [0.99, 'AUTO_MERGE'], [0.9, 'AUTO_MERGE'], [0.89, 'REVIEW'], [0.7, 'REVIEW'], [0.69, 'NEW'], [0, 'NEW'],
  ])('%d → %s', (p, band) => {
    expect(decideBand(p)).toBe(band);
  });
  it('uses configured thresholds', () => {
    expect(decideBand(0.9, { autoMerge: 0.95 })).toBe('REVIEW');
    expect(decideBand(0.6, { review: 0.5 })).toBe('REVIEW');
  });
  it('flags weak candidates below the review band', () => {
    expect(isWeakCandidate(0.5)).toBe(true);
    expect(isWeakCandidate(0.2)).toBe(false);
    expect(isWeakCandidate(0.75)).toBe(false);
    expect(isWeakCandidate(0.2, { flag: 0.1 })).toBe(true);
  });
});
