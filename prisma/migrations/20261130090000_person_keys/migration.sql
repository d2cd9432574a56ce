-- CreateTable
CREATE TABLE "PersonKey" (
    "personId" UUID NOT NULL,
    "key" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonKey_pkey" PRIMARY KEY ("personId")
);
