/**
 * npm run gen -- --people N --out DIR [--seed S] [--shuffle-window W]
 * Writes a synthetic CRM/ATS/HRIS population with ground truth; see bench/synthetic/README.md.
 */
import { performance } from 'node:perf_hooks';
import { writePopulationFiles } from './write-population';

const USAGE = 'usage: npm run gen -- --people N --out DIR [--seed S] [--shuffle-window W]';

function parseArgs(argv: readonly string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') args.set('help', 'true');
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`missing value for --${name}`);
      args.set(name, value);
    } else throw new Error(`unexpected argument: ${arg}`);
  }
  return args;
}

function main(): number {
  let args: Map<string, string>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const people = Number(args.get('people'));
  const outDir = args.get('out');
  const shuffleWindow = args.has('shuffle-window') ? Number(args.get('shuffle-window')) : undefined;
  if (!Number.isInteger(people) || people < 1 || !outDir || (shuffleWindow !== undefined && !(shuffleWindow >= 0))) {
    console.error(USAGE);
    return 2;
  }
  const seed = args.get('seed') ?? 'peoplegraph';
  const started = performance.now();
  const summary = writePopulationFiles({ people, seed, outDir, shuffleWindow });
  const seconds = (performance.now() - started) / 1000;
  const total = summary.records.CRM + summary.records.ATS + summary.records.HRIS;
  console.log(
    `${people} people -> ${total} records (CRM ${summary.records.CRM}, ATS ${summary.records.ATS}, HRIS ${summary.records.HRIS}) ` +
      `in ${outDir} [seed ${seed}] in ${seconds.toFixed(2)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  return 0;
}

process.exitCode = main();
