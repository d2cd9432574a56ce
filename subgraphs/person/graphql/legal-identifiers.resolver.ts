// Person.legalIdentifiers: the kind is visible to whoever may see the list; the plaintext and its last
// four characters are decrypted only when the field rules let the caller see them (core/privacy).
import { Ctx, Field, FieldResolver, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../shared/context';
import { decryptLegalIdentifier, last4Of, listLegalIdentifiers, type LegalIdentifierView } from '../store/legal-identifiers';
import { Person } from './person.types';

export enum LegalIdentifierKind { NATIONAL_ID = 'NATIONAL_ID', PASSPORT = 'PASSPORT' }
registerEnumType(LegalIdentifierKind, { name: 'LegalIdentifierKind' });

@ObjectType({ description: 'A legal identifier of a person (stored encrypted).' })
export class LegalIdentifier {
  @Field(() => LegalIdentifierKind) kind!: LegalIdentifierKind;
}

@Resolver(() => LegalIdentifier)
export class LegalIdentifierResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The identifier in plain text: only with the legal_identifier:read scope.' })
  value(@Root() id: LegalIdentifierView, @Ctx() ctx: RequestContext) {
    return decryptLegalIdentifier(ctx.config.legalIdEncryption, { ...id.row, kind: id.kind });
  }

  @FieldResolver(() => String, { nullable: true, description: 'Its last four characters (`***1234`): with profile read.' })
  last4(@Root() id: LegalIdentifierView, @Ctx() ctx: RequestContext) {
    return last4Of(decryptLegalIdentifier(ctx.config.legalIdEncryption, { ...id.row, kind: id.kind }));
  }
}

@Resolver(() => Person)
export class PersonLegalIdentifiersResolver {
  @FieldResolver(() => [LegalIdentifier], { description: 'National ids and passports that any system sent for this person.' })
  legalIdentifiers(@Root() person: Person, @Ctx() ctx: RequestContext) {
    return listLegalIdentifiers(ctx, person);
  }
}
