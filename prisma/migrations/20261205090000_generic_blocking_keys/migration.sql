-- Blocking keys marked generic: once more than MAX_BLOCK_RECORDS records are stored under a key (a given
-- initial + a common family name in a large hub), it finds no candidates, and ingest reads none of its
-- rows from then on. The mark is the key's 64-bit hash (hashtextextended(key, 0), as on the source
-- record); ingest writes it when a batch leaves a key above the limit. Keys already that large are
-- marked the first time a record reads them.
CREATE TABLE "GenericBlockingKey" (
    "hash" BIGINT NOT NULL,
    "markedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GenericBlockingKey_pkey" PRIMARY KEY ("hash")
);
