// Keyed checkpoints of the audit chain: the head block's number, hash and entry count, signed with
// HMAC-SHA256 under a key the database never holds. They are published outside the database (an
// append-only file, a log line), so whoever rewrites the database and recomputes every hash still cannot
// produce the checkpointed head, nor a checkpoint for the forged one.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './hash-audit-event';

export interface AuditCheckpoint {
  chain: string;
  block: number;
  totalRows: number;
  head: string;
  /** When the checkpoint was taken (ISO 8601). */
  at: string;
}

export interface SignedCheckpoint extends AuditCheckpoint {
  mac: string;
}

function mac(key: string, cp: AuditCheckpoint): string {
  const body = { chain: cp.chain, block: cp.block, totalRows: cp.totalRows, head: cp.head, at: cp.at };
  return createHmac('sha256', key).update('audit-checkpoint-v1\n').update(canonicalJson(body)).digest('hex');
}

export function signCheckpoint(key: string, cp: AuditCheckpoint): SignedCheckpoint {
  return { chain: cp.chain, block: cp.block, totalRows: cp.totalRows, head: cp.head, at: cp.at, mac: mac(key, cp) };
}

export function isCheckpointAuthentic(key: string, cp: SignedCheckpoint): boolean {
  const expected = Buffer.from(mac(key, cp), 'hex');
  const given = Buffer.from(typeof cp.mac === 'string' && /^[0-9a-f]{64}$/.test(cp.mac) ? cp.mac : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** One checkpoint per line (JSON); a line that is not one is reported by its number (1-based). */
export function parseCheckpointLines(text: string): { checkpoints: Array<SignedCheckpoint & { line: number }>; malformed: number[] } {
  const checkpoints: Array<SignedCheckpoint & { line: number }> = [];
  const malformed: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    try {
      const v = JSON.parse(line) as Record<string, unknown>;
      const ok = typeof v.chain === 'string' && Number.isSafeInteger(v.block) && Number.isSafeInteger(v.totalRows) &&
        typeof v.head === 'string' && typeof v.at === 'string' && typeof v.mac === 'string';
      if (ok) checkpoints.push({ chain: v.chain as string, block: v.block as number, totalRows: v.totalRows as number, head: v.head as string, at: v.at as string, mac: v.mac as string, line: i + 1 });
      else malformed.push(i + 1);
    } catch {
      malformed.push(i + 1);
    }
  });
  return { checkpoints, malformed };
}

export function formatCheckpointLine(cp: SignedCheckpoint): string {
  return `${JSON.stringify({ chain: cp.chain, block: cp.block, totalRows: cp.totalRows, head: cp.head, at: cp.at, mac: cp.mac })}\n`;
}
