import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountryCode, isValidPhoneNumber } from 'libphonenumber-js';
import { applyTypo, swapDayAndMonth, transliterate } from '../../bench/synthetic/corrupt';
import { formatCsvLine } from '../../bench/synthetic/csv';
import {
  CANONICAL_HEADER, CorruptionKind, DEFAULT_CONFIG, GeneratedPerson, GeneratedRecord, SOURCE_SYSTEMS, SourceSystem,
  TRUTH_HEADER, generatePopulation,
} from '../../bench/synthetic/generate-population';
import { createRng } from '../../bench/synthetic/prng';
import { writePopulationFiles } from '../../bench/synthetic/write-population';

/** An independent RFC 4180 reader, so the writer is checked against something it does not share code with. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

function readCsv(path: string): { header: string[]; rows: Array<Record<string, string>> } {
  const [header, ...lines] = parseCsv(readFileSync(path, 'utf8'));
  return { header, rows: lines.map((values) => Object.fromEntries(header.map((h, i) => [h, values[i]]))) };
}

function generate(people: number, seed: string): GeneratedPerson[] {
  return [...generatePopulation({ people, seed })];
}

function allRecords(population: readonly GeneratedPerson[]): GeneratedRecord[] {
  return population.flatMap((p) => p.records);
}

describe('synthetic population generator', () => {
  const population = generate(6000, 'unit-test');
  const records = allRecords(population);
  const personById = new Map(population.map((p) => [p.person.entityId, p.person]));

  it('gives the same rows for the same seed and different rows for another seed', () => {
    const again = allRecords(generate(6000, 'unit-test'));
    expect(again.map((r) => r.row)).toEqual(records.map((r) => r.row));
    const other = allRecords(generate(300, 'another-seed'));
    expect(other.slice(0, 50).map((r) => r.row)).not.toEqual(records.slice(0, 50).map((r) => r.row));
  });

  it('makes a smaller population a prefix of a larger one with the same seed', () => {
    const small = generate(200, 'unit-test');
    // The last household of the small population may be cut short; households have at most 4 members.
    expect(small.slice(0, 196)).toEqual(population.slice(0, 196));
  });

  it('writes files whose truth covers every row exactly once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synthetic-'));
    try {
      const summary = writePopulationFiles({ people: 1500, seed: 'files', outDir: dir });
      const truth = readCsv(join(dir, 'truth.csv'));
      expect(truth.header).toEqual([...TRUTH_HEADER]);
      const truthByKey = new Map<string, string>();
      for (const t of truth.rows) {
        expect(truthByKey.has(`${t.system}/${t.source_id}`)).toBe(false);
        truthByKey.set(`${t.system}/${t.source_id}`, t.entity_id);
      }
      let total = 0;
      for (const system of SOURCE_SYSTEMS) {
        const file = readCsv(join(dir, `${system.toLowerCase()}.csv`));
        expect(file.header).toEqual([...CANONICAL_HEADER]);
        expect(file.rows).toHaveLength(summary.records[system]);
        for (const row of file.rows) {
          expect(row.system).toBe(system);
          expect(truthByKey.get(`${system}/${row.source_id}`)).toMatch(/^P\d{7}$/);
        }
        total += file.rows.length;
      }
      expect(truth.rows).toHaveLength(total);
      expect(new Set(truth.rows.map((t) => t.entity_id)).size).toBe(1500);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes CSV that parses back to exactly the generated values', () => {
    const tricky = ['Smith, John', 'Engineer, "Platform" Team', ' leading space', 'line\nbreak', "O'Brien", ''];
    expect(parseCsv(formatCsvLine(tricky))).toEqual([tricky]);

    const dir = mkdtempSync(join(tmpdir(), 'synthetic-'));
    try {
      writePopulationFiles({ people: 800, seed: 'round-trip', outDir: dir, shuffleWindow: 0 });
      const expected = allRecords(generate(800, 'round-trip'));
      for (const system of SOURCE_SYSTEMS) {
        const parsed = readCsv(join(dir, `${system.toLowerCase()}.csv`)).rows;
        expect(parsed).toEqual(expected.filter((r) => r.system === system).map((r) => r.row));
      }
      expect(expected.some((r) => r.row.job_title.includes('"') || r.row.street.includes(','))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('produces well-formed dates, timestamps, phones and ids', () => {
    for (const { row, entityId } of records) {
      const person = personById.get(entityId)!;
      if (row.birth_date) expect(Number.isNaN(Date.parse(`${row.birth_date}T00:00:00Z`))).toBe(false);
      expect(row.source_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      if (row.phone) expect([row.phone, isValidPhoneNumber(row.phone, person.country as CountryCode)]).toEqual([row.phone, true]);
      if (row.email) expect(row.email).toMatch(/^[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    }
    for (const { person } of population) {
      if (person.country === 'FR') {
        const nir = person.nationalId;
        expect(97n - (BigInt(nir.slice(0, 13)) % 97n)).toBe(BigInt(nir.slice(13)));
      }
    }
  });

  describe('corruption rates', () => {
    /** Within four standard errors of the configured rate: deterministic for a seed, and not a coin flip. */
    function expectNear(measured: number, expected: number, n: number): void {
      expect(n).toBeGreaterThan(20);
      expect(Math.abs(measured - expected)).toBeLessThanOrEqual(4 * Math.sqrt((expected * (1 - expected)) / n) + 0.005);
    }

    function rateOf(system: SourceSystem, kind: CorruptionKind): { rate: number; n: number } {
      const eligible = records.filter((r) => r.system === system && r.eligible.includes(kind));
      return { rate: eligible.filter((r) => r.corruptions.includes(kind)).length / eligible.length, n: eligible.length };
    }

    it.each(SOURCE_SYSTEMS)('%s: typos, nicknames, stale records and name formatting follow the profile', (system) => {
      const profile = DEFAULT_CONFIG.systems[system];
      const cases: Array<[CorruptionKind, number]> = [
        ['typo', profile.typoRate], ['staleRecord', profile.staleRate], ['upperCaseName', profile.upperCaseNameRate],
      ];
      if (profile.nicknameRate > 0) cases.push(['nickname', profile.nicknameRate]);
      if (profile.fullNameOnlyRate > 0) cases.push(['fullNameOnly', profile.fullNameOnlyRate]);
      for (const [kind, expected] of cases) {
        const { rate, n } = rateOf(system, kind);
        expectNear(rate, expected, n);
      }
    });

    it.each(SOURCE_SYSTEMS)('%s: missing fields and duplicates, measured on the rows themselves', (system) => {
      const profile = DEFAULT_CONFIG.systems[system];
      const rows = records.filter((r) => r.system === system).map((r) => r.row);
      const share = (test: (row: (typeof rows)[number]) => boolean): number => rows.filter(test).length / rows.length;
      expectNear(share((r) => r.birth_date === ''), 1 - profile.birthDatePresence, rows.length);
      expectNear(share((r) => r.national_id === ''), 1 - profile.nationalIdPresence, rows.length);
      expectNear(share((r) => r.street === ''), 1 - profile.addressPresence, rows.length);

      const presences = population.filter((p) => p.person.systems.includes(system)).length;
      const duplicates = rows.length - presences;
      const expectedExtra = profile.duplicateRate * (1 + profile.duplicateRate / 5);
      expectNear(duplicates / presences, expectedExtra, presences);
    });

    it('swaps day and month only where that gives another valid date', () => {
      const swapped = records.filter((r) => r.corruptions.includes('swappedDayMonth'));
      expect(swapped.length).toBeGreaterThan(10);
      for (const { row, entityId } of swapped) {
        const truth = personById.get(entityId)!.birthDate;
        expect(row.birth_date).toBe(swapDayAndMonth(truth));
      }
      expectNear(rateOf('CRM', 'swappedDayMonth').rate, DEFAULT_CONFIG.systems.CRM.swapDayMonthRate, rateOf('CRM', 'swappedDayMonth').n);
    });

    it('writes nicknames and maiden names where it says it did', () => {
      for (const { row, entityId, corruptions } of records) {
        const person = personById.get(entityId)!;
        if (corruptions.includes('nickname') && row.given_name) expect(row.given_name).not.toBe(person.givenName);
        if (corruptions.includes('maidenName') && row.family_name && !corruptions.includes('typo') && !corruptions.includes('transliteration')) {
          expect(row.family_name.toLowerCase()).toBe(person.birthFamilyName!.toLowerCase());
        }
      }
      expect(records.some((r) => r.corruptions.includes('maidenName'))).toBe(true);
    });
  });

  describe('hard cases a matcher must face', () => {
    it('has several different people with the same common name and different birth dates', () => {
      const byName = new Map<string, Set<string>>();
      for (const { person } of population) {
        const key = `${person.givenName} ${person.familyName}`;
        byName.set(key, (byName.get(key) ?? new Set()).add(person.birthDate));
      }
      const namesakes = [...byName.values()].filter((birthDates) => birthDates.size >= 3);
      expect(namesakes.length).toBeGreaterThan(10);
      expect(population.some((p) => p.person.namesakeOf === 'parent')).toBe(true);
    });

    it('writes Sr. and Jr. on some records of a father and his namesake son, never on anyone else', () => {
      const suffixed = records.filter(({ row }) => / (Jr|Sr)\.$/.test(row.family_name) || / (Jr|Sr)\.$/.test(row.full_name));
      expect(suffixed.length).toBeGreaterThan(0);
      const generationOf = new Map(population.map((p) => [p.person.entityId, p.person.generation]));
      for (const { row, entityId } of suffixed) expect(`${row.family_name} ${row.full_name}`).toContain(generationOf.get(entityId)!);
      expect(population.filter((p) => p.person.generation === 'Jr.').every((p) => p.person.namesakeOf === 'parent')).toBe(true);
    });

    it('shares emails and phones between different people (household, role addresses)', () => {
      const owners = (field: 'email' | 'phone'): number => {
        const byValue = new Map<string, Set<string>>();
        for (const { row, entityId } of records) {
          const value = field === 'phone' ? row.phone.replace(/\D/g, '').slice(-9) : row.email;
          if (value) byValue.set(value, (byValue.get(value) ?? new Set()).add(entityId));
        }
        return [...byValue.values()].filter((ids) => ids.size > 1).length;
      };
      expect(owners('email')).toBeGreaterThan(20);
      expect(owners('phone')).toBeGreaterThan(20);
    });

    it('never gives two people one gmail mailbox written with and without dots', () => {
      const ownerOf = new Map<string, string>();
      let gmail = 0;
      for (const { person } of population) {
        for (const address of [person.personalEmail, person.previousPersonalEmail]) {
          const [local, domain] = (address ?? '').split('@');
          if (domain !== 'gmail.com') continue;
          gmail += 1;
          const mailbox = local.replace(/\./g, '');
          expect(ownerOf.get(mailbox) ?? person.entityId).toBe(person.entityId);
          ownerOf.set(mailbox, person.entityId);
        }
      }
      expect(gmail).toBeGreaterThan(500);
    });

    it('puts people in one, two or three systems and some twice in one system', () => {
      const counts = [0, 0, 0, 0];
      for (const { person } of population) counts[person.systems.length]++;
      expect(counts[1]).toBeGreaterThan(0);
      expect(counts[2]).toBeGreaterThan(0);
      expect(counts[3]).toBeGreaterThan(0);
      expect(records.some((r) => r.corruptions.includes('duplicateRecord'))).toBe(true);
    });
  });
});

describe('field corruptions', () => {
  it.each(['insert', 'delete', 'substitute', 'transpose'] as const)('a %s typo changes the value by one edit', (kind) => {
    const rng = createRng(42);
    for (const value of ['Robert', 'Anna', 'Müller', "O'Brien", 'Lee']) {
      const typo = applyTypo(rng, value, kind);
      expect(typo).not.toBe(value);
      expect(Math.abs(typo.length - value.length)).toBeLessThanOrEqual(1);
    }
  });

  it('folds names to ASCII the way old systems do', () => {
    expect(transliterate('Müller', true)).toBe('Mueller');
    expect(transliterate('Müller', false)).toBe('Muller');
    expect(transliterate('Frédéric Weiß', false)).toBe('Frederic Weiss');
  });

  it('swaps day and month only when the result is a different valid date', () => {
    expect(swapDayAndMonth('1985-03-07')).toBe('1985-07-03');
    expect(swapDayAndMonth('1985-03-13')).toBeNull();
    expect(swapDayAndMonth('1985-04-04')).toBeNull();
  });
});
