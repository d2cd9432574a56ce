// The one place configuration is read from the environment. Validated at start: a bad value stops the
// process with a message naming the variable, instead of failing later in a request.
import { z } from 'zod';

export const SUBGRAPH_NAMES = ['person', 'organization', 'job', 'employment', 'offer'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = z.string().url().optional();

/**
 * HS256 secret used when no key is configured outside production, so `npm start` and the tests work
 * with tokens from `peoplegraph token`. Public by design: production refuses to start with it.
 */
export const DEV_JWT_SECRET = 'peoplegraph-development-secret-do-not-use-in-production';
export const DEFAULT_JWT_ISSUER = 'peoplegraph';
export const DEFAULT_JWT_AUDIENCE = 'peoplegraph-api';

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: port.default(4000),
  /** Subgraphs listen on SUBGRAPH_BASE_PORT + index (person, organization, job, employment, offer). */
  SUBGRAPH_BASE_PORT: port.default(4001),
  /** PostgreSQL connection string; when absent the embedded PGlite database in PGLITE_DIR is used. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL').optional(),
  PGLITE_DIR: z.string().default('.data/pglite'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Load the demo data set on first start of an empty database. */
  /** Load the demo data set into an empty database; default true outside production, never in production. */
  SEED_DEMO_DATA: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  PERSON_SUBGRAPH_URL: optionalUrl,
  ORGANIZATION_SUBGRAPH_URL: optionalUrl,
  JOB_SUBGRAPH_URL: optionalUrl,
  EMPLOYMENT_SUBGRAPH_URL: optionalUrl,
  OFFER_SUBGRAPH_URL: optionalUrl,
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /** NATS server with JetStream; when set, `start` runs the outbox relay in-process. Unset: events stay in the outbox, readable through the `events` query. */
  NATS_URL: z.string().regex(/^(nats|tls):\/\//, 'must be a nats:// URL').optional(),
  RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(10000).default(200),
  RELAY_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60000).default(500),
  /** Deliveries of one event to a consumer before it moves to the dead-letter stream. */
  CONSUMER_MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(5),
  /** Port of /metrics for the standalone relay process (unset: no HTTP server). */
  RELAY_METRICS_PORT: port.optional(),
  /** Identity resolution bands (DESIGN.md §3.4) and the cap on candidate people scored per record. */
  MATCH_AUTO_THRESHOLD: z.coerce.number().gt(0).lte(1).default(0.9),
  MATCH_REVIEW_THRESHOLD: z.coerce.number().gt(0).lte(1).default(0.7),
  MATCH_FLAG_THRESHOLD: z.coerce.number().gte(0).lte(1).default(0.3),
  MATCH_CANDIDATE_CAP: z.coerce.number().int().min(1).max(1000).default(50),
  /** Heap budget of `peoplegraph import` in MiB (it holds one batch at a time; its heap after a collection stays near 60 MiB); 0 leaves Node's default. */
  IMPORT_HEAP_MB: z.coerce.number().int().min(0).max(65536).default(320),
  /** false: deterministic keys only (no probabilistic candidates are scored). */
  MATCH_PROBABILISTIC: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Region assumed for phone numbers written without a country code. */
  DEFAULT_PHONE_REGION: z.string().regex(/^[A-Z]{2}$/).default('US'),
  /** Systems whose `emailVerified: true` makes the e-mail a deterministic key (VERIFIED_EMAIL); comma list. */
  VERIFIED_EMAIL_TRUSTED_SYSTEMS: z.string().regex(/^\s*((CRM|ATS|HRIS)\s*(,\s*(CRM|ATS|HRIS)\s*)*)?$/, 'must be a comma list of CRM, ATS, HRIS').default('HRIS')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  /** Key of the HMAC blind index of legal identifiers (matching never sees plaintext). */
  LEGAL_ID_HMAC_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** AES-256-GCM key ring of legal identifiers (and of per-person data keys): `id:base64key,…`, 32-byte keys. */
  LEGAL_ID_ENCRYPTION_KEYS: z.string().optional(),
  /** Id of the ring's key that encrypts new values; the others only decrypt (rotation). */
  LEGAL_ID_ENCRYPTION_KEY_ID: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"').optional(),
  /** Run the retention policies every N hours in `start` (unset: only `peoplegraph retention --apply`). */
  RETENTION_SCHEDULE_HOURS: z.coerce.number().gt(0).max(24 * 365).optional(),
  /** HMAC key of the audit checkpoints (at least 32 characters); kept out of the database. */
  AUDIT_CHECKPOINT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Append-only file the audit checkpoints are published to (default: under the data folder, one per database). */
  AUDIT_CHECKPOINT_FILE: z.string().optional(),
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  /** How often the running service seals committed audit entries and outbox positions. */
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(20).max(60000).default(1000),
  /** HS256 shared secret for bearer tokens (at least 32 characters); or set JWT_JWKS_URL. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** JWKS endpoint of an identity provider (RS256/ES256/EdDSA tokens); takes precedence over JWT_SECRET. */
  JWT_JWKS_URL: optionalUrl,
  JWT_ISSUER: z.string().default(DEFAULT_JWT_ISSUER),
  JWT_AUDIENCE: z.string().default(DEFAULT_JWT_AUDIENCE),
  /** Longest token lifetime accepted (exp − iat, and age since iat), in seconds. */
  JWT_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(7 * 86400).default(86400),
  /** The console's OpenID Connect sign-in (authorization code + PKCE): issuer, public client id, scopes. */
  CONSOLE_OIDC_ISSUER: optionalUrl,
  CONSOLE_OIDC_CLIENT_ID: z.string().optional(),
  CONSOLE_OIDC_SCOPE: z.string().default('openid profile'),
  /** Operation limits enforced at the gateway and every subgraph before execution. */
  QUERY_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(10),
  QUERY_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(15),
  QUERY_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(20),
  QUERY_MAX_TOKENS: z.coerce.number().int().min(10).max(100000).default(2000),
  /** Most values (objects, scalars, list items) an operation may return, by its page sizes and list sizes. */
  QUERY_MAX_COST: z.coerce.number().int().min(1).max(10000000).default(50000),
});

export type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config {
  nodeEnv: RawConfig['NODE_ENV'];
  logLevel: RawConfig['LOG_LEVEL'];
  host: string;
  gatewayPort: number;
  subgraphPorts: Record<SubgraphName, number>;
  /** Explicit subgraph URLs (separate processes); missing ones default to host:port of the embedded topology. */
  subgraphUrls: Record<SubgraphName, string>;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  seedDemoData: boolean;
  maxPageSize: number;
  events: { natsUrl: string | null; relayBatchSize: number; relayPollIntervalMs: number; consumerMaxDeliver: number; relayMetricsPort: number | null };
  importHeapMb: number;
  matching: { autoMerge: number; review: number; flag: number; candidateCap: number; defaultRegion: string; probabilistic: boolean; verifiedEmailTrustedSystems: string[] };
  legalIdHmacKey: string;
  legalIdEncryption: EncryptionKeyRing;
  retentionScheduleHours: number | null;
  audit: AuditConfig;
  auth: AuthConfig;
  queryLimits: QueryLimits;
  /** OpenID Connect client of the web console; null: the console offers a pasted token (and dev roles outside production). */
  consoleOidc: { issuer: string; clientId: string; scope: string } | null;
}

export interface AuthConfig {
  /** Where verification keys come from: a shared HS256 secret or an identity provider's JWKS. */
  key: { kind: 'secret'; secret: string } | { kind: 'jwks'; url: string };
  issuer: string;
  audience: string;
  /** True when the embedded development secret is in use (never in production). */
  usingDevSecret: boolean;
  /** Longest accepted token lifetime in seconds: exp − iat, and the age since iat. */
  maxLifetimeSeconds: number;
}

/** AES-256-GCM keys by id; `activeKeyId` encrypts, every key decrypts what it encrypted. */
export interface EncryptionKeyRing {
  activeKeyId: string;
  keys: Readonly<Record<string, Buffer>>;
  /** True when the public development key is in use (never in production). */
  usingDevKey: boolean;
}

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
}

export interface AuditConfig {
  checkpointKey: string;
  checkpointFile: string;
  checkpointIntervalSeconds: number;
  sealIntervalMs: number;
  /** True when the public development key is in use (never in production). */
  usingDevCheckpointKey: boolean;
}

/** Public development key of the audit checkpoints, used only outside production. */
export const DEV_AUDIT_CHECKPOINT_KEY = 'peoplegraph-dev-only-audit-checkpoint-key';

/** One checkpoint file per database: a PostgreSQL database's name, or the embedded database's folder. */
function defaultCheckpointFile(c: RawConfig): string {
  if (!c.DATABASE_URL) return `${c.PGLITE_DIR.replace(/[\\/]+$/, '')}-audit-checkpoints.jsonl`;
  const db = decodeURIComponent(new URL(c.DATABASE_URL).pathname.slice(1)) || 'postgres';
  return `.data/audit-checkpoints/${db.replace(/[^A-Za-z0-9_.-]/g, '_')}.jsonl`;
}

/** Used only outside production, so the embedded default works without any set-up. */
export const DEV_LEGAL_ID_HMAC_KEY = 'peoplegraph-dev-only-legal-id-blind-index-key';

/** Public development key ring, used only outside production (32 bytes derived from a fixed phrase). */
export const DEV_LEGAL_ID_ENCRYPTION_KEYS = 'dev:ZGV2LW9ubHktbGVnYWwtaWQtZW5jcnlwdGlvbi1rZXk=';

/** `id:base64key,…` → keys by id; every key must decode to 32 bytes (AES-256). */
export function parseKeyRing(spec: string, activeKeyId: string | undefined, problems: string[]): EncryptionKeyRing | null {
  const keys: Record<string, Buffer> = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const colon = part.indexOf(':');
    const id = colon > 0 ? part.slice(0, colon) : '';
    const key = Buffer.from(part.slice(colon + 1), 'base64');
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id)) problems.push('LEGAL_ID_ENCRYPTION_KEYS: each entry must be id:base64key');
    else if (key.length !== 32) problems.push(`LEGAL_ID_ENCRYPTION_KEYS: key "${id}" must be 32 bytes (base64 of 32 random bytes)`);
    else keys[id] = key;
  }
  const ids = Object.keys(keys);
  if (ids.length === 0) {
    if (!problems.length) problems.push('LEGAL_ID_ENCRYPTION_KEYS: no key given');
    return null;
  }
  const active = activeKeyId ?? (ids.length === 1 ? ids[0] : undefined);
  if (!active) {
    problems.push('LEGAL_ID_ENCRYPTION_KEY_ID: required when the key ring holds more than one key');
    return null;
  }
  if (!keys[active]) {
    problems.push(`LEGAL_ID_ENCRYPTION_KEY_ID: "${active}" is not in LEGAL_ID_ENCRYPTION_KEYS`);
    return null;
  }
  const devKey = Buffer.from(DEV_LEGAL_ID_ENCRYPTION_KEYS.slice(DEV_LEGAL_ID_ENCRYPTION_KEYS.indexOf(':') + 1), 'base64');
  return { activeKeyId: active, keys, usingDevKey: Object.values(keys).some((k) => k.equals(devKey)) };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, so `FOO= npm start` does not fail validation of an optional value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const auth = authConfig(c);
  const problems: string[] = [];
  if (!(c.MATCH_FLAG_THRESHOLD <= c.MATCH_REVIEW_THRESHOLD && c.MATCH_REVIEW_THRESHOLD <= c.MATCH_AUTO_THRESHOLD)) {
    problems.push('MATCH_*_THRESHOLD: must satisfy FLAG <= REVIEW <= AUTO');
  }
  const production = c.NODE_ENV === 'production';
  if (production && (!c.LEGAL_ID_HMAC_KEY || c.LEGAL_ID_HMAC_KEY === DEV_LEGAL_ID_HMAC_KEY)) {
    problems.push('LEGAL_ID_HMAC_KEY: required in production, and not the development key (it is public)');
  }
  if (production && !c.LEGAL_ID_ENCRYPTION_KEYS) problems.push('LEGAL_ID_ENCRYPTION_KEYS: required in production (the development key is public)');
  const legalIdEncryption = parseKeyRing(c.LEGAL_ID_ENCRYPTION_KEYS ?? DEV_LEGAL_ID_ENCRYPTION_KEYS, c.LEGAL_ID_ENCRYPTION_KEY_ID, problems);
  // Compared by value: the public key under another id is still the public key.
  if (production && legalIdEncryption?.usingDevKey) {
    problems.push('LEGAL_ID_ENCRYPTION_KEYS: the development key cannot be used in production, under any id');
  }
  if (production && c.SEED_DEMO_DATA === true) problems.push('SEED_DEMO_DATA: demo people are never loaded in production');
  if (c.NODE_ENV === 'production' && (!c.AUDIT_CHECKPOINT_KEY || c.AUDIT_CHECKPOINT_KEY === DEV_AUDIT_CHECKPOINT_KEY)) {
    problems.push('AUDIT_CHECKPOINT_KEY: required in production (the development key is public)');
  }
  if (problems.length) throw new ConfigError(problems);
  const subgraphPorts = Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, c.SUBGRAPH_BASE_PORT + i])) as Record<SubgraphName, number>;
  const explicitUrl: Record<SubgraphName, string | undefined> = {
    person: c.PERSON_SUBGRAPH_URL,
    organization: c.ORGANIZATION_SUBGRAPH_URL,
    job: c.JOB_SUBGRAPH_URL,
    employment: c.EMPLOYMENT_SUBGRAPH_URL,
    offer: c.OFFER_SUBGRAPH_URL,
  };
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [n, explicitUrl[n] ?? `http://${c.HOST}:${subgraphPorts[n]}/graphql`]),
  ) as Record<SubgraphName, string>;
  return {
    nodeEnv: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    host: c.HOST,
    gatewayPort: c.GATEWAY_PORT,
    subgraphPorts,
    subgraphUrls,
    database: c.DATABASE_URL
      ? { kind: 'postgres', url: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: c.PGLITE_DIR },
    seedDemoData: c.SEED_DEMO_DATA ?? c.NODE_ENV !== 'production',
    maxPageSize: c.MAX_PAGE_SIZE,
    events: {
      natsUrl: c.NATS_URL ?? null,
      relayBatchSize: c.RELAY_BATCH_SIZE,
      relayPollIntervalMs: c.RELAY_POLL_INTERVAL_MS,
      consumerMaxDeliver: c.CONSUMER_MAX_DELIVER,
      relayMetricsPort: c.RELAY_METRICS_PORT ?? null,
    },
    importHeapMb: c.IMPORT_HEAP_MB,
    matching: {
      autoMerge: c.MATCH_AUTO_THRESHOLD,
      review: c.MATCH_REVIEW_THRESHOLD,
      flag: c.MATCH_FLAG_THRESHOLD,
      candidateCap: c.MATCH_CANDIDATE_CAP,
      defaultRegion: c.DEFAULT_PHONE_REGION,
      probabilistic: c.MATCH_PROBABILISTIC,
      verifiedEmailTrustedSystems: c.VERIFIED_EMAIL_TRUSTED_SYSTEMS,
    },
    legalIdHmacKey: c.LEGAL_ID_HMAC_KEY ?? DEV_LEGAL_ID_HMAC_KEY,
    legalIdEncryption: legalIdEncryption!,
    retentionScheduleHours: c.RETENTION_SCHEDULE_HOURS ?? null,
    audit: {
      checkpointKey: c.AUDIT_CHECKPOINT_KEY ?? DEV_AUDIT_CHECKPOINT_KEY,
      checkpointFile: c.AUDIT_CHECKPOINT_FILE ?? defaultCheckpointFile(c),
      checkpointIntervalSeconds: c.AUDIT_CHECKPOINT_INTERVAL_SECONDS,
      sealIntervalMs: c.AUDIT_SEAL_INTERVAL_MS,
      usingDevCheckpointKey: (c.AUDIT_CHECKPOINT_KEY ?? DEV_AUDIT_CHECKPOINT_KEY) === DEV_AUDIT_CHECKPOINT_KEY,
    },
    auth,
    consoleOidc: c.CONSOLE_OIDC_ISSUER && c.CONSOLE_OIDC_CLIENT_ID ? { issuer: c.CONSOLE_OIDC_ISSUER, clientId: c.CONSOLE_OIDC_CLIENT_ID, scope: c.CONSOLE_OIDC_SCOPE } : null,
    queryLimits: {
      maxDepth: c.QUERY_MAX_DEPTH,
      maxAliases: c.QUERY_MAX_ALIASES,
      maxDirectives: c.QUERY_MAX_DIRECTIVES,
      maxTokens: c.QUERY_MAX_TOKENS,
      maxCost: c.QUERY_MAX_COST,
    },
  };
}

/** Production must name its own key: the embedded development secret is public. */
function authConfig(c: RawConfig): AuthConfig {
  const base = { issuer: c.JWT_ISSUER, audience: c.JWT_AUDIENCE, maxLifetimeSeconds: c.JWT_MAX_LIFETIME_SECONDS };
  if (c.JWT_JWKS_URL) return { ...base, key: { kind: 'jwks', url: c.JWT_JWKS_URL }, usingDevSecret: false };
  if (c.NODE_ENV === 'production') {
    if (!c.JWT_SECRET) throw new ConfigError(['JWT_SECRET or JWT_JWKS_URL: required when NODE_ENV=production']);
    if (c.JWT_SECRET === DEV_JWT_SECRET) throw new ConfigError(['JWT_SECRET: the development secret cannot be used when NODE_ENV=production']);
  }
  const secret = c.JWT_SECRET ?? DEV_JWT_SECRET;
  return { ...base, key: { kind: 'secret', secret }, usingDevSecret: secret === DEV_JWT_SECRET };
}
