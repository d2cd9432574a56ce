// Seal blocks chain the audit log after commit. A block covers every entry written by a transaction whose
// id lies in [txidFrom, txidTo); all those transactions had ended when the block was sealed, so the set is
// final. Its hash covers the block's header, the previous block's hash and every covered entry's
// (seq, hash) in (txid, seq) order: a changed, deleted, inserted or reordered entry changes it.
import { createHash } from 'node:crypto';
import { canonicalJson, GENESIS_HASH } from './hash-audit-event';

export interface SealHeader {
  block: number;
  /** Random id of this audit chain, fixed by its first block; checkpoints name it. */
  chain: string;
  txidFrom: bigint;
  txidTo: bigint;
  rowCount: number;
  /** Entries covered by this block and every block before it. */
  totalRows: number;
  prevHash: string;
  sealedAt: string;
}

export interface SealBlock extends SealHeader {
  hash: string;
}

/** What precedes block 1. */
export const GENESIS_SEAL: Pick<SealBlock, 'block' | 'txidTo' | 'totalRows' | 'hash'> = { block: 0, txidTo: 0n, totalRows: 0, hash: GENESIS_HASH };

/** Streams a block's entries, in (txid, seq) order, into its hash: a block may cover millions of entries. */
export class SealHasher {
  private readonly entries = createHash('sha256');
  count = 0;

  add(seq: bigint | number | string, entryHash: string): void {
    this.entries.update(`${String(seq)}:${entryHash}\n`);
    this.count += 1;
  }

  /** The block's hash; call once, after the last entry. */
  digest(header: SealHeader): string {
    const body = {
      block: header.block, chain: header.chain, txidFrom: String(header.txidFrom), txidTo: String(header.txidTo),
      rowCount: header.rowCount, totalRows: header.totalRows, prevHash: header.prevHash, sealedAt: header.sealedAt,
      entries: this.entries.digest('hex'),
    };
    return createHash('sha256').update('audit-seal-v1\n').update(canonicalJson(body)).digest('hex');
  }
}

/** Hash of a block over the given entries (tests and small blocks). */
export function hashSealBlock(header: SealHeader, entries: Iterable<{ seq: bigint | number | string; hash: string }>): string {
  const hasher = new SealHasher();
  for (const e of entries) hasher.add(e.seq, e.hash);
  return hasher.digest(header);
}
