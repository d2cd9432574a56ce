-- Versioned match models: the Fellegi–Sunter parameters (m, u per comparison level, prior, blockers)
-- the matcher decides with. `peoplegraph match-model train` writes a new version estimated from the
-- hub's own records; at most one version is active, and ingest decides with it (the built-in hand-set
-- model when none is). Every decision's explanation names the version that made it.
CREATE TABLE "MatchModel" (
    "version" INTEGER NOT NULL,
    "parameters" JSONB NOT NULL,
    "trainedOn" INTEGER NOT NULL DEFAULT 0,
    "labelledPairs" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MatchModel_pkey" PRIMARY KEY ("version")
);
