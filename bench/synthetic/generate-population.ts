/**
 * Synthetic people with ground truth, for measuring identity resolution. A population is generated one
 * household at a time from a seed: each household gets its own PRNG derived from (seed, household
 * index), so the same seed always yields the same rows, and a population of N people is a prefix of a
 * larger one with the same seed (bar the last household, which is cut to fit N). Each person is then projected into the CRM, ATS and HRIS
 * records that would exist for them, with the corruptions each system is known for.
 *
 * Pure: no clock, no I/O. The reference date ("today" for the data set) is part of the config.
 */
import {
  Address, Phone, PhoneFormat, formatNationalIdLoosely, formatPhone, formatStreet, generateAddress,
  generateLandline, generateMobile, generateNationalId,
} from './identifiers';
import { applyTypo, hasNonAscii, nicknamesOf, swapDayAndMonth, transliterate } from './corrupt';
import {
  Rng, WeightedTable, chance, createRng, createWeightedTable, createZipfTable, deriveSeed, pickOne,
  pickWeighted, randomDigits, randomInt,
} from './prng';
import {
  ANGLO_FEMALE_GIVEN, ANGLO_MALE_GIVEN, CITIES, COMPANY_KINDS, COMPANY_STEMS, COMPANY_TLD, COUNTRY_WEIGHTS,
  CountryCode, DE_FAMILY, DE_FEMALE_GIVEN, DE_MALE_GIVEN, EMAIL_DOMAINS, FR_FAMILY, FR_FEMALE_GIVEN,
  FR_MALE_GIVEN, GB_FAMILY, JOB_TITLES, LEGAL_SUFFIX, ROLE_MAILBOXES, Sex, TAIL_FAMILY_PARTS, US_FAMILY,
} from './reference-data';

export const CANONICAL_HEADER = [
  'system', 'source_id', 'source_timestamp', 'given_name', 'middle_name', 'family_name', 'full_name',
  'preferred_name', 'email', 'phone', 'birth_date', 'national_id', 'street', 'city', 'postcode', 'country',
  'employer', 'job_title',
] as const;
export const TRUTH_HEADER = ['system', 'source_id', 'entity_id'] as const;

export type CanonicalField = (typeof CANONICAL_HEADER)[number];
export type CanonicalRow = Record<CanonicalField, string>;
export type SourceSystem = 'CRM' | 'ATS' | 'HRIS';
export const SOURCE_SYSTEMS: readonly SourceSystem[] = ['CRM', 'ATS', 'HRIS'];

/** Every way a generated record can deviate from the person's current, clean data. */
export const CORRUPTION_KINDS = [
  'duplicateRecord', // a second (or third) record of the same person in the same system
  'staleRecord', // timestamp years back, so the values are the person's state at that time
  'typo', // one insert/delete/substitute/transpose in a name, street, city, email or national id
  'nickname', // Bob for Robert
  'transliteration', // Müller -> Mueller/Muller, Frédéric -> Frederic
  'fullNameOnly', // given/family empty, only "Smith, John" in full_name
  'upperCaseName', // SMITH
  'middleInitialOnly', // "J." instead of "James"
  'missingMiddleName',
  'missingBirthDate',
  'missingNationalId',
  'missingEmail',
  'missingPhone',
  'missingAddress',
  'swappedDayMonth', // 1985-03-07 recorded as 1985-07-03
  'maidenName', // record from before a marriage name change
  'oldEmail', // personal email the person has since changed
  'oldPhone', // mobile the person has since changed
  'oldAddress', // address from before a move
  'oldEmployer', // employer/title/work email from before a job change
  'householdEmail', // an email shared by the household (thesmiths@…)
  'householdPhone', // the family landline, shared by everyone in the household
  'roleEmail', // info@company, shared by everyone who used it
  'rolePhone', // company switchboard, shared by everyone at that employer
] as const;
export type CorruptionKind = (typeof CORRUPTION_KINDS)[number];

export interface SystemProfile {
  /** Chance a person present in the system has a second record there (a third at a fifth of it). */
  readonly duplicateRate: number;
  /** Chance a record's timestamp is 6-12 years old instead of within the recent window. */
  readonly staleRate: number;
  readonly recentWindowYears: number;
  readonly typoRate: number;
  /** Among people whose given name has a known nickname. */
  readonly nicknameRate: number;
  /** Among records whose name has non-ASCII letters. */
  readonly transliterationRate: number;
  readonly fullNameOnlyRate: number;
  readonly upperCaseNameRate: number;
  readonly fullNamePresence: number;
  /** Among people who have a middle name: kept in full, as an initial, or dropped (the rest). */
  readonly middleNamePresence: number;
  readonly middleInitialRate: number;
  readonly preferredNameRate: number;
  readonly birthDatePresence: number;
  /** Among present birth dates where day ≤ 12 and day ≠ month. */
  readonly swapDayMonthRate: number;
  readonly nationalIdPresence: number;
  readonly looseNationalIdFormatRate: number;
  readonly addressPresence: number;
  readonly abbreviateStreetRate: number;
  readonly countryPresence: number;
  readonly employerPresence: number;
  /** Which email a record carries; "household" and "work" fall back to "personal" when the person has none. */
  readonly emailSource: ReadonlyArray<readonly ['personal' | 'work' | 'household' | 'role' | 'none', number]>;
  readonly phoneSource: ReadonlyArray<readonly ['mobile' | 'household' | 'role' | 'none', number]>;
  readonly phoneFormat: ReadonlyArray<readonly [PhoneFormat, number]>;
}

export interface PersonProfile {
  readonly middleNameRate: number;
  /** Share of people with a nicknameable name who go by the nickname (HRIS preferred_name, emails). */
  readonly goesByNicknameRate: number;
  readonly tailFamilyNameRate: number;
  readonly moveRate: number;
  /** Among partnered women sharing the partner's family name: changed it within the data window. */
  readonly marriageNameChangeRate: number;
  readonly emailChangeRate: number;
  readonly phoneChangeRate: number;
  readonly jobChangeRate: number;
  readonly unemployedRate: number;
  /** Chance a household founder copies the name of an unrelated earlier person (hard negatives). */
  readonly namesakeRate: number;
  /** Chance an adult son living at home carries his father's given name. */
  readonly juniorRate: number;
  readonly householdSize: ReadonlyArray<readonly [number, number]>;
  readonly partnerSharesFamilyNameRate: number;
  readonly householdLandlineRate: number;
  readonly householdEmailRate: number;
  readonly mobileRate: number;
}

export interface PopulationConfig {
  /** "Today" for the data set, ISO date. Record timestamps and ages are relative to it. */
  readonly referenceDate: string;
  /** Which systems a person appears in, with weights. */
  readonly presence: ReadonlyArray<readonly [readonly SourceSystem[], number]>;
  readonly person: PersonProfile;
  readonly systems: Readonly<Record<SourceSystem, SystemProfile>>;
}

export const DEFAULT_CONFIG: PopulationConfig = {
  referenceDate: '2025-06-30',
  presence: [
    [['CRM'], 30], [['ATS'], 14], [['HRIS'], 10], [['CRM', 'ATS'], 14], [['CRM', 'HRIS'], 8],
    [['ATS', 'HRIS'], 14], [['CRM', 'ATS', 'HRIS'], 10],
  ],
  person: {
    middleNameRate: 0.45,
    goesByNicknameRate: 0.35,
    tailFamilyNameRate: 0.6,
    moveRate: 0.35,
    marriageNameChangeRate: 0.5,
    emailChangeRate: 0.3,
    phoneChangeRate: 0.25,
    jobChangeRate: 0.4,
    unemployedRate: 0.12,
    namesakeRate: 0.01,
    juniorRate: 0.2,
    householdSize: [[1, 55], [2, 30], [3, 10], [4, 5]],
    partnerSharesFamilyNameRate: 0.6,
    householdLandlineRate: 0.4,
    householdEmailRate: 0.25,
    mobileRate: 0.93,
  },
  systems: {
    // Sales and marketing contacts: typed in by hand, thin on personal data, often a work or role address.
    CRM: {
      duplicateRate: 0.08, staleRate: 0.15, recentWindowYears: 8, typoRate: 0.06, nicknameRate: 0.3,
      transliterationRate: 0.4, fullNameOnlyRate: 0.04, upperCaseNameRate: 0.03, fullNamePresence: 0.6,
      middleNamePresence: 0.1, middleInitialRate: 0.1, preferredNameRate: 0.05, birthDatePresence: 0.15,
      swapDayMonthRate: 0.08, nationalIdPresence: 0.02, looseNationalIdFormatRate: 0.5, addressPresence: 0.5,
      abbreviateStreetRate: 0.5, countryPresence: 0.9, employerPresence: 0.85,
      emailSource: [['work', 50], ['personal', 30], ['household', 4], ['role', 6], ['none', 10]],
      phoneSource: [['mobile', 50], ['household', 8], ['role', 12], ['none', 30]],
      phoneFormat: [['international', 50], ['national', 35], ['e164', 15]],
    },
    // Candidates: self-entered, personal email and mobile, birth date sometimes, old jobs.
    ATS: {
      duplicateRate: 0.06, staleRate: 0.2, recentWindowYears: 8, typoRate: 0.04, nicknameRate: 0.2,
      transliterationRate: 0.3, fullNameOnlyRate: 0, upperCaseNameRate: 0.01, fullNamePresence: 0.3,
      middleNamePresence: 0.3, middleInitialRate: 0.1, preferredNameRate: 0.3, birthDatePresence: 0.35,
      swapDayMonthRate: 0.05, nationalIdPresence: 0.05, looseNationalIdFormatRate: 0.5, addressPresence: 0.7,
      abbreviateStreetRate: 0.4, countryPresence: 0.97, employerPresence: 0.75,
      emailSource: [['personal', 92], ['household', 2], ['none', 6]],
      phoneSource: [['mobile', 85], ['household', 5], ['none', 10]],
      phoneFormat: [['international', 40], ['national', 40], ['e164', 20]],
    },
    // Employees: legal names, national id, full birth date, work email; maintained, so few typos.
    HRIS: {
      duplicateRate: 0.015, staleRate: 0.05, recentWindowYears: 6, typoRate: 0.01, nicknameRate: 0,
      transliterationRate: 0.05, fullNameOnlyRate: 0, upperCaseNameRate: 0, fullNamePresence: 0.9,
      middleNamePresence: 0.9, middleInitialRate: 0.05, preferredNameRate: 0.8, birthDatePresence: 0.99,
      swapDayMonthRate: 0.005, nationalIdPresence: 0.97, looseNationalIdFormatRate: 0.05, addressPresence: 0.98,
      abbreviateStreetRate: 0.1, countryPresence: 1, employerPresence: 1,
      emailSource: [['work', 96], ['none', 4]],
      phoneSource: [['mobile', 72], ['household', 10], ['none', 18]],
      phoneFormat: [['e164', 80], ['international', 20]],
    },
  },
};

interface Employer {
  readonly name: string;
  readonly domain: string;
  readonly country: CountryCode;
  readonly switchboard: Phone;
  readonly emailPattern: 'first.last' | 'flast' | 'firstl' | 'first';
}

interface Job {
  readonly employer: Employer;
  readonly title: string;
  readonly workEmail: string;
}

/** The truth about one person: their current data plus the earlier values some records still carry. */
export interface SyntheticPerson {
  readonly entityId: string;
  readonly country: CountryCode;
  readonly sex: Sex;
  readonly givenName: string;
  readonly middleName: string | null;
  readonly familyName: string;
  /** Family name before a marriage inside the data window; records older than nameChangeDay carry it. */
  readonly birthFamilyName: string | null;
  readonly nameChangeDay: number | null;
  readonly goesBy: string | null;
  readonly birthDate: string;
  readonly nationalId: string;
  readonly address: Address;
  readonly previousAddress: Address | null;
  readonly moveDay: number | null;
  readonly personalEmail: string;
  readonly previousPersonalEmail: string | null;
  readonly emailChangeDay: number | null;
  readonly mobile: Phone | null;
  readonly previousMobile: Phone | null;
  readonly phoneChangeDay: number | null;
  readonly job: Job | null;
  readonly previousJob: Job | null;
  readonly jobChangeDay: number | null;
  readonly householdPhone: Phone | null;
  readonly householdEmail: string | null;
  /** Why this person shares a name with someone else on purpose, if they do. */
  readonly namesakeOf: 'unrelated' | 'parent' | null;
  /** Father and namesake son: some records write the generation after the name ("Smith Jr."). */
  readonly generation: 'Sr.' | 'Jr.' | null;
  readonly systems: readonly SourceSystem[];
}

export interface GeneratedRecord {
  readonly system: SourceSystem;
  readonly entityId: string;
  readonly row: CanonicalRow;
  readonly corruptions: readonly CorruptionKind[];
  /** Corruptions that could have applied to this record (e.g. nickname only when one exists). */
  readonly eligible: readonly CorruptionKind[];
}

export interface GeneratedPerson {
  readonly person: SyntheticPerson;
  readonly records: readonly GeneratedRecord[];
}

/** Shared, sequentially updated state: employers, emails taken, id counters. */
export interface GenerationContext {
  readonly config: PopulationConfig;
  readonly referenceDay: number;
  readonly employers: WeightedTable<Employer>;
  readonly takenEmails: Set<string>;
  readonly sourceSequence: Record<SourceSystem, number>;
  readonly sourceIdSalt: number;
  /** A few recent (sex, given, family) triples to draw unrelated namesakes from. */
  readonly recentNames: Array<readonly [Sex, string, string]>;
  readonly tables: NameTables;
}

interface NameTables {
  readonly given: Record<CountryCode, Record<Sex, WeightedTable<string>>>;
  readonly family: Record<CountryCode, WeightedTable<string>>;
  readonly country: WeightedTable<CountryCode>;
  readonly presence: WeightedTable<readonly SourceSystem[]>;
  readonly householdSize: WeightedTable<number>;
  readonly emailDomains: Record<CountryCode, WeightedTable<string>>;
  readonly systems: Record<SourceSystem, {
    emailSource: WeightedTable<SystemProfile['emailSource'][number][0]>;
    phoneSource: WeightedTable<SystemProfile['phoneSource'][number][0]>;
    phoneFormat: WeightedTable<PhoneFormat>;
  }>;
}

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;

export function isoDateToDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function dayToIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function buildNameTables(config: PopulationConfig): NameTables {
  const anglo = { M: createWeightedTable(ANGLO_MALE_GIVEN), F: createWeightedTable(ANGLO_FEMALE_GIVEN) };
  const systems = {} as NameTables['systems'];
  for (const system of SOURCE_SYSTEMS) {
    const profile = config.systems[system];
    systems[system] = {
      emailSource: createWeightedTable(profile.emailSource),
      phoneSource: createWeightedTable(profile.phoneSource),
      phoneFormat: createWeightedTable(profile.phoneFormat),
    };
  }
  return {
    given: {
      US: anglo,
      GB: anglo,
      DE: { M: createZipfTable(DE_MALE_GIVEN, 0.9), F: createZipfTable(DE_FEMALE_GIVEN, 0.9) },
      FR: { M: createZipfTable(FR_MALE_GIVEN, 0.9), F: createZipfTable(FR_FEMALE_GIVEN, 0.9) },
    },
    family: {
      US: createWeightedTable(US_FAMILY),
      GB: createWeightedTable(GB_FAMILY),
      DE: createZipfTable(DE_FAMILY, 0.8),
      FR: createZipfTable(FR_FAMILY, 0.8),
    },
    country: createWeightedTable(COUNTRY_WEIGHTS),
    presence: createWeightedTable(config.presence),
    householdSize: createWeightedTable(config.person.householdSize),
    emailDomains: {
      US: createWeightedTable(EMAIL_DOMAINS.US), GB: createWeightedTable(EMAIL_DOMAINS.GB),
      DE: createWeightedTable(EMAIL_DOMAINS.DE), FR: createWeightedTable(EMAIL_DOMAINS.FR),
    },
    systems,
  };
}

/**
 * A fixed pool of employers with Zipf-distributed sizes: a few large ones, so role emails and
 * switchboards are shared by many people even in small populations. Fixed, not sized to the population,
 * so that a smaller population stays a prefix of a larger one with the same seed.
 */
const EMPLOYER_COUNT = 300;

function buildEmployers(rng: Rng): WeightedTable<Employer> {
  const count = EMPLOYER_COUNT;
  const employers: Employer[] = [];
  const countries = createWeightedTable(COUNTRY_WEIGHTS);
  const usedNames = new Set<string>();
  while (employers.length < count) {
    const stem = pickOne(rng, COMPANY_STEMS);
    const kind = pickOne(rng, COMPANY_KINDS);
    if (usedNames.has(stem + kind)) continue;
    usedNames.add(stem + kind);
    const country = pickWeighted(rng, countries);
    const city = pickOne(rng, CITIES[country]);
    employers.push({
      name: `${stem} ${kind} ${pickOne(rng, LEGAL_SUFFIX[country])}`,
      domain: `${asciiSlug(stem)}${asciiSlug(kind).slice(0, rng.next() < 0.5 ? 0 : 40)}.${COMPANY_TLD[country]}`,
      country,
      switchboard: generateLandline(rng, country, city),
      emailPattern: pickOne(rng, ['first.last', 'first.last', 'flast', 'firstl', 'first'] as const),
    });
  }
  return createZipfTable(employers, 0.8);
}

function asciiSlug(value: string): string {
  return transliterate(value, false).toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function createGenerationContext(seed: string | number, config: PopulationConfig = DEFAULT_CONFIG): GenerationContext {
  return {
    config,
    referenceDay: isoDateToDay(config.referenceDate),
    employers: buildEmployers(createRng(deriveSeed(seed, 'employers'))),
    takenEmails: new Set(),
    sourceSequence: { CRM: 0, ATS: 0, HRIS: 0 },
    sourceIdSalt: deriveSeed(seed, 'source-ids'),
    recentNames: [],
    tables: buildNameTables(config),
  };
}

/**
 * The population for a seed, one person at a time with all their source records. Memory stays bounded
 * by the set of emails already handed out (needed so two people never get the same personal address).
 */
export function* generatePopulation(options: { people: number; seed: string | number; config?: PopulationConfig }): Generator<GeneratedPerson> {
  const context = createGenerationContext(options.seed, options.config);
  let produced = 0;
  for (let household = 0; produced < options.people; household++) {
    const rng = createRng(deriveSeed(options.seed, 'household', household));
    const members = generateHousehold(rng, context, produced, options.people - produced);
    for (const person of members) {
      yield { person, records: projectRecords(rng, context, person) };
    }
    produced += members.length;
  }
}

function pickFamilyName(rng: Rng, context: GenerationContext, country: CountryCode): string {
  if (!chance(rng, context.config.person.tailFamilyNameRate)) return pickWeighted(rng, context.tables.family[country]);
  const parts = TAIL_FAMILY_PARTS[country];
  return pickOne(rng, parts.prefixes) + pickOne(rng, parts.infixes) + pickOne(rng, parts.suffixes);
}

function pickGivenName(rng: Rng, context: GenerationContext, country: CountryCode, sex: Sex, avoid?: string): string {
  for (;;) {
    const name = pickWeighted(rng, context.tables.given[country][sex]);
    if (name !== avoid) return name;
  }
}

function emailLocalPart(rng: Rng, given: string, family: string, birthYear: string): string {
  const g = asciiSlug(given);
  const f = asciiSlug(family);
  switch (randomInt(rng, 0, 8)) {
    case 0: case 1: return `${g}.${f}`;
    case 2: return `${g}${f}`;
    case 3: return `${g[0]}${f}`;
    case 4: return `${g}_${f}`;
    case 5: return `${g}.${f}${birthYear.slice(2)}`;
    case 6: return `${g}${randomDigits(rng, randomInt(rng, 2, 4))}`;
    case 7: return `${f}.${g}`;
    default: return `${g}${f[0] ?? ''}${birthYear}`;
  }
}

/** Providers that ignore dots in the mailbox name: j.doe@gmail.com and jdoe@gmail.com are one mailbox. */
const DOT_INSENSITIVE_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);

/** The mailbox an address reaches, as its provider reads it. */
function mailboxOf(local: string, domain: string): string {
  return `${DOT_INSENSITIVE_DOMAINS.has(domain) ? local.replace(/\./g, '') : local}@${domain}`;
}

/**
 * Reserves an unused address, adding digits on collision as real providers force people to. Gmail
 * would not hand robertwilson@gmail.com to one person and robert.wilson@gmail.com to another.
 */
function reserveEmail(rng: Rng, context: GenerationContext, local: string, domain: string): string {
  let candidate = local;
  while (context.takenEmails.has(mailboxOf(candidate, domain))) candidate = `${local}${randomDigits(rng, randomInt(rng, 1, 3))}`;
  context.takenEmails.add(mailboxOf(candidate, domain));
  return `${candidate}@${domain}`;
}

function personalEmail(rng: Rng, context: GenerationContext, country: CountryCode, given: string, family: string, birthDate: string): string {
  return reserveEmail(rng, context, emailLocalPart(rng, given, family, birthDate.slice(0, 4)), pickWeighted(rng, context.tables.emailDomains[country]));
}

function workEmail(rng: Rng, context: GenerationContext, employer: Employer, given: string, family: string): string {
  const g = asciiSlug(given);
  const f = asciiSlug(family);
  const local = employer.emailPattern === 'first.last' ? `${g}.${f}`
    : employer.emailPattern === 'flast' ? `${g[0]}${f}`
      : employer.emailPattern === 'firstl' ? `${g}${f[0] ?? ''}`
        : g;
  return reserveEmail(rng, context, local, employer.domain);
}

function pickEmployer(rng: Rng, context: GenerationContext, country: CountryCode): Employer {
  // Mostly employers of the person's own country; a few work for a foreign company.
  for (let attempt = 0; attempt < 6; attempt++) {
    const employer = pickWeighted(rng, context.employers);
    if (employer.country === country || attempt === 5 || chance(rng, 0.1)) return employer;
  }
  return pickWeighted(rng, context.employers);
}

function makeJob(rng: Rng, context: GenerationContext, country: CountryCode, given: string, family: string): Job {
  const employer = pickEmployer(rng, context, country);
  return { employer, title: pickOne(rng, JOB_TITLES), workEmail: workEmail(rng, context, employer, given, family) };
}

/** A day inside the data window, when a life event (move, marriage, new email) happened. */
function eventDay(rng: Rng, context: GenerationContext): number {
  return context.referenceDay - randomInt(rng, 120, Math.floor(7 * YEAR_DAYS));
}

interface Founding {
  readonly sex: Sex;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthFamilyName: string | null;
  readonly nameChangeDay: number | null;
  readonly ageYears: readonly [number, number];
  readonly namesakeOf: SyntheticPerson['namesakeOf'];
  readonly avoidGiven?: string;
}

/**
 * One household: its members share an address (and its history), often a landline and sometimes an
 * email. Partners often share a family name, sometimes by a name change inside the data window; an
 * adult son may carry his father's given name, the hardest kind of same-name-different-person.
 */
export function generateHousehold(rng: Rng, context: GenerationContext, firstIndex: number, maxMembers: number): SyntheticPerson[] {
  const p = context.config.person;
  const country = pickWeighted(rng, context.tables.country);
  const size = Math.min(maxMembers, pickWeighted(rng, context.tables.householdSize));
  const city = pickOne(rng, CITIES[country]);
  const address = generateAddress(rng, country, city);
  const moved = chance(rng, p.moveRate);
  const previousAddress = moved ? generateAddress(rng, country) : null;
  const moveDay = moved ? eventDay(rng, context) : null;
  const landline = chance(rng, size > 1 ? p.householdLandlineRate : p.householdLandlineRate / 2)
    ? generateLandline(rng, country, city) : null;

  const founderSex: Sex = chance(rng, 0.5) ? 'F' : 'M';
  let founderGiven = pickGivenName(rng, context, country, founderSex);
  let householdFamily = pickFamilyName(rng, context, country);
  let founderNamesake: SyntheticPerson['namesakeOf'] = null;
  if (context.recentNames.length > 0 && chance(rng, p.namesakeRate)) {
    const [sex, given, family] = pickOne(rng, context.recentNames);
    if (sex === founderSex) {
      founderGiven = given;
      householdFamily = family;
      founderNamesake = 'unrelated';
    }
  }
  const adultAges: readonly [number, number] = size > 2 ? [44, 70] : [19, 75];
  const foundings: Founding[] = [{
    sex: founderSex, givenName: founderGiven, familyName: householdFamily, birthFamilyName: null,
    nameChangeDay: null, ageYears: adultAges, namesakeOf: founderNamesake,
  }];
  if (size >= 2) {
    const partnerSex: Sex = chance(rng, 0.9) ? (founderSex === 'F' ? 'M' : 'F') : founderSex;
    const shares = chance(rng, p.partnerSharesFamilyNameRate);
    const ownFamily = pickFamilyName(rng, context, country);
    const partner: Founding = {
      sex: partnerSex, givenName: pickGivenName(rng, context, country, partnerSex, founderGiven),
      familyName: shares ? householdFamily : ownFamily, birthFamilyName: null, nameChangeDay: null,
      ageYears: adultAges, namesakeOf: null,
    };
    foundings.push(partner);
    // The woman of a couple sharing a name may have taken it inside the data window: older records
    // then carry her birth name.
    const changerIndex = founderSex === 'F' ? 0 : partnerSex === 'F' ? 1 : -1;
    if (shares && changerIndex >= 0 && ownFamily !== householdFamily && chance(rng, p.marriageNameChangeRate)) {
      foundings[changerIndex] = { ...foundings[changerIndex], birthFamilyName: ownFamily, nameChangeDay: eventDay(rng, context) };
    }
  }
  const father = foundings.find((f) => f.sex === 'M');
  for (let child = 2; child < size; child++) {
    const sex: Sex = chance(rng, 0.5) ? 'F' : 'M';
    const junior = sex === 'M' && father !== undefined && chance(rng, p.juniorRate);
    foundings.push({
      sex, givenName: junior && father ? father.givenName : pickGivenName(rng, context, country, sex),
      familyName: householdFamily, birthFamilyName: null, nameChangeDay: null, ageYears: [18, 24],
      namesakeOf: junior ? 'parent' : null,
    });
  }

  const householdEmail = size > 1 && chance(rng, p.householdEmailRate)
    ? reserveEmail(rng, context, pickOne(rng, [`the${asciiSlug(householdFamily)}s`, `${asciiSlug(householdFamily)}family`, `${asciiSlug(foundings[0].givenName)}and${asciiSlug(foundings[1].givenName)}`]), pickWeighted(rng, context.tables.emailDomains[country]))
    : null;

  const built = foundings.map((f, i) => buildPerson(rng, context, f, {
    entityId: formatEntityId(firstIndex + i), country, address, previousAddress, moveDay, landline, householdEmail,
  }));
  // A son named after his father makes the father "Sr." and the son "Jr." (drawn by no rng: the rest of
  // the household is as it was without suffixes).
  const junior = built.find((m) => m.namesakeOf === 'parent');
  const senior = junior ? built.find((m) => m !== junior && m.sex === 'M' && m.givenName === junior.givenName && m.namesakeOf !== 'parent') : undefined;
  const members = built.map((m): SyntheticPerson => (m === junior && senior ? { ...m, generation: 'Jr.' } : m === senior ? { ...m, generation: 'Sr.' } : m));
  for (const member of members) {
    context.recentNames.push([member.sex, member.givenName, member.familyName]);
    if (context.recentNames.length > 64) context.recentNames.shift();
  }
  return members;
}

export function formatEntityId(index: number): string {
  return `P${String(index + 1).padStart(7, '0')}`;
}

function buildPerson(
  rng: Rng,
  context: GenerationContext,
  f: Founding,
  shared: {
    entityId: string; country: CountryCode; address: Address; previousAddress: Address | null; moveDay: number | null;
    landline: Phone | null; householdEmail: string | null;
  },
): SyntheticPerson {
  const p = context.config.person;
  const { country } = shared;
  const birthDay = context.referenceDay - randomInt(rng, Math.floor(f.ageYears[0] * YEAR_DAYS), Math.floor(f.ageYears[1] * YEAR_DAYS));
  const birthDate = dayToIsoDate(birthDay);
  const middleName = chance(rng, p.middleNameRate) ? pickGivenName(rng, context, country, f.sex, f.givenName) : null;
  const nicknames = nicknamesOf(f.givenName);
  const goesBy = nicknames.length > 0 && chance(rng, p.goesByNicknameRate) ? nicknames[0] : null;
  const emailGiven = goesBy && chance(rng, 0.5) ? goesBy : f.givenName;
  const emailFamily = f.birthFamilyName ?? f.familyName;

  const changedEmail = chance(rng, p.emailChangeRate);
  const firstEmail = personalEmail(rng, context, country, emailGiven, emailFamily, birthDate);
  const currentEmail = changedEmail ? personalEmail(rng, context, country, emailGiven, f.familyName, birthDate) : firstEmail;

  const city = shared.address.city;
  const mobile = chance(rng, p.mobileRate) ? generateMobile(rng, country, city) : null;
  const changedPhone = mobile !== null && chance(rng, p.phoneChangeRate);
  const previousMobile = changedPhone ? generateMobile(rng, country, city) : null;

  const employed = !chance(rng, p.unemployedRate);
  const job = employed ? makeJob(rng, context, country, f.givenName, f.familyName) : null;
  const changedJob = job !== null && chance(rng, p.jobChangeRate);
  const previousJob = changedJob ? makeJob(rng, context, country, f.givenName, emailFamily) : null;

  let systems = pickWeighted(rng, context.tables.presence);
  // An HRIS record means the person is employed; a candidate-only or contact-only person may not be.
  if (job === null && systems.includes('HRIS')) systems = systems.filter((s) => s !== 'HRIS');
  if (systems.length === 0) systems = ['CRM'];

  return {
    entityId: shared.entityId,
    country,
    sex: f.sex,
    givenName: f.givenName,
    middleName,
    familyName: f.familyName,
    birthFamilyName: f.birthFamilyName,
    nameChangeDay: f.nameChangeDay,
    goesBy,
    birthDate,
    nationalId: generateNationalId(rng, country, f.sex, birthDate),
    address: shared.address,
    previousAddress: shared.previousAddress,
    moveDay: shared.moveDay,
    personalEmail: currentEmail,
    previousPersonalEmail: changedEmail ? firstEmail : null,
    emailChangeDay: changedEmail ? eventDay(rng, context) : null,
    mobile,
    previousMobile,
    phoneChangeDay: changedPhone ? eventDay(rng, context) : null,
    job,
    previousJob,
    jobChangeDay: changedJob ? eventDay(rng, context) : null,
    householdPhone: shared.landline,
    householdEmail: shared.householdEmail,
    namesakeOf: f.namesakeOf,
    generation: null,
    systems,
  };
}

/** A bijective scramble of a 32-bit counter, so source ids are unique but reveal no order. */
function scramble32(value: number, salt: number): number {
  let x = (value ^ salt) >>> 0;
  x = Math.imul((x >>> 16) ^ x, 0x45d9f3b) >>> 0;
  x = Math.imul((x >>> 16) ^ x, 0x45d9f3b) >>> 0;
  return ((x >>> 16) ^ x) >>> 0;
}

function nextSourceId(context: GenerationContext, system: SourceSystem): string {
  const n = scramble32(context.sourceSequence[system]++, context.sourceIdSalt);
  switch (system) {
    case 'CRM': return `003${n.toString(36).toUpperCase().padStart(7, '0')}`;
    case 'ATS': return `cand-${n}`;
    case 'HRIS': return `E${String(n).padStart(10, '0')}`;
  }
}

/** All source records for a person: one per system they are in, plus duplicates. */
export function projectRecords(rng: Rng, context: GenerationContext, person: SyntheticPerson): GeneratedRecord[] {
  const records: GeneratedRecord[] = [];
  for (const system of person.systems) {
    const profile = context.config.systems[system];
    let copies = 1;
    if (chance(rng, profile.duplicateRate)) copies++;
    if (copies === 2 && chance(rng, profile.duplicateRate / 5)) copies++;
    for (let copy = 0; copy < copies; copy++) records.push(projectRecord(rng, context, person, system, copy > 0));
  }
  return records;
}

function isoTimestamp(day: number, secondOfDay: number): string {
  return new Date(day * DAY_MS + secondOfDay * 1000).toISOString().replace('.000Z', 'Z');
}

function composeFullName(rng: Rng, given: string, middle: string, family: string): string {
  if (given && family && chance(rng, 0.15)) return `${family}, ${given}${middle ? ` ${middle}` : ''}`;
  return [given, middle, family].filter(Boolean).join(' ');
}

/** One record of a person in one system as of a timestamp, with that system's corruptions. */
export function projectRecord(rng: Rng, context: GenerationContext, person: SyntheticPerson, system: SourceSystem, duplicate: boolean): GeneratedRecord {
  const profile = context.config.systems[system];
  const tables = context.tables.systems[system];
  const applied: CorruptionKind[] = [];
  const eligible: CorruptionKind[] = [];
  const mark = (kind: CorruptionKind, happened: boolean): boolean => {
    eligible.push(kind);
    if (happened) applied.push(kind);
    return happened;
  };
  // Kinds that depend on the person's history are only possible for people who have that history.
  if (person.previousPersonalEmail !== null) eligible.push('oldEmail');
  if (person.previousMobile !== null) eligible.push('oldPhone');
  if (person.previousJob !== null) eligible.push('oldEmployer');
  if (person.householdEmail !== null) eligible.push('householdEmail');
  if (person.householdPhone !== null) eligible.push('householdPhone');
  if (duplicate) applied.push('duplicateRecord');

  const stale = mark('staleRecord', chance(rng, profile.staleRate));
  const day = stale
    ? context.referenceDay - randomInt(rng, Math.floor(6 * YEAR_DAYS), Math.floor(12 * YEAR_DAYS))
    : context.referenceDay - randomInt(rng, 0, Math.floor(profile.recentWindowYears * YEAR_DAYS));
  const before = (eventDay: number | null): boolean => eventDay !== null && day < eventDay;

  // The person's state as of the record's timestamp.
  let family = person.familyName;
  if (person.birthFamilyName !== null) {
    if (mark('maidenName', before(person.nameChangeDay))) family = person.birthFamilyName;
  }
  let address = person.address;
  if (person.previousAddress !== null && mark('oldAddress', before(person.moveDay))) address = person.previousAddress;
  let email = person.personalEmail;
  let usesOldEmail = false;
  if (person.previousPersonalEmail !== null && before(person.emailChangeDay)) {
    email = person.previousPersonalEmail;
    usesOldEmail = true;
  }
  let mobile = person.mobile;
  let usesOldPhone = false;
  if (person.previousMobile !== null && before(person.phoneChangeDay)) {
    mobile = person.previousMobile;
    usesOldPhone = true;
  }
  const usesOldJob = person.previousJob !== null && before(person.jobChangeDay);
  const job = usesOldJob ? person.previousJob : person.job;

  // Names.
  let given = person.givenName;
  const nicknames = nicknamesOf(given);
  if (nicknames.length > 0 && profile.nicknameRate > 0 && mark('nickname', chance(rng, profile.nicknameRate))) {
    given = person.goesBy ?? pickOne(rng, nicknames);
  }
  if (hasNonAscii(given + family) && mark('transliteration', chance(rng, profile.transliterationRate))) {
    const expand = person.country === 'DE' && chance(rng, 0.6);
    given = transliterate(given, expand);
    family = transliterate(family, expand);
  }
  let middle = '';
  if (person.middleName !== null) {
    const r = rng.next();
    if (r < profile.middleNamePresence) middle = person.middleName;
    else if (r < profile.middleNamePresence + profile.middleInitialRate) {
      middle = `${person.middleName[0]}.`;
      applied.push('middleInitialOnly');
    } else applied.push('missingMiddleName');
  }
  if (mark('upperCaseName', chance(rng, profile.upperCaseNameRate))) family = family.toUpperCase();

  const row: CanonicalRow = {
    system, source_id: nextSourceId(context, system), source_timestamp: isoTimestamp(day, randomInt(rng, 6 * 3600, 20 * 3600)),
    given_name: given, middle_name: middle, family_name: family, full_name: '', preferred_name: '', email: '', phone: '',
    birth_date: '', national_id: '', street: '', city: '', postcode: '', country: '', employer: '', job_title: '',
  };
  if (person.goesBy !== null && chance(rng, profile.preferredNameRate)) row.preferred_name = person.goesBy;

  // Email.
  let emailSource = pickWeighted(rng, tables.emailSource);
  if (emailSource === 'work' && job === null) emailSource = 'personal';
  if (emailSource === 'household' && person.householdEmail === null) emailSource = 'personal';
  switch (emailSource) {
    case 'personal':
      row.email = email;
      if (usesOldEmail) applied.push('oldEmail');
      break;
    case 'work':
      row.email = job?.workEmail ?? '';
      break;
    case 'household':
      row.email = person.householdEmail ?? '';
      applied.push('householdEmail');
      break;
    case 'role': {
      const employer = job?.employer ?? pickEmployer(rng, context, person.country);
      row.email = `${pickOne(rng, ROLE_MAILBOXES)}@${employer.domain}`;
      applied.push('roleEmail');
      break;
    }
    case 'none':
      applied.push('missingEmail');
      break;
  }
  if (usesOldJob && emailSource === 'work') applied.push('oldEmployer');

  // Phone.
  let phoneSource = pickWeighted(rng, tables.phoneSource);
  if (phoneSource === 'household' && person.householdPhone === null) phoneSource = 'mobile';
  if (phoneSource === 'role' && job === null) phoneSource = 'mobile';
  if (phoneSource === 'mobile' && mobile === null) phoneSource = person.householdPhone !== null ? 'household' : 'none';
  const phone = phoneSource === 'mobile' ? mobile : phoneSource === 'household' ? person.householdPhone : phoneSource === 'role' ? job?.employer.switchboard ?? null : null;
  if (phone !== null) {
    // A foreign number (a company switchboard abroad) is written with its country code, or it could not be dialled.
    const format = pickWeighted(rng, tables.phoneFormat);
    row.phone = formatPhone(phone, format === 'national' && phone.country !== person.country ? 'international' : format);
  }
  if (phoneSource === 'mobile' && usesOldPhone) applied.push('oldPhone');
  if (phoneSource === 'household') applied.push('householdPhone');
  if (phoneSource === 'role') applied.push('rolePhone');
  if (phoneSource === 'none') applied.push('missingPhone');

  // Dates and identifiers.
  if (mark('missingBirthDate', !chance(rng, profile.birthDatePresence))) {
    // absent
  } else {
    row.birth_date = person.birthDate;
    const swapped = swapDayAndMonth(person.birthDate);
    if (swapped !== null && mark('swappedDayMonth', chance(rng, profile.swapDayMonthRate))) row.birth_date = swapped;
  }
  if (!mark('missingNationalId', !chance(rng, profile.nationalIdPresence))) {
    row.national_id = chance(rng, profile.looseNationalIdFormatRate) ? formatNationalIdLoosely(person.country, person.nationalId) : person.nationalId;
  }

  // Address and employment.
  if (!mark('missingAddress', !chance(rng, profile.addressPresence))) {
    row.street = formatStreet(address, chance(rng, profile.abbreviateStreetRate));
    row.city = address.city.city;
    row.postcode = chance(rng, 0.1) && person.country === 'GB' ? address.postcode.replace(' ', '').toLowerCase() : address.postcode;
  } else if (address !== person.address) {
    // The old address is not visible, so the record is not "old address" after all.
    applied.splice(applied.indexOf('oldAddress'), 1);
  }
  if (chance(rng, profile.countryPresence)) row.country = person.country;
  if (job !== null && chance(rng, profile.employerPresence)) {
    row.employer = job.employer.name;
    row.job_title = job.title;
    if (usesOldJob && !applied.includes('oldEmployer')) applied.push('oldEmployer');
  }

  // Typos go last, on the value as the system would show it.
  if (mark('typo', chance(rng, profile.typoRate))) applyTypoToRow(rng, row, system);

  if (chance(rng, profile.fullNamePresence)) row.full_name = composeFullName(rng, row.given_name, row.middle_name, row.family_name);
  if (profile.fullNameOnlyRate > 0 && mark('fullNameOnly', chance(rng, profile.fullNameOnlyRate))) {
    row.full_name = composeFullName(rng, row.given_name, row.middle_name, row.family_name);
    row.given_name = '';
    row.middle_name = '';
    row.family_name = '';
  }
  if (person.generation !== null) writeGeneration(context, system, person.generation, row);
  return { system, entityId: person.entityId, row, corruptions: applied, eligible };
}

/** Share of a father's and namesake son's records that write "Sr." / "Jr." after the name, by system (HRIS keeps legal names). */
const GENERATION_WRITTEN: Readonly<Record<SourceSystem, number>> = { CRM: 0.25, ATS: 0.25, HRIS: 0.6 };

/** From a generator of its own per record, so rows without a suffix are the same bytes as before. */
function writeGeneration(context: GenerationContext, system: SourceSystem, generation: string, row: CanonicalRow): void {
  if (!chance(createRng(deriveSeed(context.sourceIdSalt, row.source_id, 'generation')), GENERATION_WRITTEN[system])) return;
  if (row.family_name) row.family_name = `${row.family_name} ${generation}`;
  else if (row.full_name) row.full_name = `${row.full_name} ${generation}`;
}

const TYPO_FIELDS: ReadonlyArray<readonly [CanonicalField, number]> = [
  ['given_name', 35], ['family_name', 40], ['street', 8], ['city', 4], ['email', 8], ['national_id', 5],
];
const TYPO_FIELD_TABLE = createWeightedTable(TYPO_FIELDS);

function applyTypoToRow(rng: Rng, row: CanonicalRow, system: SourceSystem): void {
  let field = pickWeighted(rng, TYPO_FIELD_TABLE);
  if (row[field].length < 2) field = row.family_name.length >= 2 ? 'family_name' : 'given_name';
  if (field === 'email') {
    // Only the mailbox part: a mistyped domain would mostly bounce and get fixed.
    const at = row.email.indexOf('@');
    row.email = applyTypo(rng, row.email.slice(0, at)) + row.email.slice(at);
    return;
  }
  if (field === 'national_id' && system !== 'HRIS') field = 'family_name';
  row[field] = applyTypo(rng, row[field]);
}
