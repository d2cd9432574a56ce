/**
 * Streams a generated population to crm.csv, ats.csv, hris.csv, truth.csv and manifest.json. Rows are
 * written as each person is generated; memory is bounded by the shuffle windows and the write buffers,
 * not by the population size.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { formatCsvLine } from './csv';
import {
  CANONICAL_HEADER, CORRUPTION_KINDS, CorruptionKind, DEFAULT_CONFIG, GeneratedRecord, PopulationConfig,
  SOURCE_SYSTEMS, SourceSystem, TRUTH_HEADER, generatePopulation,
} from './generate-population';
import { createRng, deriveSeed } from './prng';
import { createShuffleWindow } from './shuffle-window';

export const OUTPUT_FILES: Readonly<Record<SourceSystem | 'truth', string>> = {
  CRM: 'crm.csv', ATS: 'ats.csv', HRIS: 'hris.csv', truth: 'truth.csv',
};

export interface CorruptionCount {
  readonly applied: number;
  /** Records the corruption could have applied to; the configured rate is applied / eligible. */
  readonly eligible: number;
  readonly rate: number;
}

export interface PopulationSummary {
  readonly seed: string;
  readonly people: number;
  readonly referenceDate: string;
  readonly files: Readonly<Record<SourceSystem | 'truth', string>>;
  readonly records: Readonly<Record<SourceSystem, number>>;
  /** People by the set of systems they appear in, e.g. "ATS+HRIS". */
  readonly peopleBySystems: Readonly<Record<string, number>>;
  /** People sharing their exact given + family name with at least one other person. */
  readonly peopleSharingName: number;
  readonly deliberateNamesakes: { readonly unrelated: number; readonly parent: number };
  readonly corruptions: Readonly<Record<SourceSystem, Partial<Record<CorruptionKind, CorruptionCount>>>>;
}

/** Appends to a file through a buffer, so 100k people cost a few hundred writes rather than 300k. */
class BufferedFile {
  private readonly fd: number;
  private chunks: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) this.flush();
  }

  flush(): void {
    if (this.chunks.length > 0) writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export function writePopulationFiles(options: {
  people: number;
  seed: string;
  outDir: string;
  config?: PopulationConfig;
  /** Rows held per file to break up grouping by person; 0 writes in generation order. */
  shuffleWindow?: number;
}): PopulationSummary {
  const config = options.config ?? DEFAULT_CONFIG;
  mkdirSync(options.outDir, { recursive: true });
  const truth = new BufferedFile(join(options.outDir, OUTPUT_FILES.truth));
  truth.write(formatCsvLine(TRUTH_HEADER));

  const files = {} as Record<SourceSystem, BufferedFile>;
  const windows = {} as Record<SourceSystem, ReturnType<typeof createShuffleWindow<GeneratedRecord>>>;
  const records = { CRM: 0, ATS: 0, HRIS: 0 };
  const applied = {} as Record<SourceSystem, Map<CorruptionKind, number>>;
  const eligible = {} as Record<SourceSystem, Map<CorruptionKind, number>>;
  for (const system of SOURCE_SYSTEMS) {
    const file = new BufferedFile(join(options.outDir, OUTPUT_FILES[system]));
    file.write(formatCsvLine(CANONICAL_HEADER));
    files[system] = file;
    applied[system] = new Map();
    eligible[system] = new Map();
    windows[system] = createShuffleWindow<GeneratedRecord>(
      createRng(deriveSeed(options.seed, 'shuffle', system)),
      options.shuffleWindow ?? 10_000,
      (record) => {
        file.write(formatCsvLine(CANONICAL_HEADER.map((field) => record.row[field])));
        truth.write(formatCsvLine([record.system, record.row.source_id, record.entityId]));
      },
    );
  }

  const peopleBySystems: Record<string, number> = {};
  const nameCounts = new Map<string, number>();
  const namesakes = { unrelated: 0, parent: 0 };
  for (const { person, records: personRecords } of generatePopulation({ people: options.people, seed: options.seed, config })) {
    const key = [...person.systems].sort().join('+');
    peopleBySystems[key] = (peopleBySystems[key] ?? 0) + 1;
    const name = `${person.givenName}|${person.familyName}`;
    nameCounts.set(name, (nameCounts.get(name) ?? 0) + 1);
    if (person.namesakeOf) namesakes[person.namesakeOf]++;
    for (const record of personRecords) {
      records[record.system]++;
      for (const kind of record.corruptions) increment(applied[record.system], kind);
      for (const kind of record.eligible) increment(eligible[record.system], kind);
      windows[record.system].push(record);
    }
  }
  for (const system of SOURCE_SYSTEMS) {
    windows[system].flush();
    files[system].close();
  }
  truth.close();

  let peopleSharingName = 0;
  for (const count of nameCounts.values()) if (count > 1) peopleSharingName += count;

  const corruptions = {} as Record<SourceSystem, Partial<Record<CorruptionKind, CorruptionCount>>>;
  for (const system of SOURCE_SYSTEMS) {
    corruptions[system] = {};
    for (const kind of CORRUPTION_KINDS) {
      const a = applied[system].get(kind) ?? 0;
      const e = eligible[system].get(kind) ?? records[system];
      if (a > 0 || eligible[system].has(kind)) corruptions[system][kind] = { applied: a, eligible: e, rate: e > 0 ? round(a / e) : 0 };
    }
  }
  const summary: PopulationSummary = {
    seed: options.seed,
    people: options.people,
    referenceDate: config.referenceDate,
    files: OUTPUT_FILES,
    records,
    peopleBySystems,
    peopleSharingName,
    deliberateNamesakes: namesakes,
    corruptions,
  };
  writeFileSync(join(options.outDir, 'manifest.json'), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
