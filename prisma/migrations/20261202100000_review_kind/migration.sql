-- A record that matches an erased identity gets a review task of its own kind: the erased person is the
-- suggested one, and the steward decides whether the record may be kept.
CREATE TYPE "ReviewKind" AS ENUM ('PROBABLE_MATCH', 'ERASED_IDENTITY');
ALTER TABLE "MatchReview" ADD COLUMN "kind" "ReviewKind" NOT NULL DEFAULT 'PROBABLE_MATCH';
