import { formatCheckpointLine, isCheckpointAuthentic, parseCheckpointLines, signCheckpoint, type SignedCheckpoint } from './checkpoint';
import { GENESIS_HASH, hashAuditContent, hashAuditEvent, type AuditEventContent } from './hash-audit-event';
import { GENESIS_SEAL, hashSealBlock, type SealBlock } from './seal-block';
import { AuditBreakKind, verifyAuditLog, type StoredAuditEntry } from './verify-audit-log';

const KEY = 'test-checkpoint-key-0123456789abcdef';
const CHAIN = '0190a1b2-0000-7000-8000-00000000c0de';

function content(n: number, over: Partial<AuditEventContent> = {}): AuditEventContent {
  return {
    eventId: `0190a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`, type: 'PersonUpdated', correlationId: `corr-${n}`, causationId: null,
    sourceSystem: 'HRIS', actorId: 'hris-client', reasonCode: null, entityType: 'Person', entityId: '0190a1b2-0000-7000-8000-0000000000aa',
    attribute: 'familyName', oldValue: null, newValue: `Name ${n}`, occurredAt: '2026-12-01T08:00:00.000Z', ...over,
  };
}

function entry(seq: number, txid: number, over: Partial<AuditEventContent> = {}): StoredAuditEntry {
  const c = content(seq, over);
  return { ...c, seq: BigInt(seq), txid: BigInt(txid), prevHash: null, hash: hashAuditContent(c) };
}

/** Seals entries into blocks at the given txid boundaries, as the sealer does. */
function seal(entries: StoredAuditEntry[], boundaries: number[]): SealBlock[] {
  const blocks: SealBlock[] = [];
  let prev: Pick<SealBlock, 'block' | 'txidTo' | 'totalRows' | 'hash'> = GENESIS_SEAL;
  for (const to of boundaries) {
    const covered = entries.filter((e) => e.txid >= prev.txidTo && e.txid < BigInt(to)).sort((a, b) => (a.txid === b.txid ? Number(a.seq - b.seq) : Number(a.txid - b.txid)));
    const header = { block: prev.block + 1, chain: CHAIN, txidFrom: prev.txidTo, txidTo: BigInt(to), rowCount: covered.length, totalRows: prev.totalRows + covered.length, prevHash: prev.hash, sealedAt: '2026-12-01T08:00:01.000Z' };
    const block = { ...header, hash: hashSealBlock(header, covered) };
    blocks.push(block);
    prev = block;
  }
  return blocks;
}

function checkpointOf(b: SealBlock): SignedCheckpoint {
  return signCheckpoint(KEY, { chain: b.chain, block: b.block, totalRows: b.totalRows, head: b.hash, at: '2026-12-01T08:01:00.000Z' });
}

async function* stream<T>(items: T[]): AsyncIterable<T> {
  for (const i of items) yield i;
}

function ordered(entries: StoredAuditEntry[]) {
  return [...entries].sort((a, b) => (a.txid === b.txid ? Number(a.seq - b.seq) : Number(a.txid - b.txid)));
}

function verify(entries: StoredAuditEntry[], blocks: SealBlock[], checkpoints: SignedCheckpoint[] = []) {
  return verifyAuditLog({ blocks: stream(blocks), entries: stream(ordered(entries)), checkpoints: { list: checkpoints, key: KEY } });
}

// Transactions 10..13; transaction 11 took seq 2 first and committed last, so its entry has the lowest
// seq of the second block.
const ENTRIES = [entry(1, 10), entry(2, 12), entry(3, 11), entry(4, 11), entry(5, 13), entry(6, 13)];
const BLOCKS = seal(ENTRIES, [12, 14]);

describe('verifyAuditLog', () => {
  it('verifies sealed entries, pending entries and the checkpoints of the chain', async () => {
    const later = [...ENTRIES, entry(7, 20)];
    const r = await verify(later, BLOCKS, [checkpointOf(BLOCKS[0]), checkpointOf(BLOCKS[1])]);
    expect(r).toEqual({
      ok: true, checked: 7, sealed: 6, pending: 1, blocks: 2,
      checkpoints: { verified: 2, latest: { block: 2, at: '2026-12-01T08:01:00.000Z' }, otherChains: 0 }, brokenAt: null,
    });
  });

  it('names an entry whose content was changed', async () => {
    const tampered = ENTRIES.map((e) => (e.seq === 4n ? { ...e, actorId: 'mallory' } : e));
    const r = await verify(tampered, BLOCKS);
    expect(r.brokenAt).toMatchObject({ kind: AuditBreakKind.CHANGED_ENTRY, seq: '4', eventId: content(4).eventId, reason: 'content does not match its hash' });
  });

  it('reports a deleted entry by its block', async () => {
    const r = await verify(ENTRIES.filter((e) => e.seq !== 3n), BLOCKS);
    expect(r.brokenAt).toMatchObject({ kind: AuditBreakKind.DELETED_ENTRIES, block: 1 });
  });

  it('reports an inserted entry, inside a block or outside every block', async () => {
    const inside = await verify([...ENTRIES, entry(9, 12)], BLOCKS);
    expect(inside.brokenAt).toMatchObject({ kind: AuditBreakKind.INSERTED_ENTRIES, block: 2 });
    const outside = await verify([...ENTRIES, entry(9, -1)], BLOCKS);
    expect(outside.brokenAt).toMatchObject({ kind: AuditBreakKind.INSERTED_ENTRIES, seq: '9' });
  });

  it('reports entries that swapped places', async () => {
    const [a, b] = [ENTRIES[2], ENTRIES[3]];
    const swapped = ENTRIES.map((e) => (e === a ? { ...a, seq: b.seq } : e === b ? { ...b, seq: a.seq } : e));
    const r = await verify(swapped, BLOCKS);
    expect(r.brokenAt).toMatchObject({ kind: AuditBreakKind.REORDERED_ENTRIES, block: 1 });
  });

  it('reports a tail cut after a checkpoint, entries and seal blocks alike', async () => {
    const r = await verify(ENTRIES.filter((e) => e.txid < 12n), BLOCKS.slice(0, 1), [checkpointOf(BLOCKS[1])]);
    expect(r.brokenAt).toMatchObject({ kind: AuditBreakKind.TRUNCATED, block: 2 });
    const emptied = await verify([], [], [checkpointOf(BLOCKS[1])]);
    expect(emptied.brokenAt).toMatchObject({ kind: AuditBreakKind.TRUNCATED });
  });

  it('detects a rewrite with every hash recomputed through the keyed checkpoint', async () => {
    const rewritten = ENTRIES.map((e) => (e.seq === 1n ? entry(1, 10, { actorId: 'mallory' }) : e));
    const forged = seal(rewritten, [12, 14]);
    expect((await verify(rewritten, forged)).ok).toBe(true);
    const r = await verify(rewritten, forged, [checkpointOf(BLOCKS[1])]);
    expect(r.brokenAt).toMatchObject({ kind: AuditBreakKind.CHECKPOINT_MISMATCH, block: 2 });
  });

  it('refuses a checkpoint signed without the key', async () => {
    const fake = { ...checkpointOf(BLOCKS[1]), head: 'f'.repeat(64) };
    const r = await verify(ENTRIES, BLOCKS, [fake]);
    expect(r.brokenAt).toMatchObject({ kind: AuditBreakKind.FORGED_CHECKPOINT, block: 2 });
  });

  it('reports a seal block that does not link to the one before it', async () => {
    const blocks = [BLOCKS[0], { ...BLOCKS[1], prevHash: GENESIS_HASH }];
    expect((await verify(ENTRIES, blocks)).brokenAt).toMatchObject({ kind: AuditBreakKind.BROKEN_SEAL, block: 2 });
    expect((await verify(ENTRIES, [BLOCKS[1]])).brokenAt).toMatchObject({ kind: AuditBreakKind.BROKEN_SEAL, block: 2 });
  });

  it('still verifies entries of the row-by-row chain written before seal blocks', async () => {
    const c1 = content(1);
    const c2 = content(2);
    const h1 = hashAuditEvent(GENESIS_HASH, c1);
    const legacy: StoredAuditEntry[] = [
      { ...c1, seq: 1n, txid: 0n, prevHash: GENESIS_HASH, hash: h1 },
      { ...c2, seq: 2n, txid: 0n, prevHash: h1, hash: hashAuditEvent(h1, c2) },
    ];
    const entries = [...legacy, entry(3, 10)];
    const blocks = seal(entries, [11]);
    expect((await verify(entries, blocks)).ok).toBe(true);
    const tampered = entries.map((e) => (e.seq === 1n ? { ...e, newValue: 'changed' } : e));
    expect((await verify(tampered, blocks)).brokenAt).toMatchObject({ kind: AuditBreakKind.CHANGED_ENTRY, seq: '1' });
  });
});

describe('checkpoints', () => {
  it('round-trip through the file format and keep their signature', () => {
    const cp = checkpointOf(BLOCKS[1]);
    const text = formatCheckpointLine(cp) + 'not json\n' + formatCheckpointLine(checkpointOf(BLOCKS[0]));
    const parsed = parseCheckpointLines(text);
    expect(parsed.malformed).toEqual([2]);
    expect(parsed.checkpoints.map((c) => [c.line, c.block])).toEqual([[1, 2], [3, 1]]);
    expect(isCheckpointAuthentic(KEY, parsed.checkpoints[0])).toBe(true);
    expect(isCheckpointAuthentic('another-key-that-is-long-enough-000', parsed.checkpoints[0])).toBe(false);
    expect(isCheckpointAuthentic(KEY, { ...parsed.checkpoints[0], totalRows: 5 })).toBe(false);
  });
});
