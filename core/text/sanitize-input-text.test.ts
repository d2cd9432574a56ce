import { sanitizeInputStrings, sanitizeInputText } from './sanitize-input-text';

describe('sanitizeInputText', () => {
  it('composes to NFC', () => {
    expect(sanitizeInputText('Jose\u0301')).toBe('José');
    expect(sanitizeInputText('Jose\u0301')).toBe(sanitizeInputText('José'));
  });

  it('removes bidi overrides, isolates and zero-width characters', () => {
    expect(sanitizeInputText('Ann\u202Egro\u202C')).toBe('Anngro');
    expect(sanitizeInputText('Jo\u200Bhn\u2066 Smith\u2069\uFEFF')).toBe('John Smith');
  });

  it('sanitizes every string of a nested input and leaves other values alone', () => {
    const when = new Date('2026-01-01T00:00:00Z');
    expect(sanitizeInputStrings({ a: 'x\u200By', b: [1, 'J\u202Eo'], c: { d: null, e: when } })).toEqual({ a: 'xy', b: [1, 'Jo'], c: { d: null, e: when } });
  });
});
