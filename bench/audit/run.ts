// `npm run bench:audit`: concurrent writers of unrelated records appending audit entries, each holding its
// transaction open for a simulated piece of work, with the old global chain lock (an advisory lock and a
// read of the chain head before appending, held until commit, as every writer did before seal blocks)
// side by side with today's appendAudit, which takes no lock. Then the sealer's and the verifier's cost
// for the entries written. Runs on a throwaway PostgreSQL database (DATABASE_URL or the local server).
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { newId } from '../../platform/ids';
import { openDatabase, type Database, type Tx } from '../../platform/database';
import { applyMigrations } from '../../platform/migrate';
import { verifyAuditChain } from '../../subgraphs/person/use-cases/audit-log';
import { appendAudit, type AuditEntry } from '../../subgraphs/shared/change-log';
import { sealAuditLog } from '../../subgraphs/shared/change-log-sealer';
import { inTransaction } from '../../subgraphs/shared/transaction';
import { formatMarkdownTable, runBenchMain } from '../lib/report';
import { percentile } from '../read/load';
import { createThrowawayDatabase } from '../read/database';

const USAGE = `Usage: npm run bench:audit -- [options]

  --writers N     concurrent transactions per round (default 8)
  --rounds N      rounds per mode (default 20)
  --entries N     audit entries each transaction appends (default 8)
  --work-ms N     simulated work inside each transaction, after the append (default 20)
`;

// The lock every writing transaction took before seal blocks (the old AUDIT_CHAIN_LOCK).
const OLD_CHAIN_LOCK = 5170001;

interface ModeResult { mode: string; wallMs: number; latencies: number[]; transactions: number }

function entries(n: number): AuditEntry[] {
  // Each transaction is about organizations of its own: unrelated writers.
  return Array.from({ length: n }, (_, i) => ({ type: 'OrganizationUpdated', entityType: 'Organization', entityId: newId(), attribute: 'name', newValue: `Org ${i}` }));
}

type Mode = 'lock' | 'none' | 'floor';

async function writeOne(db: Database, mode: Mode, n: number, workMs: number): Promise<number> {
  const started = performance.now();
  await inTransaction(db, async (tx: Tx) => {
    if (mode === 'floor') {
      await new Promise((r) => setTimeout(r, workMs));
      return;
    }
    if (mode === 'lock') {
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1)', OLD_CHAIN_LOCK);
      await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
    }
    await appendAudit(tx, { actorId: 'bench', correlationId: newId(), sourceSystem: 'CRM', now: new Date() }, entries(n));
    await new Promise((r) => setTimeout(r, workMs));
  });
  return performance.now() - started;
}

async function runMode(db: Database, label: string, mode: Mode, o: { writers: number; rounds: number; entries: number; workMs: number }): Promise<ModeResult> {
  await writeOne(db, mode, o.entries, o.workMs);
  const latencies: number[] = [];
  const started = performance.now();
  for (let r = 0; r < o.rounds; r++) {
    latencies.push(...(await Promise.all(Array.from({ length: o.writers }, () => writeOne(db, mode, o.entries, o.workMs)))));
  }
  return { mode: label, wallMs: performance.now() - started, latencies: latencies.sort((a, b) => a - b), transactions: o.rounds * o.writers };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { writers: { type: 'string' }, rounds: { type: 'string' }, entries: { type: 'string' }, 'work-ms': { type: 'string' }, help: { type: 'boolean' } }, strict: true });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const o = { writers: Number(values.writers ?? 8), rounds: Number(values.rounds ?? 20), entries: Number(values.entries ?? 8), workMs: Number(values['work-ms'] ?? 20) };
  const target = await createThrowawayDatabase(undefined, { prefix: 'bench_audit' });
  const db = await openDatabase({ kind: 'postgres', url: target.url, poolSize: o.writers + 2 });
  try {
    await applyMigrations(db.raw);
    const results = [
      await runMode(db, 'global chain lock (before)', 'lock', o),
      await runMode(db, 'no lock, sealed after commit (now)', 'none', o),
      await runMode(db, 'floor: same transactions, no audit', 'floor', o),
    ];
    const total = await db.prisma.auditEvent.count();
    let started = performance.now();
    const sealed = await sealAuditLog(db, { wait: true });
    const sealMs = performance.now() - started;
    started = performance.now();
    const verified = await verifyAuditChain(db, { seal: false });
    const verifyMs = performance.now() - started;

    const ideal = o.rounds * o.workMs;
    process.stdout.write(`\nAudit appends: ${o.writers} concurrent transactions × ${o.rounds} rounds, ${o.entries} entries each, ${o.workMs} ms of work inside each transaction (PostgreSQL ${target.description}).\n`);
    process.stdout.write(`A round cannot take less than the work itself: ${ideal} ms for all rounds.\n\n`);
    process.stdout.write(formatMarkdownTable(
      ['mode', 'wall time (ms)', 'per round (ms)', 'transactions/s', 'txn p50 (ms)', 'txn p95 (ms)'],
      results.map((r) => [
        r.mode, r.wallMs.toFixed(0), (r.wallMs / o.rounds).toFixed(1), (r.transactions / (r.wallMs / 1000)).toFixed(1),
        percentile(r.latencies, 50).toFixed(1), percentile(r.latencies, 95).toFixed(1),
      ]),
    ));
    process.stdout.write(`\nSpeed-up of the wall time: ${(results[0].wallMs / results[1].wallMs).toFixed(2)}×.\n`);
    process.stdout.write(`Sealing the ${total} entries written: ${sealed.blocks.length} block(s) in ${sealMs.toFixed(0)} ms (${(total / (sealMs / 1000)).toFixed(0)} entries/s); `);
    process.stdout.write(`verification: ${verified.ok ? 'ok' : 'BROKEN'}, ${verified.checked} entries in ${verifyMs.toFixed(0)} ms.\n`);
    return verified.ok ? 0 : 1;
  } finally {
    await db.close();
    await target.drop();
  }
}

runBenchMain(main);
