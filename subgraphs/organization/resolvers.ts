import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../shared/context';
import { AttributeProvenance, attributeEnum, getProvenance } from '../shared/provenance';
import { SourceSystem } from '../shared/enums';
import { organizationById } from './loaders';
import { getOrganization, getOrganizationByExternalId, listOrganizations, upsertOrganization, ORGANIZATION_ATTRIBUTES } from './service';
import { Organization, OrganizationConnection, OrganizationsArgs, UpsertOrganizationInput, UpsertOrganizationPayload } from './types';

export const OrganizationAttribute = attributeEnum('OrganizationAttribute', ORGANIZATION_ATTRIBUTES);

@Resolver(() => Organization)
export class OrganizationResolver {
  @FieldResolver(() => AttributeProvenance, { nullable: true, description: 'Where the current value of the attribute came from, and its history.' })
  provenance(@Root() record: Organization, @Arg('attribute', () => OrganizationAttribute) attribute: string, @Ctx() ctx: RequestContext) {
    return getProvenance(ctx, 'Organization', record.id, attribute);
  }

  @Query(() => Organization, { nullable: true })
  organization(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return getOrganization(ctx, id);
  }

  @Query(() => Organization, { nullable: true })
  organizationByExternalId(@Arg('system', () => SourceSystem) system: SourceSystem, @Arg('externalId') externalId: string, @Ctx() ctx: RequestContext) {
    return getOrganizationByExternalId(ctx, system, externalId);
  }

  @Query(() => OrganizationConnection)
  organizations(@Args() { first, after, filter }: OrganizationsArgs, @Ctx() ctx: RequestContext) {
    return listOrganizations(ctx, first, after, filter ?? {});
  }

  @Mutation(() => UpsertOrganizationPayload, { description: 'Create or update an organization owned by the CRM or the HRIS.' })
  upsertOrganization(@Arg('input', () => UpsertOrganizationInput) input: UpsertOrganizationInput, @Ctx() ctx: RequestContext) {
    return upsertOrganization(ctx, input);
  }

  @FieldResolver(() => Organization, { nullable: true })
  parent(@Root() org: Organization, @Ctx() ctx: RequestContext) {
    return org.parentId ? organizationById(ctx).load(org.parentId) : null;
  }
}
