import { computeBlockingKeys } from './blocking-keys';
import { DEFAULT_MATCH_MODEL } from './default-match-model';
import { estimateMatchModel, trainMatchModel } from './estimate-match-model';
import { extractMatchFeatures } from './extract-match-features';
import type { PersonAttributes } from './types';

const GIVEN = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lea', 'Mo', 'Nia', 'Oto', 'Pia'];
const FAMILY = ['Abara', 'Brink', 'Castell', 'Dorow', 'Eklund', 'Farrow', 'Gaspar', 'Holm', 'Ilves', 'Jansky'];

/** 160 people, each twice; the second record's birth date has a digit typo in every other person. */
function population(): PersonAttributes[] {
  const out: PersonAttributes[] = [];
  for (let i = 0; i < 160; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    const person = { givenName: GIVEN[i % GIVEN.length], familyName: FAMILY[Math.floor(i / GIVEN.length)], birthDate: `19${50 + (i % 40)}-${month}-${day}`, email: `p${i}@example.com` };
    out.push(person);
    const typo = i % 2 === 0 ? { birthDate: `19${50 + (i % 40)}-${month}-${day.replace(/.$/, (d) => String((Number(d) + 1) % 10))}` } : {};
    out.push({ ...person, ...typo, email: null });
  }
  return out;
}

describe('estimateMatchModel', () => {
  const records = population().map((a) => extractMatchFeatures(a));
  const trained = trainMatchModel(records, DEFAULT_MATCH_MODEL, computeBlockingKeys, { iterations: 5 });

  it('learns from the data how often the same person carries a birth-date typo', () => {
    const hand = DEFAULT_MATCH_MODEL.attributes.birthDate.typo.m;
    expect(trained.model.attributes.birthDate.typo.m).toBeGreaterThan(hand * 3);
    expect(trained.model.attributes.birthDate.exact.m).toBeLessThan(DEFAULT_MATCH_MODEL.attributes.birthDate.exact.m);
  });
  it('estimates the prior from the expected matches among all pairs', () => {
    // 160 true pairs among 320·319/2 pairs.
    expect(trained.model.prior).toBeGreaterThan(1e-3);
    expect(trained.model.prior).toBeLessThan(1e-2);
  });
  it('keeps every level of the start model, with finite weights', () => {
    for (const [attribute, levels] of Object.entries(DEFAULT_MATCH_MODEL.attributes)) {
      const learned = trained.model.attributes[attribute as keyof typeof DEFAULT_MATCH_MODEL.attributes];
      expect(Object.keys(learned).sort()).toEqual(Object.keys(levels).sort());
      for (const p of Object.values(learned)) expect(Number.isFinite(Math.log2(p.m / p.u))).toBe(true);
    }
  });
  it('is repeatable', () => {
    expect(trainMatchModel(records, DEFAULT_MATCH_MODEL, computeBlockingKeys, { iterations: 5 }).model).toEqual(trained.model);
  });
  it('falls back to the start model where the data says nothing', () => {
    const empty = estimateMatchModel({ records: [], candidatePairs: [], randomPairs: [], start: DEFAULT_MATCH_MODEL });
    expect(empty.model.prior).toBe(DEFAULT_MATCH_MODEL.prior);
    const nid = empty.model.attributes.nationalId;
    const startNid = DEFAULT_MATCH_MODEL.attributes.nationalId;
    expect(nid.exact.m / nid.different.m).toBeCloseTo(startNid.exact.m / startNid.different.m, 5);
  });
  it('counts steward decisions as pairs with a known answer', () => {
    const labelled = Array.from({ length: 40 }, (_, k) => ({ a: 4 * k, b: 4 * k + 1, match: true }));
    const withLabels = trainMatchModel(records, DEFAULT_MATCH_MODEL, computeBlockingKeys, { iterations: 5, labelledPairs: labelled });
    expect(withLabels.model.attributes.birthDate.typo.m).toBeGreaterThan(trained.model.attributes.birthDate.typo.m);
  });
  it('estimates an attribute only from pairs some other key found, and reads a household as one', () => {
    // Relatives of one home: one family name, address, landline and mailbox, different given names.
    const home = { familyName: 'Okafor', street: '3 Mill Lane', postcode: 'M4 7HR', city: 'Manchester', phone: '+441619460000', email: 'theokafors@mail.example' };
    const households = Array.from({ length: 30 }, (_, h) => GIVEN.slice(0, 3).map((given) => extractMatchFeatures({ ...home, givenName: given, street: `${h + 1} Mill Lane`, phone: `+4416194600${String(h).padStart(2, '0')}`, email: `family${h}@mail.example` }))).flat();
    // One step, as `peoplegraph match-model train` takes.
    const model = trainMatchModel([...records, ...households], DEFAULT_MATCH_MODEL, computeBlockingKeys, { iterations: 1 }).model;
    // The households do not teach it that one person often carries two unrelated given names.
    expect(model.attributes.givenName.different.m).toBeLessThan(2 * DEFAULT_MATCH_MODEL.attributes.givenName.different.m);
  });
  it('learns nothing about an attribute from pairs found only through a key built from it', () => {
    const twins = Array.from({ length: 100 }, (_, k) => extractMatchFeatures({ givenName: GIVEN[k % 16], familyName: FAMILY[k % 10], city: `Town ${k}` }));
    const pairs = Array.from({ length: 50 }, (_, k) => [2 * k, 2 * k + 1] as const);
    const recordsOfPairs = pairs.flatMap(([a]) => [twins[a], twins[a]]);
    const input = { records: recordsOfPairs, candidatePairs: pairs, randomPairs: [], start: DEFAULT_MATCH_MODEL };
    const naive = estimateMatchModel(input).model.attributes.givenName.exact.m;
    const blocked = estimateMatchModel({ ...input, blockedOn: pairs.map(() => new Set(['givenName', 'familyName'] as const)) }).model.attributes.givenName.exact.m;
    expect(naive).toBeGreaterThan(DEFAULT_MATCH_MODEL.attributes.givenName.exact.m);
    expect(blocked).toBeCloseTo(DEFAULT_MATCH_MODEL.attributes.givenName.exact.m / Object.values(DEFAULT_MATCH_MODEL.attributes.givenName).reduce((sum, p) => sum + p.m, 0), 5);
  });
});
