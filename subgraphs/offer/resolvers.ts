import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../shared/context';
import { ownedEntityResolver } from '../shared/owned-entity-resolver';
import { DEFAULT_CHILD_PAGE, firstItems } from '../shared/query-limits';

import { offersByJob, offersByPerson } from './loaders';
import { getOffer, getOfferByExternalId, listOffers, upsertOffer, visibleOffers, OFFER_ATTRIBUTES } from './service';
import { JobRef, Offer, OfferConnection, OffersArgs, PersonRef, UpsertOfferInput, UpsertOfferPayload } from './types';

@Resolver(() => Offer)
export class OfferResolver extends ownedEntityResolver({
  entity: Offer,
  entityType: 'Offer',
  connection: OfferConnection,
  args: OffersArgs,
  names: { one: 'offer', byExternalId: 'offerByExternalId', list: 'offers' },
  attributes: OFFER_ATTRIBUTES,
  get: getOffer,
  getByExternalId: getOfferByExternalId,
  list: listOffers,
}) {
  @Mutation(() => UpsertOfferPayload, { description: 'Create or update an offer owned by the ATS.' })
  upsertOffer(@Arg('input', () => UpsertOfferInput) input: UpsertOfferInput, @Ctx() ctx: RequestContext) {
    return upsertOffer(ctx, input);
  }

  @FieldResolver(() => PersonRef)
  person(@Root() o: Offer): PersonRef {
    return { id: o.personId };
  }

  @FieldResolver(() => JobRef)
  job(@Root() o: Offer): JobRef {
    return { id: o.jobId };
  }
}

@Resolver(() => PersonRef)
export class PersonOffersResolver {
  @FieldResolver(() => [Offer])
  async offers(@Root() p: PersonRef, @Ctx() ctx: RequestContext) {
    return visibleOffers(ctx, await offersByPerson(ctx).load(p.id));
  }
}

@Resolver(() => JobRef)
export class JobOffersResolver {
  @FieldResolver(() => [Offer])
  async offers(@Root() j: JobRef, @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_CHILD_PAGE, description: 'At most this many (default 20, at most the page size limit).' }) first: number | null, @Ctx() ctx: RequestContext) {
    return firstItems(await visibleOffers(ctx, await offersByJob(ctx).load(j.id)), first, ctx.config.maxPageSize);
  }
}
