// The one place configuration is read from the environment. Validated at start: a bad value stops the
// process with a message naming the variable, instead of failing later in a request.
import { z } from 'zod';

export const SUBGRAPH_NAMES = ['person', 'organization', 'job', 'employment', 'offer'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = z.string().url().optional();

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
  SEED_DEMO_DATA: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  PERSON_SUBGRAPH_URL: optionalUrl,
  ORGANIZATION_SUBGRAPH_URL: optionalUrl,
  JOB_SUBGRAPH_URL: optionalUrl,
  EMPLOYMENT_SUBGRAPH_URL: optionalUrl,
  OFFER_SUBGRAPH_URL: optionalUrl,
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
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
    seedDemoData: c.SEED_DEMO_DATA,
    maxPageSize: c.MAX_PAGE_SIZE,
  };
}
