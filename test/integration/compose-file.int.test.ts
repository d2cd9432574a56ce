// No Docker engine runs in CI, so docker-compose.yml is checked against the code instead: every subgraph
// has a service, ports and URLs are what platform/config.ts computes, commands exist in the CLI and match
// the npm scripts, and the start order follows the health of what each service needs.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { loadConfig, SUBGRAPH_NAMES, type Config, type SubgraphName } from '../../platform/config';
import { projectRoot } from '../../platform/paths';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  expose?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const root = projectRoot();
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const compose = YAML.parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const packageJson = JSON.parse(read('package.json')) as { main: string; scripts: Record<string, string> };

/**
 * `${VAR:-default}` → default, as `docker compose` does when VAR is unset; `${VAR:?message}` (the
 * operator must set it) → a stand-in value long enough for the key length checks.
 */
function interpolate(value: string): string {
  return value
    .replace(/\$\{(\w+):\?[^}]*\}/g, (_m, name: string) =>
      // A key ring takes id:base64 of 32 bytes; other secrets only a minimum length.
      name.endsWith('_KEYS') ? `k1:${Buffer.alloc(32, 7).toString('base64')}` : `operator-supplied-${name}-for-this-test`.padEnd(48, '-'))
    .replace(/\$\{\w+(?::?-([^}]*))?\}/g, (_m, fallback: string | undefined) => fallback ?? '');
}

function configOf(service: Service): Config {
  const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
  return loadConfig(env);
}

/** Command names: the keys of the COMMANDS table in cli/main.ts. */
function cliCommands(): string[] {
  const table = /const COMMANDS: Record<string, Command> = \{([\s\S]*?)\n\};/.exec(read('cli/main.ts'))?.[1];
  if (!table) throw new Error('COMMANDS not found in cli/main.ts');
  return [...table.matchAll(/^ {2}'?([a-z][\w:-]*)'?: \{/gm)].map((m) => m[1]!);
}

/** The port a service's healthcheck probes (the last argument of the shared node probe). */
function probedPort(service: Service): number {
  const test = service.healthcheck?.test ?? [];
  expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
  expect(test[3]).toContain('healthz');
  expect(test[3]).toContain('readyz');
  return Number(test[4]);
}

const appServices = Object.entries(services).filter(([, s]) => s.build !== undefined);
const subgraphService = (name: SubgraphName): [string, Service] => {
  const found = appServices.filter(([, s]) => s.command?.[0] === 'subgraph' && s.command[1] === name);
  expect(found).toHaveLength(1);
  return found[0];
};
const gateway = appServices.find(([, s]) => s.command?.[0] === 'gateway');
const defaults = loadConfig({});

it('runs every process from the one image built by the Dockerfile, whose entry point is the CLI', () => {
  expect(appServices.length).toBeGreaterThanOrEqual(SUBGRAPH_NAMES.length + 2);
  expect(new Set(appServices.map(([, s]) => s.image)).size).toBe(1);
  expect(read('Dockerfile')).toContain(`ENTRYPOINT ["node", "${packageJson.main}"]`);
});

it('gives every process a configuration that loads in production', () => {
  for (const [name, s] of appServices) {
    expect({ service: name, nodeEnv: configOf(s).nodeEnv }).toEqual({ service: name, nodeEnv: 'production' });
  }
});

it('uses only commands the CLI has, with the arguments the npm scripts pass', () => {
  const commands = cliCommands();
  expect(commands).toEqual(expect.arrayContaining(['subgraph', 'gateway', 'migrate']));
  for (const [name, s] of appServices) {
    expect({ service: name, knownCommand: commands.includes(s.command?.[0] ?? '') }).toEqual({ service: name, knownCommand: true });
    const script = packageJson.scripts[s.command![0] === 'subgraph' ? s.command![1] : s.command![0]];
    expect({ service: name, script }).toEqual({ service: name, script: expect.stringContaining(`node ${packageJson.main} ${s.command!.join(' ')}`) });
  }
});

describe.each(SUBGRAPH_NAMES.map((n) => [n]))('the %s subgraph', (name) => {
  it('has a service listening on its configured port, checked on /healthz and /readyz', () => {
    const [, s] = subgraphService(name);
    const config = configOf(s);
    expect(config.host).toBe('0.0.0.0');
    expect(config.database.kind).toBe('postgres');
    expect(config.subgraphPorts[name]).toBe(defaults.subgraphPorts[name]);
    expect(s.expose).toEqual([String(config.subgraphPorts[name])]);
    expect(probedPort(s)).toBe(config.subgraphPorts[name]);
  });

  it('starts after PostgreSQL is healthy and the migration has completed', () => {
    const [, s] = subgraphService(name);
    expect(s.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
    expect(s.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
  });

  it('is reached by the gateway through its own URL variable, pointing at its service', () => {
    const [serviceName, s] = subgraphService(name);
    const [, gw] = gateway!;
    expect(gw.environment).toHaveProperty(`${name.toUpperCase()}_SUBGRAPH_URL`);
    expect(configOf(gw).subgraphUrls[name]).toBe(`http://${serviceName}:${configOf(s).subgraphPorts[name]}/graphql`);
    expect(gw.depends_on?.[serviceName]).toEqual({ condition: 'service_healthy' });
  });
});

it('publishes the gateway on its configured port and checks it on /healthz and /readyz', () => {
  expect(gateway).toBeDefined();
  const [, gw] = gateway!;
  const config = configOf(gw);
  expect(config.gatewayPort).toBe(defaults.gatewayPort);
  expect(config.host).toBe('0.0.0.0');
  expect((gw.ports ?? []).map((p) => Number(interpolate(p).split(':').pop()))).toEqual([config.gatewayPort]);
  expect(probedPort(gw)).toBe(config.gatewayPort);
});

it('migrates once, after PostgreSQL 16 is healthy, against the database the subgraphs use', () => {
  const migrate = appServices.filter(([, s]) => s.command?.[0] === 'migrate');
  expect(migrate).toHaveLength(1);
  const [, m] = migrate[0];
  expect(m.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
  expect(services.postgres.image).toMatch(/^postgres:16\b/);
  expect(services.postgres.healthcheck).toBeDefined();
  expect(m.environment?.DATABASE_URL).toBe(subgraphService('person')[1].environment?.DATABASE_URL);
  expect(new URL(interpolate(m.environment!.DATABASE_URL)).hostname).toBe('postgres');
});

it('runs NATS with JetStream and gives the subgraphs its URL', () => {
  expect(services.nats.command).toContain('-js');
  for (const name of SUBGRAPH_NAMES) {
    expect(new URL(subgraphService(name)[1].environment!.NATS_URL).hostname).toBe('nats');
  }
});
