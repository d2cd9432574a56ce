// Connects to NATS for the relay and consumers. The connection reconnects forever: a NATS outage is a
// delay, not a crash; callers see publish errors meanwhile and retry later.
import { connect, type NatsConnection } from 'nats';
import type { Logger } from './logger';

export interface NatsOptions {
  /** Fail at start when the server is unreachable instead of waiting for it. */
  waitOnFirstConnect?: boolean;
  name?: string;
}

export async function connectNats(url: string, logger: Logger, options: NatsOptions = {}): Promise<NatsConnection> {
  const nc = await connect({
    servers: url,
    name: options.name ?? 'peoplegraph',
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: options.waitOnFirstConnect ?? false,
  });
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect') logger.info({ nats: s.type, server: s.data }, `nats ${s.type}`);
    }
  })().catch(() => undefined);
  return nc;
}

/** Is anything listening at this NATS URL? (Tests skip instead of failing when it is not.) */
export async function natsReachable(url: string): Promise<boolean> {
  try {
    const nc = await connect({ servers: url, reconnect: false, timeout: 1500 });
    await nc.close();
    return true;
  } catch {
    return false;
  }
}
