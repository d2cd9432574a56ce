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
  help: 'Ingested source records by identity-resolution decision (MATCHED, AUTO_MERGED = a duplicate found, REVIEW_QUEUED, CREATED, CREATED_FLAGGED, UNCHANGED)',
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

export const webhookDeliveries = new Counter({
  name: 'peoplegraph_webhook_deliveries_total',
  help: 'Webhook delivery attempts by outcome: delivered, failed (will retry), dead (dead-lettered)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const consumerOutcomes = new Counter({
  name: 'peoplegraph_consumer_events_total',
  help: 'Events handled by consumers: processed, duplicate (inbox hit), retried, dead_lettered',
  labelNames: ['consumer', 'outcome'] as const,
  registers: [registry],
});

const reconciliationDivergences = new Counter({
  name: 'peoplegraph_reconciliation_divergences_total',
  help: 'Drift found by reconciliation runs in this process, per system and kind (UNLINKED, MISSING_FROM_EXPORT, DIVERGENT_VALUE, DUPLICATE_ROWS, LINK_DISAGREES_WITH_MATCH)',
  labelNames: ['system', 'kind'] as const,
  registers: [registry],
});

/** For reconciliation: count the drift one run found. */
export function recordReconciliation(system: string, counts: Record<string, number>): void {
  for (const [kind, n] of Object.entries(counts)) reconciliationDivergences.inc({ system, kind }, n);
}

/** For the ingest service: count one resolved record under its decision (the alert rules match these values). */
export function recordIngestOutcome(decision: string): void {
  ingestOutcomes.inc({ band: decision });
}

/**
 * Share of golden people that are suspected duplicates: the person of a pending review's record or its
 * candidate, or a person created next to a weak candidate (first link key WEAK_CANDIDATE). The same
 * definition as the dataQuality query.
 */
export const SUSPECTED_DUPLICATE_RATE_SQL = `(
  SELECT CASE WHEN total.n = 0 THEN 0 ELSE suspected.n::float8 / total.n END
  FROM (SELECT COUNT(*) AS n FROM "Person" WHERE "mergedIntoId" IS NULL) total,
       (SELECT COUNT(DISTINCT p.id) AS n FROM "Person" p WHERE p."mergedIntoId" IS NULL AND (
          EXISTS (SELECT 1 FROM "MatchReview" m JOIN "SourceRecord" s ON s.id = m."sourceRecordId"
                  WHERE m.status = 'PENDING' AND (s."personId" = p.id OR m."candidatePersonId" = p.id))
          OR EXISTS (SELECT 1 FROM "SourceRecord" s WHERE s."personId" = p.id AND s."linkKey" = 'WEAK_CANDIDATE'))) suspected
)`;

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

new Gauge({
  name: 'peoplegraph_reconciliation_divergence',
  help: 'Drift the latest reconciliation run of each system found, per kind (read from the database: runs are CLI processes)',
  labelNames: ['system', 'kind'] as const,
  registers: [registry],
  async collect() {
    if (!watched) return;
    try {
      const rows = await watched.raw.query<{ system: string; counts: Record<string, number> | string }>(
        `SELECT DISTINCT ON ("system") "system"::text AS system, "counts" FROM "ReconciliationRun" ORDER BY "system", "finishedAt" DESC`,
      );
      for (const r of rows) {
        const counts = typeof r.counts === 'string' ? (JSON.parse(r.counts) as Record<string, number>) : r.counts;
        for (const [kind, n] of Object.entries(counts)) this.set({ system: r.system, kind }, Number(n));
      }
    } catch {
      // Keep the last values when the database is briefly away.
    }
  },
});

new Gauge({
  name: 'peoplegraph_duplicate_rate',
  help: 'Share of golden people suspected to be a duplicate: an open match review or a weak candidate flag (CREATED_FLAGGED)',
  registers: [registry],
  async collect() {
    const r = await queryWatched<{ rate: number | string | null }>(`SELECT ${SUSPECTED_DUPLICATE_RATE_SQL} AS rate`);
    if (r) this.set(Number(r.rate ?? 0));
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
