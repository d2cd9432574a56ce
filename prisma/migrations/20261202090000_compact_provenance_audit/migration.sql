-- A provenance row whose winner is its only candidate stores no candidates (readers rebuild the one
-- candidate from the row's own columns).
ALTER TABLE "Provenance" ALTER COLUMN "candidates" DROP NOT NULL;
