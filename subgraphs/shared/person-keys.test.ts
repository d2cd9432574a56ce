import { encryptWithKey } from '../../platform/encryption';
import { isSealed, newPersonKey, openValue, sealValue } from './person-keys';

const EVENT = '01a232b9-6117-7352-bad2-8db04d1a41db';
const VALUES: unknown[] = [
  'Sébastien Courchville',
  ['scourchville@gmail.com'],
  { sourceRecordId: '01a232b9-e55c-7071-b7b3-a6a2d7b059bd', system: 'HRIS', sourceId: 'E4234267630', decision: 'AUTO_MERGED', matchedKey: null, score: 0.9999999999245406 },
  { value: null, reason: 'wrong person' },
  '',
  0,
];

describe('sealed audit values', () => {
  const key = newPersonKey();

  it('opens what it sealed, with the key of the person and the event and side it was sealed for', () => {
    for (const value of VALUES) {
      const sealed = JSON.parse(JSON.stringify(sealValue(key, EVENT, 'new', value)));
      expect(isSealed(sealed)).toBe(true);
      expect(sealed.$sealed).toBe('v2');
      expect(JSON.stringify(sealed)).not.toContain('Courchville');
      expect(openValue(key, EVENT, 'new', sealed)).toEqual(value);
      expect(() => openValue(key, EVENT, 'old', sealed)).toThrow();
      expect(() => openValue(newPersonKey(), EVENT, 'new', sealed)).toThrow();
    }
  });

  it('reads as null once the key is gone (erasure), and passes plain values through', () => {
    expect(openValue(null, EVENT, 'new', sealValue(key, EVENT, 'new', 'Ada'))).toBeNull();
    expect(openValue(key, EVENT, 'new', 'ACTIVE')).toBe('ACTIVE');
    expect(isSealed({ $sealed: 'v9', d: '' })).toBe(false);
  });

  it('refuses a changed byte', () => {
    const sealed = sealValue(key, EVENT, 'new', 'Ada Lovelace') as { $sealed: 'v2'; d: string };
    const bytes = Buffer.from(sealed.d, 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => openValue(key, EVENT, 'new', { ...sealed, d: bytes.toString('base64') })).toThrow();
  });

  it('still opens values sealed in the v1 layout', () => {
    const s = encryptWithKey(key, Buffer.from(JSON.stringify(['+33698263506'])), `AuditEvent:${EVENT}:old`);
    const v1 = { $sealed: 'v1', n: s.nonce.toString('base64'), c: s.ciphertext.toString('base64'), t: s.authTag.toString('base64') };
    expect(isSealed(v1)).toBe(true);
    expect(openValue(key, EVENT, 'old', v1)).toEqual(['+33698263506']);
  });

  it('stores a link detail in fewer bytes than v1 did', () => {
    const value = VALUES[2];
    const s = encryptWithKey(key, Buffer.from(JSON.stringify(value)), 'x');
    const v1 = { $sealed: 'v1', n: s.nonce.toString('base64'), c: s.ciphertext.toString('base64'), t: s.authTag.toString('base64') };
    expect(JSON.stringify(sealValue(key, EVENT, 'new', value)).length).toBeLessThan(JSON.stringify(v1).length * 0.7);
  });
});
