import fc from 'fast-check';
import { extractMatchFeatures } from './extract-match-features';
import { scorePair } from './score-pair';
import { DEFAULT_MATCH_MODEL } from './default-match-model';
import { BOB_SMITH, ROBERT_SMITH, ROBERT_SMITH_OTHER } from './matching.fixtures';
import type { PersonAttributes } from './types';

const score = (a: PersonAttributes, b: PersonAttributes, ...rest: Parameters<typeof scorePair> extends [unknown, unknown, ...infer R] ? R : never) =>
  scorePair(extractMatchFeatures(a), extractMatchFeatures(b), ...rest);
const levelOf = (s: ReturnType<typeof scorePair>, attribute: string) => s.comparisons.find((c) => c.attribute === attribute)?.level;

describe('scorePair', () => {
  it('matches a nickname record with the same email, phone and birth date', () => {
    const s = score(ROBERT_SMITH, BOB_SMITH);
    expect(s.probability).toBeGreaterThan(0.99);
    expect(levelOf(s, 'givenName')).toBe('nickname');
    expect(levelOf(s, 'email')).toBe('exact');
    expect(levelOf(s, 'phone')).toBe('exact');
    expect(levelOf(s, 'nationalId')).toBe('missing');
    expect(s.blockers).toEqual([]);
  });
  it('explains every attribute with a weight', () => {
    const s = score(ROBERT_SMITH, BOB_SMITH);
    expect(s.comparisons.map((c) => c.attribute)).toEqual(['nationalId', 'givenName', 'familyName', 'birthDate', 'email', 'phone', 'street', 'city', 'postcode', 'employer', 'jobTitle']);
    const nickname = DEFAULT_MATCH_MODEL.attributes.givenName.nickname;
    expect(s.comparisons[1].weight).toBeCloseTo(Math.log2(nickname.m / nickname.u));
    expect(s.comparisons.filter((c) => c.level === 'missing').every((c) => c.weight === 0)).toBe(true);
  });
  it('counts a shared address once: two members of one household are not a match', () => {
    const home = { familyName: 'Okonkwo', street: '14 Larch Road', postcode: 'LS6 2AB', city: 'Leeds' };
    const household = score({ ...home, givenName: 'Adaeze', email: 'adaeze@mail.example' }, { ...home, givenName: 'Chidi', email: 'chidi@mail.example' });
    expect(household.probability).toBeLessThan(0.7);
    const samePerson = score({ ...home, givenName: 'Adaeze', email: 'adaeze@mail.example' }, { ...home, givenName: 'Adaeze' });
    expect(samePerson.probability).toBeGreaterThan(0.9);
  });
  it('blocks Sr. against Jr. of one name at one address, and lets a suffix one side omits through', () => {
    const home = { familyName: 'Smith', street: '12 Elm Street', postcode: '90012', city: 'Los Angeles', phone: '+12135550100' };
    const father = extractMatchFeatures({ ...home, givenName: 'John', fullName: 'John Smith Sr.' });
    const son = extractMatchFeatures({ ...home, givenName: 'John', familyName: 'Smith Jr' });
    expect(father.generation).toBe('i');
    expect(son.generation).toBe('ii');
    expect(son.familyName).toBe('smith');
    const s = scorePair(father, son);
    expect(s.blockers).toEqual(['GENERATION_CONFLICT']);
    expect(s.probability).toBe(0);
    expect(scorePair(son, extractMatchFeatures({ ...home, givenName: 'John' })).blockers).toEqual([]);
  });
  it('counts a move once: street, postcode and city of one old address disagree together', () => {
    const person = { givenName: 'Adaeze', familyName: 'Okonkwo', email: 'adaeze@mail.example' };
    const moved = score({ ...person, street: '14 Larch Road', postcode: 'LS6 2AB', city: 'Leeds' }, { ...person, street: '3 Mill Lane', postcode: 'M4 7HR', city: 'Manchester' });
    const noAddress = score(person, person);
    const parts = moved.comparisons.filter((c) => ['street', 'postcode', 'city'].includes(c.attribute));
    expect(parts.every((c) => c.level === 'different')).toBe(true);
    expect(noAddress.weight - moved.weight).toBeCloseTo(-Math.min(...parts.map((c) => c.weight)));
  });
  it('scores relatives with different given names at one address and landline as a household, not a match', () => {
    const home = { familyName: 'Lopez', street: '12 Elm Street', postcode: '90012', city: 'Los Angeles', phone: '+12135550100', employer: 'Silverline' };
    const s = score({ ...home, givenName: 'Mary', email: 'mary.lopez@silverline.com' }, { ...home, givenName: 'Robert', email: 'robert.lopez@silverline.com' });
    expect(s.probability).toBeLessThan(0.3);
    const family = s.comparisons.find((c) => c.attribute === 'familyName')!;
    expect(family.level).toBe('exact');
    expect(family.detail).toMatch(/household/);
    const { familyNameU } = DEFAULT_MATCH_MODEL.household!;
    expect(family.weight).toBeCloseTo(Math.log2(DEFAULT_MATCH_MODEL.attributes.familyName.exact.m / familyNameU));
    // The same pair without a shared place keeps the population weight of the family name.
    const apart = score({ givenName: 'Mary', familyName: 'Lopez' }, { givenName: 'Robert', familyName: 'Lopez' });
    expect(apart.comparisons.find((c) => c.attribute === 'familyName')!.detail).toBeUndefined();
  });
  it('keeps the family name weight when a record without given name shares the mailbox built from the other given name', () => {
    const leah = { givenName: 'Leah', familyName: 'Russell', city: 'London', email: 'leahrussell@charles.net' };
    const s = score(leah, { familyName: 'Russell', city: 'London', email: 'leahrussell@charles.net' });
    expect(s.comparisons.find((c) => c.attribute === 'familyName')!.detail).toBeUndefined();
    // A family mailbox names no one: the record without given name may be any member of the household.
    const family = score({ ...leah, email: 'therussells@charles.net' }, { familyName: 'Russell', email: 'therussells@charles.net' });
    expect(family.comparisons.find((c) => c.attribute === 'familyName')!.detail).toMatch(/household/);
  });
  it('counts a shared switchboard and employer once when the family names differ (colleagues)', () => {
    const work = { phone: '+12062431217', employer: 'Silverline' };
    const mary = { givenName: 'Mary', familyName: 'Whitley' };
    const other = { givenName: 'Mary', familyName: 'Sherby' };
    const withEmployer = score({ ...mary, ...work }, { ...other, ...work });
    const phoneOnly = score({ ...mary, phone: work.phone }, { ...other, phone: work.phone });
    expect(withEmployer.weight).toBeCloseTo(phoneOnly.weight);
    // Same family name: the employer is evidence of its own again.
    const same = { givenName: 'Mary', familyName: 'Whitley' };
    expect(score({ ...mary, ...work }, { ...same, ...work }).weight).toBeGreaterThan(score({ ...mary, phone: work.phone }, { ...same, phone: work.phone }).weight + 5);
  });
  it('treats look-alike mailboxes built from the same name as name evidence, not a shared account', () => {
    const a = { givenName: 'Thomas', familyName: 'Schmidt', email: 'thomas_schmidt@web.de' };
    const s = score(a, { ...a, email: 'thomas_schmidt@gmx.de' });
    expect(levelOf(s, 'email')).toBe('nameBased');
    expect(s.probability).toBeLessThan(0.9);
    // A mailbox name that is not the person's name still counts as the same mailbox elsewhere.
    const b = { givenName: 'Thomas', familyName: 'Schmidt', email: 'blue.falcon77@web.de' };
    expect(levelOf(score(b, { ...b, email: 'blue.falcon77@gmx.de' }), 'email')).toBe('sameLocalPart');
    // One work-mail pattern at two employers is name evidence even when one record misspells the surname.
    const joseph = { givenName: 'Joseph', familyName: 'Johnson', email: 'jjohnson@ironwoodfoods.com' };
    const typo = score(joseph, { givenName: 'Joseph', familyName: 'Jonnson', email: 'jjohnson@pioneer.com' });
    expect(levelOf(typo, 'email')).toBe('nameBased');
    expect(typo.probability).toBeLessThan(0.9);
    // A mistyped domain is one mailbox mistyped, even when the mailbox is built from the name.
    const gabriel = { givenName: 'Thomas', familyName: 'Gabriel', email: 'gabriel.t54@nichols.info' };
    expect(levelOf(score(gabriel, { ...gabriel, email: 'gabriel.t54@nnichls.info' }), 'email')).toBe('sameLocalPart');
    // Two employers whose domains share a stem are two mailboxes.
    const mary = { givenName: 'Mary', familyName: 'Gutierrez', email: 'mgutierrez@ironwood.com' };
    expect(levelOf(score(mary, { ...mary, email: 'mgutierrez@ironwoodfoods.com' }), 'email')).toBe('nameBased');
  });
  it('stays symmetric with household and workplace adjustments', () => {
    const x = { givenName: 'Andrew', familyName: 'Thornfield', phone: '+12102585640', email: 'andrew.thornfield@yahoo.com', street: '1 Oak Road', postcode: '78201' };
    const y = { givenName: 'Patricia', familyName: 'Thornfield', phone: '+12102585640', email: 'thornfield.patricia@yahoo.com', employer: 'Keystone' };
    expect(score(x, y).weight).toBeCloseTo(score(y, x).weight);
    expect(score(x, y).probability).toBeLessThan(0.3);
  });
  it('blocks a namesake father and son whose birth dates are decades apart', () => {
    const father = { ...ROBERT_SMITH, birthDate: '1955-06-02' };
    const son = { ...ROBERT_SMITH, birthDate: '1980-11-17' };
    const s = score(father, son);
    expect(s.blockers).toEqual(['BIRTH_DATE_CONFLICT']);
    expect(s.comparisons.find((c) => c.attribute === 'birthDate')!.detail).toBe('birth dates 25 years apart');
    expect(s.probability).toBe(0);
  });
  it('scores birth dates a few years apart as disagreement without blocking', () => {
    const s = score(ROBERT_SMITH, { ...ROBERT_SMITH_OTHER, birthDate: '1975-11-02' });
    expect(levelOf(s, 'birthDate')).toBe('different');
    expect(s.blockers).toEqual([]);
    expect(s.comparisons.find((c) => c.attribute === 'birthDate')!.weight).toBeLessThan(-4);
  });
  it('grades birth dates by part', () => {
    const bd = (a: string, b: string) => levelOf(score({ familyName: 'x', birthDate: a }, { familyName: 'x', birthDate: b }), 'birthDate');
    expect(bd('1971-06-24', '1971-06-24')).toBe('exact');
    expect(bd('1971-06-04', '1971-04-06')).toBe('dayMonthSwap');
    expect(bd('1971-06-24', '1971-05-24')).toBe('typo');
    expect(bd('1971-06-24', '1971-07-13')).toBe('withinMonth');
    expect(bd('1977-09-13', '1976-09-15')).toBe('withinYear');
    expect(bd('1984-10-03', '1974-10-05')).toBe('twoDigits');
    expect(bd('1955-06-02', '1980-11-17')).toBe('different');
  });
  it('tolerates a day/month swap and a one-digit typo in the birth date', () => {
    const swap = score(ROBERT_SMITH, { ...ROBERT_SMITH, birthDate: '1980-14-03' });
    expect(levelOf(swap, 'birthDate')).toBe('missing'); // 14 is not a month: unparseable, not a conflict
    const realSwap = score({ ...ROBERT_SMITH, birthDate: '1980-03-04' }, { ...ROBERT_SMITH, birthDate: '1980-04-03' });
    expect(levelOf(realSwap, 'birthDate')).toBe('dayMonthSwap');
    expect(realSwap.blockers).toEqual([]);
    const typo = score(ROBERT_SMITH, { ...ROBERT_SMITH, birthDate: '1980-03-15' });
    expect(levelOf(typo, 'birthDate')).toBe('typo');
    expect(typo.probability).toBeGreaterThan(0.9);
  });
  it('blocks two different national ids only when both pass their check digit', () => {
    const valid = { ...ROBERT_SMITH, nationalIdValid: true };
    const s = score(valid, { ...valid, nationalIdHash: 'h-other' });
    expect(s.blockers).toEqual(['NATIONAL_ID_CONFLICT']);
    expect(s.probability).toBe(0);
    // Without a check digit (or one side failing it) a different id may be a typo: strong disagreement, no block.
    const unchecked = score(ROBERT_SMITH, { ...ROBERT_SMITH, nationalIdHash: 'h-other' });
    expect(unchecked.blockers).toEqual([]);
    expect(levelOf(unchecked, 'nationalId')).toBe('different');
    expect(unchecked.comparisons[0].weight).toBeLessThan(-6);
    expect(score(valid, { ...ROBERT_SMITH, nationalIdHash: 'h-other', nationalIdValid: false }).blockers).toEqual([]);
  });
  it('never blocks on a one-character typo of the national id', () => {
    const a = extractMatchFeatures({ ...ROBERT_SMITH, nationalIdHash: 'h1', nationalIdVariantHashes: ['v1', 'v2'], nationalIdValid: true });
    const b = extractMatchFeatures({ ...ROBERT_SMITH, nationalIdHash: 'h2', nationalIdVariantHashes: ['v2', 'v3'], nationalIdValid: true });
    const s = scorePair(a, b);
    expect(s.comparisons[0].level).toBe('oneEdit');
    expect(s.blockers).toEqual([]);
    expect(s.probability).toBeGreaterThan(0.9);
  });
  it('can turn blockers into ordinary disagreement', () => {
    const model = { ...DEFAULT_MATCH_MODEL, blockers: { nationalIdConflict: false, birthDateConflict: false } };
    const s = score(ROBERT_SMITH, ROBERT_SMITH_OTHER, model);
    expect(s.blockers).toEqual([]);
    expect(levelOf(s, 'birthDate')).toBe('different');
    expect(s.probability).toBeLessThan(0.9);
  });
  it('keeps two same-named people with nothing else in common out of auto-merge', () => {
    expect(score({ givenName: 'John', familyName: 'Smith' }, { givenName: 'John', familyName: 'Smith', city: 'Leeds' }).probability).toBeLessThan(0.9);
  });
  it('recognises swapped given and family names', () => {
    const s = score({ givenName: 'Isla', familyName: 'Hall', birthDate: '1985-02-07' }, { givenName: 'Hall', familyName: 'Isla', birthDate: '1985-02-07' });
    expect(levelOf(s, 'givenName')).toBe('exact');
    expect(s.comparisons[1].detail).toBe('given and family names swapped');
    expect(s.probability).toBeGreaterThan(0.9);
  });
  it('counts a shared fixed line as a place reaching several people, not a personal number', () => {
    // A company switchboard in Birmingham shared by two colleagues called Michael.
    const s = score({ givenName: 'Michael', familyName: 'Treham', phone: '+441214194743', country: 'GB' }, { givenName: 'Michael', familyName: 'Jones', phone: '+44 121 419 4743', country: 'GB' });
    expect(levelOf(s, 'phone')).toBe('fixedLine');
    expect(s.probability).toBeLessThan(0.3);
    const mobile = score({ givenName: 'Michael', familyName: 'Jones', phone: '+447956154733' }, { givenName: 'Michael', familyName: 'Jones', phone: '+447956154733' });
    expect(levelOf(mobile, 'phone')).toBe('exact');
    // North American numbers do not say which they are: an exact agreement as before.
    expect(levelOf(score({ givenName: 'Ann', phone: '+12102214762' }, { givenName: 'Ann', phone: '+12102214762' }), 'phone')).toBe('exact');
  });
  it('counts a shared mobile on its own when the family names differ: a mobile reaches one person', () => {
    // A married name: the same given name, mobile, employer and job, another family name.
    const work = { employer: 'Evergreen Energy Ltd.', jobTitle: 'UX Designer', country: 'GB' };
    const before = { givenName: 'Laura', familyName: 'Stanlingcroft', phone: '+447956154733', ...work };
    const after = { givenName: 'Laura', familyName: 'Hartley', phone: '+44 7956 154733', ...work };
    const s = score(before, after);
    expect(s.comparisons.find((c) => c.attribute === 'phone')!.personal).toBe(true);
    // On a switchboard (a fixed line) the employer and the number count once together, as colleagues share both.
    const switchboard = score({ ...before, phone: '+441214194743' }, { ...after, phone: '+441214194743' });
    expect(s.weight - switchboard.weight).toBeGreaterThan(10);
  });
  it('compares job titles only between records of one employer', () => {
    const a = { givenName: 'Petra', familyName: 'Schmidt', employer: 'Meridian Partners AG', jobTitle: 'Teacher' };
    expect(levelOf(score(a, { ...a, jobTitle: 'TEACHER' }), 'jobTitle')).toBe('exact');
    expect(levelOf(score(a, { ...a, jobTitle: 'Operations Manager' }), 'jobTitle')).toBe('different');
    expect(levelOf(score(a, { ...a, employer: 'Initech Systems LLC' }), 'jobTitle')).toBe('missing');
    expect(levelOf(score(a, { ...a, employer: null }), 'jobTitle')).toBe('missing');
    expect(score(a, { ...a, jobTitle: 'Operations Manager' }).weight).toBeLessThan(score(a, a).weight - 4);
  });
  it('does not read two unrelated names as swapped because crossed they look faintly alike', () => {
    // Peter/Meyer and Krause/Klaus are each two edits apart: a shared switchboard, not a swap.
    const work = { phone: '+441514854938', employer: 'Fabrikam Systems Ltd' };
    const s = score({ givenName: 'Peter', familyName: 'Krause', ...work }, { givenName: 'Klaus', familyName: 'Meyer', ...work });
    expect(levelOf(s, 'givenName')).toBe('different');
    expect(s.comparisons[1].detail).toBeUndefined();
    expect(s.probability).toBeLessThan(0.3);
    // Michelle/Mitchell is one letter off, Lindton/Stephanie nothing alike: a household landline and street, not a swap.
    const home = { phone: '+15034185964', street: '1422 Maple Street', city: 'Portland', postcode: '97259' };
    const household = score({ givenName: 'Michelle', familyName: 'Lindton', ...home }, { givenName: 'Stephanie', familyName: 'Mitchell', ...home });
    expect(household.comparisons[1].detail).toBeUndefined();
    expect(household.probability).toBeLessThan(0.3);
    // A swap with a typo in one part still reads as a swap, and so does one name keyed into the other's field.
    const typo = score({ givenName: 'Caleb', familyName: 'Rwoe', birthDate: '1992-11-20' }, { givenName: 'Rowe', familyName: 'Caleb', birthDate: '1992-11-20' });
    expect(typo.comparisons[1].detail).toBe('given and family names swapped');
    const moved = score({ givenName: 'Adele', familyName: 'Bullock', birthDate: '1970-03-02' }, { givenName: 'Bullock', familyName: 'Holly', birthDate: '1970-03-02' });
    expect(moved.comparisons[1].detail).toBe('given and family names swapped');
  });
  it('scores a common surname lower with term frequencies', () => {
    const a = { givenName: 'Ann', familyName: 'Smith', birthDate: '1980-01-01' };
    const plain = score(a, a);
    const common = score(a, a, DEFAULT_MATCH_MODEL, { frequencies: (t, attr) => (attr === 'familyName' && t === 'smith' ? 0.01 : undefined) });
    expect(common.weight).toBeLessThan(plain.weight);
  });
  it('reads a mailbox name with other digits appended at one domain as the next person of the name', () => {
    const a = { givenName: 'Andreas', familyName: 'Müller', email: 'andreasm@contoso.de' };
    expect(levelOf(score(a, { ...a, givenName: 'Andi', email: 'andreasm790@contoso.de' }), 'email')).toBe('nameBased');
    // A father and son: Dons with their birth years.
    const don = { givenName: 'Donald', familyName: 'Stanesby', email: 'dons1975@gmail.com' };
    expect(levelOf(score(don, { ...don, email: 'dons2001@gmail.com' }), 'email')).toBe('nameBased');
    // At another domain, or with another stem, it is what it was.
    expect(levelOf(score(a, { ...a, email: 'andreasm790@web.de' }), 'email')).not.toBe('nameBased');
    expect(levelOf(score(a, { ...a, email: 'andraesm@contoso.de' }), 'email')).toBe('similar');
  });
  it('reads a mailbox built from a nickname or a folded umlaut as built from the name', () => {
    const peter = { givenName: 'Peter', familyName: 'Mueller', email: 'peter.muller@freenet.de' };
    expect(levelOf(score(peter, { ...peter, email: 'pete.muller@freenet.de' }), 'email')).toBe('nameBased');
  });
  it('lets a role mailbox weigh but not corroborate: it reaches whoever holds the role', () => {
    const a = { givenName: 'Marie', familyName: 'Bertrand', email: 'hr@juniper.fr' };
    const s = score(a, { givenName: 'Marie', familyName: 'Bonval', email: 'HR@juniper.fr' });
    const email = s.comparisons.find((c) => c.attribute === 'email')!;
    expect(email.level).toBe('exact');
    expect(email.corroborates).toBe(false);
    expect(score(a, { ...a, email: 'marie.bertrand@juniper.fr' }).comparisons.find((c) => c.attribute === 'email')!.corroborates).toBeUndefined();
  });
  it('tells a personal address against a work one from two different addresses of one kind', () => {
    const a = { givenName: 'Daniel', familyName: 'Goldstead', email: 'daniel.goldstead@cobalt.com' };
    const personal = score(a, { ...a, email: 'dgoldstead77@gmail.com' });
    expect(levelOf(personal, 'email')).toBe('otherKind');
    const work = score(a, { ...a, email: 'dgoldstead@initech.com' });
    expect(levelOf(work, 'email')).toBe('different');
    expect(levelOf(score({ ...a, email: 'dan@gmx.de' }, { ...a, email: 'daniel77@web.de' }), 'email')).toBe('different');
    // One person has both kinds: their disagreement says less.
    expect(personal.weight).toBeGreaterThan(work.weight);
  });
  it('reads a town one letter off as a typo', () => {
    expect(levelOf(score({ givenName: 'A', city: 'London' }, { givenName: 'A', city: 'Loodon' }), 'city')).toBe('similar');
    expect(levelOf(score({ givenName: 'A', city: 'Lyon' }, { givenName: 'A', city: 'Lydd' }), 'city')).toBe('different');
    expect(levelOf(score({ givenName: 'A', city: 'Leeds' }, { givenName: 'A', city: 'Leek' }), 'city')).toBe('different');
  });
  it('reads a typo of a nickname as a typo of the name', () => {
    expect(levelOf(score({ givenName: 'Bobvby' }, { givenName: 'Robert' }), 'givenName')).toBe('similar');
    expect(levelOf(score({ givenName: 'Pamela' }, { givenName: 'Pma' }), 'givenName')).toBe('similar');
    expect(levelOf(score({ givenName: 'Pma' }, { givenName: 'Pam' }), 'givenName')).toBe('similar');
    // Another name one letter from a nickname is not a typo of it when the names are no forms of one name.
    expect(levelOf(score({ givenName: 'Maria' }, { givenName: 'Peter' }), 'givenName')).toBe('different');
    expect(levelOf(score({ givenName: 'Dan' }, { givenName: 'Robert' }), 'givenName')).toBe('different');
    expect(levelOf(score({ givenName: 'Randy' }, { givenName: 'Alexander' }), 'givenName')).toBe('different');
  });
  it('grades typos in names', () => {
    expect(levelOf(score({ familyName: 'Johnson' }, { familyName: 'Jonhson' }), 'familyName')).toBe('similar');
    expect(levelOf(score({ familyName: 'Smith-Jones' }, { familyName: 'Jones' }), 'familyName')).toBe('tokenOverlap');
    expect(levelOf(score({ givenName: 'J', familyName: 'x' }, { givenName: 'John', familyName: 'x' }), 'givenName')).toBe('initial');
    expect(levelOf(score({ givenName: 'Maria' }, { givenName: 'Peter' }), 'givenName')).toBe('different');
  });

  const name = fc.constantFrom('Robert', 'Bob', 'Rob', 'Roberta', 'Ann', 'Anne', 'Hall', 'Isla', null);
  const attrs = fc.record({
    givenName: name,
    familyName: fc.constantFrom('Smith', 'Smyth', 'Hall', 'Isla', 'Smith-Jones', null),
    birthDate: fc.constantFrom('1980-03-04', '1980-04-03', '1980-03-05', '1991-01-01', null),
    email: fc.constantFrom('a.smith@example.com', 'a.smith@example.org', 'asmith@example.com', null),
    city: fc.constantFrom('Leeds', 'Leds', 'York', null),
    nationalIdHash: fc.constantFrom('h1', 'h2', null),
    nationalIdValid: fc.constantFrom(true, false, null),
  });
  it('is symmetric', () => {
    fc.assert(fc.property(attrs, attrs, (a, b) => {
      const ab = score(a, b);
      const ba = score(b, a);
      expect(ab.probability).toBeCloseTo(ba.probability, 12);
      expect(ab.blockers).toEqual(ba.blockers);
    }));
  });
});
