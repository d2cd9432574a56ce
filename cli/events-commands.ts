// CLI commands of the event pipeline: `relay` (the outbox relay as its own process),
// `dead-letters list|replay` and `example-hris-consumer`.
import http from 'node:http';
import express from 'express';
import { ConfigError, type Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import { openDatabase } from '../platform/database';
import { connectNats } from '../platform/nats';
import { serveMetrics, watchDatabase } from '../platform/metrics';
import { startRelay } from '../events/start-relay';
import { OutboxRelay } from '../events/relay';
import { listDeadLetters, replayDeadLetters, type DeadLetter } from '../events/dead-letters';
import { HRIS_CONSUMER_NAME, startHrisConsumer } from '../events/examples/hris-consumer';

type Stoppable = { stop(): Promise<void> };

function requireNats(config: Config): string {
  // A ConfigError: the command line prints its message, not a stack trace.
  if (!config.events.natsUrl) throw new ConfigError(['NATS_URL is not set (e.g. NATS_URL=nats://127.0.0.1:4222)']);
  return config.events.natsUrl;
}

/** `relay`: runs until SIGINT/SIGTERM; `relay --once`: publishes what is waiting, then exits. */
export async function runRelayCommand(config: Config, logger: Logger, once: boolean): Promise<Stoppable | null> {
  requireNats(config);
  const db = await openDatabase(config.database);
  if (once) {
    const nc = await connectNats(config.events.natsUrl!, logger, { waitOnFirstConnect: false });
    try {
      const relay = new OutboxRelay({ db, nc, logger, batchSize: config.events.relayBatchSize });
      let total = 0;
      for (;;) {
        const r = await relay.runBatch();
        total += r.published;
        if (r.unavailable) throw new Error('NATS JetStream is unavailable; nothing more was published');
        if (r.published === 0) break;
      }
      process.stdout.write(`Published ${total} event(s).\n`);
      return null;
    } finally {
      await nc.close();
      await db.close();
    }
  }
  const unwatch = watchDatabase(db);
  const running = await startRelay(config, db, logger);
  let server: http.Server | null = null;
  if (config.events.relayMetricsPort !== null) {
    const app = express();
    app.get('/metrics', serveMetrics);
    app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
    server = app.listen(config.events.relayMetricsPort, config.host);
  }
  return {
    stop: async () => {
      server?.closeAllConnections();
      server?.close();
      await running.stop();
      unwatch();
      await db.close();
    },
  };
}

/** `example-hris-consumer`: acts on CandidateToEmployee intents until SIGINT/SIGTERM. */
export async function runExampleHrisConsumerCommand(config: Config, logger: Logger): Promise<Stoppable> {
  const url = requireNats(config);
  const db = await openDatabase(config.database);
  const nc = await connectNats(url, logger, { waitOnFirstConnect: true, name: HRIS_CONSUMER_NAME });
  const consumer = await startHrisConsumer({ nc, deps: { db, config, logger }, logger });
  logger.info({ consumer: HRIS_CONSUMER_NAME, nats: url }, 'example HRIS consumer waiting for CandidateToEmployee events');
  return {
    stop: async () => {
      await consumer.stop();
      await nc.close();
      await db.close();
    },
  };
}

function formatTable(letters: DeadLetter[]): string {
  if (letters.length === 0) return 'No dead letters.\n';
  const rows = letters.map((d) => [String(d.seq), d.consumer, d.type ?? '?', d.eventId ?? '?', String(d.deliveries), d.deadLetteredAt, d.error]);
  const head = ['SEQ', 'CONSUMER', 'TYPE', 'EVENT ID', 'DELIVERIES', 'DEAD-LETTERED AT', 'ERROR'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 6 ? 0 : r[i].length))));
  const line = (r: string[]) => r.map((c, i) => (i === 6 ? c : c.padEnd(widths[i]))).join('  ');
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}

export async function runDeadLettersCommand(
  config: Config,
  logger: Logger,
  action: string | undefined,
  opts: { consumer?: string; seq?: string; all?: boolean; json?: boolean },
): Promise<number> {
  if (action !== 'list' && action !== 'replay') {
    process.stderr.write('Usage: peoplegraph dead-letters list [--consumer NAME] [--json]\n       peoplegraph dead-letters replay (--seq N[,N…] | --all) [--consumer NAME]\n');
    return 2;
  }
  const nc = await connectNats(requireNats(config), logger, { waitOnFirstConnect: false });
  try {
    if (action === 'list') {
      const letters = await listDeadLetters(nc, { consumer: opts.consumer });
      process.stdout.write(opts.json ? `${JSON.stringify(letters, null, 2)}\n` : formatTable(letters));
      return 0;
    }
    const seqs = opts.seq ? opts.seq.split(',').map((s) => Number(s.trim())) : [];
    if (seqs.some((n) => !Number.isInteger(n) || n <= 0)) {
      process.stderr.write('--seq takes dead-letter sequence numbers, e.g. --seq 3,4\n');
      return 2;
    }
    if (seqs.length === 0 && !opts.all) {
      process.stderr.write('Say which dead letters to replay: --seq N[,N…] or --all\n');
      return 2;
    }
    const replayed = await replayDeadLetters(nc, { consumer: opts.consumer, seqs });
    process.stdout.write(`Replayed ${replayed.length} dead letter(s)${replayed.length ? `: ${replayed.map((d) => d.seq).join(', ')}` : ''}.\n`);
    return 0;
  } finally {
    await nc.close();
  }
}
