import { FREQUENCY_PEOPLE_CAP, FREQUENCY_SAMPLE, computeBlockingKeys, employerFrequencyKeyOf, isCandidateKey, isInFrequencySample, storedKeysOf } from './blocking-keys';
import { extractMatchFeatures } from './extract-match-features';
import { scorePair } from './score-pair';
import { countContactSharers, countNamesakes, estimateEmployerSharers, nameKeyOf } from './term-frequencies';

const thomas = extractMatchFeatures({ givenName: 'Thomas', familyName: 'Müller', city: 'Berlin', birthDate: '1980-05-01' });

describe('name frequency from the hub', () => {
  it('reads the name key the blocking keys write', () => {
    expect(computeBlockingKeys(thomas)).toContain(nameKeyOf(thomas));
    expect(nameKeyOf(extractMatchFeatures({ givenName: 'Thomas' }))).toBeNull();
  });
  it('counts the distinct people besides the candidate who carry the name', () => {
    const rows = [{ personId: 'p1' }, { personId: 'p1' }, { personId: 'p2' }, { personId: 'p3' }];
    expect(countNamesakes(thomas, () => rows)).toBe(2);
    expect(countNamesakes(thomas, () => [{ personId: 'p1' }])).toBe(0);
    expect(countNamesakes(thomas, () => [])).toBe(0);
  });
  it('weighs an agreement on a name many people carry less', () => {
    const alone = scorePair(thomas, thomas);
    const common = scorePair(thomas, thomas, undefined, { namesakes: 7 });
    expect(alone.weight - common.weight).toBeCloseTo(3);
    expect(common.comparisons.find((c) => c.attribute === 'familyName')!.detail).toBe('7 other people carry this name');
    // A different given name is not an agreement on the name: no adjustment.
    const anna = extractMatchFeatures({ givenName: 'Anna', familyName: 'Müller' });
    expect(scorePair(anna, thomas, undefined, { namesakes: 7 }).weight).toBeCloseTo(scorePair(anna, thomas).weight);
  });
});

describe('phone, e-mail and employer frequency from the hub', () => {
  const a = extractMatchFeatures({ givenName: 'Anna', familyName: 'Berg', phone: '+4930123456', email: 'info@acme.de', employer: 'Acme GmbH' });
  const b = extractMatchFeatures({ givenName: 'Jonas', familyName: 'Kraft', phone: '+4930123456', email: 'info@acme.de', employer: 'Acme GmbH' });
  const weightOf = (s: ReturnType<typeof scorePair>, attribute: string) => s.comparisons.find((c) => c.attribute === attribute)!.weight;

  it('counts the people besides the candidate behind the phone and e-mail keys', () => {
    const rows = (key: string) => (key.startsWith('ph:') ? [{ personId: 'p1' }, { personId: 'p2' }, { personId: 'p2' }] : key.startsWith('em:') ? [{ personId: 'p1' }] : []);
    expect(countContactSharers(a, rows)).toEqual({ phoneSharers: 1, emailSharers: 0 });
  });
  it('weighs a shared switchboard or role mailbox less', () => {
    const plain = scorePair(a, b);
    const shared = scorePair(a, b, undefined, { phoneSharers: 3, emailSharers: 1 });
    expect(weightOf(plain, 'phone') - weightOf(shared, 'phone')).toBeCloseTo(2);
    expect(weightOf(plain, 'email') - weightOf(shared, 'email')).toBeCloseTo(1);
  });
  it('estimates an employer\'s people from the sampled frequency key and never reads it for candidates', () => {
    const key = employerFrequencyKeyOf(a)!;
    expect(isCandidateKey(key)).toBe(false);
    expect(estimateEmployerSharers(a, (k) => (k === key ? [{ personId: 'p1' }, { personId: 'p2' }] : [])).employerSharers).toBe(2 * FREQUENCY_SAMPLE - 1);
    // Every record reads it; only the sampled people are stored under it.
    expect(computeBlockingKeys(a)).toContain(key);
    expect(computeBlockingKeys(b)).toContain(employerFrequencyKeyOf(b));
    expect(storedKeysOf(a, computeBlockingKeys(a)).includes(key)).toBe(isInFrequencySample(a));
    expect(storedKeysOf(a, computeBlockingKeys(a)).filter(isCandidateKey)).toEqual(computeBlockingKeys(a).filter(isCandidateKey));
  });
  it('weighs agreeing on a large employer less, down to nothing, and a small one in full', () => {
    expect(weightOf(scorePair(a, b, undefined, { employerSharers: 5 }), 'employer')).toBeCloseTo(weightOf(scorePair(a, b), 'employer'));
    expect(weightOf(scorePair(a, b), 'employer') - weightOf(scorePair(a, b, undefined, { employerSharers: 39 }), 'employer')).toBeCloseTo(2);
    expect(weightOf(scorePair(a, b, undefined, { employerSharers: 100_000 }), 'employer')).toBe(0);
  });
  it('counts at most FREQUENCY_PEOPLE_CAP sampled people, where the employer agreement is already spent', () => {
    const key = employerFrequencyKeyOf(a)!;
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ personId: `p${i}` }));
    expect(estimateEmployerSharers(a, (k) => (k === key ? rows(FREQUENCY_PEOPLE_CAP + 500) : [])).employerSharers).toBe(FREQUENCY_PEOPLE_CAP * FREQUENCY_SAMPLE - 1);
    // A store that read one person fewer than the cap weighs the employer the same.
    const atCap = estimateEmployerSharers(a, (k) => (k === key ? rows(FREQUENCY_PEOPLE_CAP - 1) : [])).employerSharers;
    expect(weightOf(scorePair(a, b, undefined, { employerSharers: atCap }), 'employer')).toBe(0);
  });
});
