import { computeBlockingKeys } from './blocking-keys';
import { extractMatchFeatures } from './extract-match-features';
import { LONE_KEY_RECORDS, MAX_BLOCK_RECORDS, mergeAttributes, planIngest, type IncomingRecord, type IngestView, type PlanIngestOptions, type ViewRecord } from './plan-ingest';
import type { PersonAttributes } from './types';

/** A view over literal stored records, as the store or the in-memory bench builds it. */
function viewOf(stored: Array<ViewRecord & { system?: string; sourceId?: string }>, extra: Partial<IngestView> = {}): IngestView {
  const keyRows = new Map<string, Array<{ sourceRecordId: string; personId: string }>>();
  for (const r of stored) for (const k of computeBlockingKeys(r.features)) keyRows.set(k, [...(keyRows.get(k) ?? []), { sourceRecordId: r.id, personId: r.personId }]);
  return {
    sourceRecord: (system, sourceId) => stored.find((r) => r.system === system && r.sourceId === sourceId) ?? null,
    linkedPerson: () => null,
    hasKeys: () => true,
    keyRows: (key) => keyRows.get(key) ?? [],
    keyRecords: (key) => (keyRows.get(key) ?? []).length,
    members: (personId) => stored.filter((r) => r.personId === personId),
    isErased: () => false,
    ...extra,
  };
}

const options: PlanIngestOptions = {
  thresholds: {}, candidateCap: 50, probabilistic: true,
  features: (a) => extractMatchFeatures(a, { defaultRegion: 'US' }),
  hashPayload: (a) => JSON.stringify(Object.entries(a).sort()),
};
const alice: PersonAttributes = { givenName: 'Alice', familyName: 'Moreau', email: 'alice.moreau@example.com', phone: '+33 1 70 36 00 00', birthDate: '1985-03-04', city: 'Paris' };
const record = (attributes: PersonAttributes, over: Partial<IncomingRecord> = {}): IncomingRecord => ({
  system: 'CRM', sourceId: 'C-1', sourceTimestamp: new Date('2026-05-01T00:00:00Z'), attributes, erasureKeyHashes: ['sr:x'], ...over,
});
const storedAlice: ViewRecord & { system: string; sourceId: string } = {
  id: 'r1', personId: 'p1', features: options.features(alice), attributes: alice, payloadHash: options.hashPayload(alice),
  sourceTimestamp: new Date('2026-04-01T00:00:00Z'), system: 'ATS', sourceId: 'A-1',
};

describe('planIngest', () => {
  it('refuses a record that identifies nobody', () => {
    expect(planIngest(record({ city: 'Paris' }), viewOf([]), options)).toMatchObject({ kind: 'reject' });
  });

  it('creates a person when nothing shares a blocking key, with the keys to write', () => {
    const plan = planIngest(record(alice), viewOf([]), options);
    expect(plan).toMatchObject({ kind: 'new', resolution: { decision: 'CREATED' } });
    expect(plan.kind === 'new' && plan.keys).toEqual(computeBlockingKeys(options.features(alice)));
  });

  it('auto-merges into a stored person and names the records it scored', () => {
    const plan = planIngest(record({ ...alice, givenName: 'alice' }), viewOf([storedAlice]), options);
    expect(plan).toMatchObject({ kind: 'new', resolution: { decision: 'AUTO_MERGED', personId: 'p1' } });
    expect(plan.kind === 'new' && plan.candidates.map((c) => c.id)).toEqual(['r1']);
  });

  it('merges a re-send field by field, and reports an identical or older one as unchanged', () => {
    const resend = planIngest(record({ city: 'Lyon', phone: null }, { system: 'ATS', sourceId: 'A-1' }), viewOf([storedAlice]), options);
    expect(resend).toMatchObject({ kind: 'update', recordId: 'r1', personId: 'p1', attributes: { ...alice, city: 'Lyon', phone: null } });
    expect(planIngest(record({ city: 'Paris' }, { system: 'ATS', sourceId: 'A-1' }), viewOf([storedAlice]), options))
      .toMatchObject({ kind: 'unchanged', reason: 'same payload as the stored source record' });
    expect(planIngest(record({ city: 'Lyon' }, { system: 'ATS', sourceId: 'A-1', sourceTimestamp: new Date('2026-01-01T00:00:00Z') }), viewOf([storedAlice]), options))
      .toMatchObject({ kind: 'unchanged', reason: 'older than the stored source record (sourceTimestamp)' });
  });

  it('flags an erased identity instead of matching it back', () => {
    const plan = planIngest(record({ ...alice, givenName: 'alice' }), viewOf([storedAlice], { isErased: (h) => h.includes('sr:x') }), options);
    expect(plan).toMatchObject({ kind: 'new', resolution: { decision: 'CREATED_FLAGGED', personId: null } });
    expect(plan.kind === 'new' && plan.resolution.explanation.reason).toMatch(/erasure tombstone/);
  });

  it('matches on a linked external id, unless told to ignore the own link', () => {
    const view = viewOf([storedAlice], { linkedPerson: (system, value) => (system === 'CRM' && value === 'C-1' ? 'p1' : null) });
    expect(planIngest(record({ fullName: 'Someone Else' }), view, options)).toMatchObject({ kind: 'new', resolution: { decision: 'MATCHED', matchedKey: 'EXTERNAL_ID', personId: 'p1' } });
    expect(planIngest(record({ fullName: 'Someone Else' }), view, { ...options, ignoreOwnLink: true })).toMatchObject({ kind: 'new', resolution: { decision: 'CREATED' } });
  });

  it('scores a person sharing one key only when few records are stored under it; two shared keys always', () => {
    // Namesakes of the record's given initial and family name ("A Moreau"), nothing else in common.
    const namesake = (i: number): ViewRecord => {
      const attributes: PersonAttributes = { givenName: `Aurore${'x'.repeat(i)}`, familyName: 'Moreau', city: `Town${i}` };
      return { id: `n${String(i).padStart(2, '0')}`, personId: `q${String(i).padStart(2, '0')}`, features: options.features(attributes), attributes };
    };
    const incoming = record({ givenName: 'Alice', familyName: 'Moreau', city: 'Paris' });
    const scored = (stored: ViewRecord[]) => {
      const plan = planIngest(incoming, viewOf(stored), options);
      return plan.kind === 'new' ? plan.candidates.map((c) => c.personId) : [];
    };
    const few = Array.from({ length: LONE_KEY_RECORDS }, (_, i) => namesake(i));
    expect(scored(few)).toHaveLength(LONE_KEY_RECORDS);
    const many = Array.from({ length: LONE_KEY_RECORDS + 1 }, (_, i) => namesake(i));
    expect(scored(many)).toEqual([]);
    // One of the many also shares the city + family key: two keys, scored.
    const parisian = { ...many[3], features: options.features({ ...many[3].attributes, city: 'Paris' }) };
    expect(scored([...many.slice(0, 3), parisian, ...many.slice(4)])).toEqual([parisian.personId]);
  });

  it('takes no candidate from a key stored under more than MAX_BLOCK_RECORDS records', () => {
    // Two namesakes by family name and city: they share the given-initial + family key and the city + family key, nothing else.
    const anouk: PersonAttributes = { givenName: 'Anouk', familyName: 'Moreau', city: 'Paris' };
    const stored: ViewRecord = { id: 'r-a', personId: 'p-a', features: options.features(anouk), attributes: anouk };
    const incoming = record({ givenName: 'Alicia', familyName: 'Moreau', city: 'Paris' });
    const shared = computeBlockingKeys(options.features(incoming.attributes)).filter((k) => computeBlockingKeys(stored.features).includes(k));
    expect(shared.map((k) => k.slice(0, k.indexOf(':'))).sort()).toEqual(['ctl', 'fil']);
    const [city, bucket] = shared.sort();
    const candidates = (bucketRecords: number, cityRecords: number) => {
      const view = viewOf([stored], { keyRecords: (key) => (key === bucket ? bucketRecords : key === city ? cityRecords : 1) });
      const plan = planIngest(incoming, view, options);
      return plan.kind === 'new' ? plan.candidates.map((c) => c.personId) : [];
    };
    // Two shared keys: scored, however large the keys, up to the limit.
    expect(candidates(MAX_BLOCK_RECORDS, LONE_KEY_RECORDS + 1)).toEqual(['p-a']);
    // Past it the bucket counts for nothing: the one remaining key is no lone small key.
    expect(candidates(MAX_BLOCK_RECORDS + 1, LONE_KEY_RECORDS + 1)).toEqual([]);
    // A small remaining key still finds them alone.
    expect(candidates(MAX_BLOCK_RECORDS + 1, LONE_KEY_RECORDS)).toEqual(['p-a']);
  });

  it('asks for the blocking keys the view does not hold yet', () => {
    const plan = planIngest(record(alice), viewOf([], { hasKeys: () => false }), options);
    expect(plan).toEqual({ kind: 'needsKeys', keys: computeBlockingKeys(options.features(alice)) });
  });

  it('scores no one in deterministic-only mode', () => {
    const plan = planIngest(record({ ...alice, givenName: 'alice' }), viewOf([storedAlice]), { ...options, probabilistic: false });
    expect(plan).toMatchObject({ kind: 'new', resolution: { decision: 'CREATED' } });
  });
});

describe('lossless intake', () => {
  it('keeps a record whose only identifier was kept raw because it failed validation', () => {
    const invalidOnly = record({ city: 'Leeds', invalid: { email: { value: 'jamesd75collins.biz', reason: 'must be an e-mail address' } } });
    expect(planIngest(invalidOnly, viewOf([]), options).kind).toBe('new');
    const nothing = record({ city: 'Leeds', invalid: { birthDate: { value: '1991-20-08', reason: 'must be a date YYYY-MM-DD' } } });
    expect(planIngest(nothing, viewOf([]), options).kind).toBe('reject');
  });
});

describe('mergeAttributes and data-quality flags', () => {
  it('drops the flag of an attribute a re-send carries again, keeps the others', () => {
    const stored: PersonAttributes = { givenName: 'Jay', invalid: { birthDate: { value: '1991-20-08', reason: 'must be a calendar date' }, email: { value: 'jay.biz', reason: 'must be an e-mail address' } } };
    expect(mergeAttributes(stored, { birthDate: '1991-08-20' })).toEqual({ givenName: 'Jay', birthDate: '1991-08-20', invalid: { email: { value: 'jay.biz', reason: 'must be an e-mail address' } } });
    expect(mergeAttributes(stored, { birthDate: '1991-08-20', email: 'jay@example.com' }).invalid).toBeNull();
    expect(mergeAttributes({ givenName: 'Jay' }, { familyName: 'Jones' })).toEqual({ givenName: 'Jay', familyName: 'Jones' });
  });
});
