-- CreateTable
CREATE TABLE "ReconciliationRun" (
    "id" UUID NOT NULL,
    "system" "SourceSystem" NOT NULL,
    "file" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "counts" JSONB NOT NULL,
    "applied" BOOLEAN NOT NULL,
    "appliedRows" INTEGER NOT NULL,
    "actorId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReconciliationRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReconciliationRun_system_finishedAt_idx" ON "ReconciliationRun"("system", "finishedAt");
