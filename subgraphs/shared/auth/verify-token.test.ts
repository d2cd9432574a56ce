import { loadConfig } from '../../../platform/config';
import { signToken } from './sign-token';
import { createTokenVerifier } from './verify-token';

const auth = loadConfig({ NODE_ENV: 'test' }).auth;

describe('createTokenVerifier', () => {
  it('answers a token it verified again from memory, and refuses it once it expired', async () => {
    let clock = Date.now();
    const verify = createTokenVerifier(auth, () => clock);
    const token = await signToken(auth, { roles: ['reader'], ttlSeconds: 120 }, Math.floor(clock / 1000));
    const first = await verify(`Bearer ${token}`);
    expect(await verify(`Bearer ${token}`)).toBe(first);
    clock += 10 * 60_000;
    await expect(verify(`Bearer ${token}`)).rejects.toThrow('Token expired');
  });

  it('never caches a refusal: a tampered token is refused every time', async () => {
    const verify = createTokenVerifier(auth);
    const token = await signToken(auth, { roles: ['reader'] });
    const tampered = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}A`;
    await expect(verify(`Bearer ${tampered}`)).rejects.toThrow('Invalid token');
    await expect(verify(`Bearer ${tampered}`)).rejects.toThrow('Invalid token');
  });

  it('binds a token to the system its role writes as, and refuses a claim that disagrees', async () => {
    const verify = createTokenVerifier(auth);
    expect((await verify(`Bearer ${await signToken(auth, { roles: ['recruiter'] })}`)).writeBinding).toEqual({ kind: 'system', system: 'ATS' });
    expect((await verify(`Bearer ${await signToken(auth, { roles: ['admin'] })}`)).writeBinding).toEqual({ kind: 'any' });
    expect((await verify(`Bearer ${await signToken(auth, { roles: ['reader'] })}`)).writeBinding).toEqual({ kind: 'none' });
    await expect(verify(`Bearer ${await signToken(auth, { roles: ['ats'], system: 'HRIS' })}`)).rejects.toThrow('does not agree with its roles');
  });
});
