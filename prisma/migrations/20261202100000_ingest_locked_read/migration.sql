-- Lock, then read, in one round trip. A read-committed statement reads from the snapshot it took when it
-- started, so a read that must see what the previous holder of a lock committed cannot share a statement
-- with taking that lock; inside a volatile function every statement takes a fresh snapshot, so it can.
-- The ingest store uses it to take its per-key (and per-person) advisory locks and read its view in one
-- statement. `query` must return one text column, reading its parameters from `args` ($1).
CREATE FUNCTION "ingest_locked_read"(shared_lock bigint, lock_keys text[], query text, args jsonb) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  result text;
BEGIN
  IF shared_lock IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock_shared(shared_lock);
  END IF;
  -- In sorted order, as every other taker of these locks (subgraphs/person/store/identity.ts).
  PERFORM pg_advisory_xact_lock(hashtextextended(k, 7)) FROM (SELECT DISTINCT k FROM unnest(lock_keys) AS k ORDER BY k) s;
  EXECUTE query INTO result USING args;
  RETURN result;
END $$;
