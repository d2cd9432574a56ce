import { extractMatchFeatures } from './extract-match-features';
import { resolveRecord, type CandidateCluster } from './resolve-record';
import type { PersonAttributes } from './types';

const f = (a: PersonAttributes) => extractMatchFeatures(a);
const cluster = (personId: string, ...members: PersonAttributes[]): CandidateCluster => ({
  personId,
  cannotLink: false,
  members: members.map((m, i) => ({ sourceRecordId: `${personId}-${i}`, features: f(m) })),
});

const alice: PersonAttributes = { givenName: 'Alice', familyName: 'Moreau', email: 'alice.moreau@example.com', phone: '+33 1 70 36 00 00', birthDate: '1985-03-04', city: 'Paris' };
const base = { deterministic: [], candidatesFound: 1, candidateCap: 50 };

describe('resolveRecord', () => {
  it('creates a new person when nothing shares a blocking key', () => {
    expect(resolveRecord({ ...base, features: f(alice), candidates: [], candidatesFound: 0 }).decision).toBe('CREATED');
  });

  it('matches deterministically on an external id before scoring anything', () => {
    const r = resolveRecord({ ...base, features: f(alice), deterministic: [{ key: 'VERIFIED_EMAIL', personId: 'p2' }, { key: 'EXTERNAL_ID', personId: 'p1' }], candidates: [] });
    expect(r).toMatchObject({ decision: 'MATCHED', personId: 'p1', matchedKey: 'EXTERNAL_ID' });
  });

  it('auto-merges a near-identical record', () => {
    const r = resolveRecord({ ...base, features: f({ ...alice, givenName: 'alice', phone: '+33170360000' }), candidates: [cluster('p1', alice)] });
    expect(r.decision).toBe('AUTO_MERGED');
    expect(r.personId).toBe('p1');
    expect(r.score!).toBeGreaterThanOrEqual(0.9);
    expect(r.explanation.comparisons.map((c) => c.attribute)).toContain('birthDate');
  });

  it('sends a strong match with a different birth date to review and reports the blocker', () => {
    const r = resolveRecord({ ...base, features: f({ ...alice, birthDate: '1958-11-30' }), candidates: [cluster('p1', alice)] });
    expect(r.decision).toBe('REVIEW_QUEUED');
    expect(r.explanation.blockers).toEqual(['BIRTH_DATE_CONFLICT']);
  });

  it('sends to review instead of chaining into a cluster whose other member disagrees', () => {
    const other: PersonAttributes = { givenName: 'Alice', familyName: 'Moreau', birthDate: '1990-01-01', city: 'Lyon' };
    const r = resolveRecord({ ...base, features: f(alice), candidates: [cluster('p1', { ...alice, givenName: 'Alice' }, other)] });
    expect(r.decision).toBe('REVIEW_QUEUED');
    expect(r.explanation.reason).toMatch(/no chaining|blocks/);
  });

  it('lets a sparse or misspelt member of the person through when it says nothing against the record', () => {
    // The person's other record has only the given name with a typo and a birth date a few weeks off.
    const sparse: PersonAttributes = { givenName: 'Alcie', birthDate: '1985-03-28' };
    const r = resolveRecord({ ...base, features: f(alice), candidates: [cluster('p1', { ...alice, givenName: 'Alice' }, sparse)] });
    expect(r.decision).toBe('AUTO_MERGED');
    // A member with another birth date needs 100 times the evidence: the given name and a town are not that.
    const other = resolveRecord({ ...base, features: f(alice), candidates: [cluster('p1', { ...alice, givenName: 'Alice' }, { givenName: 'Alice', birthDate: '1979-07-12', city: 'Paris' })] });
    expect(other.decision).toBe('REVIEW_QUEUED');
    expect(other.explanation.reason).toMatch(/no chaining/);
  });

  it('weighs the record against all records of the person: each attribute at the best level any shows', () => {
    // One record of the person has the name and town (namesakes share those), another a birth date one
    // digit off: neither alone is an automatic merge, together they are.
    const person = cluster('p1', { givenName: 'Theodore', familyName: 'Morris', city: 'Birmingham' }, { givenName: 'Theodore', birthDate: '1978-08-29' });
    const r = resolveRecord({ ...base, features: f({ givenName: 'Theodore', familyName: 'Morris', birthDate: '1978-08-19', city: 'Birmingham' }), candidates: [person] });
    expect(r.decision).toBe('AUTO_MERGED');
    expect(r.explanation.comparisons.filter((c) => c.level !== 'missing').map((c) => `${c.attribute}:${c.level}`)).toEqual(['givenName:exact', 'familyName:exact', 'birthDate:typo', 'city:exact']);
    for (const one of person.members) {
      expect(resolveRecord({ ...base, features: f({ givenName: 'Theodore', familyName: 'Morris', birthDate: '1978-08-19', city: 'Birmingham' }), candidates: [{ ...person, members: [one] }] }).decision).not.toBe('AUTO_MERGED');
    }
    // A record that lacks an attribute does not hide another record's disagreement on it.
    const moved = cluster('p1', { givenName: 'Theodore', familyName: 'Morris', email: 'teddy@mail.example' }, { givenName: 'Theodore', familyName: 'Morris' });
    const s = resolveRecord({ ...base, features: f({ givenName: 'Theodore', familyName: 'Morris', email: 't.m39@brooks-sawyer.com' }), candidates: [moved] });
    expect(s.explanation.comparisons.find((c) => c.attribute === 'email')?.level).toBe('different');
  });

  it('flags a weak candidate on a new person', () => {
    const r = resolveRecord({ ...base, features: f({ givenName: 'Alice', familyName: 'Moreau', city: 'Paris' }), candidates: [cluster('p1', { givenName: 'Alicia', familyName: 'Moreau', city: 'Lille' })] });
    expect(['CREATED_FLAGGED', 'CREATED']).toContain(r.decision);
    if (r.decision === 'CREATED_FLAGGED') expect(r.personId).toBe('p1');
  });

  it('never proposes a person the steward marked as a different person', () => {
    const r = resolveRecord({ ...base, features: f(alice), candidates: [{ ...cluster('p1', alice), cannotLink: true }] });
    expect(r.decision).toBe('CREATED');
  });

  it('reports when the candidate list was capped', () => {
    const r = resolveRecord({ ...base, features: f(alice), candidates: [cluster('p1', alice)], candidatesFound: 80 });
    expect(r.explanation).toMatchObject({ candidatesConsidered: 1, candidatesCapped: true });
  });

  it('does not depend on the order candidates arrive in', () => {
    const a = cluster('p1', alice);
    const b = cluster('p2', { ...alice, email: 'other@example.com' });
    expect(resolveRecord({ ...base, features: f(alice), candidates: [a, b] })).toEqual(resolveRecord({ ...base, features: f(alice), candidates: [b, a] }));
  });
});

describe('deterministic verified e-mail', () => {
  it('still goes to review when the legal identifiers conflict', () => {
    const r = resolveRecord({
      ...base,
      features: f({ ...alice, nationalIdHash: 'h1', nationalIdValid: true, emailVerified: true }),
      deterministic: [{ key: 'VERIFIED_EMAIL', personId: 'p1' }],
      candidates: [cluster('p1', { ...alice, nationalIdHash: 'h2', nationalIdValid: true, emailVerified: true })],
    });
    expect(r.decision).toBe('REVIEW_QUEUED');
    expect(r.explanation.blockers).toContain('NATIONAL_ID_CONFLICT');
  });
});

describe('namesakes', () => {
  const thomas: PersonAttributes = { givenName: 'Thomas', familyName: 'Müller', city: 'Berlin', street: 'Hauptstraße 5', postcode: '10115' };
  it('does not auto-merge two Thomas Müller in Berlin with different e-mail and phone', () => {
    const r = resolveRecord({
      ...base,
      features: f({ ...thomas, email: 'thomas.mueller@web.de', phone: '+49 30 1234567' }),
      candidates: [cluster('p1', { ...thomas, email: 'tmueller@gmx.de', phone: '+49 30 7654321' })],
    });
    expect(r.decision).not.toBe('AUTO_MERGED');
    expect(r.explanation.reason).toMatch(/no personal identifier/);
  });
  it('does not match "Mehmet Yilmaz, Berlin" on name and city alone', () => {
    const mehmet: PersonAttributes = { givenName: 'Mehmet', familyName: 'Yilmaz', city: 'Berlin' };
    const r = resolveRecord({ ...base, features: f(mehmet), candidates: [cluster('p1', mehmet)] });
    expect(['MATCHED', 'AUTO_MERGED']).not.toContain(r.decision);
  });
  it('does not auto-merge two namesake colleagues in different jobs on the employer', () => {
    const petra: PersonAttributes = { givenName: 'Petra', familyName: 'Schmidt', employer: 'Meridian Partners AG', country: 'DE' };
    const other = { ...petra, email: 'petras@meridianpartners.de', phone: '+491773290420', jobTitle: 'Director, Human Resources' };
    const teacher = resolveRecord({ ...base, features: f({ ...petra, email: 'petras323@meridianpartners.de', phone: '+491602774237', jobTitle: 'Teacher' }), candidates: [cluster('p1', other)] });
    expect(teacher.decision).not.toBe('AUTO_MERGED');
    expect(teacher.explanation.comparisons.find((c) => c.attribute === 'jobTitle')?.level).toBe('different');
    // The same job at the same employer corroborates.
    const same = resolveRecord({ ...base, features: f({ ...petra, jobTitle: 'Director Human Resources' }), candidates: [cluster('p1', other)] });
    expect(same.decision).toBe('AUTO_MERGED');
  });
  it('does not auto-merge a record stating Sr. with a namesake who leaves it out on a family mailbox', () => {
    const home = { familyName: 'Chadencroft', email: 'johnandmary@gmail.com', country: 'US' };
    const father = { ...home, givenName: 'Jack', familyName: 'Chadencroft Sr.', phone: '+1 210-738-6853', employer: 'Vandelay Health Inc.' };
    const son = { ...home, givenName: 'John', phone: '+12102214762', employer: 'Silver Line Retail Inc.' };
    const r = resolveRecord({ ...base, features: f(father), candidates: [cluster('p1', son)] });
    expect(r.decision).toBe('REVIEW_QUEUED');
    expect(r.explanation.reason).toMatch(/generation/);
    // A birth date, a legal id or one job tells the two apart.
    const born = resolveRecord({ ...base, features: f({ ...father, birthDate: '1961-04-02' }), candidates: [cluster('p1', { ...son, birthDate: '1961-04-02' })] });
    expect(born.decision).toBe('AUTO_MERGED');
    const job = { employer: 'Vandelay Health Inc.', jobTitle: 'Chief Executive Officer' };
    expect(resolveRecord({ ...base, features: f({ ...father, ...job }), candidates: [cluster('p1', { ...son, ...job })] }).decision).toBe('AUTO_MERGED');
    // Both sides stating the same generation settle it.
    expect(resolveRecord({ ...base, features: f(father), candidates: [cluster('p1', { ...son, givenName: 'Jack', familyName: 'Chadencroft Sr' })] }).decision).toBe('AUTO_MERGED');
  });
  it('does not auto-merge one name on a shared fixed line: a landline or switchboard is no personal number', () => {
    const landline = { ...thomas, phone: '+49 30 1234567', country: 'DE' };
    const r = resolveRecord({ ...base, features: f(landline), candidates: [cluster('p1', landline)] });
    expect(r.explanation.comparisons.find((c) => c.attribute === 'phone')?.level).toBe('fixedLine');
    expect(r.decision).toBe('REVIEW_QUEUED');
    const mobile = { ...thomas, phone: '+49 151 33883779', country: 'DE' };
    expect(resolveRecord({ ...base, features: f(mobile), candidates: [cluster('p1', mobile)] }).decision).toBe('AUTO_MERGED');
  });
  it('lets a birth date within a year corroborate only when nobody else in the hub carries the name', () => {
    const reuben = { givenName: 'Reuben', familyName: 'James', city: 'Leicester' };
    const input = { ...base, features: f({ ...reuben, birthDate: '1975-07-24' }), candidates: [cluster('p1', { ...reuben, birthDate: '1975-03-19' })] };
    expect(resolveRecord({ ...input, scoreOptions: { namesakes: 0 } }).decision).toBe('AUTO_MERGED');
    expect(resolveRecord({ ...input, scoreOptions: { namesakes: 1 } }).decision).toBe('REVIEW_QUEUED');
    // Without the count (no hub to ask) it corroborates nothing.
    expect(resolveRecord(input).decision).toBe('REVIEW_QUEUED');
  });
  it('does not let the employer corroborate when a work address numbers the name: the employer has a namesake', () => {
    const michael = { givenName: 'Michael', familyName: 'Ederdale', employer: 'Silver Line Retail Inc.', jobTitle: 'Accountant', country: 'US' };
    const numbered = resolveRecord({ ...base, features: f({ ...michael, email: 'michael.ederdale@gmail.com', street: '5601 Elm Lane', city: 'Dallas' }), candidates: [cluster('p1', { ...michael, email: 'michael.ederdale4@silverline.com', street: '6174 Pine Road', city: 'Phoenix' })] });
    expect(numbered.decision).not.toBe('AUTO_MERGED');
    expect(numbered.explanation.comparisons.find((c) => c.attribute === 'employer')?.detail).toMatch(/another person of this name/);
    // Without the number the employer and the job corroborate.
    const plain = resolveRecord({ ...base, features: f({ ...michael, email: 'michael.ederdale@gmail.com', street: '5601 Elm Lane', city: 'Dallas' }), candidates: [cluster('p1', { ...michael, email: 'michael.ederdale@silverline.com', street: '6174 Pine Road', city: 'Phoenix' })] });
    expect(plain.decision).toBe('AUTO_MERGED');
  });
  it('does not let one birth date corroborate two given names of one home and family name: twins', () => {
    const home = { familyName: 'Wallingcroft', birthDate: '1964-01-10', street: '28 Windsor Avenue', city: 'Glasgow', postcode: 'G10 1EU' };
    const r = resolveRecord({ ...base, features: f({ ...home, givenName: 'John' }), candidates: [cluster('p1', { ...home, givenName: 'Kyle' })] });
    expect(r.decision).not.toBe('AUTO_MERGED');
    // One given name: the birth date corroborates.
    expect(resolveRecord({ ...base, features: f({ ...home, givenName: 'Kyle' }), candidates: [cluster('p1', { ...home, givenName: 'Kyle' })] }).decision).toBe('AUTO_MERGED');
  });
  it('still merges the same name when a personal identifier agrees', () => {
    const r = resolveRecord({ ...base, features: f({ ...thomas, email: 'thomas.mueller@web.de' }), candidates: [cluster('p1', { ...thomas, email: 'thomas.mueller@web.de', phone: '+49 30 7654321' })] });
    expect(r.decision).toBe('AUTO_MERGED');
  });
});
