import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../shared/context';
import { AttributeProvenance, attributeEnum, getProvenance } from '../shared/provenance';
import { EmploymentStatus, SourceSystem } from '../shared/enums';
import { employmentsByManager, employmentsByOrganization, employmentsByPerson, statusHistoryByEmployment } from './loaders';
import { getEmployment, getEmploymentByExternalId, listEmployments, upsertEmployment, EMPLOYMENT_ATTRIBUTES } from './service';
import {
  Employment, EmploymentConnection, EmploymentsArgs, EmploymentStatusChange, JobRef, OrganizationRef, PersonRef,
  UpsertEmploymentInput, UpsertEmploymentPayload,
} from './types';

export const EmploymentAttribute = attributeEnum('EmploymentAttribute', EMPLOYMENT_ATTRIBUTES);

@Resolver(() => Employment)
export class EmploymentResolver {
  @FieldResolver(() => AttributeProvenance, { nullable: true, description: 'Where the current value of the attribute came from, and its history.' })
  provenance(@Root() record: Employment, @Arg('attribute', () => EmploymentAttribute) attribute: string, @Ctx() ctx: RequestContext) {
    return getProvenance(ctx, 'Employment', record.id, attribute);
  }

  @Query(() => Employment, { nullable: true })
  employment(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return getEmployment(ctx, id);
  }

  @Query(() => Employment, { nullable: true })
  employmentByExternalId(@Arg('system', () => SourceSystem) system: SourceSystem, @Arg('externalId') externalId: string, @Ctx() ctx: RequestContext) {
    return getEmploymentByExternalId(ctx, system, externalId);
  }

  @Query(() => EmploymentConnection)
  employments(@Args() { first, after, filter }: EmploymentsArgs, @Ctx() ctx: RequestContext) {
    return listEmployments(ctx, first, after, filter ?? {});
  }

  @Mutation(() => UpsertEmploymentPayload, { description: 'Create or update an employment owned by the HRIS.' })
  upsertEmployment(@Arg('input', () => UpsertEmploymentInput) input: UpsertEmploymentInput, @Ctx() ctx: RequestContext) {
    return upsertEmployment(ctx, input);
  }

  @FieldResolver(() => PersonRef)
  person(@Root() e: Employment): PersonRef {
    return { id: e.personId };
  }

  @FieldResolver(() => OrganizationRef)
  organization(@Root() e: Employment): OrganizationRef {
    return { id: e.organizationId };
  }

  @FieldResolver(() => JobRef, { nullable: true })
  job(@Root() e: Employment): JobRef | null {
    return e.jobId ? { id: e.jobId } : null;
  }

  @FieldResolver(() => PersonRef, { nullable: true })
  manager(@Root() e: Employment): PersonRef | null {
    return e.managerId ? { id: e.managerId } : null;
  }

  @FieldResolver(() => [EmploymentStatusChange])
  statusHistory(@Root() e: Employment, @Ctx() ctx: RequestContext) {
    return statusHistoryByEmployment(ctx).load(e.id);
  }
}

@Resolver(() => PersonRef)
export class PersonEmploymentsResolver {
  @FieldResolver(() => [Employment], { description: 'Employments of this person, most recent hire first.' })
  employments(@Root() p: PersonRef, @Ctx() ctx: RequestContext) {
    return employmentsByPerson(ctx).load(p.id);
  }

  @FieldResolver(() => [Employment], { description: 'Employments this person manages.' })
  directReports(@Root() p: PersonRef, @Ctx() ctx: RequestContext) {
    return employmentsByManager(ctx).load(p.id);
  }
}

@Resolver(() => OrganizationRef)
export class OrganizationEmploymentsResolver {
  @FieldResolver(() => [Employment], { description: 'Employments at this organization, optionally by status.' })
  async employments(@Root() o: OrganizationRef, @Arg('status', () => EmploymentStatus, { nullable: true }) status: EmploymentStatus | null, @Ctx() ctx: RequestContext) {
    const all = await employmentsByOrganization(ctx).load(o.id);
    return status ? all.filter((e) => e.status === status) : all;
  }

  @FieldResolver(() => [PersonRef], { description: 'People employed here (active or on leave unless a status is given).' })
  async employees(@Root() o: OrganizationRef, @Arg('status', () => EmploymentStatus, { nullable: true }) status: EmploymentStatus | null, @Ctx() ctx: RequestContext) {
    const all = await employmentsByOrganization(ctx).load(o.id);
    const wanted = status ? [status] : [EmploymentStatus.ACTIVE, EmploymentStatus.ON_LEAVE];
    const ids = [...new Set(all.filter((e) => wanted.includes(e.status)).map((e) => e.personId))];
    return ids.map((id) => ({ id }));
  }
}
