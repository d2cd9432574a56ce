import type { SubgraphModule } from '../shared/factory';
import { JobOffersResolver, OfferResolver, PersonOffersResolver } from './resolvers';
import { getOffer } from './service';

export const offerSubgraph: SubgraphModule = {
  name: 'offer',
  resolvers: [OfferResolver, PersonOffersResolver, JobOffersResolver],
  references: { Offer: (ref, ctx) => getOffer(ctx, ref.id) },
};
