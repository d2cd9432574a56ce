import type { SubgraphModule } from '../shared/factory';
import { PersonResolver } from './resolvers';
import { IdentityResolver, MatchReviewResolver, PersonProvenanceResolver, SourceRecordResolver } from './identity.resolver';
import { EventsResolver } from './events.resolver';
import { DataQualityResolver } from './data-quality.resolver';
import { LegalIdentifierResolver, PersonLegalIdentifiersResolver } from './legal-identifiers.resolver';
import { ConsentResolver, PersonConsentsResolver } from './consents.resolver';
import { ErasureResolver } from './erasure.resolver';
import { AccessLogResolver } from './access-log.resolver';
import { WebhookSubscriptionResolver } from './webhooks.resolver';
import { AuditVerificationResolver } from './audit-verification.resolver';
import { getPerson } from './service';

export const personSubgraph: SubgraphModule = {
  name: 'person',
  resolvers: [PersonResolver, IdentityResolver, PersonProvenanceResolver, SourceRecordResolver, MatchReviewResolver, EventsResolver, DataQualityResolver, PersonLegalIdentifiersResolver, LegalIdentifierResolver, PersonConsentsResolver, ConsentResolver, ErasureResolver, AccessLogResolver, WebhookSubscriptionResolver, AuditVerificationResolver],
  references: { Person: (ref, ctx) => getPerson(ctx, ref.id) },
};
