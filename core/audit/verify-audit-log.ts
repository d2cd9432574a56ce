// Verification of the audit log: every entry against its own hash, every seal block against the entries
// it covers and the block before it, and the chain against the keyed checkpoints published outside the
// database. Pure: the caller streams blocks (in block order) and entries (in (txid, seq) order).
import { isCheckpointAuthentic, type SignedCheckpoint } from './checkpoint';
import { GENESIS_HASH, hashAuditContent, hashAuditEvent, type AuditEventContent } from './hash-audit-event';
import { GENESIS_SEAL, SealHasher, type SealBlock } from './seal-block';

export interface StoredAuditEntry extends AuditEventContent {
  seq: bigint;
  txid: bigint;
  /** Set only on entries of the row-by-row chain written before seal blocks. */
  prevHash: string | null;
  hash: string;
}

export enum AuditBreakKind {
  CHANGED_ENTRY = 'CHANGED_ENTRY',
  DELETED_ENTRIES = 'DELETED_ENTRIES',
  INSERTED_ENTRIES = 'INSERTED_ENTRIES',
  REORDERED_ENTRIES = 'REORDERED_ENTRIES',
  BROKEN_SEAL = 'BROKEN_SEAL',
  TRUNCATED = 'TRUNCATED',
  CHECKPOINT_MISMATCH = 'CHECKPOINT_MISMATCH',
  FORGED_CHECKPOINT = 'FORGED_CHECKPOINT',
}

export interface AuditBreak {
  kind: AuditBreakKind;
  reason: string;
  /** First entry concerned, when there is one. */
  seq: string | null;
  eventId: string | null;
  block: number | null;
}

export interface AuditLogVerification {
  ok: boolean;
  /** Entries whose hash was checked. */
  checked: number;
  sealed: number;
  /** Entries not sealed yet (their transaction was still open, or the sealer has not run). */
  pending: number;
  blocks: number;
  checkpoints: { verified: number; latest: { block: number; at: string } | null; otherChains: number };
  brokenAt: AuditBreak | null;
}

export interface VerifyInput {
  blocks: AsyncIterable<SealBlock>;
  entries: AsyncIterable<StoredAuditEntry>;
  /** Published checkpoints (all chains); null when none are to be checked. */
  checkpoints: { list: ReadonlyArray<SignedCheckpoint & { line?: number }>; key: string; malformedLines?: readonly number[] } | null;
}

interface OpenBlock {
  seal: SealBlock;
  hasher: SealHasher;
  first: { seq: string; eventId: string } | null;
}

class Broken extends Error {
  constructor(readonly detail: AuditBreak) {
    super(detail.reason);
  }
}

const brk = (kind: AuditBreakKind, reason: string, at: Partial<Pick<AuditBreak, 'seq' | 'eventId' | 'block'>> = {}): Broken =>
  new Broken({ kind, reason, seq: at.seq ?? null, eventId: at.eventId ?? null, block: at.block ?? null });

function contentOf(e: StoredAuditEntry): AuditEventContent {
  const { seq: _s, txid: _t, prevHash: _p, hash: _h, ...content } = e;
  return content;
}

export async function verifyAuditLog(input: VerifyInput): Promise<AuditLogVerification> {
  const result: AuditLogVerification = {
    ok: true, checked: 0, sealed: 0, pending: 0, blocks: 0, checkpoints: { verified: 0, latest: null, otherChains: 0 }, brokenAt: null,
  };
  const published = input.checkpoints?.list ?? [];
  try {
    for (const line of input.checkpoints?.malformedLines ?? []) {
      throw brk(AuditBreakKind.FORGED_CHECKPOINT, `line ${line} of the checkpoint file is not a checkpoint`);
    }
    for (const cp of published) {
      if (!isCheckpointAuthentic(input.checkpoints!.key, cp)) {
        throw brk(AuditBreakKind.FORGED_CHECKPOINT, `checkpoint${cp.line ? ` on line ${cp.line}` : ''} for block ${cp.block} does not carry a valid signature`, { block: cp.block });
      }
    }
    let chain: string | null = null;
    let ours = new Map<number, SignedCheckpoint>();
    let last: Pick<SealBlock, 'block' | 'txidTo' | 'totalRows' | 'hash'> = GENESIS_SEAL;
    let legacyPrev = GENESIS_HASH;
    let open: OpenBlock | null = null;
    const blocks = input.blocks[Symbol.asyncIterator]();

    const openNext = async (): Promise<OpenBlock | null> => {
      const next = await blocks.next();
      if (next.done) return null;
      const seal = next.value;
      if (chain === null) {
        chain = seal.chain;
        ours = new Map(published.filter((c) => c.chain === chain).map((c) => [c.block, c]));
        result.checkpoints.otherChains = published.length - ours.size;
      }
      const at = { block: seal.block };
      if (seal.block !== last.block + 1) throw brk(AuditBreakKind.BROKEN_SEAL, `seal block ${seal.block} follows block ${last.block}: a block is missing`, at);
      if (seal.chain !== chain) throw brk(AuditBreakKind.BROKEN_SEAL, `seal block ${seal.block} names another chain`, at);
      if (seal.prevHash !== last.hash) throw brk(AuditBreakKind.BROKEN_SEAL, `seal block ${seal.block} does not link to the hash of block ${last.block}`, at);
      if (seal.txidFrom !== last.txidTo || seal.txidTo <= seal.txidFrom) {
        throw brk(AuditBreakKind.BROKEN_SEAL, `seal block ${seal.block} does not start where block ${last.block} ends`, at);
      }
      if (seal.totalRows !== last.totalRows + seal.rowCount) throw brk(AuditBreakKind.BROKEN_SEAL, `seal block ${seal.block} miscounts the entries before it`, at);
      return { seal, hasher: new SealHasher(), first: null };
    };

    const close = (b: OpenBlock) => {
      const { seal } = b;
      const at = { block: seal.block, seq: b.first?.seq ?? null, eventId: b.first?.eventId ?? null };
      if (b.hasher.count < seal.rowCount) {
        throw brk(AuditBreakKind.DELETED_ENTRIES, `seal block ${seal.block} covers ${b.hasher.count} of the ${seal.rowCount} entries it sealed: entries were deleted`, at);
      }
      if (b.hasher.count > seal.rowCount) {
        throw brk(AuditBreakKind.INSERTED_ENTRIES, `seal block ${seal.block} covers ${b.hasher.count} entries but sealed ${seal.rowCount}: entries were inserted`, at);
      }
      if (b.hasher.digest(seal) !== seal.hash) {
        throw brk(AuditBreakKind.REORDERED_ENTRIES, `entries of seal block ${seal.block} do not match their seal: changed after sealing, replaced or reordered`, at);
      }
      const cp = ours.get(seal.block);
      if (cp) {
        if (cp.head !== seal.hash || cp.totalRows !== seal.totalRows) {
          throw brk(AuditBreakKind.CHECKPOINT_MISMATCH, `seal block ${seal.block} differs from the checkpoint published at ${cp.at}: the log was rewritten`, at);
        }
        result.checkpoints.verified += 1;
        if (!result.checkpoints.latest || cp.block > result.checkpoints.latest.block) result.checkpoints.latest = { block: cp.block, at: cp.at };
      }
      result.blocks += 1;
      result.sealed += seal.rowCount;
      last = seal;
    };

    const checkEntry = (e: StoredAuditEntry) => {
      const at = { seq: String(e.seq), eventId: e.eventId };
      if (e.prevHash !== null) {
        if (e.prevHash !== legacyPrev) throw brk(AuditBreakKind.CHANGED_ENTRY, 'prevHash does not match the previous entry', at);
        if (hashAuditEvent(legacyPrev, contentOf(e)) !== e.hash) throw brk(AuditBreakKind.CHANGED_ENTRY, 'content does not match its hash', at);
        legacyPrev = e.hash;
      } else if (hashAuditContent(contentOf(e)) !== e.hash) {
        throw brk(AuditBreakKind.CHANGED_ENTRY, 'content does not match its hash', at);
      }
      result.checked += 1;
    };

    open = await openNext();
    for await (const e of input.entries) {
      while (open && e.txid >= open.seal.txidTo) {
        close(open);
        open = await openNext();
      }
      const outside = open ? e.txid < open.seal.txidFrom : e.txid < last.txidTo;
      if (outside) throw brk(AuditBreakKind.INSERTED_ENTRIES, 'entry lies outside every seal block: it was inserted', { seq: String(e.seq), eventId: e.eventId });
      checkEntry(e);
      if (open) {
        open.hasher.add(e.seq, e.hash);
        open.first ??= { seq: String(e.seq), eventId: e.eventId };
      } else {
        result.pending += 1;
      }
    }
    while (open) {
      close(open);
      open = await openNext();
    }
    const beyond = [...ours.values()].filter((c) => c.block > last.block).sort((a, b) => b.block - a.block)[0];
    if (beyond) {
      throw brk(AuditBreakKind.TRUNCATED, `the chain ends at seal block ${last.block} (${last.totalRows} entries) but the checkpoint published at ${beyond.at} covers block ${beyond.block} (${beyond.totalRows} entries): the tail was cut`, { block: beyond.block });
    }
    if (published.length > 0 && ours.size === 0) {
      // One checkpoint file per database: checkpoints of no block of this chain mean the log was replaced
      // (or emptied) since they were published, or the file belongs to another database.
      result.checkpoints.otherChains = published.length;
      throw brk(AuditBreakKind.TRUNCATED, `none of the ${published.length} published checkpoint(s) belongs to this audit chain: the log was replaced or emptied, or the checkpoint file belongs to another database`);
    }
  } catch (err) {
    if (!(err instanceof Broken)) throw err;
    result.ok = false;
    result.brokenAt = err.detail;
  }
  return result;
}
