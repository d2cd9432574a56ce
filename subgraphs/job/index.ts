import type { SubgraphModule } from '../shared/factory';
import { JobResolver, OrganizationJobsResolver } from './resolvers';
import { getJob } from './service';

export const jobSubgraph: SubgraphModule = {
  name: 'job',
  resolvers: [JobResolver, OrganizationJobsResolver],
  references: { Job: (ref, ctx) => getJob(ctx, ref.id) },
};
