-- Provenance becomes one row per entity holding a document of its attributes' entries, instead of one row
-- per attribute: the same content (value, winning source, rule, event, decision time, candidates) in a
-- fifth of the space, with one primary key instead of two indexes. Timestamps are kept as ISO strings at
-- millisecond precision, as the application writes them.
CREATE TABLE "ProvenanceDocument" (
    "entityType" TEXT NOT NULL,
    "entityId" UUID NOT NULL,
    "attributes" JSONB NOT NULL,
    CONSTRAINT "ProvenanceDocument_pkey" PRIMARY KEY ("entityType", "entityId")
);

INSERT INTO "ProvenanceDocument" ("entityType", "entityId", "attributes")
SELECT "entityType", "entityId", jsonb_object_agg(attribute, jsonb_build_object(
    'value', value,
    'system', system,
    'sourceRecordId', "sourceRecordId",
    'sourceId', "sourceId",
    'sourceTimestamp', to_char("sourceTimestamp", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'rule', rule,
    'eventId', "eventId",
    'decidedAt', to_char("decidedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'candidates', candidates))
FROM "Provenance"
GROUP BY "entityType", "entityId";

DROP TABLE "Provenance";
ALTER TABLE "ProvenanceDocument" RENAME TO "Provenance";
ALTER TABLE "Provenance" RENAME CONSTRAINT "ProvenanceDocument_pkey" TO "Provenance_pkey";
