import type { SubgraphModule } from '../shared/factory';
import { EmploymentResolver, OrganizationEmploymentsResolver, PersonEmploymentsResolver } from './resolvers';
import { getEmployment } from './service';

export const employmentSubgraph: SubgraphModule = {
  name: 'employment',
  resolvers: [EmploymentResolver, PersonEmploymentsResolver, OrganizationEmploymentsResolver],
  references: { Employment: (ref, ctx) => getEmployment(ctx, ref.id) },
};
