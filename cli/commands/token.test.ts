import { PassThrough } from 'node:stream';
import { loadConfig } from '../../platform/config';
import { createTokenVerifier } from '../../subgraphs/shared/auth/verify-token';
import { parseTtl, tokenCommand } from './token';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c) => (text += String(c)));
  return { stream, text: () => text };
}

describe('peoplegraph token', () => {
  const config = loadConfig({ NODE_ENV: 'development' });
  const verify = createTokenVerifier(config.auth);

  it('prints only a token that the subgraphs accept, with the role, subject and system', async () => {
    const out = capture();
    const err = capture();
    expect(await tokenCommand(config, ['--role', 'ats', '--sub', 'ats-sync', '--purpose', 'RECRUITING'], out.stream, err.stream)).toBe(0);
    const token = out.text().trim();
    expect(token.split('.')).toHaveLength(3);
    const principal = await verify(`Bearer ${token}`);
    expect(principal).toMatchObject({ id: 'ats-sync', roles: ['ats'], system: 'ATS', purpose: 'RECRUITING' });
    expect(principal.scopes).toContain('source:write');
    expect(err.text()).toBe('');
  });

  it('refuses an unknown role and lists the known ones', async () => {
    const out = capture();
    const err = capture();
    expect(await tokenCommand(config, ['--role', 'superuser'], out.stream, err.stream)).toBe(2);
    expect(out.text()).toBe('');
    expect(err.text()).toMatch(/Unknown role "superuser"[\s\S]*auditor/);
  });

  it('reads lifetimes in seconds, minutes, hours and days', () => {
    expect(parseTtl('90')).toBe(90);
    expect(parseTtl('30m')).toBe(1800);
    expect(parseTtl('8h')).toBe(28800);
    expect(parseTtl('7d')).toBe(604800);
    expect(() => parseTtl('soon')).toThrow(/--ttl/);
  });
});
