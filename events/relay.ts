// The outbox relay: publishes committed OutboxEvent rows to JetStream in commit order, with the event id
// as the JetStream message id so the server drops a redelivery inside its duplicate window. Events of one
// aggregate go out strictly in order: a failure holds back that aggregate's later events (with
// exponential backoff per event) while other aggregates keep flowing. When NATS is unreachable the batch
// stops, the events wait in the outbox and drain once it is back.
import { headers as natsHeaders, type JetStreamClient, type NatsConnection } from 'nats';
import { buildCloudEvent, checkEventData, eventSubject, nextRetryDelay, type OutboxRecord } from '../core/events';
import type { Database, RawSql } from '../platform/database';
import type { Logger } from '../platform/logger';
import { eventsPublished, publishFailures } from '../platform/metrics';
import { ensureStreams } from './streams';
import { PollingLoop } from './polling-loop';

export interface RelayOptions {
  db: Database;
  nc: NatsConnection;
  logger: Logger;
  batchSize?: number;
  pollIntervalMs?: number;
  /** How long to wait for one PubAck before treating NATS as unavailable. */
  publishTimeoutMs?: number;
}

export interface BatchResult {
  /** Rows locked and considered. */
  claimed: number;
  published: number;
  failed: number;
  /** NATS was unreachable: the rest of the batch was left for later. */
  unavailable: boolean;
}

interface Row extends OutboxRecord {
  attempts: number;
}

// Waiting rows (nextAttemptAt in the future) hold back every later event of their aggregate.
const CLAIM_SQL = `
SELECT e."seq", e."eventId", e."type", e."version", e."aggregateType", e."aggregateId", e."payload",
       e."correlationId", e."causationId", e."actorId", e."sourceSystem"::text AS "sourceSystem",
       (e."occurredAt" AT TIME ZONE 'UTC') AS "occurredAt", e."attempts"
  FROM "OutboxEvent" e
 WHERE e."publishedAt" IS NULL
   AND NOT EXISTS (
     SELECT 1 FROM "OutboxEvent" w
      WHERE w."aggregateId" = e."aggregateId" AND w."publishedAt" IS NULL AND w."seq" <= e."seq"
        AND w."nextAttemptAt" > (now() AT TIME ZONE 'UTC'))
 ORDER BY e."seq"
 LIMIT $1`;

const UNAVAILABLE_CODES = new Set(['TIMEOUT', '503', 'CONNECTION_CLOSED', 'CONNECTION_DRAINING', 'DISCONNECT', 'CONNECTION_REFUSED']);

export class PublishUnavailableError extends Error {}

export class OutboxRelay {
  private readonly js: JetStreamClient;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly publishTimeoutMs: number;
  private streamsReady = false;
  private readonly poller = new PollingLoop(() => this.tick());
  private unavailableRuns = 0;

  constructor(private readonly options: RelayOptions) {
    this.js = options.nc.jetstream();
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 2000;
  }

  start(): void {
    this.unavailableRuns = 0;
    this.poller.start();
  }

  /** Finishes the batch in flight (its published rows are marked), then returns. */
  stop(): Promise<void> {
    return this.poller.stop();
  }

  /** Publishes one batch; exposed for tests and the `relay --once` command. */
  async runBatch(): Promise<BatchResult> {
    if (!this.streamsReady) {
      try {
        await ensureStreams(await this.options.nc.jetstreamManager({ timeout: this.publishTimeoutMs }));
        this.streamsReady = true;
      } catch (err) {
        publishFailures.inc({ reason: 'nats_unavailable' });
        this.options.logger.warn({ err: describe(err) }, 'relay: JetStream not reachable, events wait in the outbox');
        return { claimed: 0, published: 0, failed: 0, unavailable: true };
      }
    }
    const { db } = this.options;
    if (db.kind === 'pglite') {
      // PGlite is one connection in one process: no competing relay, and an open transaction here
      // would block every API write while we publish.
      return this.publishBatch(db.raw, false);
    }
    return db.raw.session(async (raw) => {
      await raw.exec('BEGIN');
      try {
        const result = await this.publishBatch(raw, true);
        await raw.exec('COMMIT');
        return result;
      } catch (err) {
        await raw.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  private async publishBatch(raw: RawSql, lock: boolean): Promise<BatchResult> {
    const rows = await raw.query<Row>(`${CLAIM_SQL}${lock ? ' FOR UPDATE OF e SKIP LOCKED' : ''}`, [this.batchSize]);
    const result: BatchResult = { claimed: rows.length, published: 0, failed: 0, unavailable: false };
    if (rows.length === 0) return result;
    const eligible = await this.inOrderPerAggregate(raw, rows);
    const blocked = new Set<string>();
    const published: string[] = [];
    const failures: Array<{ seq: string; error: string; attempts: number; unavailable: boolean }> = [];
    for (const row of eligible) {
      if (blocked.has(row.aggregateId)) continue;
      try {
        await this.publish(row);
        published.push(String(row.seq));
        eventsPublished.inc({ type: row.type });
      } catch (err) {
        const unavailable = err instanceof PublishUnavailableError;
        publishFailures.inc({ reason: unavailable ? 'nats_unavailable' : err instanceof ContractViolation ? 'contract' : 'rejected' });
        failures.push({ seq: String(row.seq), error: describe(err), attempts: row.attempts + 1, unavailable });
        blocked.add(row.aggregateId);
        if (unavailable) {
          result.unavailable = true;
          break;
        }
      }
      if (this.poller.stopping) break;
    }
    if (published.length > 0) {
      await raw.query(
        `UPDATE "OutboxEvent" SET "publishedAt" = (now() AT TIME ZONE 'UTC'), "lastError" = NULL, "nextAttemptAt" = NULL WHERE "seq" = ANY($1::bigint[])`,
        [published],
      );
    }
    for (const f of failures) {
      // An outage is not the event's fault: it keeps no backoff of its own (the loop backs off instead),
      // so everything drains at once when NATS is back. A rejected event waits, and its aggregate with it.
      await raw.query(
        `UPDATE "OutboxEvent" SET "attempts" = $2, "lastError" = $3,
                "nextAttemptAt" = CASE WHEN $5::boolean THEN NULL ELSE (now() AT TIME ZONE 'UTC') + ($4::int * interval '1 millisecond') END
          WHERE "seq" = $1::bigint`,
        [f.seq, f.attempts, f.error.slice(0, 2000), nextRetryDelay(f.attempts), f.unavailable],
      );
      this.options.logger.warn({ seq: f.seq, attempts: f.attempts, error: f.error }, 'relay: publish failed, will retry');
    }
    result.published = published.length;
    result.failed = failures.length;
    return result;
  }

  /**
   * Another relay may hold an earlier unpublished event of an aggregate in our batch (SKIP LOCKED skipped
   * it). Publishing ours first would break per-aggregate order, so the aggregate is cut at the first gap.
   */
  private async inOrderPerAggregate(raw: RawSql, rows: Row[]): Promise<Row[]> {
    const mine = new Set(rows.map((r) => String(r.seq)));
    const aggregates = [...new Set(rows.map((r) => r.aggregateId))];
    const maxSeq = String(rows[rows.length - 1].seq);
    const pending = await raw.query<{ aggregateId: string; seq: string | bigint }>(
      `SELECT "aggregateId", "seq" FROM "OutboxEvent" WHERE "publishedAt" IS NULL AND "aggregateId" = ANY($1::uuid[]) AND "seq" <= $2::bigint ORDER BY "seq"`,
      [aggregates, maxSeq],
    );
    const cut = new Set<string>();
    for (const p of pending) {
      if (!mine.has(String(p.seq))) cut.add(p.aggregateId);
    }
    if (cut.size === 0) return rows;
    // Keep only rows before the first foreign row of their aggregate.
    const firstForeign = new Map<string, bigint>();
    for (const p of pending) {
      if (!mine.has(String(p.seq)) && !firstForeign.has(p.aggregateId)) firstForeign.set(p.aggregateId, BigInt(p.seq));
    }
    return rows.filter((r) => {
      const limit = firstForeign.get(r.aggregateId);
      return limit === undefined || BigInt(r.seq) < limit;
    });
  }

  private async publish(row: Row): Promise<void> {
    const event = buildCloudEvent({ ...row, occurredAt: new Date(row.occurredAt) });
    const contract = checkEventData(event.type, event.dataversion, event.data);
    if (!contract.ok) throw new ContractViolation(`contract: ${contract.problems.join('; ')}`);
    const h = natsHeaders();
    h.set('content-type', 'application/cloudevents+json');
    h.set('ce-type', event.type);
    h.set('ce-subject', event.subject);
    try {
      await this.js.publish(eventSubject(event.type), new TextEncoder().encode(JSON.stringify(event)), {
        msgID: event.id,
        timeout: this.publishTimeoutMs,
        headers: h,
      });
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (UNAVAILABLE_CODES.has(code) || this.options.nc.isClosed()) throw new PublishUnavailableError(describe(err));
      throw err;
    }
  }

  /** One batch of the loop; the answer is the pause before the next. */
  private async tick(): Promise<number> {
    let result: BatchResult;
    try {
      result = await this.runBatch();
    } catch (err) {
      this.options.logger.error({ err }, 'relay: batch failed');
      result = { claimed: 0, published: 0, failed: 0, unavailable: true };
    }
    this.unavailableRuns = result.unavailable ? this.unavailableRuns + 1 : 0;
    // A full batch means more is waiting: go again at once. Otherwise poll, or back off while NATS is down.
    if (!result.unavailable && result.claimed >= this.batchSize && result.published > 0) return 0;
    return result.unavailable ? Math.max(this.pollIntervalMs, nextRetryDelay(this.unavailableRuns, 250, 10_000)) : this.pollIntervalMs;
  }
}

class ContractViolation extends Error {}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return [e?.code, e?.message ?? String(err)].filter(Boolean).join(': ');
}
