import { ConfigError, DEV_LEGAL_ID_ENCRYPTION_KEYS, DEV_LEGAL_ID_HMAC_KEY, loadConfig } from '../../platform/config';
import { seal, unseal } from '../../platform/encryption';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const production = { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40), LEGAL_ID_HMAC_KEY: 'h'.repeat(40), AUDIT_CHECKPOINT_KEY: 'c'.repeat(40) };

describe('legal identifier encryption keys', () => {
  it('uses the public development key ring outside production', () => {
    const c = loadConfig({ NODE_ENV: 'development' });
    expect(c.legalIdEncryption).toMatchObject({ activeKeyId: 'dev', usingDevKey: true });
    expect(c.legalIdEncryption.keys.dev).toHaveLength(32);
  });

  it('refuses to start in production without a key ring, or with the development one', () => {
    expect(() => loadConfig(production)).toThrow(/LEGAL_ID_ENCRYPTION_KEYS: required in production/);
    expect(() => loadConfig({ ...production, LEGAL_ID_ENCRYPTION_KEYS: DEV_LEGAL_ID_ENCRYPTION_KEYS })).toThrow(ConfigError);
  });

  it('refuses the public development keys by value in production, whatever id they carry', () => {
    const devKey = DEV_LEGAL_ID_ENCRYPTION_KEYS.slice(DEV_LEGAL_ID_ENCRYPTION_KEYS.indexOf(':') + 1);
    expect(() => loadConfig({ ...production, LEGAL_ID_ENCRYPTION_KEYS: `prod:${devKey}` })).toThrow(/development key cannot be used in production/);
    expect(() => loadConfig({ ...production, LEGAL_ID_ENCRYPTION_KEYS: `k1:${key(1)},old:${devKey}`, LEGAL_ID_ENCRYPTION_KEY_ID: 'k1' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, LEGAL_ID_HMAC_KEY: DEV_LEGAL_ID_HMAC_KEY, LEGAL_ID_ENCRYPTION_KEYS: `k1:${key(1)}` })).toThrow(/LEGAL_ID_HMAC_KEY/);
  });

  it('never loads demo data in production', () => {
    const ok = { ...production, LEGAL_ID_ENCRYPTION_KEYS: `k1:${key(1)}` };
    expect(loadConfig(ok).seedDemoData).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).seedDemoData).toBe(true);
    expect(() => loadConfig({ ...ok, SEED_DEMO_DATA: 'true' })).toThrow(/SEED_DEMO_DATA/);
  });

  it('reads a ring of id:base64 keys and names the active one', () => {
    const c = loadConfig({ ...production, LEGAL_ID_ENCRYPTION_KEYS: `k1:${key(1)},k2:${key(2)}`, LEGAL_ID_ENCRYPTION_KEY_ID: 'k2' });
    expect(c.legalIdEncryption.activeKeyId).toBe('k2');
    expect(Object.keys(c.legalIdEncryption.keys).sort()).toEqual(['k1', 'k2']);
  });

  it('names the problem: a short key, an active id outside the ring, two keys without an active id', () => {
    expect(() => loadConfig({ LEGAL_ID_ENCRYPTION_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` })).toThrow(/key "k1" must be 32 bytes/);
    expect(() => loadConfig({ LEGAL_ID_ENCRYPTION_KEYS: `k1:${key(1)}`, LEGAL_ID_ENCRYPTION_KEY_ID: 'k9' })).toThrow(/"k9" is not in/);
    expect(() => loadConfig({ LEGAL_ID_ENCRYPTION_KEYS: `k1:${key(1)},k2:${key(2)}` })).toThrow(/LEGAL_ID_ENCRYPTION_KEY_ID: required/);
  });

  it('decrypts with an old key after rotation, and not with the wrong associated data', () => {
    const old = loadConfig({ LEGAL_ID_ENCRYPTION_KEYS: `k1:${key(1)}` }).legalIdEncryption;
    const rotated = loadConfig({ LEGAL_ID_ENCRYPTION_KEYS: `k1:${key(1)},k2:${key(2)}`, LEGAL_ID_ENCRYPTION_KEY_ID: 'k2' }).legalIdEncryption;
    const sealed = seal(old, Buffer.from('X1234567'), 'row-1');
    expect(unseal(rotated, sealed, 'row-1').toString()).toBe('X1234567');
    expect(seal(rotated, Buffer.from('X1234567'), 'row-1').keyId).toBe('k2');
    expect(() => unseal(rotated, sealed, 'row-2')).toThrow();
  });
});
