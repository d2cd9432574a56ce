import { packJson, unpackJson } from './pack-json';

const VALUES: unknown[] = [
  { sourceRecordId: '01a232b9-e55c-7071-b7b3-a6a2d7b059bd', system: 'HRIS', sourceId: 'E4234267630', decision: 'AUTO_MERGED', matchedKey: null, score: 0.9999999999245406 },
  { reviewId: '01a232ba-1e8f-73c0-ae56-7bd1eb78e3d5', kind: 'PROBABLE_MATCH', candidatePersonId: '01a232b8-e196-71d6-bbb9-30bdeef5a257', score: 0.99, blockers: [] },
  { city: 'Paris', street: '167 rue Foch', emails: ['scourchville@gmail.com'], givenName: 'Sébastien', familyName: 'Nullington' },
  'Zoë 李 😀 \u0001 control and "quotes" and \\ backslash',
  ['01A232B9-E55C-7071-B7B3-A6A2D7B059BD', 'not-a-uuid-01a232b9'],
  null, 0, -1.5e-7, true, '', [], {},
];

describe('packJson', () => {
  it('gives back every value exactly', () => {
    for (const v of VALUES) expect(unpackJson(packJson(v))).toEqual(v);
  });

  it('packs the field names and UUIDs audit values repeat', () => {
    const link = VALUES[0];
    expect(packJson(link).length).toBeLessThan(JSON.stringify(link).length * 0.5);
    // Upper-case UUIDs stay as text, so the text comes back as it was.
    expect(unpackJson(packJson(VALUES[4]))).toEqual(VALUES[4]);
  });

  it('refuses bytes it did not write', () => {
    expect(() => unpackJson(Buffer.of(0x1f, 1, 2))).toThrow(/cut short/);
    expect(() => unpackJson(Buffer.of(0x00))).toThrow(/unknown token byte 0/);
  });
});
