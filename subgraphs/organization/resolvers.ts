import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../shared/context';
import { ownedEntityResolver } from '../shared/owned-entity-resolver';

import { organizationById } from './loaders';
import { getOrganization, getOrganizationByExternalId, listOrganizations, upsertOrganization, ORGANIZATION_ATTRIBUTES } from './service';
import { Organization, OrganizationConnection, OrganizationsArgs, UpsertOrganizationInput, UpsertOrganizationPayload } from './types';

@Resolver(() => Organization)
export class OrganizationResolver extends ownedEntityResolver({
  entity: Organization,
  entityType: 'Organization',
  connection: OrganizationConnection,
  args: OrganizationsArgs,
  names: { one: 'organization', byExternalId: 'organizationByExternalId', list: 'organizations' },
  attributes: ORGANIZATION_ATTRIBUTES,
  get: getOrganization,
  getByExternalId: getOrganizationByExternalId,
  list: listOrganizations,
}) {
  @Mutation(() => UpsertOrganizationPayload, { description: 'Create or update an organization owned by the CRM or the HRIS.' })
  upsertOrganization(@Arg('input', () => UpsertOrganizationInput) input: UpsertOrganizationInput, @Ctx() ctx: RequestContext) {
    return upsertOrganization(ctx, input);
  }

  @FieldResolver(() => Organization, { nullable: true })
  parent(@Root() org: Organization, @Ctx() ctx: RequestContext) {
    return org.parentId ? organizationById(ctx).load(org.parentId) : null;
  }
}
