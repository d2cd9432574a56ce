// The five subgraphs, by name.
import 'reflect-metadata';
import type { SubgraphName } from '../platform/config';
import { employmentSubgraph } from './employment';
import { jobSubgraph } from './job';
import { offerSubgraph } from './offer';
import { organizationSubgraph } from './organization';
import { personSubgraph } from './person';
import type { SubgraphModule } from './shared/factory';

export const SUBGRAPHS: Record<SubgraphName, SubgraphModule> = {
  person: personSubgraph,
  organization: organizationSubgraph,
  job: jobSubgraph,
  employment: employmentSubgraph,
  offer: offerSubgraph,
};
