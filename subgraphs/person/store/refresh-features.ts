// Re-deriving every stored source record's matching features and blocking keys from its stored
// attributes. Features and keys are what the code of the day derived when the record arrived: after an
// upgrade that changes them (a new comparison reads a field, a new key), records stored before it are
// matched on the old derivation until each is sent again. This brings them all up to date, batch by batch,
// with the derivation the ingest pipeline uses (featuresOf, storedKeysFor). A batch excludes ingests while
// it runs (the bulk-ingest lock), so no record is planned against keys half rewritten. Safe to re-run:
// a record whose features and keys are already current is not written.
import { storedKeysFor } from '../../../core/identity/blocking-keys';
import { encodeStoredFeatures } from '../../../core/identity/stored-features';
import type { PersonAttributes } from '../../../core/identity/types';
import type { Config } from '../../../platform/config';
import type { Database } from '../../../platform/database';
import { featuresOf } from '../use-cases/ingest-input';
import { BULK_INGEST_LOCK } from './identity';
import { BLOCKING_KEYS_OF } from './source-records';

export interface FeatureRefreshSummary {
  /** Source records read (erased ones are skipped: they hold no attributes). */
  scanned: number;
  /** Records whose features or blocking keys changed. */
  updated: number;
}

export async function refreshStoredFeatures(
  db: Database,
  config: Config,
  options: { batchSize?: number; onBatch?(progress: FeatureRefreshSummary): void } = {},
): Promise<FeatureRefreshSummary> {
  const batchSize = options.batchSize ?? 1000;
  const summary: FeatureRefreshSummary = { scanned: 0, updated: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows, updated } = await db.prisma.$transaction(async (tx) => {
      // The batch's statements on the transaction's own connection, as the import's (Database.txSql).
      const sql = await db.txSql(tx);
      await sql.exec('SELECT pg_advisory_xact_lock($1)', [BULK_INGEST_LOCK]);
      const batch = await sql.query<{ id: string; system: string; attributes: PersonAttributes }>(
        `SELECT id::text AS id, system::text AS system, attributes FROM "SourceRecord" WHERE id > $1::uuid AND "erasedAt" IS NULL ORDER BY id LIMIT $2`,
        [after, batchSize],
      );
      if (batch.length === 0) return { rows: batch, updated: 0 };
      const derived = batch.map((r) => {
        const features = featuresOf(r.attributes, r.system, config);
        return { id: r.id, features: encodeStoredFeatures(features), keys: storedKeysFor(features) };
      });
      const keysOf = BLOCKING_KEYS_OF('x.keys');
      const changed = await sql.exec(
        `UPDATE "SourceRecord" s SET features = x.features, "blockingKeys" = ${keysOf}
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, features jsonb, keys text[])
         WHERE s.id = x.id AND (s.features IS DISTINCT FROM x.features OR s."blockingKeys" IS DISTINCT FROM ${keysOf})`,
        [JSON.stringify(derived)],
      );
      return { rows: batch, updated: changed };
    }, { isolationLevel: 'ReadCommitted', maxWait: 60_000, timeout: 10 * 60_000 });
    if (rows.length === 0) return summary;
    summary.scanned += rows.length;
    summary.updated += updated;
    after = rows[rows.length - 1].id;
    options.onBatch?.({ ...summary });
  }
}
