// Person.consents and the updateConsent mutation.
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { consentAttribute } from '../../../core/privacy/purposes';
import type { RequestContext } from '../../shared/context';
import { ConsentStatus } from '../../shared/enums';
import { AttributeProvenance, getProvenance } from '../../shared/provenance';
import { consentsByPerson, updateConsent } from '../use-cases/consents';
import { Person } from './person.types';

@ObjectType({ description: "A person's consent to one purpose of processing." })
export class Consent {
  @Field({ description: 'MARKETING, TALENT_POOL, ANALYTICS, NEWSLETTER.' }) purpose!: string;
  @Field(() => ConsentStatus) status!: ConsentStatus;
  @Field({ description: 'CONSENT, CONTRACT, LEGAL_OBLIGATION, VITAL_INTEREST, PUBLIC_TASK or LEGITIMATE_INTEREST.' }) legalBasis!: string;
  @Field(() => Date, { description: 'When the person gave or withdrew it.' }) capturedAt!: Date;
  @Field({ description: 'Where it was captured (form, system, document).' }) source!: string;
  personId?: string;
}

@InputType()
export class UpdateConsentInput {
  @Field(() => ID) personId!: string;
  @Field() purpose!: string;
  @Field(() => ConsentStatus) status!: ConsentStatus;
  @Field() legalBasis!: string;
  @Field() source!: string;
  @Field(() => Date, { nullable: true, description: 'Defaults to now. An older capture than the stored one changes nothing.' }) capturedAt?: Date | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@ObjectType()
export class UpdateConsentPayload {
  @Field(() => ID) personId!: string;
  @Field() purpose!: string;
  @Field({ description: 'False when the consent was already recorded so, or a later capture is stored.' }) changed!: boolean;
  @Field(() => Consent) consent!: Consent;
}

@Resolver(() => Consent)
export class ConsentResolver {
  @FieldResolver(() => AttributeProvenance, { nullable: true, description: 'Who recorded this consent, from which source, and its history.' })
  provenance(@Root() c: Consent, @Ctx() ctx: RequestContext) {
    return c.personId ? getProvenance(ctx, 'Person', c.personId, consentAttribute(c.purpose)) : null;
  }

  @Mutation(() => UpdateConsentPayload, { description: 'Record that a person granted, withdrew or denied consent to a purpose.' })
  updateConsent(@Arg('input', () => UpdateConsentInput) input: UpdateConsentInput, @Ctx() ctx: RequestContext) {
    return updateConsent(ctx, input);
  }
}

@Resolver(() => Person)
export class PersonConsentsResolver {
  @FieldResolver(() => [Consent], { description: 'Consents by purpose.' })
  consents(@Root() person: Person, @Ctx() ctx: RequestContext) {
    return consentsByPerson(ctx).load(person.id);
  }
}
