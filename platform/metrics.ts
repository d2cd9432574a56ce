// Prometheus metrics of one process, on one registry served at /metrics by the gateway, every subgraph
// and the standalone relay. Gauges that describe shared state (outbox lag, review queue) are read from
// the database at scrape time, so any process reports the same truth.
import client, { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from './database';

export const registry = new Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'peoplegraph_' });

export const requestDuration = new Histogram({
  name: 'peoplegraph_graphql_request_duration_seconds',
  help: 'GraphQL request latency, per service (gateway or subgraph) and operation name',
  labelNames: ['service', 'operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const ingestOutcomes = new Counter({
  name: 'peoplegraph_ingest_outcomes_total',
  help: 'Ingested source records by identity-resolution decision band (AUTO_MERGE = a duplicate found)',
  labelNames: ['band'] as const,
  registers: [registry],
});

export const eventsPublished = new Counter({
  name: 'peoplegraph_events_published_total',
  help: 'Outbox events published to JetStream',
  labelNames: ['type'] as const,
  registers: [registry],
});

export const publishFailures = new Counter({
  name: 'peoplegraph_event_publish_failures_total',
  help: 'Failed attempts to publish an outbox event (nats_unavailable, rejected, contract)',
  labelNames: ['reason'] as const,
  registers: [registry],
});

export const consumerOutcomes = new Counter({
  name: 'peoplegraph_consumer_events_total',
  help: 'Events handled by consumers: processed, duplicate (inbox hit), retried, dead_lettered',
  labelNames: ['consumer', 'outcome'] as const,
  registers: [registry],
});

/** For the ingest service: count one resolved record under its band (AUTO_MERGE, REVIEW, NEW, …). */
export function recordIngestOutcome(decision: string): void {
  ingestOutcomes.inc({ band: decision });
}

let watched: Database | null = null;

/** Scrapes read shared gauges from this database; returns a function that stops watching it. */
export function watchDatabase(db: Database): () => void {
  watched = db;
  return () => {
    if (watched === db) watched = null;
  };
}

async function queryWatched<T>(sql: string): Promise<T | null> {
  if (!watched) return null;
  try {
    const rows = await watched.raw.query<T>(sql);
    return rows[0] ?? null;
  } catch {
    // A scrape must not fail because the database is briefly away; the gauge keeps its last value.
    return null;
  }
}

new Gauge({
  name: 'peoplegraph_outbox_lag_seconds',
  help: 'Age of the oldest unpublished outbox event (0 when the outbox is drained)',
  registers: [registry],
  async collect() {
    const r = await queryWatched<{ age: number | string | null }>(
      `SELECT EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC' - MIN("occurredAt")))::float8 AS age FROM "OutboxEvent" WHERE "publishedAt" IS NULL`,
    );
    if (r) this.set(Math.max(0, Number(r.age ?? 0)));
  },
});

new Gauge({
  name: 'peoplegraph_outbox_unpublished_events',
  help: 'Outbox events not yet published; failing = at least one failed attempt',
  labelNames: ['state'] as const,
  registers: [registry],
  async collect() {
    const r = await queryWatched<{ pending: number | string; failing: number | string }>(
      `SELECT COUNT(*) FILTER (WHERE "attempts" = 0) AS pending, COUNT(*) FILTER (WHERE "attempts" > 0) AS failing FROM "OutboxEvent" WHERE "publishedAt" IS NULL`,
    );
    if (r) {
      this.set({ state: 'pending' }, Number(r.pending));
      this.set({ state: 'failing' }, Number(r.failing));
    }
  },
});

new Gauge({
  name: 'peoplegraph_review_queue_depth',
  help: 'Match reviews waiting for a data steward',
  registers: [registry],
  async collect() {
    const r = await queryWatched<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "MatchReview" WHERE "status" = 'PENDING'`);
    if (r) this.set(Number(r.n));
  },
});

new Gauge({
  name: 'peoplegraph_review_queue_oldest_age_seconds',
  help: 'Age of the oldest pending match review (0 when the queue is empty)',
  registers: [registry],
  async collect() {
    const r = await queryWatched<{ age: number | string | null }>(
      `SELECT EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC' - MIN("createdAt")))::float8 AS age FROM "MatchReview" WHERE "status" = 'PENDING'`,
    );
    if (r) this.set(Math.max(0, Number(r.age ?? 0)));
  },
});

/** Express handler for GET /metrics. */
export async function serveMetrics(_req: unknown, res: { set(k: string, v: string): unknown; send(body: string): unknown; status(n: number): { send(b: string): unknown } }): Promise<void> {
  try {
    res.set('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  } catch {
    res.status(500).send('metrics unavailable');
  }
}
