import type { MatchFeatures } from './types';
import { DEFAULT_MATCH_MODEL, type MatchAttribute, type MatchModel } from './default-match-model';
import { computeJaroWinkler } from './jaro-winkler';
import { computeEditDistance } from './compute-edit-distance';
import { isKnownGivenName, isNicknameOf, nameFormsOf } from './normalize-name';
import { isAdjacentTransposition, isSingleCharacterTypo } from './normalize-date';
import { compareBirthDates, yearsBetween } from './compare-birth-dates';
import { memoizePair } from '../text/memo';

export interface AttributeComparison {
  attribute: MatchAttribute;
  level: string;
  /** log2(m / u); 0 when a side is missing. */
  weight: number;
  detail?: string;
  /** The agreeing value reaches one person (a mobile number), not a household or an office. */
  personal?: boolean;
  /** false: the value agrees, but a namesake could share it just as well, so it corroborates no automatic merge. */
  corroborates?: false;
}

export type MatchBlocker = 'NATIONAL_ID_CONFLICT' | 'BIRTH_DATE_CONFLICT' | 'GENERATION_CONFLICT';

export interface MatchScore {
  /** Posterior match probability; 0 whenever a blocker applies. */
  probability: number;
  /** log2 posterior odds: log2(prior odds) + sum of comparison weights. */
  weight: number;
  comparisons: AttributeComparison[];
  blockers: MatchBlocker[];
}

export interface ScorePairOptions {
  /**
   * Relative frequency (0..1) of a name token among all records, for term-frequency adjusted u of an
   * exact name match: agreeing on "smith" says less than agreeing on "oyelaran". Unknown → model u.
   */
  frequencies?: (token: string, attribute: 'givenName' | 'familyName') => number | undefined;
  /**
   * How many people in the hub, besides the candidate, carry the incoming record's given + family name
   * (term frequency from the hub's own name keys). The hand-set u of a name agreement is that of a name
   * one person carries; a name k others also carry is k + 1 times as likely to agree by chance, so an
   * agreement on it counts log2(k + 1) bits less.
   */
  namesakes?: number;
  /**
   * How many people in the hub, besides the candidate, carry the incoming record's phone (a switchboard,
   * a family landline): an agreement on it counts log2(k + 1) bits less, as a name does.
   */
  phoneSharers?: number;
  /** The same for the record's e-mail address (a role or family mailbox). */
  emailSharers?: number;
  /**
   * How many people in the hub, besides the candidate, work at the record's employer (estimated from
   * the sampled frequency key): colleagues share it, so agreeing on a large employer says little.
   */
  employerSharers?: number;
}

const MISSING = 'missing';

function weighOf(model: MatchModel, attribute: MatchAttribute, level: string, uOverride?: number): number {
  if (level === MISSING) return 0;
  const params = model.attributes[attribute][level];
  if (!params) throw new Error(`match model has no level ${attribute}.${level}`);
  return Math.log2(params.m / (uOverride ?? params.u));
}

/**
 * Fuzzy name level: 'similar' for Jaro–Winkler ≥ 0.92 or one edit (names of 4+ letters),
 * 'somewhatSimilar' for Jaro–Winkler ≥ 0.85 or two edits (5+ letters); null otherwise.
 */
const levelOfNameTypo = memoizePair((a: string, b: string): 'similar' | 'somewhatSimilar' | null => {
  const jw = computeJaroWinkler(a, b);
  const shorter = Math.min(a.length, b.length);
  const edits = shorter >= 4 ? computeEditDistance(a, b) : Infinity;
  if (jw >= 0.92 || edits <= 1) return 'similar';
  if (jw >= 0.85 || (shorter >= 5 && edits <= 2)) return 'somewhatSimilar';
  return null;
});

/**
 * A name the nickname table does not know, one typo from a form of the other name with the same first
 * letter: "Bobvby" for Bobby (Robert), "Pat" as "Paf" (Patrick), "Pma" for Pam (Pamela; two neighbouring
 * letters the wrong way round). Another first letter is another name more often than a typo ("Randy"
 * and Sandy, a form of Alexander; Terry, Jerry, Kerry).
 */
function isTypoOfNameForm(a: string, b: string): boolean {
  if (a.length < 3 || isKnownGivenName(a)) return false;
  return nameFormsOf(b).some((form) => form[0] === a[0] && form.length >= 3 && (computeEditDistance(a, form) <= 1 || isAdjacentTransposition(a, form)));
}

function levelOfGivenName(a: string | null, b: string | null): string {
  if (!a || !b) return MISSING;
  if (a === b) return 'exact';
  return levelOfTwoGivenNames(a, b);
}

const levelOfTwoGivenNames = memoizePair((a: string, b: string): string => {
  if (isNicknameOf(a, b)) return 'nickname';
  const typo = levelOfNameTypo(a, b);
  if (typo === 'similar') return typo;
  if (isTypoOfNameForm(a, b) || isTypoOfNameForm(b, a)) return 'similar';
  if (typo) return typo;
  if ((a.length === 1 || b.length === 1) && a[0] === b[0]) return 'initial';
  return 'different';
});

function levelOfFamilyName(a: MatchFeatures, b: MatchFeatures, swapped: boolean): string {
  const x = a.familyName;
  const y = swapped ? b.givenName : b.familyName;
  if (!x || !y) return MISSING;
  if (x === y) return 'exact';
  const typo = levelOfNameTypo(x, y);
  if (typo === 'similar') return typo;
  if (!swapped && a.familyNameTokens.some((t) => t.length > 1 && b.familyNameTokens.includes(t))) return 'tokenOverlap';
  return typo ?? 'different';
}

function levelOfBirthDate(a: string | null, b: string | null): string {
  if (!a || !b) return MISSING;
  return compareBirthDates(a, b);
}

function levelOfNationalId(a: MatchFeatures, b: MatchFeatures): string {
  if (!a.nationalIdHash || !b.nationalIdHash) return MISSING;
  if (a.nationalIdHash === b.nationalIdHash) return 'exact';
  const near = new Set(a.nationalIdVariantHashes);
  // A deletion variant of one equal to the other's full hash covers insertions and deletions.
  if (near.has(b.nationalIdHash) || b.nationalIdVariantHashes.some((h) => near.has(h) || h === a.nationalIdHash)) return 'oneEdit';
  return 'different';
}

/** German umlauts written out (Mueller) against folded (Muller): a mailbox keeps one, a name field the other. */
const FOLDED_UMLAUT = /(?<=[a-z])(ae|oe|ue)/g;

/** The names a mailbox of this record may be built from: its names, their forms (Pete for Peter), umlauts folded. */
function namesOf(f: MatchFeatures): string[] {
  const names = [f.familyName, f.givenName, ...f.givenNameCanonicals, ...(f.givenName ? nameFormsOf(f.givenName) : []), ...f.familyNameTokens]
    .filter((n): n is string => Boolean(n && n.length >= 3));
  return [...new Set([...names, ...names.map((n) => n.replace(FOLDED_UMLAUT, (m) => m[0])).filter((n) => n.length >= 3)])];
}

/**
 * Two different domains a typo apart: the same top-level domain and names one edit apart, two when the
 * names have six letters or more ("nichols.info" / "nnichls.info"). "ironwood.com" and
 * "ironwoodfoods.com" are two employers.
 */
function isDomainTypo(a: string | null, b: string | null): boolean {
  if (!a || !b || a === b) return false;
  const dot = (d: string) => d.lastIndexOf('.');
  if (a.slice(dot(a)) !== b.slice(dot(b))) return false;
  const x = a.slice(0, dot(a));
  const y = b.slice(0, dot(b));
  return computeEditDistance(x, y) <= (Math.min(x.length, y.length) >= 6 ? 2 : 1);
}

/**
 * Consumer mail providers: an address there is a personal one. An address at any other domain is taken
 * for a work or organisation address.
 */
const CONSUMER_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'ymail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'icloud.com', 'me.com',
  'mac.com', 'aol.com', 'comcast.net', 'verizon.net', 'att.net', 'proton.me', 'protonmail.com', 'mail.com', 'gmx.com', 'zoho.com',
  'yahoo.co.uk', 'hotmail.co.uk', 'live.co.uk', 'outlook.co.uk', 'btinternet.com', 'sky.com', 'virginmedia.com', 'talktalk.net',
  'gmx.de', 'gmx.net', 'web.de', 't-online.de', 'outlook.de', 'hotmail.de', 'yahoo.de', 'posteo.de', 'freenet.de', 'arcor.de',
  'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'laposte.net', 'hotmail.fr', 'yahoo.fr', 'outlook.fr', 'live.fr', 'neuf.fr',
]);

function isConsumerMailbox(f: MatchFeatures): boolean {
  return CONSUMER_MAIL_DOMAINS.has(f.emailDomain ?? '');
}

/**
 * One mailbox name at one domain with other digits appended ("andreasm@contoso.de" / "andreasm790@contoso.de",
 * "dons1975@gmail.com" / "dons2001@gmail.com"): the address a provider or an employer hands to the next
 * person of the name, or a birth year, not a typo.
 */
function isNumberedNamesake(a: MatchFeatures, b: MatchFeatures): boolean {
  if (a.emailDomain !== b.emailDomain || !a.emailLocal || !b.emailLocal) return false;
  const stem = (local: string) => local.replace(/[0-9]+$/, '');
  return stem(a.emailLocal) === stem(b.emailLocal) && stem(a.emailLocal).length >= 3;
}

/**
 * A work address built from the name with one digit after it ("michael.ederdale4@silverline.com"): the
 * employer numbered it because it already had a Michael Ederdale. Two or more digits are as often a
 * birth year or a choice.
 */
function hasNumberedWorkMailbox(f: MatchFeatures): boolean {
  return Boolean(f.emailLocal && !isConsumerMailbox(f) && /(^|[^0-9])[0-9]$/.test(f.emailLocal) && isNameBasedMailbox(f, namesOf(f)));
}

/**
 * Role mailboxes (RFC 2142 and their common kin): they reach whoever holds the role, so colleagues share
 * them.
 */
const ROLE_MAILBOXES: ReadonlySet<string> = new Set([
  'info', 'hr', 'jobs', 'careers', 'recruiting', 'sales', 'support', 'help', 'helpdesk', 'service', 'admin', 'office', 'contact',
  'hello', 'team', 'billing', 'accounts', 'accounting', 'finance', 'marketing', 'press', 'media', 'webmaster', 'postmaster',
  'noreply', 'no-reply', 'enquiries', 'inquiries', 'reception', 'mail', 'kontakt', 'buero', 'bureau', 'accueil', 'rh',
]);

export function isRoleMailbox(f: MatchFeatures): boolean {
  return Boolean(f.emailLocal && ROLE_MAILBOXES.has(f.emailLocal));
}

/** The mailbox name contains one of these names. */
function isNameBasedMailbox(f: MatchFeatures, names: readonly string[]): boolean {
  const letters = (f.emailLocal ?? '').replace(/[^a-z]/g, '');
  return names.some((n) => letters.includes(n));
}

/**
 * A near-identical mailbox built from the same name is name evidence again, not a shared account: each
 * mailbox contains its record's own given name (or its canonical form) or family name. One mailbox name
 * at two providers or employers ("jjohnson@ironwoodfoods.com", "jjohnson@pioneer.com") is the
 * initial-and-surname pattern of every J. Johnson, whichever of the two records spells the surname with
 * a typo: there a name of either record will do.
 */
function levelOfEmail(a: MatchFeatures, b: MatchFeatures): string {
  const level = levelOfEmailText(a, b);
  if (level === 'different') return isConsumerMailbox(a) !== isConsumerMailbox(b) ? 'otherKind' : level;
  if (level === 'exact' || level === MISSING) return level;
  // One mailbox name at a domain a typo away ("nichols.info" / "nnichls.info") is one address mistyped,
  // whatever names it is built from: namesakes at one provider get different mailbox names, and another
  // provider differs in more than a letter or two.
  if (a.emailLocal === b.emailLocal && isDomainTypo(a.emailDomain, b.emailDomain)) return level;
  const names = [...namesOf(a), ...namesOf(b)];
  if (isNumberedNamesake(a, b)) return 'nameBased';
  const ownNames = isNameBasedMailbox(a, namesOf(a)) && isNameBasedMailbox(b, namesOf(b));
  const otherDomain = computeJaroWinkler(a.emailDomain ?? '', b.emailDomain ?? '') < 0.9;
  const samePattern = level === 'sameLocalPart' && otherDomain && isNameBasedMailbox(a, names);
  return ownNames || samePattern ? 'nameBased' : level;
}

function levelOfEmailText(a: MatchFeatures, b: MatchFeatures): string {
  if (!a.email || !b.email) return MISSING;
  if (a.email === b.email) return 'exact';
  if (a.emailLocal === b.emailLocal && (a.emailLocal?.length ?? 0) >= 4) return 'sameLocalPart';
  const jw = computeJaroWinkler(a.email, b.email);
  if (jw >= 0.92) return 'similar';
  if (jw >= 0.88 || (a.emailDomain === b.emailDomain && computeJaroWinkler(a.emailLocal ?? '', b.emailLocal ?? '') >= 0.85)) return 'somewhatSimilar';
  return 'different';
}

function levelOfPhone(a: MatchFeatures, b: MatchFeatures): string {
  if (a.phone && b.phone) {
    if (a.phone !== b.phone) return 'different';
    return a.phoneLine === 'fixed' && b.phoneLine === 'fixed' ? 'fixedLine' : 'exact';
  }
  if (!a.phoneDigits || !b.phoneDigits) return MISSING;
  return a.phoneDigits === b.phoneDigits ? 'exact' : 'different';
}

function levelOfString(a: string | null, b: string | null, similar: number, somewhat?: number): string {
  if (!a || !b) return MISSING;
  if (a === b) return 'exact';
  const x = a.replace(/ /g, '');
  const y = b.replace(/ /g, '');
  if (x === y) return 'exact';
  const jw = computeJaroWinkler(x, y);
  if (jw >= similar) return 'similar';
  if (somewhat !== undefined && jw >= somewhat) return 'somewhatSimilar';
  return 'different';
}

/**
 * The job title, between records that name one employer only: elsewhere "Software Engineer" says little.
 * One title spelled alike (or with a typo) is one job; another title is another colleague as often as a
 * promotion.
 */
function levelOfJobTitle(a: MatchFeatures, b: MatchFeatures, employerLevel: string): string {
  if (!a.jobTitle || !b.jobTitle || (employerLevel !== 'exact' && employerLevel !== 'similar')) return MISSING;
  const x = a.jobTitle.replace(/ /g, '');
  const y = b.jobTitle.replace(/ /g, '');
  return x === y || computeJaroWinkler(x, y) >= 0.95 ? 'exact' : 'different';
}

/** A town: the same name, or alike (Jaro–Winkler ≥ 0.88) or one letter off ("Loodon") for a typo. */
function levelOfCity(a: string | null, b: string | null): string {
  const level = levelOfString(a, b, 0.88);
  if (level !== 'different') return level;
  const x = a!.replace(/ /g, '');
  const y = b!.replace(/ /g, '');
  return Math.min(x.length, y.length) >= 5 && computeEditDistance(x, y) <= 1 ? 'similar' : level;
}

function levelOfPostcode(a: string | null, b: string | null): string {
  if (!a || !b) return MISSING;
  if (a === b) return 'exact';
  if (isSingleCharacterTypo(a, b) || isAdjacentTransposition(a, b)) return 'typo';
  return 'different';
}

interface NamePairing {
  comparisons: AttributeComparison[];
  total: number;
}

function compareNames(a: MatchFeatures, b: MatchFeatures, model: MatchModel, options: ScorePairOptions, swapped: boolean): NamePairing {
  const bGiven = swapped ? b.familyName : b.givenName;
  const givenLevel = levelOfGivenName(a.givenName, bGiven);
  const familyLevel = levelOfFamilyName(a, b, swapped);
  const tf = (token: string | null, attribute: 'givenName' | 'familyName'): number | undefined => {
    const f = token ? options.frequencies?.(token, attribute) : undefined;
    return f === undefined ? undefined : Math.max(f, model.minTermFrequency);
  };
  const givenU = givenLevel === 'exact' ? tf(a.givenName, 'givenName') : undefined;
  const familyU = familyLevel === 'exact' ? tf(a.familyName, 'familyName') : undefined;
  const detail = swapped ? 'given and family names swapped' : undefined;
  const comparisons: AttributeComparison[] = [
    { attribute: 'givenName', level: givenLevel, weight: weighOf(model, 'givenName', givenLevel, givenU), ...(detail ? { detail } : {}) },
    { attribute: 'familyName', level: familyLevel, weight: weighOf(model, 'familyName', familyLevel, familyU), ...(detail ? { detail } : {}) },
  ];
  const namesakes = options.namesakes ?? 0;
  if (namesakes > 0 && !swapped && familyLevel === 'exact' && (givenLevel === 'exact' || givenLevel === 'nickname')) {
    comparisons[1].weight -= Math.log2(namesakes + 1);
    comparisons[1].detail = `${namesakes} other ${namesakes === 1 ? 'person carries' : 'people carry'} this name`;
  }
  return { comparisons, total: comparisons[0].weight + comparisons[1].weight };
}

/**
 * Names written the other way round ("Hall Isla" for "Isla Hall"), or one name keyed into the other's
 * field ("Bullock Holly" for "Adele Bullock"), agree once crossed: one part is the same name (or a
 * nickname of it), or a typo of it while the other part is no different name. Two unrelated names crossed
 * often look faintly alike ("Peter Krause" and "Klaus Meyer": Peter/Meyer and Krause/Klaus are two edits
 * apart each; "Michelle" and "Mitchell" one letter), which is no sign of a swap.
 */
function agreesCrossed(pairing: NamePairing): boolean {
  const levels = pairing.comparisons.map((c) => c.level);
  if (levels.some((l) => l === 'exact' || l === 'nickname')) return true;
  return levels.includes('similar') && !levels.includes('different');
}

const ADDRESS_PARTS: ReadonlySet<MatchAttribute> = new Set(['street', 'postcode', 'city']);

const CONTACTS: ReadonlySet<MatchAttribute> = new Set(['phone', 'email']);

/**
 * Sums the weights, counting agreement on the address once: street, postcode and city of one address
 * agree together, so adding all three counts one fact three times (the independence Fellegi–Sunter
 * assumes does not hold). Members of one household share all three; only the strongest agreeing part
 * counts, disagreements count in full.
 * When the names say two different people, what such people share counts once as one place:
 * - `differentGivenNames`: relatives share the address, the family landline or mailbox and often an
 *   employer, so address, phone, e-mail and employer agreement count once together;
 * - `differentFamilyNames`: colleagues share the employer, its switchboard and role mailboxes, so
 *   employer, phone and e-mail count once together (the address still counts: a name change after
 *   marriage keeps the home).
 */
function sumAddressOnce(comparisons: readonly AttributeComparison[], start: number, differentGivenNames: boolean, differentFamilyNames: boolean): number {
  let sum = start;
  let address = 0;
  let moved = 0;
  let place = 0;
  for (const c of comparisons) {
    const contactOrEmployer = (CONTACTS.has(c.attribute) && !c.personal) || c.attribute === 'employer' || c.attribute === 'jobTitle';
    if (ADDRESS_PARTS.has(c.attribute) && c.weight > 0) address = Math.max(address, c.weight);
    else if (ADDRESS_PARTS.has(c.attribute)) moved = Math.min(moved, c.weight);
    else if ((differentGivenNames || differentFamilyNames) && contactOrEmployer && c.weight > 0) place = Math.max(place, c.weight);
    else sum += c.weight;
  }
  return sum + moved + (differentGivenNames ? Math.max(address, place) : address + place);
}

const ADDRESS_AGREES: Readonly<Partial<Record<MatchAttribute, readonly string[]>>> = {
  street: ['exact', 'similar'],
  postcode: ['exact', 'typo'],
  phone: ['exact', 'fixedLine'],
  email: ['exact'],
};
const GIVEN_NAME_AGREES: ReadonlySet<string> = new Set(['exact', 'nickname', 'similar']);

/**
 * The record with no given name shares a mailbox built from the other record's given name
 * ("leahrussell@…" against Leah Russell): the address names the person, not the household.
 */
function isMailboxOfTheNamed(a: MatchFeatures, b: MatchFeatures, emailLevel: string): boolean {
  if (emailLevel !== 'exact') return false;
  const named = a.givenName ? a : b;
  if (!named.givenName || (a.givenName && b.givenName)) return false;
  const letters = (named.emailLocal ?? '').replace(/[^a-z]/g, '');
  return [named.givenName, ...named.givenNameCanonicals].some((n) => n.length >= 3 && letters.includes(n));
}

/**
 * Two records whose given names do not agree but that share a street or postcode, a phone or an
 * e-mail look like two members of one household. Relatives share the family name, so agreeing on it
 * then says little: its u becomes the household one (never raising the weight). Under agreeing given
 * names the population weight stays, so a person's own records keep their evidence; so it does when
 * one record has no given name and the shared mailbox is built from the other's.
 */
function conditionFamilyNameOnHousehold(comparisons: AttributeComparison[], model: MatchModel, givenLevel: string, mailboxOfTheNamed: boolean): void {
  if (!model.household || GIVEN_NAME_AGREES.has(givenLevel) || mailboxOfTheNamed) return;
  if (!comparisons.some((c) => ADDRESS_AGREES[c.attribute]?.includes(c.level) ?? false)) return;
  const family = comparisons.find((c) => c.attribute === 'familyName' && c.level === 'exact');
  if (!family) return;
  const weight = Math.log2(model.attributes.familyName.exact.m / model.household.familyNameU);
  if (weight < family.weight) {
    family.weight = weight;
    family.detail = [family.detail, 'shared household: relatives share the family name'].filter(Boolean).join('; ');
  }
}

/** The street, or the postcode exactly, agree: the records name one home. */
export function sharesHome(comparisons: readonly AttributeComparison[]): boolean {
  return comparisons.some((c) => (c.attribute === 'street' && (c.level === 'exact' || c.level === 'similar')) || (c.attribute === 'postcode' && c.level === 'exact'));
}

/**
 * The hand-set u of an employer agreement is that of an employer of about this many people in the hub;
 * beyond it, k + 1 people at the employer count log2((k + 1) / 10) bits less, down to nothing.
 */
const EMPLOYER_REFERENCE = 10;
const NOUN: Record<string, string> = { phone: 'number', email: 'address', employer: 'employer' };

/**
 * An exact agreement on a value k other people also carry is k + 1 times as likely by chance. `reference`:
 * how many people the model's u already assumes behind a value; an agreement never counts against.
 */
function discountShared(comparisons: AttributeComparison[], attribute: MatchAttribute, sharers: number | undefined, reference = 1): void {
  if (!sharers || sharers + 1 <= reference) return;
  const c = comparisons.find((x) => x.attribute === attribute && (x.level === 'exact' || x.level === 'fixedLine'));
  if (!c) return;
  c.weight = Math.max(0, c.weight - Math.log2((sharers + 1) / reference));
  c.detail = `${sharers} other ${sharers === 1 ? 'person carries' : 'people carry'} this ${NOUN[attribute]}`;
}

/** Probability from log2 odds, stable for large magnitudes. */
export function convertWeightToProbability(weight: number): number {
  if (weight >= 0) return 1 / (1 + 2 ** -weight);
  const odds = 2 ** weight;
  return odds / (1 + odds);
}

/**
 * Fellegi–Sunter comparison of two records: each attribute lands on one level, each level adds
 * log2(m/u) to the prior log-odds. Symmetric in a and b. Hard conflicts (two different legal ids that
 * both pass their check digit, birth dates years apart that no entry error explains, Sr. against Jr.) are reported in
 * `blockers` and force probability 0; a typo never blocks.
 */
export function scorePair(a: MatchFeatures, b: MatchFeatures, model: MatchModel = DEFAULT_MATCH_MODEL, options: ScorePairOptions = {}): MatchScore {
  const direct = compareNames(a, b, model, options, false);
  // Crossed names ("Hall Isla" vs "Isla Hall") only win when clearly better; tie → direct pairing.
  // Also applies when a side has only one part: "Matilda" (given) vs "Barker Matilda" (given, family).
  const crossable = ((a.givenName && b.familyName) || (a.familyName && b.givenName)) && a.givenName !== a.familyName && b.givenName !== b.familyName;
  const crossed = crossable
    ? compareNames(a, b, model, options, true)
    : null;
  const crossedBack = crossed ? compareNames(b, a, model, options, true) : null;
  const crossedTotal = crossed && crossedBack && agreesCrossed(crossed) && agreesCrossed(crossedBack) ? Math.min(crossed.total, crossedBack.total) : -Infinity;
  const names = crossed && crossedTotal > direct.total + 1 ? (crossed.total <= crossedBack!.total ? crossed : crossedBack!) : direct;

  const level = (attribute: MatchAttribute, value: string): AttributeComparison => ({
    attribute,
    level: value,
    weight: weighOf(model, attribute, value),
  });
  const comparisons: AttributeComparison[] = [
    level('nationalId', levelOfNationalId(a, b)),
    ...names.comparisons,
    level('birthDate', levelOfBirthDate(a.birthDate, b.birthDate)),
    level('email', levelOfEmail(a, b)),
    level('phone', levelOfPhone(a, b)),
    level('street', levelOfString(a.street, b.street, 0.9, 0.8)),
    level('city', levelOfCity(a.city, b.city)),
    level('postcode', levelOfPostcode(a.postcode, b.postcode)),
    level('employer', levelOfString(a.employer, b.employer, 0.9)),
  ];
  comparisons.push(level('jobTitle', levelOfJobTitle(a, b, comparisons[comparisons.length - 1].level)));

  const employer = comparisons.find((c) => c.attribute === 'employer')!;
  if (employer.level === 'exact' && (hasNumberedWorkMailbox(a) || hasNumberedWorkMailbox(b))) {
    employer.detail = 'a work address with a number after the name: the employer has another person of this name';
    employer.corroborates = false;
  }
  const email = comparisons.find((c) => c.attribute === 'email')!;
  if (email.level === 'exact' && isRoleMailbox(a)) {
    email.detail = 'a role mailbox: it reaches whoever holds the role';
    email.corroborates = false;
  }
  const phone = comparisons.find((c) => c.attribute === 'phone')!;
  if (phone.level === 'exact' && a.phoneLine === 'mobile' && b.phoneLine === 'mobile') phone.personal = true;
  conditionFamilyNameOnHousehold(comparisons, model, names.comparisons[0].level, isMailboxOfTheNamed(a, b, comparisons.find((c) => c.attribute === 'email')!.level));
  discountShared(comparisons, 'phone', options.phoneSharers);
  discountShared(comparisons, 'email', options.emailSharers);
  discountShared(comparisons, 'employer', options.employerSharers, EMPLOYER_REFERENCE);

  const blockers: MatchBlocker[] = [];
  // Only two ids that both pass their scheme's check digit say "different person"; any other
  // difference may be a typo and counts as strong disagreement in the weight.
  if (model.blockers.nationalIdConflict && comparisons[0].level === 'different' && a.nationalIdValid === true && b.nationalIdValid === true) {
    comparisons[0].detail = 'two different identifiers, both with a valid check digit';
    blockers.push('NATIONAL_ID_CONFLICT');
  }
  const birth = comparisons.find((c) => c.attribute === 'birthDate')!;
  if (model.blockers.birthDateConflict && birth.level === 'different' && yearsBetween(a.birthDate!, b.birthDate!) >= (model.blockers.birthDateConflictYears ?? 0)) {
    birth.detail = `birth dates ${yearsBetween(a.birthDate!, b.birthDate!)} years apart`;
    blockers.push('BIRTH_DATE_CONFLICT');
  }

  // "John Smith Sr." and "John Smith Jr.": the names themselves say father and son.
  if (a.generation && b.generation && a.generation !== b.generation) {
    const family = comparisons.find((c) => c.attribute === 'familyName')!;
    family.detail = [family.detail, `generational suffixes differ (${a.generation} / ${b.generation})`].filter(Boolean).join('; ');
    blockers.push('GENERATION_CONFLICT');
  }

  const priorWeight = Math.log2(model.prior / (1 - model.prior));
  const weight = sumAddressOnce(comparisons, priorWeight, names.comparisons[0].level === 'different', names.comparisons[1].level === 'different');
  return {
    probability: blockers.length > 0 ? 0 : convertWeightToProbability(weight),
    weight,
    comparisons,
    blockers,
  };
}

/**
 * One record against a person with several records: each attribute at the best level any record of
 * the person shows (a person has had several addresses, mailboxes and phones; agreeing with any of
 * them is agreement), a record that lacks the attribute saying nothing; summed as `scorePair` sums one
 * pair (an address once, a household as a household). Blockers of any record are kept.
 */
export function combineMemberScores(scores: readonly MatchScore[], model: MatchModel = DEFAULT_MATCH_MODEL): MatchScore {
  if (scores.length === 1) return scores[0];
  const comparisons = scores[0].comparisons.map((first, k) => {
    let best = first;
    for (const s of scores) {
      const c = s.comparisons[k];
      if (best.level === MISSING || (c.level !== MISSING && c.weight > best.weight)) best = c;
    }
    return best;
  });
  const blockers = [...new Set(scores.flatMap((s) => s.blockers))];
  const priorWeight = Math.log2(model.prior / (1 - model.prior));
  const level = (attribute: MatchAttribute) => comparisons.find((c) => c.attribute === attribute)!.level;
  const weight = sumAddressOnce(comparisons, priorWeight, level('givenName') === 'different', level('familyName') === 'different');
  return { probability: blockers.length > 0 ? 0 : convertWeightToProbability(weight), weight, comparisons, blockers };
}
