import fc from 'fast-check';
import { computeBlockingKeys } from './blocking-keys';
import { extractMatchFeatures } from './extract-match-features';
import { BOB_SMITH, ROBERT_SMITH } from './matching.fixtures';
import type { PersonAttributes } from './types';

const keysOf = (a: PersonAttributes): string[] => computeBlockingKeys(extractMatchFeatures(a));
const overlap = (a: string[], b: string[]): string[] => a.filter((k) => b.includes(k));

describe('computeBlockingKeys', () => {
  it('emits identifier, contact, date and compound name keys, and the employer frequency key', () => {
    expect(keysOf(ROBERT_SMITH)).toEqual([
      'bd:1980-03-14', 'ctl:SNFRNS|SM0', 'el:robert.smith', 'em:robert.smith@example.com', 'fil:r|SM0',
      'fny:RBRT|1980', 'id:h-123456789', 'lnmd:SM0|03-14', 'lny:SM0|1980', 'nm:RBRT|SM0', 'pcf:94110|RBRT',
      'pcl:94110|SM0', 'ph:155552671', 'tfe:acme corp',
    ]);
  });
  it('never indexes a bare surname', () => {
    expect(keysOf({ familyName: 'Smith' })).toEqual([]);
  });
  it('puts nicknames and swapped names in the same bucket', () => {
    expect(overlap(keysOf(ROBERT_SMITH), keysOf(BOB_SMITH))).toContain('nm:RBRT|SM0');
    expect(overlap(keysOf({ givenName: 'Isla', familyName: 'Hall' }), keysOf({ givenName: 'Hall', familyName: 'Isla' }))).not.toEqual([]);
  });
  it('is deterministic and sorted', () => {
    const keys = keysOf(ROBERT_SMITH);
    expect(keys).toEqual([...keys].sort());
    expect(keysOf(ROBERT_SMITH)).toEqual(keys);
  });

  // A lightly corrupted copy (one field damaged) must still share a key with the original.
  const letters = fc.stringMatching(/^[a-z]{4,10}$/);
  const person = fc.record({
    givenName: letters,
    familyName: letters,
    birthDate: fc.date({ min: new Date('1940-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    email: fc.tuple(letters, letters).map(([l, d]) => `${l}@${d}.com`),
    postcode: fc.stringMatching(/^[0-9]{4,5}$/),
  });
  const corruptions: Array<(p: PersonAttributes, i: number) => PersonAttributes> = [
    (p, i) => ({ ...p, givenName: replaceChar(p.givenName!, i) }),
    (p, i) => ({ ...p, familyName: replaceChar(p.familyName!, i) }),
    (p) => ({ ...p, givenName: p.familyName, familyName: p.givenName }),
    (p) => ({ ...p, email: null }),
    (p) => ({ ...p, birthDate: null }),
    (p, i) => ({ ...p, birthDate: `${p.birthDate!.slice(0, 8)}${String(1 + (i % 28)).padStart(2, '0')}` }),
    (p) => ({ ...p, familyName: 'newname', email: null }),
  ];
  it('shares a key between a record and its lightly corrupted copy', () => {
    fc.assert(fc.property(person, fc.nat(corruptions.length - 1), fc.nat(20), (p, which, i) => {
      const copy = corruptions[which](p, i);
      expect(overlap(keysOf(p), keysOf(copy)).length).toBeGreaterThan(0);
    }));
  });
});

function replaceChar(s: string, i: number): string {
  const at = i % s.length;
  return `${s.slice(0, at)}${s[at] === 'x' ? 'y' : 'x'}${s.slice(at + 1)}`;
}
