-- CreateEnum
CREATE TYPE "SourceSystem" AS ENUM ('CRM', 'ATS', 'HRIS', 'STEWARD');

-- CreateEnum
CREATE TYPE "CandidateStatus" AS ENUM ('NONE', 'PROSPECT', 'APPLICANT', 'INTERVIEWING', 'OFFERED', 'HIRED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "EmployeeStatus" AS ENUM ('NONE', 'PRE_HIRE', 'ACTIVE', 'ON_LEAVE', 'TERMINATED');

-- CreateEnum
CREATE TYPE "CustomerStatus" AS ENUM ('NONE', 'LEAD', 'CONTACT', 'CUSTOMER', 'FORMER');

-- CreateEnum
CREATE TYPE "DeletionPolicy" AS ENUM ('STANDARD', 'LEGAL_HOLD', 'TALENT_POOL', 'ERASED');

-- CreateEnum
CREATE TYPE "LinkType" AS ENUM ('DETERMINISTIC', 'AUTOMATIC', 'MANUAL', 'NEW');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('PENDING', 'SAME_PERSON', 'DIFFERENT_PEOPLE', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "MatchConstraintKind" AS ENUM ('CANNOT_LINK', 'MUST_LINK');

-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('EMPLOYER', 'CUSTOMER', 'PARTNER', 'SUPPLIER');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('DRAFT', 'OPEN', 'ON_HOLD', 'FILLED', 'CLOSED');

-- CreateEnum
CREATE TYPE "EmploymentStatus" AS ENUM ('PENDING', 'ACTIVE', 'ON_LEAVE', 'TERMINATED');

-- CreateEnum
CREATE TYPE "OfferStatus" AS ENUM ('DRAFT', 'EXTENDED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ConsentStatus" AS ENUM ('GRANTED', 'WITHDRAWN', 'DENIED');

-- CreateEnum
CREATE TYPE "IdempotencyStatus" AS ENUM ('IN_PROGRESS', 'COMPLETED');

-- CreateEnum
CREATE TYPE "LegalIdentifierKind" AS ENUM ('NATIONAL_ID', 'PASSPORT');

-- CreateTable
CREATE TABLE "Person" (
    "id" UUID NOT NULL,
    "legalName" TEXT,
    "givenName" TEXT,
    "middleName" TEXT,
    "familyName" TEXT,
    "preferredName" TEXT,
    "primaryEmail" TEXT,
    "emails" TEXT[],
    "phones" TEXT[],
    "birthDate" DATE,
    "nationality" TEXT,
    "preferredLanguage" TEXT,
    "street" TEXT,
    "city" TEXT,
    "postcode" TEXT,
    "country" TEXT,
    "region" TEXT,
    "candidateStatus" "CandidateStatus" NOT NULL DEFAULT 'NONE',
    "employeeStatus" "EmployeeStatus" NOT NULL DEFAULT 'NONE',
    "customerStatus" "CustomerStatus" NOT NULL DEFAULT 'NONE',
    "deletionPolicy" "DeletionPolicy" NOT NULL DEFAULT 'STANDARD',
    "mergedIntoId" UUID,
    "mergedAt" TIMESTAMP(3),
    "erasedAt" TIMESTAMP(3),
    "lastActivityAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceRecord" (
    "id" UUID NOT NULL,
    "system" "SourceSystem" NOT NULL,
    "sourceId" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "attributes" JSONB NOT NULL,
    "features" JSONB NOT NULL,
    "payloadHash" TEXT NOT NULL,
    "sourceTimestamp" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "linkType" "LinkType" NOT NULL,
    "linkKey" TEXT,
    "matchScore" DOUBLE PRECISION,
    "erasedAt" TIMESTAMP(3),

    CONSTRAINT "SourceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlockingKey" (
    "key" TEXT NOT NULL,
    "sourceRecordId" UUID NOT NULL,
    "personId" UUID NOT NULL,

    CONSTRAINT "BlockingKey_pkey" PRIMARY KEY ("key", "sourceRecordId")
);

-- CreateTable
CREATE TABLE "ExternalId" (
    "id" UUID NOT NULL,
    "system" "SourceSystem" NOT NULL,
    "value" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "linkedBy" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExternalId_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalIdentifier" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "sourceRecordId" UUID,
    "kind" "LegalIdentifierKind" NOT NULL,
    "blindIndex" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "nonce" BYTEA NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "authTag" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LegalIdentifier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Provenance" (
    "id" UUID NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" UUID NOT NULL,
    "attribute" TEXT NOT NULL,
    "value" JSONB,
    "system" "SourceSystem",
    "sourceRecordId" UUID,
    "sourceId" TEXT,
    "sourceTimestamp" TIMESTAMP(3),
    "rule" TEXT NOT NULL,
    "eventId" UUID NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "candidates" JSONB NOT NULL,

    CONSTRAINT "Provenance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchReview" (
    "id" UUID NOT NULL,
    "sourceRecordId" UUID NOT NULL,
    "candidatePersonId" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "explanation" JSONB NOT NULL,
    "status" "ReviewStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "reason" TEXT,

    CONSTRAINT "MatchReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchConstraint" (
    "id" UUID NOT NULL,
    "kind" "MatchConstraintKind" NOT NULL,
    "sourceRecordAId" UUID NOT NULL,
    "sourceRecordBId" UUID NOT NULL,
    "decidedBy" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MatchConstraint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurvivorshipRule" (
    "attribute" TEXT NOT NULL,
    "rule" JSONB NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurvivorshipRule_pkey" PRIMARY KEY ("attribute")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "status" "ConsentStatus" NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "capturedAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "system" "SourceSystem" NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "legalName" TEXT,
    "domain" TEXT,
    "industry" TEXT,
    "kind" "OrganizationKind" NOT NULL DEFAULT 'EMPLOYER',
    "country" TEXT,
    "region" TEXT,
    "parentId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" UUID NOT NULL,
    "system" "SourceSystem" NOT NULL,
    "externalId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "department" TEXT,
    "location" TEXT,
    "status" "JobStatus" NOT NULL DEFAULT 'OPEN',
    "organizationId" UUID NOT NULL,
    "hiringManagerId" UUID,
    "compensationMin" DECIMAL(12,2),
    "compensationMax" DECIMAL(12,2),
    "compensationCurrency" TEXT,
    "requiredSkills" TEXT[],
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Employment" (
    "id" UUID NOT NULL,
    "system" "SourceSystem" NOT NULL,
    "externalId" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "jobId" UUID,
    "managerId" UUID,
    "title" TEXT,
    "department" TEXT,
    "employeeNumber" TEXT,
    "status" "EmploymentStatus" NOT NULL DEFAULT 'PENDING',
    "hireDate" DATE,
    "endDate" DATE,
    "salary" DECIMAL(12,2),
    "currency" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Employment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmploymentStatusChange" (
    "id" UUID NOT NULL,
    "employmentId" UUID NOT NULL,
    "fromStatus" "EmploymentStatus",
    "toStatus" "EmploymentStatus" NOT NULL,
    "effectiveAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmploymentStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Offer" (
    "id" UUID NOT NULL,
    "system" "SourceSystem" NOT NULL,
    "externalId" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "jobId" UUID NOT NULL,
    "status" "OfferStatus" NOT NULL DEFAULT 'DRAFT',
    "salary" DECIMAL(12,2),
    "currency" TEXT,
    "startDate" DATE,
    "extendedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Offer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" BIGSERIAL NOT NULL,
    "eventId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "correlationId" TEXT NOT NULL,
    "causationId" TEXT,
    "sourceSystem" "SourceSystem",
    "actorId" TEXT NOT NULL,
    "reasonCode" TEXT,
    "entityType" TEXT NOT NULL,
    "entityId" UUID NOT NULL,
    "attribute" TEXT,
    "oldValue" JSONB,
    "newValue" JSONB,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "OutboxEvent" (
    "seq" BIGSERIAL NOT NULL,
    "eventId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "aggregateType" TEXT NOT NULL,
    "aggregateId" UUID NOT NULL,
    "payload" JSONB NOT NULL,
    "correlationId" TEXT NOT NULL,
    "causationId" TEXT,
    "actorId" TEXT NOT NULL,
    "sourceSystem" "SourceSystem",
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" "IdempotencyStatus" NOT NULL,
    "response" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("scope", "key")
);

-- CreateTable
CREATE TABLE "InboxEvent" (
    "consumer" TEXT NOT NULL,
    "eventId" UUID NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboxEvent_pkey" PRIMARY KEY ("consumer", "eventId")
);

-- CreateTable
CREATE TABLE "AccessLog" (
    "id" BIGSERIAL NOT NULL,
    "actorId" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "purpose" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErasureTombstone" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "keyHashes" TEXT[],
    "reason" TEXT NOT NULL,
    "erasedBy" TEXT NOT NULL,
    "erasedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ErasureTombstone_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Person_mergedIntoId_idx" ON "Person"("mergedIntoId");

-- CreateIndex
CREATE INDEX "Person_familyName_givenName_idx" ON "Person"("familyName", "givenName");

-- CreateIndex
CREATE INDEX "Person_primaryEmail_idx" ON "Person"("primaryEmail");

-- CreateIndex
CREATE INDEX "Person_createdAt_id_idx" ON "Person"("createdAt", "id");

-- CreateIndex
CREATE INDEX "SourceRecord_personId_idx" ON "SourceRecord"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "SourceRecord_system_sourceId_key" ON "SourceRecord"("system", "sourceId");

-- CreateIndex
CREATE INDEX "BlockingKey_sourceRecordId_idx" ON "BlockingKey"("sourceRecordId");

-- CreateIndex
CREATE INDEX "BlockingKey_personId_idx" ON "BlockingKey"("personId");

-- CreateIndex
CREATE INDEX "ExternalId_personId_idx" ON "ExternalId"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalId_system_value_key" ON "ExternalId"("system", "value");

-- CreateIndex
CREATE INDEX "LegalIdentifier_blindIndex_idx" ON "LegalIdentifier"("blindIndex");

-- CreateIndex
CREATE INDEX "LegalIdentifier_personId_idx" ON "LegalIdentifier"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Provenance_entityType_entityId_attribute_key" ON "Provenance"("entityType", "entityId", "attribute");

-- CreateIndex
CREATE INDEX "MatchReview_status_createdAt_idx" ON "MatchReview"("status", "createdAt");

-- CreateIndex
CREATE INDEX "MatchReview_sourceRecordId_idx" ON "MatchReview"("sourceRecordId");

-- CreateIndex
CREATE INDEX "MatchConstraint_sourceRecordBId_idx" ON "MatchConstraint"("sourceRecordBId");

-- CreateIndex
CREATE UNIQUE INDEX "MatchConstraint_kind_sourceRecordAId_sourceRecordBId_key" ON "MatchConstraint"("kind", "sourceRecordAId", "sourceRecordBId");

-- CreateIndex
CREATE UNIQUE INDEX "Consent_personId_purpose_key" ON "Consent"("personId", "purpose");

-- CreateIndex
CREATE INDEX "Organization_name_idx" ON "Organization"("name");

-- CreateIndex
CREATE INDEX "Organization_parentId_idx" ON "Organization"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_system_externalId_key" ON "Organization"("system", "externalId");

-- CreateIndex
CREATE INDEX "Job_organizationId_idx" ON "Job"("organizationId");

-- CreateIndex
CREATE INDEX "Job_status_idx" ON "Job"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Job_system_externalId_key" ON "Job"("system", "externalId");

-- CreateIndex
CREATE INDEX "Employment_personId_idx" ON "Employment"("personId");

-- CreateIndex
CREATE INDEX "Employment_organizationId_idx" ON "Employment"("organizationId");

-- CreateIndex
CREATE INDEX "Employment_jobId_idx" ON "Employment"("jobId");

-- CreateIndex
CREATE INDEX "Employment_managerId_idx" ON "Employment"("managerId");

-- CreateIndex
CREATE UNIQUE INDEX "Employment_system_externalId_key" ON "Employment"("system", "externalId");

-- CreateIndex
CREATE INDEX "EmploymentStatusChange_employmentId_effectiveAt_idx" ON "EmploymentStatusChange"("employmentId", "effectiveAt");

-- CreateIndex
CREATE INDEX "Offer_personId_idx" ON "Offer"("personId");

-- CreateIndex
CREATE INDEX "Offer_jobId_idx" ON "Offer"("jobId");

-- CreateIndex
CREATE UNIQUE INDEX "Offer_system_externalId_key" ON "Offer"("system", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_eventId_key" ON "AuditEvent"("eventId");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_seq_idx" ON "AuditEvent"("entityType", "entityId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_correlationId_idx" ON "AuditEvent"("correlationId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEvent_eventId_key" ON "OutboxEvent"("eventId");

-- CreateIndex
CREATE INDEX "OutboxEvent_publishedAt_seq_idx" ON "OutboxEvent"("publishedAt", "seq");

-- CreateIndex
CREATE INDEX "OutboxEvent_aggregateId_seq_idx" ON "OutboxEvent"("aggregateId", "seq");

-- CreateIndex
CREATE INDEX "IdempotencyKey_expiresAt_idx" ON "IdempotencyKey"("expiresAt");

-- CreateIndex
CREATE INDEX "AccessLog_personId_at_idx" ON "AccessLog"("personId", "at");

-- CreateIndex
CREATE INDEX "AccessLog_actorId_at_idx" ON "AccessLog"("actorId", "at");

-- CreateIndex
CREATE INDEX "ErasureTombstone_personId_idx" ON "ErasureTombstone"("personId");

-- CreateIndex
CREATE INDEX "ErasureTombstone_keyHashes_idx" ON "ErasureTombstone" USING GIN("keyHashes");

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceRecord" ADD CONSTRAINT "SourceRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlockingKey" ADD CONSTRAINT "BlockingKey_sourceRecordId_fkey" FOREIGN KEY ("sourceRecordId") REFERENCES "SourceRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlockingKey" ADD CONSTRAINT "BlockingKey_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalId" ADD CONSTRAINT "ExternalId_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalIdentifier" ADD CONSTRAINT "LegalIdentifier_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Employment" ADD CONSTRAINT "Employment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Employment" ADD CONSTRAINT "Employment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Employment" ADD CONSTRAINT "Employment_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Employment" ADD CONSTRAINT "Employment_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmploymentStatusChange" ADD CONSTRAINT "EmploymentStatusChange_employmentId_fkey" FOREIGN KEY ("employmentId") REFERENCES "Employment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The audit log is append-only: the database itself refuses to change or remove an entry.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'P0001';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
