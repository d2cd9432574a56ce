-- A paused subscription keeps collecting its deliveries (the dispatcher skips them until it is active
-- again, then sends them in order); only removing the subscription stops the fan-out.
CREATE OR REPLACE FUNCTION "webhook_fan_out"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "WebhookDelivery" ("subscriptionId", "eventSeq", "eventId", "eventType", "aggregateId")
  SELECT s."id", NEW."seq", NEW."eventId", NEW."type", NEW."aggregateId"
    FROM "WebhookSubscription" s
   WHERE cardinality(s."eventTypes") = 0 OR NEW."type" = ANY (s."eventTypes");
  RETURN NULL;
END $$;
