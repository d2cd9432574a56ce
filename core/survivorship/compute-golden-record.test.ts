import fc from 'fast-check';
import { computeGoldenRecord, type GoldenSource } from './compute-golden-record';
import { DEFAULT_SURVIVORSHIP_POLICY } from './policy';

const HRIS: GoldenSource = {
  sourceRecordId: 'sr-1', system: 'HRIS', sourceId: 'E-100', sourceTimestamp: '2022-01-01T00:00:00Z',
  attributes: { givenName: 'Robert', middleName: 'James', familyName: 'Smith', birthDate: '1980-03-14', email: 'robert.smith@corp.example', phone: '+1 415 555 2671' },
};
const CRM: GoldenSource = {
  sourceRecordId: 'sr-2', system: 'CRM', sourceId: 'C-7', sourceTimestamp: '2024-03-01T00:00:00Z',
  attributes: { givenName: 'Bob', familyName: 'Smith', birthDate: '1980-03-15', email: 'Bob.Smith+news@mail.example', phone: '(415) 555-2671', city: 'Oakland' },
};
const ATS: GoldenSource = {
  sourceRecordId: 'sr-3', system: 'ATS', sourceId: 'A-9', sourceTimestamp: '2023-06-01T00:00:00Z',
  attributes: { fullName: 'Robert Smith', email: 'ROBERT.SMITH@corp.example', emailVerified: true, city: 'Berkeley' },
};

describe('computeGoldenRecord', () => {
  const golden = computeGoldenRecord([HRIS, CRM, ATS]);

  it('takes legal attributes from the HRIS', () => {
    expect(golden.attributes.legalName).toBe('Robert James Smith');
    expect(golden.attributes.givenName).toBe('Robert');
    expect(golden.attributes.birthDate).toBe('1980-03-14');
    expect(golden.provenance.birthDate).toMatchObject({ system: 'HRIS', sourceId: 'E-100', sourceRecordId: 'sr-1', rule: 'SOURCE_PRIORITY' });
  });
  it('takes the verified, then most recent contact value, and unions emails and phones', () => {
    expect(golden.attributes.primaryEmail).toBe('ROBERT.SMITH@corp.example');
    expect(golden.provenance.primaryEmail?.rule).toBe('VERIFIED');
    expect(golden.attributes.emails).toEqual(['ROBERT.SMITH@corp.example', 'Bob.Smith+news@mail.example']);
    expect(golden.attributes.phones).toEqual(['(415) 555-2671']);
    expect(golden.attributes.city).toBe('Oakland');
    expect(golden.provenance.city?.rule).toBe('RECENCY');
  });
  it('records every candidate with its rank and reason', () => {
    expect(golden.provenance.givenName?.candidates).toEqual([
      { value: 'Robert', system: 'HRIS', sourceId: 'E-100', sourceRecordId: 'sr-1', sourceTimestamp: '2022-01-01T00:00:00Z', rank: 1, reason: 'WON_ON_SOURCE_PRIORITY' },
      { value: 'Bob', system: 'CRM', sourceId: 'C-7', sourceRecordId: 'sr-2', sourceTimestamp: '2024-03-01T00:00:00Z', rank: 2, reason: 'LOST_ON_SOURCE_PRIORITY' },
    ]);
  });
  it('omits attributes no source has', () => {
    expect('nationality' in golden.attributes).toBe(false);
    expect(golden.provenance.nationality).toBeUndefined();
  });
  it('lets a steward override win with its own provenance', () => {
    const steward: GoldenSource = { sourceRecordId: 'sr-9', system: 'STEWARD', sourceId: 'override-1', sourceTimestamp: '2019-01-01T00:00:00Z', attributes: { familyName: 'Smith-Jones' } };
    const g = computeGoldenRecord([HRIS, CRM, steward]);
    expect(g.attributes.familyName).toBe('Smith-Jones');
    expect(g.provenance.familyName).toMatchObject({ system: 'STEWARD', rule: 'STEWARD_OVERRIDE' });
  });
  it('follows a changed policy', () => {
    const policy = { ...DEFAULT_SURVIVORSHIP_POLICY, givenName: { sourcePriority: ['CRM' as const], then: 'MOST_RECENT' as const } };
    expect(computeGoldenRecord([HRIS, CRM], policy).attributes.givenName).toBe('Bob');
  });
  it('gives the same golden record for any order of the same sources', () => {
    const source = fc.record({
      sourceRecordId: fc.uuid(),
      system: fc.constantFrom('CRM', 'ATS', 'HRIS', 'STEWARD' as const),
      sourceId: fc.stringMatching(/^[a-z0-9]{1,4}$/),
      sourceTimestamp: fc.constantFrom('2020-01-01T00:00:00Z', '2022-06-01T00:00:00Z', '2024-01-01T00:00:00Z'),
      attributes: fc.record({
        givenName: fc.constantFrom('Ann', 'Anne', null, ''),
        familyName: fc.constantFrom('Lee', 'Li', null),
        email: fc.constantFrom('ann@x.example', 'ANN@x.example', 'a.lee@y.example', null),
        emailVerified: fc.boolean(),
        phone: fc.constantFrom('+1 415 555 2671', '(415) 555-2671', '+44 20 7946 0018', null),
        birthDate: fc.constantFrom('1990-01-02', '1990-02-01', null),
      }, { requiredKeys: [] }),
    });
    fc.assert(fc.property(fc.array(source, { maxLength: 6 }), fc.func(fc.integer()), (sources, key) => {
      const shuffled = [...sources].map((s, i) => ({ s, k: key(i) })).sort((a, b) => a.k - b.k).map((x) => x.s);
      expect(computeGoldenRecord(shuffled)).toEqual(computeGoldenRecord(sources));
    }));
  });
});
