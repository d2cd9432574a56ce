// Property: for a population whose pairs score clearly inside one band (duplicates clearly match,
// different people clearly do not), every arrival order ends in the same clusters.
import fc from 'fast-check';
import { computeBlockingKeys } from './blocking-keys';
import { extractMatchFeatures } from './extract-match-features';
import { resolveRecord, type CandidateCluster } from './resolve-record';
import type { MatchFeatures, PersonAttributes } from './types';

interface Rec { id: string; truth: number; attrs: PersonAttributes }

const GIVEN = ['Alice', 'Bruno', 'Chiara', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena'];
const FAMILY = ['Achterberg', 'Bellweather', 'Castellanos', 'Dunleavy', 'Eriksdottir', 'Fairweather', 'Grimaldi', 'Hollingsworth', 'Ishikawa', 'Jovanovic', 'Kowalczyk', 'Lindqvist'];

function population(): Rec[] {
  const recs: Rec[] = [];
  GIVEN.forEach((g, i) => {
    const f = FAMILY[(i * 5) % FAMILY.length];
    const base: PersonAttributes = {
      givenName: g, familyName: f, email: `${g}.${f}@mail.example`.toLowerCase(), phone: `+1 415 555 ${1000 + i * 37}`,
      birthDate: `19${70 + i}-0${(i % 9) + 1}-1${i % 9}`, city: 'Springfield',
    };
    recs.push({ id: `${i}-a`, truth: i, attrs: base });
    recs.push({ id: `${i}-b`, truth: i, attrs: { ...base, givenName: g.toUpperCase(), phone: base.phone!.replace(/ /g, '') } });
    if (i % 2 === 0) recs.push({ id: `${i}-c`, truth: i, attrs: { ...base, email: null, city: null } });
  });
  return recs;
}

/** The service's loop, in memory: candidates share a blocking key; auto/deterministic joins, else a new person. */
function resolveAll(order: Rec[]): string[][] {
  const clusters = new Map<string, Array<{ id: string; features: MatchFeatures }>>();
  const index = new Map<string, Set<string>>();
  for (const rec of order) {
    const features = extractMatchFeatures(rec.attrs);
    const keys = computeBlockingKeys(features);
    const personIds = new Set<string>();
    for (const k of keys) for (const p of index.get(k) ?? []) personIds.add(p);
    const candidates: CandidateCluster[] = [...personIds].map((personId) => ({
      personId, cannotLink: false, members: clusters.get(personId)!.map((m) => ({ sourceRecordId: m.id, features: m.features })),
    }));
    const r = resolveRecord({ features, deterministic: [], candidates, candidatesFound: candidates.length, candidateCap: 50 });
    const target = r.decision === 'AUTO_MERGED' || r.decision === 'MATCHED' ? r.personId! : `p-${rec.id}`;
    if (!clusters.has(target)) clusters.set(target, []);
    clusters.get(target)!.push({ id: rec.id, features });
    for (const k of keys) {
      if (!index.has(k)) index.set(k, new Set());
      index.get(k)!.add(target);
    }
  }
  return [...clusters.values()].map((c) => c.map((m) => m.id).sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

it('finds the true clusters for the population in its natural order', () => {
  const recs = population();
  const truth = new Map<number, string[]>();
  for (const r of recs) truth.set(r.truth, [...(truth.get(r.truth) ?? []), r.id]);
  expect(resolveAll(recs)).toEqual([...truth.values()].map((c) => c.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
});

it('gives the same clusters for every arrival order', () => {
  const recs = population();
  const expected = resolveAll(recs);
  fc.assert(
    fc.property(fc.shuffledSubarray(recs, { minLength: recs.length, maxLength: recs.length }), (order) => {
      expect(resolveAll(order)).toEqual(expected);
    }),
    { numRuns: 60 },
  );
});
