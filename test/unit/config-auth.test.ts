import { ConfigError, DEV_JWT_SECRET, loadConfig } from '../../platform/config';

/** A production key ring (any 32 bytes will do here). */
const PROD_KEYS = `k1:${Buffer.alloc(32, 9).toString('base64')}`;

describe('token verification settings', () => {
  it('uses the embedded development secret outside production when no key is configured', () => {
    const c = loadConfig({ NODE_ENV: 'development' });
    expect(c.auth.key).toEqual({ kind: 'secret', secret: DEV_JWT_SECRET });
    expect(c.auth.usingDevSecret).toBe(true);
    expect(c.auth.issuer).toBe('peoplegraph');
    expect(c.auth.audience).toBe('peoplegraph-api');
  });

  it('refuses to start in production without a key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET or JWT_JWKS_URL/);
  });

  it('refuses to start in production with the development secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET })).toThrow(/development secret/);
  });

  it('accepts a production secret or a JWKS URL', () => {
    const secret = 'x'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, LEGAL_ID_HMAC_KEY: secret, LEGAL_ID_ENCRYPTION_KEYS: PROD_KEYS, AUDIT_CHECKPOINT_KEY: secret }).auth).toMatchObject({ key: { kind: 'secret', secret }, usingDevSecret: false });
    expect(loadConfig({ NODE_ENV: 'production', LEGAL_ID_HMAC_KEY: 'k'.repeat(40), LEGAL_ID_ENCRYPTION_KEYS: PROD_KEYS, AUDIT_CHECKPOINT_KEY: 'c'.repeat(40), JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json' }).auth.key).toEqual({ kind: 'jwks', url: 'https://idp.example/.well-known/jwks.json' });
  });

  it('rejects a short secret with a message naming the variable and not the value', () => {
    let err: unknown;
    try {
      loadConfig({ JWT_SECRET: 'short-secret-value' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/JWT_SECRET/);
    expect((err as Error).message).not.toMatch(/short-secret-value/);
  });
});
