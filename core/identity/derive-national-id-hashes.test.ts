import { deriveNationalIdHashes, normalizeNationalId } from './derive-national-id-hashes';
import { extractMatchFeatures } from './extract-match-features';
import { scorePair } from './score-pair';

const fakeHmac = (value: string): string => `H(${value})`;

function featuresFor(id: string) {
  return extractMatchFeatures({ givenName: 'Ann', familyName: 'Lee', ...deriveNationalIdHashes(id, fakeHmac) });
}

describe('deriveNationalIdHashes', () => {
  it('hashes the canonical id and its one-deletion variants', () => {
    expect(normalizeNationalId(' 123-45 6789 ')).toBe('123456789');
    const out = deriveNationalIdHashes('12-3', fakeHmac);
    expect(out).toEqual({ nationalIdHash: 'H(123)', nationalIdVariantHashes: ['H(12)', 'H(13)', 'H(23)'] });
    expect(deriveNationalIdHashes('  ', fakeHmac)).toBeNull();
  });
  it.each([
    ['123456789', '123456780', 'substitution'],
    ['123456789', '12345678', 'deletion'],
    ['123456789', '124356789', 'transposition'],
  ])('%s vs %s (%s) is a one-edit near match, not a conflict', (a, b) => {
    const s = scorePair(featuresFor(a), featuresFor(b));
    expect(s.comparisons.find((c) => c.attribute === 'nationalId')?.level).toBe('oneEdit');
    expect(s.blockers).toEqual([]);
  });
  it('blocks clearly different ids when both pass their check digit', () => {
    const valid = (id: string) => ({ ...featuresFor(id), nationalIdValid: true });
    expect(scorePair(valid('86095742719'), valid('47036892816')).blockers).toEqual(['NATIONAL_ID_CONFLICT']);
    // Without a check digit a clearly different id is strong disagreement, not a block.
    const unchecked = scorePair(featuresFor('123456789'), featuresFor('987654321'));
    expect(unchecked.blockers).toEqual([]);
    expect(unchecked.probability).toBeLessThan(0.1);
  });
});
