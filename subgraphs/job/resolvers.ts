import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../shared/context';
import { ownedEntityResolver } from '../shared/owned-entity-resolver';
import { JobStatus } from '../shared/enums';
import { DEFAULT_CHILD_PAGE, firstItems } from '../shared/query-limits';
import { jobsByOrganization } from './loaders';
import { getJob, getJobByExternalId, listJobs, upsertJob, JOB_ATTRIBUTES } from './service';
import { visiblePersonRef } from '../shared/person-visibility';
import { CompensationBand, Job, JobConnection, JobsArgs, OrganizationRef, PersonRef, UpsertJobInput, UpsertJobPayload } from './types';

@Resolver(() => Job)
export class JobResolver extends ownedEntityResolver({
  entity: Job,
  entityType: 'Job',
  connection: JobConnection,
  args: JobsArgs,
  names: { one: 'job', byExternalId: 'jobByExternalId', list: 'jobs' },
  attributes: JOB_ATTRIBUTES,
  get: getJob,
  getByExternalId: getJobByExternalId,
  list: listJobs,
}) {
  @Mutation(() => UpsertJobPayload, { description: 'Create or update a requisition owned by the ATS.' })
  upsertJob(@Arg('input', () => UpsertJobInput) input: UpsertJobInput, @Ctx() ctx: RequestContext) {
    return upsertJob(ctx, input);
  }

  @FieldResolver(() => OrganizationRef)
  organization(@Root() job: Job): OrganizationRef {
    return { id: job.organizationId };
  }

  @FieldResolver(() => PersonRef, { nullable: true })
  hiringManager(@Root() job: Job, @Ctx() ctx: RequestContext): Promise<PersonRef | null> {
    return visiblePersonRef(ctx, job.hiringManagerId);
  }

  @FieldResolver(() => CompensationBand, { nullable: true })
  compensation(@Root() job: Job): CompensationBand | null {
    if (job.compensationMin == null && job.compensationMax == null) return null;
    return { min: job.compensationMin as string | null, max: job.compensationMax as string | null, currency: job.compensationCurrency };
  }
}

@Resolver(() => OrganizationRef)
export class OrganizationJobsResolver {
  @FieldResolver(() => [Job], { description: 'Requisitions of this organization, optionally by status.' })
  async jobs(@Root() org: OrganizationRef, @Arg('status', () => JobStatus, { nullable: true }) status: JobStatus | null, @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_CHILD_PAGE, description: 'At most this many (default 20, at most the page size limit).' }) first: number | null, @Ctx() ctx: RequestContext) {
    const jobs = await jobsByOrganization(ctx).load(org.id);
    return firstItems(status ? jobs.filter((j) => j.status === status) : jobs, first, ctx.config.maxPageSize);
  }
}
