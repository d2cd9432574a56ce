import type { SubgraphModule } from '../shared/factory';
import { PersonResolver } from './resolvers';
import { getPerson } from './service';

export const personSubgraph: SubgraphModule = {
  name: 'person',
  resolvers: [PersonResolver],
  references: { Person: (ref, ctx) => getPerson(ctx, ref.id) },
};
