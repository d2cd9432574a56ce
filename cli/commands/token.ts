// `peoplegraph token --role auditor [--sub …] [--ttl …] [--system …] [--purpose …]`: prints a bearer
// token signed with the configured HS256 secret (the embedded development secret unless JWT_SECRET is set).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../../platform/config';
import { ROLES, isRole } from '../../core/privacy/scopes';

export const TOKEN_USAGE = `Usage: peoplegraph token --role <role> [--role <role>…] [--sub <id>] [--ttl <seconds|30m|8h|7d>]
                        [--system CRM|ATS|HRIS] [--purpose <purpose>] [--region <region>…] [--scope <scope>…]
Roles: ${ROLES.join(', ')}
`;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseTtl(value: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (!m) throw new Error(`--ttl must be a number of seconds or like 30m, 8h, 7d`);
  return Number(m[1]) * UNIT_SECONDS[m[2] || 's']!;
}

export const TOKEN_OPTIONS = {
  role: { type: 'string', multiple: true },
  sub: { type: 'string' },
  ttl: { type: 'string' },
  system: { type: 'string' },
  purpose: { type: 'string' },
  region: { type: 'string', multiple: true },
  scope: { type: 'string', multiple: true },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Returns the exit code; writes the token (and nothing else) to stdout so it can be used in $(…). */
export async function tokenCommand(config: Config, argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const { values } = parseArgs({ args: argv, allowPositionals: false, strict: true, options: TOKEN_OPTIONS });
  const roles = values.role ?? [];
  const unknown = roles.filter((r) => !isRole(r));
  if (roles.length === 0 || unknown.length) {
    err.write(`${unknown.length ? `Unknown role "${unknown.join('", "')}".\n` : ''}${TOKEN_USAGE}`);
    return 2;
  }
  if (config.auth.key.kind !== 'secret') {
    err.write('JWT_JWKS_URL is set: tokens come from the identity provider, not from this command.\n');
    return 2;
  }
  let ttlSeconds: number | undefined;
  try {
    ttlSeconds = values.ttl ? parseTtl(values.ttl) : undefined;
  } catch (e) {
    err.write(`${(e as Error).message}\n`);
    return 2;
  }
  // Loaded here, not at the top: `peoplegraph token --help` and a bad role answer without loading jose.
  const { signToken } = await import('../../subgraphs/shared/auth/sign-token');
  const token = await signToken(config.auth, {
    roles,
    sub: values.sub,
    ttlSeconds,
    system: values.system?.toUpperCase(),
    purpose: values.purpose,
    regions: values.region,
    scopes: values.scope,
  });
  out.write(`${token}\n`);
  return 0;
}
