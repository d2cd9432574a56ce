import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../shared/context';
import { AttributeProvenance, attributeEnum, getProvenance } from '../shared/provenance';
import { JobStatus, SourceSystem } from '../shared/enums';
import { jobsByOrganization } from './loaders';
import { getJob, getJobByExternalId, listJobs, upsertJob, JOB_ATTRIBUTES } from './service';
import { CompensationBand, Job, JobConnection, JobsArgs, OrganizationRef, PersonRef, UpsertJobInput, UpsertJobPayload } from './types';

export const JobAttribute = attributeEnum('JobAttribute', JOB_ATTRIBUTES);

@Resolver(() => Job)
export class JobResolver {
  @FieldResolver(() => AttributeProvenance, { nullable: true, description: 'Where the current value of the attribute came from, and its history.' })
  provenance(@Root() record: Job, @Arg('attribute', () => JobAttribute) attribute: string, @Ctx() ctx: RequestContext) {
    return getProvenance(ctx, 'Job', record.id, attribute);
  }

  @Query(() => Job, { nullable: true })
  job(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return getJob(ctx, id);
  }

  @Query(() => Job, { nullable: true })
  jobByExternalId(@Arg('system', () => SourceSystem) system: SourceSystem, @Arg('externalId') externalId: string, @Ctx() ctx: RequestContext) {
    return getJobByExternalId(ctx, system, externalId);
  }

  @Query(() => JobConnection)
  jobs(@Args() { first, after, filter }: JobsArgs, @Ctx() ctx: RequestContext) {
    return listJobs(ctx, first, after, filter ?? {});
  }

  @Mutation(() => UpsertJobPayload, { description: 'Create or update a requisition owned by the ATS.' })
  upsertJob(@Arg('input', () => UpsertJobInput) input: UpsertJobInput, @Ctx() ctx: RequestContext) {
    return upsertJob(ctx, input);
  }

  @FieldResolver(() => OrganizationRef)
  organization(@Root() job: Job): OrganizationRef {
    return { id: job.organizationId };
  }

  @FieldResolver(() => PersonRef, { nullable: true })
  hiringManager(@Root() job: Job): PersonRef | null {
    return job.hiringManagerId ? { id: job.hiringManagerId } : null;
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
  async jobs(@Root() org: OrganizationRef, @Arg('status', () => JobStatus, { nullable: true }) status: JobStatus | null, @Ctx() ctx: RequestContext) {
    const jobs = await jobsByOrganization(ctx).load(org.id);
    return status ? jobs.filter((j) => j.status === status) : jobs;
  }
}
