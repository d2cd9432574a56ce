-- Blocking keys are stored as a 64-bit hash of the key text (hashtextextended(key, 0)) instead of the
-- text itself: candidate lookups compare the hash, and a key row plus its primary-key entry shrink from
-- about 70 bytes of key (an "idv:" key is 68 characters) to 8.
ALTER TABLE "BlockingKey" ALTER COLUMN "key" TYPE BIGINT USING hashtextextended("key", 0);
