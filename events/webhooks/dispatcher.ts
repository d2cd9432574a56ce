// The webhook dispatcher: sends each pending delivery (one outbox event for one subscription) to the
// subscriber's URL as the event's CloudEvents JSON, signed per Standard Webhooks, with webhook-id = the
// event id so a receiver can drop a redelivery. It reads the same outbox rows as the NATS relay and
// needs no broker, so it runs on the embedded default too. Per subscription, the events of one
// aggregate go out in order: a failed delivery holds back that aggregate's later ones (backoff per
// delivery) while other aggregates keep flowing. After `maxAttempts` a delivery is dead-lettered.
// A claimed delivery is leased (nextAttemptAt in the future), never held in an open transaction while
// the HTTP request runs; a dispatcher that dies mid-send leaves it to be sent again after the lease.
import { buildCloudEvent, checkEventData, nextRetryDelay, type OutboxRecord } from '../../core/events';
import type { EncryptionKeyRing } from '../../platform/config';
import type { Database } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import { webhookDeliveries } from '../../platform/metrics';
import { openWebhookSecret } from './secret-at-rest';
import { signWebhook } from './sign-webhook';
import { PollingLoop } from '../polling-loop';

export interface WebhookDispatcherOptions {
  db: Database;
  logger: Logger;
  /** Opens the signing secrets (LEGAL_ID_ENCRYPTION_KEYS). */
  keyRing: EncryptionKeyRing;
  batchSize?: number;
  pollIntervalMs?: number;
  /** Attempts before a delivery is dead-lettered. */
  maxAttempts?: number;
  /** Backoff after the first failure; doubles per attempt up to `maxRetryDelayMs`. */
  retryBaseDelayMs?: number;
  maxRetryDelayMs?: number;
  /** How long one POST may take. */
  timeoutMs?: number;
  /** Requests in flight at once (different aggregates or subscriptions). */
  concurrency?: number;
  /** Clock of the webhook-timestamp header (tests). */
  now?: () => Date;
}

export const WEBHOOK_DEFAULTS = {
  batchSize: 200,
  pollIntervalMs: 250,
  maxAttempts: 12,
  retryBaseDelayMs: 2_000,
  maxRetryDelayMs: 3_600_000,
  timeoutMs: 10_000,
  concurrency: 16,
} as const;

export interface DispatchResult {
  claimed: number;
  delivered: number;
  failed: number;
  dead: number;
}

interface Claimed {
  id: string;
  subscriptionId: string;
  eventSeq: string;
  aggregateId: string;
  attempts: number;
  url: string;
  secret: string;
}

interface Outcome {
  delivery: Claimed;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

// Arbitrary constant: claims are serialized across dispatcher processes sharing one PostgreSQL, so two
// of them never take two events of one aggregate at once.
const CLAIM_LOCK_ID = 72707370;

// A due delivery is claimable unless an earlier delivery of its aggregate (same subscription) waits or
// is leased; dead-lettered and delivered ones no longer hold anything back.
const CLAIM_SQL = `
WITH due AS (
  SELECT d."id" FROM "WebhookDelivery" d
    JOIN "WebhookSubscription" s ON s."id" = d."subscriptionId" AND s."active"
   WHERE d."status" = 'PENDING' AND (d."nextAttemptAt" IS NULL OR d."nextAttemptAt" <= (now() AT TIME ZONE 'UTC'))
     AND NOT EXISTS (
       SELECT 1 FROM "WebhookDelivery" w
        WHERE w."subscriptionId" = d."subscriptionId" AND w."aggregateId" = d."aggregateId" AND w."status" = 'PENDING'
          AND w."eventSeq" < d."eventSeq" AND w."nextAttemptAt" > (now() AT TIME ZONE 'UTC'))
   ORDER BY d."eventSeq"
   LIMIT $1
   FOR UPDATE OF d SKIP LOCKED)
UPDATE "WebhookDelivery" d SET "nextAttemptAt" = (now() AT TIME ZONE 'UTC') + ($2::int * interval '1 millisecond')
  FROM due, "WebhookSubscription" s
 WHERE d."id" = due."id" AND s."id" = d."subscriptionId"
RETURNING d."id"::text AS "id", d."subscriptionId", d."eventSeq"::text AS "eventSeq", d."aggregateId", d."attempts", s."url", s."secret"`;

const EVENTS_SQL = `
SELECT e."seq"::text AS "seq", e."eventId", e."type", e."version", e."aggregateType", e."aggregateId", e."payload",
       e."correlationId", e."causationId", e."actorId", e."sourceSystem"::text AS "sourceSystem",
       (e."occurredAt" AT TIME ZONE 'UTC') AS "occurredAt"
  FROM "OutboxEvent" e WHERE e."seq" = ANY($1::bigint[])`;

export class WebhookDispatcher {
  private readonly o: Required<Omit<WebhookDispatcherOptions, 'now'>> & { now: () => Date };
  private readonly poller = new PollingLoop(() => this.tick());

  constructor(options: WebhookDispatcherOptions) {
    this.o = { ...WEBHOOK_DEFAULTS, now: () => new Date(), ...stripUndefined(options) } as typeof this.o;
  }

  start(): void {
    this.poller.start();
  }

  /** Lets the requests in flight finish and records them, then returns. */
  stop(): Promise<void> {
    return this.poller.stop();
  }

  /** Claims, sends and records one batch; exposed for tests and benchmarks. */
  async runBatch(): Promise<DispatchResult> {
    const claimed = await this.claim();
    const result: DispatchResult = { claimed: claimed.length, delivered: 0, failed: 0, dead: 0 };
    if (claimed.length === 0) return result;
    const events = await this.loadEvents(claimed);
    // One queue per (subscription, aggregate), in event order; queues run side by side.
    const queues = new Map<string, Claimed[]>();
    for (const d of claimed) {
      const k = `${d.subscriptionId}/${d.aggregateId}`;
      const q = queues.get(k);
      if (q) q.push(d);
      else queues.set(k, [d]);
    }
    const outcomes: Outcome[] = [];
    const released: string[] = [];
    const work = [...queues.values()];
    const worker = async () => {
      for (let q = work.shift(); q; q = work.shift()) {
        for (let i = 0; i < q.length; i++) {
          const outcome = await this.send(q[i]!, events.get(q[i]!.eventSeq));
          outcomes.push(outcome);
          if (outcome.error !== null && q[i]!.attempts + 1 < this.o.maxAttempts) {
            // Later events of this aggregate wait behind the failed one.
            released.push(...q.slice(i + 1).map((d) => d.id));
            break;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, work.length) }, worker));
    await this.record(outcomes, released, result);
    return result;
  }

  private async claim(): Promise<Claimed[]> {
    const leaseMs = this.o.timeoutMs * 3 + 5_000;
    const inOrder = (rows: Claimed[]) => rows.sort((a, b) => compareSeq(a.eventSeq, b.eventSeq));
    // PGlite is one connection shared with the API: the claim is one statement, atomic by itself, and
    // an explicit transaction here would swallow API statements that run in between.
    if (this.o.db.kind === 'pglite') return inOrder(await this.o.db.raw.query<Claimed>(CLAIM_SQL, [this.o.batchSize, leaseMs]));
    return this.o.db.raw.session(async (raw) => {
      await raw.exec('BEGIN');
      try {
        await raw.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK_ID]);
        const rows = await raw.query<Claimed>(CLAIM_SQL, [this.o.batchSize, leaseMs]);
        await raw.exec('COMMIT');
        return inOrder(rows);
      } catch (err) {
        await raw.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  private async loadEvents(claimed: Claimed[]): Promise<Map<string, OutboxRecord>> {
    const seqs = [...new Set(claimed.map((d) => d.eventSeq))];
    const rows = await this.o.db.raw.query<OutboxRecord & { seq: string; occurredAt: Date | string }>(EVENTS_SQL, [seqs]);
    return new Map(rows.map((r) => [String(r.seq), { ...r, occurredAt: new Date(r.occurredAt) }]));
  }

  private async send(d: Claimed, row: OutboxRecord | undefined): Promise<Outcome> {
    const started = Date.now();
    const done = (statusCode: number | null, error: string | null): Outcome => ({ delivery: d, statusCode, error, durationMs: Date.now() - started });
    if (!row) return done(null, 'event is no longer in the outbox');
    const event = buildCloudEvent(row);
    const contract = checkEventData(event.type, event.dataversion, event.data);
    if (!contract.ok) return done(null, `contract: ${contract.problems.join('; ')}`);
    const body = JSON.stringify(event);
    let secret: string;
    try {
      secret = openWebhookSecret(this.o.keyRing, d.subscriptionId, d.secret);
    } catch {
      return done(null, 'the signing secret cannot be opened with the configured key ring');
    }
    const headers = signWebhook(secret, event.id, Math.floor(this.o.now().getTime() / 1000), body);
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'PeopleGraph-Webhooks/1', ...headers },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status >= 200 && res.status < 300 ? done(res.status, null) : done(res.status, `receiver answered HTTP ${res.status}`);
    } catch (err) {
      return done(null, describe(err));
    }
  }

  private async record(outcomes: Outcome[], released: string[], result: DispatchResult): Promise<void> {
    const raw = this.o.db.raw;
    const ok = outcomes.filter((o) => o.error === null);
    if (ok.length) {
      await raw.query(
        `UPDATE "WebhookDelivery" d SET "status" = 'DELIVERED', "attempts" = d."attempts" + 1, "deliveredAt" = (now() AT TIME ZONE 'UTC'),
                "nextAttemptAt" = NULL, "lastStatusCode" = v."code", "lastError" = NULL
           FROM unnest($1::bigint[], $2::int[]) AS v("id", "code") WHERE d."id" = v."id"`,
        [ok.map((o) => o.delivery.id), ok.map((o) => o.statusCode)],
      );
      result.delivered = ok.length;
      webhookDeliveries.inc({ outcome: 'delivered' }, ok.length);
    }
    for (const o of outcomes) {
      if (o.error === null) continue;
      const attempts = o.delivery.attempts + 1;
      const dead = attempts >= this.o.maxAttempts;
      await raw.query(
        `UPDATE "WebhookDelivery" SET "attempts" = $2, "lastStatusCode" = $3, "lastError" = $4, "status" = $5::"WebhookDeliveryStatus",
                "nextAttemptAt" = CASE WHEN $6::boolean THEN NULL ELSE (now() AT TIME ZONE 'UTC') + ($7::int * interval '1 millisecond') END
          WHERE "id" = $1::bigint`,
        [o.delivery.id, attempts, o.statusCode, o.error!.slice(0, 2000), dead ? 'DEAD' : 'PENDING', dead, nextRetryDelay(attempts, this.o.retryBaseDelayMs, this.o.maxRetryDelayMs)],
      );
      webhookDeliveries.inc({ outcome: dead ? 'dead' : 'failed' });
      if (dead) {
        result.dead++;
        this.o.logger.warn({ deliveryId: o.delivery.id, subscriptionId: o.delivery.subscriptionId, attempts, error: o.error }, 'webhook: delivery dead-lettered');
      } else {
        result.failed++;
        this.o.logger.info({ deliveryId: o.delivery.id, attempts, error: o.error }, 'webhook: delivery failed, will retry');
      }
    }
    // 410 Gone: the receiver asks to stop (Standard Webhooks). The subscription is paused, its deliveries
    // keep waiting; an admin resumes it with updateWebhookSubscription(active: true).
    const gone = [...new Set(outcomes.filter((o) => o.statusCode === 410).map((o) => o.delivery.subscriptionId))];
    if (gone.length) {
      await raw.query(`UPDATE "WebhookSubscription" SET "active" = false, "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE "id" = ANY($1::uuid[])`, [gone]);
      this.o.logger.warn({ subscriptionIds: gone }, 'webhook: receiver answered 410 Gone, subscription paused');
    }
    if (released.length) await raw.query(`UPDATE "WebhookDelivery" SET "nextAttemptAt" = NULL WHERE "id" = ANY($1::bigint[])`, [released]);
    if (outcomes.length) {
      await raw.query(
        `INSERT INTO "WebhookDeliveryAttempt" ("deliveryId", "attempt", "statusCode", "error", "durationMs")
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::text[], $5::int[])`,
        [
          outcomes.map((o) => o.delivery.id), outcomes.map((o) => o.delivery.attempts + 1), outcomes.map((o) => o.statusCode),
          outcomes.map((o) => o.error?.slice(0, 2000) ?? null), outcomes.map((o) => o.durationMs),
        ],
      );
    }
  }

  /** One batch of the loop; the answer is the pause before the next. */
  private async tick(): Promise<number> {
    let result: DispatchResult;
    try {
      result = await this.runBatch();
    } catch (err) {
      this.o.logger.error({ err }, 'webhook: batch failed');
      return this.o.pollIntervalMs;
    }
    return result.claimed >= this.o.batchSize ? 0 : this.o.pollIntervalMs;
  }
}

export function startWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const d = new WebhookDispatcher(options);
  d.start();
  return d;
}

function compareSeq(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The transport error without the URL's query or any body: receivers' URLs may carry tokens. */
function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError') return 'timed out';
  return [e?.cause?.code, e?.name === 'TypeError' ? 'request failed' : e?.message].filter(Boolean).join(': ') || 'request failed';
}

