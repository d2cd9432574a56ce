import { computeBlockingKeys } from './blocking-keys';
import { extractMatchFeatures } from './extract-match-features';
import { scorePair } from './score-pair';
import { countNamesakes, nameKeyOf } from './term-frequencies';

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
