-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'DEAD');

-- CreateTable
CREATE TABLE "WebhookSubscription" (
    "id" UUID NOT NULL,
    "consumer" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "eventTypes" TEXT[],
    "secret" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" BIGSERIAL NOT NULL,
    "subscriptionId" UUID NOT NULL,
    "eventSeq" BIGINT NOT NULL,
    "eventId" UUID NOT NULL,
    "eventType" TEXT NOT NULL,
    "aggregateId" UUID NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDeliveryAttempt" (
    "id" BIGSERIAL NOT NULL,
    "deliveryId" BIGINT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CdcCheckpoint" (
    "name" TEXT NOT NULL,
    "system" "SourceSystem" NOT NULL,
    "sourceTable" TEXT NOT NULL,
    "snapshotDone" BOOLEAN NOT NULL DEFAULT false,
    "confirmedLsn" TEXT,
    "lastChange" INTEGER NOT NULL DEFAULT 0,
    "changes" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CdcCheckpoint_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_subscriptionId_aggregateId_eventSeq_idx" ON "WebhookDelivery"("subscriptionId", "aggregateId", "eventSeq");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_subscriptionId_eventSeq_key" ON "WebhookDelivery"("subscriptionId", "eventSeq");

-- CreateIndex
CREATE INDEX "WebhookDeliveryAttempt_deliveryId_idx" ON "WebhookDeliveryAttempt"("deliveryId");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "WebhookSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDeliveryAttempt" ADD CONSTRAINT "WebhookDeliveryAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Fan-out in the writer's transaction: every outbox row gets one delivery per matching active
-- subscription, so a delivery exists exactly when its event committed (no cursor can skip a row whose
-- sequence number committed late). The payload stays in the outbox and is read at send time.
CREATE FUNCTION "webhook_fan_out"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "WebhookDelivery" ("subscriptionId", "eventSeq", "eventId", "eventType", "aggregateId")
  SELECT s."id", NEW."seq", NEW."eventId", NEW."type", NEW."aggregateId"
    FROM "WebhookSubscription" s
   WHERE s."active" AND (cardinality(s."eventTypes") = 0 OR NEW."type" = ANY (s."eventTypes"));
  RETURN NULL;
END $$;

CREATE TRIGGER "OutboxEvent_webhook_fan_out" AFTER INSERT ON "OutboxEvent"
  FOR EACH ROW EXECUTE FUNCTION "webhook_fan_out"();
