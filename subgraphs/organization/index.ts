import type { SubgraphModule } from '../shared/factory';
import { OrganizationResolver } from './resolvers';
import { getOrganization } from './service';

export const organizationSubgraph: SubgraphModule = {
  name: 'organization',
  resolvers: [OrganizationResolver],
  references: { Organization: (ref, ctx) => getOrganization(ctx, ref.id) },
};
