-- The audit log without a global lock. A writer no longer links its rows to the head of one chain while
-- holding a lock until commit: each row carries the hash of its own content and the id of the transaction
-- that wrote it, and one sealer chains the rows into seal blocks after they commit (subgraphs/shared/change-log.ts).

-- Rows written before this migration stay chained one by one (their prevHash is set) and fall into the
-- first seal block (txid 0).
ALTER TABLE "AuditEvent" ADD COLUMN "txid" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "AuditEvent" ALTER COLUMN "txid" SET DEFAULT (pg_current_xact_id())::text::bigint;
ALTER TABLE "AuditEvent" ALTER COLUMN "prevHash" DROP NOT NULL;
CREATE INDEX "AuditEvent_txid_seq_idx" ON "AuditEvent"("txid", "seq");

-- A seal block covers every audit row whose transaction id lies in [txidFrom, txidTo): all of them had
-- ended when the block was sealed, so no row can join a block later.
CREATE TABLE "AuditSeal" (
    "block" BIGINT NOT NULL,
    "chain" UUID NOT NULL,
    "txidFrom" BIGINT NOT NULL,
    "txidTo" BIGINT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "totalRows" BIGINT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "sealedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditSeal_pkey" PRIMARY KEY ("block")
);

CREATE FUNCTION "audit_seal_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditSeal is append-only: % is not allowed', TG_OP USING ERRCODE = 'P0001';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditSeal_append_only"
  BEFORE UPDATE OR DELETE ON "AuditSeal"
  FOR EACH ROW EXECUTE FUNCTION "audit_seal_append_only"();

CREATE TRIGGER "AuditSeal_no_truncate"
  BEFORE TRUNCATE ON "AuditSeal"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_seal_append_only"();

-- Position of an outbox event in commit order, given by the sealer once the event's transaction has
-- committed; the `events(after:)` cursor follows it. Events written so far were serialized by the old
-- chain lock, so their sequence already is their commit order.
ALTER TABLE "OutboxEvent" ADD COLUMN "position" BIGINT;
UPDATE "OutboxEvent" SET "position" = "seq";
CREATE UNIQUE INDEX "OutboxEvent_position_key" ON "OutboxEvent"("position");
