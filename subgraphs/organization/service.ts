// Organizations: lookups and the CRM/HRIS-owned upsert.
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import type { RequestContext } from '../shared/context';
import { OrganizationKind, SourceSystem } from '../shared/enums';
import { upsertOwnedRecord } from '../shared/owned-record';
import { paginate, toPageRequest } from '../shared/pagination';
import { countryCode, externalIdSchema, nameSchema, optionalText, uuid, validate } from '../shared/validation';
import { organizationById } from './loaders';
import * as repo from './repository';
import type { UpsertOrganizationInput } from './types';

export const ORGANIZATION_OWNERS = [SourceSystem.CRM, SourceSystem.HRIS] as const;
export const ORGANIZATION_ATTRIBUTES = ['name', 'legalName', 'domain', 'industry', 'kind', 'country', 'region', 'parentId'] as const;

const UpsertSchema = z.object({
  system: z.nativeEnum(SourceSystem),
  externalId: externalIdSchema,
  name: nameSchema,
  legalName: optionalText,
  domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a domain name such as "example.com"').nullish(),
  industry: optionalText,
  kind: z.nativeEnum(OrganizationKind).nullish(),
  country: countryCode,
  region: z.string().regex(/^[A-Z]{2,8}$/, 'must be an upper-case region code such as "EU"').nullish(),
  parentId: uuid.nullish(),
  sourceTimestamp: z.date().nullish(),
  idempotencyKey: z.string().min(1).max(255).nullish(),
});

export function getOrganization(ctx: RequestContext, id: string) {
  return organizationById(ctx).load(id);
}

export function getOrganizationByExternalId(ctx: RequestContext, system: SourceSystem, externalId: string) {
  return repo.findOrganizationByExternalId(ctx.db.prisma, system, externalId);
}

export async function listOrganizations(ctx: RequestContext, first: number | undefined, after: string | null | undefined, filter: repo.OrganizationQuery = {}) {
  const page = toPageRequest(first, after, ctx.config.maxPageSize);
  return paginate(page, ({ take, afterId }) => repo.findOrganizationsPage(ctx.db.prisma, filter, take, afterId));
}

export async function upsertOrganization(ctx: RequestContext, raw: UpsertOrganizationInput) {
  const input = validate(UpsertSchema, raw);
  const fields = {
    name: input.name,
    legalName: input.legalName ?? null,
    domain: input.domain?.toLowerCase() ?? null,
    industry: input.industry ?? null,
    kind: input.kind ?? OrganizationKind.EMPLOYER,
    country: input.country ?? null,
    region: input.region ?? null,
    parentId: input.parentId ?? null,
  };
  const result = await upsertOwnedRecord(ctx, {
    entityType: 'Organization',
    ownerSystems: ORGANIZATION_OWNERS,
    input,
    attributes: ORGANIZATION_ATTRIBUTES,
    find: (tx) => repo.findOrganizationByExternalId(tx, input.system, input.externalId),
    create: async (tx, id) => {
      await assertParent(tx, fields.parentId, id);
      return repo.createOrganization(tx, { id, system: input.system, externalId: input.externalId, ...fields });
    },
    update: async (tx, existing) => {
      await assertParent(tx, fields.parentId, existing.id);
      return repo.updateOrganization(tx, existing.id, fields);
    },
  });
  return { organization: result.record, created: result.created, changedAttributes: result.changedAttributes };
}

async function assertParent(tx: Parameters<typeof repo.findOrganizationsByIds>[0], parentId: string | null, selfId: string) {
  if (!parentId) return;
  if (parentId === selfId) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'An organization cannot be its own parent', { field: 'parentId' });
  const [parent] = await repo.findOrganizationsByIds(tx, [parentId]);
  if (!parent) throw new DomainError(ErrorCode.REFERENCE_NOT_FOUND, 'Parent organization not found', { field: 'parentId', id: parentId });
}
