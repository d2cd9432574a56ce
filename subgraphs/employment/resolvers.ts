import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../shared/context';
import { ownedEntityResolver } from '../shared/owned-entity-resolver';
import { EmploymentStatus } from '../shared/enums';
import { DEFAULT_CHILD_PAGE, firstItems } from '../shared/query-limits';
import { employmentsByManager, employmentsByOrganization, employmentsByPerson, statusHistoryByEmployment } from './loaders';
import { getEmployment, getEmploymentByExternalId, listEmployments, upsertEmployment, visibleEmployments, EMPLOYMENT_ATTRIBUTES } from './service';
import { visiblePersonRef } from '../shared/person-visibility';
import {
  Employment, EmploymentConnection, EmploymentsArgs, EmploymentStatusChange, JobRef, OrganizationRef, PersonRef,
  UpsertEmploymentInput, UpsertEmploymentPayload,
} from './types';

@Resolver(() => Employment)
export class EmploymentResolver extends ownedEntityResolver({
  entity: Employment,
  entityType: 'Employment',
  connection: EmploymentConnection,
  args: EmploymentsArgs,
  names: { one: 'employment', byExternalId: 'employmentByExternalId', list: 'employments' },
  attributes: EMPLOYMENT_ATTRIBUTES,
  get: getEmployment,
  getByExternalId: getEmploymentByExternalId,
  list: listEmployments,
}) {
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
  manager(@Root() e: Employment, @Ctx() ctx: RequestContext): Promise<PersonRef | null> {
    return visiblePersonRef(ctx, e.managerId);
  }

  @FieldResolver(() => [EmploymentStatusChange])
  statusHistory(@Root() e: Employment, @Ctx() ctx: RequestContext) {
    return statusHistoryByEmployment(ctx).load(e.id);
  }
}

@Resolver(() => PersonRef)
export class PersonEmploymentsResolver {
  @FieldResolver(() => [Employment], { description: 'Employments of this person, most recent hire first.' })
  async employments(@Root() p: PersonRef, @Ctx() ctx: RequestContext) {
    return visibleEmployments(ctx, await employmentsByPerson(ctx).load(p.id));
  }

  @FieldResolver(() => [Employment], { description: 'Employments this person manages.' })
  async directReports(@Root() p: PersonRef, @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_CHILD_PAGE, description: 'At most this many (default 20, at most the page size limit).' }) first: number | null, @Ctx() ctx: RequestContext) {
    return firstItems(await visibleEmployments(ctx, await employmentsByManager(ctx).load(p.id)), first, ctx.config.maxPageSize);
  }
}

@Resolver(() => OrganizationRef)
export class OrganizationEmploymentsResolver {
  @FieldResolver(() => [Employment], { description: 'Employments at this organization, optionally by status.' })
  async employments(@Root() o: OrganizationRef, @Arg('status', () => EmploymentStatus, { nullable: true }) status: EmploymentStatus | null, @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_CHILD_PAGE, description: 'At most this many (default 20, at most the page size limit).' }) first: number | null, @Ctx() ctx: RequestContext) {
    const all = await visibleEmployments(ctx, await employmentsByOrganization(ctx).load(o.id));
    return firstItems(status ? all.filter((e) => e.status === status) : all, first, ctx.config.maxPageSize);
  }

  @FieldResolver(() => [PersonRef], { description: 'People employed here (active or on leave unless a status is given).' })
  async employees(@Root() o: OrganizationRef, @Arg('status', () => EmploymentStatus, { nullable: true }) status: EmploymentStatus | null, @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_CHILD_PAGE, description: 'At most this many (default 20, at most the page size limit).' }) first: number | null, @Ctx() ctx: RequestContext) {
    const all = await visibleEmployments(ctx, await employmentsByOrganization(ctx).load(o.id));
    const wanted = status ? [status] : [EmploymentStatus.ACTIVE, EmploymentStatus.ON_LEAVE];
    const ids = [...new Set(all.filter((e) => wanted.includes(e.status)).map((e) => e.personId))];
    return firstItems(ids, first, ctx.config.maxPageSize).map((id) => ({ id }));
  }
}
