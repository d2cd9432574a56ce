-- AlterTable
ALTER TABLE "OutboxEvent" ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);
