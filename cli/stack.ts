// Starts PeopleGraph processes: the embedded all-in-one topology (five subgraphs and the gateway in one
// process sharing one database) or a single subgraph / the gateway for the separate-process topology.
import type { Config, SubgraphName } from '../platform/config';
import { SUBGRAPH_NAMES } from '../platform/config';
import { openDatabase, type Database } from '../platform/database';
import type { Logger } from '../platform/logger';
import { applyMigrations } from '../platform/migrate';
import { startGateway } from '../gateway/server';
import { SUBGRAPHS } from '../subgraphs';
import { startSubgraph, type RunningServer, type SubgraphOptions } from '../subgraphs/shared/factory';
import type { LocalGraphQLHandler } from '../subgraphs/shared/graphql-http';
import { seedDemoDataIfEmpty } from './seed/seed-demo-data';
import { startRelay } from '../events/start-relay';
import { watchDatabase } from '../platform/metrics';
import { startChangeLogSealer } from '../subgraphs/shared/change-log-sealer';
import { startWebhookDispatcher, type WebhookDispatcherOptions } from '../events/webhooks/dispatcher';

export interface Stack {
  db: Database;
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Listen on free ports instead of the configured ones (tests). */
  ephemeralPorts?: boolean;
  seed?: boolean;
  subgraphOptions?: SubgraphOptions;
  /** An already open database (tests that share one). */
  db?: Database;
  /** false: the gateway calls this process's subgraphs over HTTP like remote ones (benchmarks compare both). */
  localSubgraphCalls?: boolean;
  /** Tuning of the webhook dispatcher (tests, benchmarks); false: none in this process. */
  webhooks?: Omit<WebhookDispatcherOptions, 'db' | 'logger' | 'keyRing'> | false;
}

export async function prepareDatabase(config: Config, logger: Logger, seed: boolean, existing?: Database): Promise<Database> {
  const db = existing ?? (await openDatabase(config.database));
  try {
    const { applied } = await applyMigrations(db.raw);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    if (seed) {
      const seeded = await seedDemoDataIfEmpty({ db, config, logger });
      if (seeded) logger.info(seeded, 'demo data loaded');
    }
    return db;
  } catch (err) {
    if (!existing) await db.close();
    throw err;
  }
}

export async function startEmbeddedStack(config: Config, logger: Logger, options: StackOptions = {}): Promise<Stack> {
  const db = await prepareDatabase(config, logger, options.seed ?? config.seedDemoData, options.db);
  const servers: RunningServer[] = [];
  const unwatch = watchDatabase(db);
  const stop = async () => {
    for (const s of servers.reverse()) await s.stop().catch((err) => logger.warn({ err }, 'error while stopping a server'));
    unwatch();
    if (!options.db) await db.close();
  };
  try {
    const subgraphUrls = {} as Record<SubgraphName, string>;
    const localSubgraphs: Partial<Record<SubgraphName, LocalGraphQLHandler>> = {};
    for (const name of SUBGRAPH_NAMES) {
      const port = options.ephemeralPorts ? 0 : config.subgraphPorts[name];
      const s = await startSubgraph(SUBGRAPHS[name], { db, config, logger }, port, options.subgraphOptions);
      servers.push(s);
      subgraphUrls[name] = s.url;
      // The gateway calls the subgraphs of this process without HTTP (same parsing, guard and server).
      if (options.localSubgraphCalls !== false) localSubgraphs[name] = s.local;
    }
    const gateway = await startGateway({ config: { ...config, subgraphUrls }, logger, localSubgraphs }, options.ephemeralPorts ? 0 : config.gatewayPort);
    servers.push(gateway);
    // Seals committed audit entries and outbox positions and publishes audit checkpoints (shared/change-log.ts).
    const sealer = startChangeLogSealer(db, config, logger);
    servers.push({ url: '', port: 0, stop: sealer.stop });
    // With NATS configured the relay runs in this process; it stops first (servers stop in reverse order).
    if (config.events.natsUrl) {
      const relay = await startRelay(config, db, logger);
      servers.push({ url: '', port: 0, stop: relay.stop });
    }
    // Webhooks need no broker: they are delivered from the outbox on the embedded default too.
    if (options.webhooks !== false) {
      const webhooks = startWebhookDispatcher({ ...options.webhooks, db, keyRing: config.legalIdEncryption, logger: logger.child({ component: 'webhooks' }) });
      servers.push({ url: '', port: 0, stop: () => webhooks.stop() });
    }
    return { db, gatewayUrl: gateway.url, subgraphUrls, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** One subgraph as its own process (production topology); the database must already be migrated. */
export async function startSingleSubgraph(name: SubgraphName, config: Config, logger: Logger): Promise<RunningServer & { db: Database }> {
  const db = await openDatabase(config.database);
  try {
    const s = await startSubgraph(SUBGRAPHS[name], { db, config, logger }, config.subgraphPorts[name]);
    const unwatch = watchDatabase(db);
    // Every subgraph process runs a sealer; an advisory lock lets one of them work at a time.
    const sealer = startChangeLogSealer(db, config, logger);
    // The person subgraph's process also delivers webhooks; dispatchers in several processes take turns.
    const webhooks = name === 'person' ? startWebhookDispatcher({ db, keyRing: config.legalIdEncryption, logger: logger.child({ component: 'webhooks' }) }) : null;
    return { ...s, db, stop: async () => { await s.stop(); await webhooks?.stop(); await sealer.stop(); unwatch(); await db.close(); } };
  } catch (err) {
    await db.close();
    throw err;
  }
}
