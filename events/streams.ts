// The JetStream streams PeopleGraph publishes to, created or updated idempotently by whoever starts first.
import { RetentionPolicy, StorageType, nanos, type JetStreamManager, type StreamConfig } from 'nats';
import { EVENT_SUBJECT_PREFIX } from '../core/events';

export const EVENT_STREAM = 'PEOPLEGRAPH';
export const DEAD_LETTER_STREAM = 'PEOPLEGRAPH_DLQ';
export const DEAD_LETTER_SUBJECT_PREFIX = 'peoplegraph.dlq';

/** Redelivery of an event id inside this window is dropped by the server (the relay's msgID dedup). */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

const STREAMS: Array<Partial<StreamConfig> & { name: string; subjects: string[] }> = [
  {
    name: EVENT_STREAM,
    subjects: [`${EVENT_SUBJECT_PREFIX}.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  },
  {
    name: DEAD_LETTER_STREAM,
    subjects: [`${DEAD_LETTER_SUBJECT_PREFIX}.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  },
];

export async function ensureStreams(jsm: JetStreamManager): Promise<void> {
  for (const config of STREAMS) {
    try {
      const info = await jsm.streams.info(config.name);
      const same = info.config.duplicate_window === config.duplicate_window && config.subjects.every((s) => info.config.subjects?.includes(s));
      if (!same) await jsm.streams.update(config.name, { ...info.config, ...config, subjects: config.subjects });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      try {
        await jsm.streams.add(config);
      } catch (addErr) {
        // Another process created it between our look-up and add.
        if (!/already in use|already exists/i.test(String((addErr as Error).message))) throw addErr;
      }
    }
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { code?: string; api_error?: { err_code?: number }; message?: string };
  return e?.api_error?.err_code === 10059 || e?.code === '404' || /stream not found/i.test(e?.message ?? '');
}
