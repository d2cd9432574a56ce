// The person subgraph: golden people, identity resolution, stewardship, privacy and the audit log.
// One scheme, one place per thing:
//   graphql/    the GraphQL shapes (<area>.types.ts) and thin resolvers (<area>.resolver.ts): unpack
//               arguments, call a use case or a loader
//   use-cases/  one file per use case (a mutation or a read with rules): ingest-record, merge-people,
//               match-reviews, erase-person, consents, retention, reconciliation, audit-log, events, …
//   store/      the SQL and Prisma code the use cases share: the ingest store (view + set-based plan
//               execution), people and crosswalk queries, golden-record writes, legal identifiers,
//               match models, per-request loaders
// Pure rules (matching, survivorship, privacy) live in core/.
import type { SubgraphModule } from '../shared/factory';
import { PersonResolver } from './graphql/person.resolver';
import { IdentityResolver, MatchReviewResolver, PersonProvenanceResolver, SourceRecordResolver } from './graphql/identity.resolver';
import { EventsResolver } from './graphql/events.resolver';
import { DataQualityResolver } from './graphql/data-quality.resolver';
import { LegalIdentifierResolver, PersonLegalIdentifiersResolver } from './graphql/legal-identifiers.resolver';
import { ConsentResolver, PersonConsentsResolver } from './graphql/consents.resolver';
import { ErasureResolver } from './graphql/erasure.resolver';
import { AccessLogResolver } from './graphql/access-log.resolver';
import { WebhookSubscriptionResolver } from './graphql/webhooks.resolver';
import { AuditVerificationResolver } from './graphql/audit-verification.resolver';
import { getPerson } from './use-cases/read-people';

export const personSubgraph: SubgraphModule = {
  name: 'person',
  resolvers: [PersonResolver, IdentityResolver, PersonProvenanceResolver, SourceRecordResolver, MatchReviewResolver, EventsResolver, DataQualityResolver, PersonLegalIdentifiersResolver, LegalIdentifierResolver, PersonConsentsResolver, ConsentResolver, ErasureResolver, AccessLogResolver, WebhookSubscriptionResolver, AuditVerificationResolver],
  references: { Person: (ref, ctx) => getPerson(ctx, ref.id) },
};
