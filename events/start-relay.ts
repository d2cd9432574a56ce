// Starts the outbox relay with its own NATS connection, for `peoplegraph start` (in-process) and
// `peoplegraph relay` (its own process). Stop publishes nothing new, finishes the batch, then closes NATS.
import type { Config } from '../platform/config';
import type { Database } from '../platform/database';
import type { Logger } from '../platform/logger';
import { connectNats } from '../platform/nats';
import { OutboxRelay } from './relay';

export interface RunningRelay {
  relay: OutboxRelay;
  stop(): Promise<void>;
}

export async function startRelay(config: Config, db: Database, logger: Logger): Promise<RunningRelay> {
  if (!config.events.natsUrl) throw new Error('NATS_URL is not set: the relay has nowhere to publish');
  const log = logger.child({ component: 'relay' });
  const nc = await connectNats(config.events.natsUrl, log, { name: 'peoplegraph-relay' });
  const relay = new OutboxRelay({
    db,
    nc,
    logger: log,
    batchSize: config.events.relayBatchSize,
    pollIntervalMs: config.events.relayPollIntervalMs,
  });
  relay.start();
  log.info({ nats: config.events.natsUrl }, 'outbox relay started');
  return {
    relay,
    stop: async () => {
      await relay.stop();
      await nc.drain().catch(() => nc.close());
      log.info('outbox relay stopped');
    },
  };
}
