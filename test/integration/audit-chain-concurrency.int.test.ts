// Writers of unrelated records do not wait for one another (there is no lock on the audit log), entries
// of a transaction that commits late are sealed once it has committed, and a poller of `events(after:)`
// never skips an event whose transaction took its sequence number first but committed last.
// Needs concurrent transactions, so PostgreSQL only.
import { loadConfig } from '../../platform/config';
import { newId } from '../../platform/ids';
import { createLogger } from '../../platform/logger';
import { verifyAuditChain } from '../../subgraphs/person/use-cases/audit-log';
import { listEvents } from '../../subgraphs/person/use-cases/events';
import { appendAudit, enqueueEvents, type ChangeMeta } from '../../subgraphs/shared/change-log';
import { sealAuditLog } from '../../subgraphs/shared/change-log-sealer';
import { systemContext } from '../../subgraphs/shared/system-context';
import { inTransaction } from '../../subgraphs/shared/transaction';
import type { Tx } from '../../platform/database';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/database';

jest.setTimeout(120_000);

const onPostgres = usingPostgres() ? describe : describe.skip;

let t: TestDatabase;
beforeAll(async () => {
  if (usingPostgres()) t = await createTestDatabase();
});
afterAll(async () => {
  await t?.dispose();
});

function meta(): ChangeMeta {
  return { actorId: 'crm-client', correlationId: newId(), sourceSystem: 'CRM', now: new Date() };
}

/** A transaction that does `write`, then stays open until `release` is called. */
function holdOpen(write: (tx: Tx) => Promise<unknown>) {
  let release!: () => void;
  let written!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const wrote = new Promise<void>((r) => (written = r));
  const done = inTransaction(t.db, async (tx) => {
    await write(tx);
    written();
    await gate;
  });
  return { wrote, release, done };
}

const orgEntry = (name: string) => ({ type: 'OrganizationUpdated', entityType: 'Organization', entityId: newId(), attribute: 'name', newValue: name });
const orgEvent = (name: string) => ({ type: 'OrganizationUpdated', aggregateType: 'Organization', aggregateId: newId(), payload: { changed: ['name'], name } });

async function within<T>(p: Promise<T>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([p.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

onPostgres('without a lock on the audit log', () => {
  it('lets a writer commit while another writer of an unrelated record is still open, and seals both once both ended', async () => {
    const a = holdOpen((tx) => appendAudit(tx, meta(), [orgEntry('A1'), orgEntry('A2')]));
    await a.wrote;
    // B appends to the same log and commits while A still holds its transaction open.
    const b = inTransaction(t.db, (tx) => appendAudit(tx, meta(), [orgEntry('B1')]));
    expect(await within(b, 5000)).toBe(true);

    // A took its transaction id first and is still open: B's committed entry waits unsealed behind it.
    await sealAuditLog(t.db, { wait: true });
    const whileOpen = await verifyAuditChain(t.db, { seal: false });
    expect(whileOpen).toMatchObject({ ok: true, sealed: 0, pending: 1 });

    a.release();
    await a.done;
    for (let i = 0; i < 300; i++) {
      await sealAuditLog(t.db, { wait: true });
      if ((await verifyAuditChain(t.db, { seal: false })).pending === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 3, sealed: 3, pending: 0 });
  });

  it('gives a poller of events(after:) the event of a transaction that committed late', async () => {
    const ctx = systemContext({ db: t.db, config: { ...loadConfig({ LOG_LEVEL: 'silent' }), database: t.config }, logger: createLogger('silent') }, 'poller');
    const start = await listEvents(ctx, { first: 100 });
    let cursor = start.pageInfo.endCursor;

    // A takes its outbox sequence number first and stays open; B takes a later one and commits.
    const a = holdOpen((tx) => enqueueEvents(tx, meta(), [orgEvent('late')]));
    await a.wrote;
    await inTransaction(t.db, (tx) => enqueueEvents(tx, meta(), [orgEvent('early')]));

    // The poller reads past B while A is still open.
    const first = await listEvents(ctx, { after: cursor, first: 100 });
    expect(first.edges.map((e) => (e.node.data as { name: string }).name)).toEqual(['early']);
    cursor = first.pageInfo.endCursor;

    a.release();
    await a.done;
    const next = await listEvents(ctx, { after: cursor, first: 100 });
    expect(next.edges.map((e) => (e.node.data as { name: string }).name)).toEqual(['late']);
    // A's sequence number is below B's, yet it comes after B in the feed.
    const [late, early] = [next.edges[0].node, first.edges[0].node];
    expect(BigInt(late.sequence)).toBeLessThan(BigInt(early.sequence));
    expect((await listEvents(ctx, { after: next.pageInfo.endCursor, first: 100 })).edges).toEqual([]);
  });
});
