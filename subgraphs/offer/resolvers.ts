import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../shared/context';
import { AttributeProvenance, attributeEnum, getProvenance } from '../shared/provenance';
import { SourceSystem } from '../shared/enums';
import { offersByJob, offersByPerson } from './loaders';
import { getOffer, getOfferByExternalId, listOffers, upsertOffer, OFFER_ATTRIBUTES } from './service';
import { JobRef, Offer, OfferConnection, OffersArgs, PersonRef, UpsertOfferInput, UpsertOfferPayload } from './types';

export const OfferAttribute = attributeEnum('OfferAttribute', OFFER_ATTRIBUTES);

@Resolver(() => Offer)
export class OfferResolver {
  @FieldResolver(() => AttributeProvenance, { nullable: true, description: 'Where the current value of the attribute came from, and its history.' })
  provenance(@Root() record: Offer, @Arg('attribute', () => OfferAttribute) attribute: string, @Ctx() ctx: RequestContext) {
    return getProvenance(ctx, 'Offer', record.id, attribute);
  }

  @Query(() => Offer, { nullable: true })
  offer(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return getOffer(ctx, id);
  }

  @Query(() => Offer, { nullable: true })
  offerByExternalId(@Arg('system', () => SourceSystem) system: SourceSystem, @Arg('externalId') externalId: string, @Ctx() ctx: RequestContext) {
    return getOfferByExternalId(ctx, system, externalId);
  }

  @Query(() => OfferConnection)
  offers(@Args() { first, after, filter }: OffersArgs, @Ctx() ctx: RequestContext) {
    return listOffers(ctx, first, after, filter ?? {});
  }

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
  offers(@Root() p: PersonRef, @Ctx() ctx: RequestContext) {
    return offersByPerson(ctx).load(p.id);
  }
}

@Resolver(() => JobRef)
export class JobOffersResolver {
  @FieldResolver(() => [Offer])
  offers(@Root() j: JobRef, @Ctx() ctx: RequestContext) {
    return offersByJob(ctx).load(j.id);
  }
}
