// Data quality for the business side, computed on demand from the tables themselves (no cached
// figures): suspected duplicates, the review backlog and its age, audit readiness (golden values whose
// provenance names an event the audit log holds), and people and source records per system.
import { SUSPECTED_DUPLICATE_RATE_SQL } from '../../../platform/metrics';
import type { RequestContext } from '../../shared/context';
import { PERSON_GOLDEN_ATTRIBUTES } from '../store/golden-record';

export interface SystemCounts { system: string; people: number; sourceRecords: number; flaggedValues: number }

export interface DataQualityReport {
  people: number;
  suspectedDuplicateRate: number;
  reviewBacklog: number;
  oldestReviewAgeSeconds: number | null;
  medianReviewAgeSeconds: number | null;
  goldenValues: number;
  goldenValuesWithProvenance: number;
  auditReadiness: number;
  bySystem: SystemCounts[];
  measuredAt: Date;
}

const LIST_ATTRIBUTES = new Set(['emails', 'phones']);

/** One (person, attribute) row per golden value present; a list counts once when it is not empty. */
const GOLDEN_VALUES_SQL = `
  SELECT p.id, a.attribute FROM "Person" p
  CROSS JOIN LATERAL (VALUES ${PERSON_GOLDEN_ATTRIBUTES.map((attr) => `('${attr}', ${LIST_ATTRIBUTES.has(attr) ? `cardinality(p."${attr}") > 0` : `p."${attr}" IS NOT NULL`})`).join(', ')}) AS a(attribute, present)
  WHERE p."mergedIntoId" IS NULL AND a.present`;

type Num = number | string | null;

export async function getDataQuality(ctx: RequestContext): Promise<DataQualityReport> {
  const raw = ctx.db.raw;
  const [people] = await raw.query<{ people: Num; rate: Num }>(`SELECT (SELECT COUNT(*) FROM "Person" WHERE "mergedIntoId" IS NULL) AS people, ${SUSPECTED_DUPLICATE_RATE_SQL} AS rate`);
  const [reviews] = await raw.query<{ backlog: Num; oldest: Num; median: Num }>(`
    SELECT COUNT(*) AS backlog,
      EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC' - MIN("createdAt")))::float8 AS oldest,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC' - "createdAt"))::float8) AS median
    FROM "MatchReview" WHERE "status" = 'PENDING'`);
  // Complete provenance: a provenance entry for the value whose eventId the audit log holds.
  const [audit] = await raw.query<{ total: Num; complete: Num }>(`
    WITH v AS (${GOLDEN_VALUES_SQL})
    SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE EXISTS (
      SELECT 1 FROM "Provenance" pr JOIN "AuditEvent" ae ON ae."eventId" = (pr.attributes->v.attribute->>'eventId')::uuid
      WHERE pr."entityType" = 'Person' AND pr."entityId" = v.id)) AS complete
    FROM v`);
  // Flagged values: attributes that failed validation, kept raw under attributes.invalid (lossless intake).
  const bySystem = await raw.query<{ system: string; people: Num; records: Num; flagged: Num }>(`
    SELECT s."system"::text AS system, COUNT(DISTINCT s."personId") AS people, COUNT(*) AS records,
           COALESCE(SUM((SELECT COUNT(*) FROM jsonb_object_keys(CASE WHEN jsonb_typeof(s.attributes->'invalid') = 'object' THEN s.attributes->'invalid' ELSE '{}'::jsonb END))), 0) AS flagged
    FROM "SourceRecord" s JOIN "Person" p ON p.id = s."personId" AND p."mergedIntoId" IS NULL
    GROUP BY s."system" ORDER BY s."system"`);
  const total = Number(audit.total);
  const complete = Number(audit.complete);
  const ageOrNull = (v: Num) => (v === null ? null : Math.max(0, Number(v)));
  return {
    people: Number(people.people),
    suspectedDuplicateRate: Number(people.rate ?? 0),
    reviewBacklog: Number(reviews.backlog),
    oldestReviewAgeSeconds: ageOrNull(reviews.oldest),
    medianReviewAgeSeconds: ageOrNull(reviews.median),
    goldenValues: total,
    goldenValuesWithProvenance: complete,
    // No values at all: nothing is missing provenance.
    auditReadiness: total === 0 ? 1 : complete / total,
    bySystem: bySystem.map((r) => ({ system: r.system, people: Number(r.people), sourceRecords: Number(r.records), flaggedValues: Number(r.flagged) })),
    measuredAt: new Date(),
  };
}
