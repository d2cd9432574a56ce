// Applies the retention policies (core/privacy/retention-policies.ts): finds people whose personal data
// is due for erasure and, with `apply`, erases each in its own transaction through the same erasure as
// erasePerson, the audit naming the policy that caused it (reasonCode RETENTION:<policy id>).
import { RETENTION_POLICIES, retentionCutoff, selectDueRetentionPolicy, type RetentionPolicy, type RetentionSubject } from '../../../core/privacy/retention-policies';
import type { Config } from '../../../platform/config';
import type { Database, Tx } from '../../../platform/database';
import type { ChangeMeta } from '../../shared/change-log';
import { inTransaction } from '../../shared/transaction';
import { findRetentionSubject, findRetentionSubjects, type RetentionRow } from '../store/erasure';
import { erasePersonInTx } from './erase-person';

export interface RetentionItem { personId: string; policy: string; lastActivityAt: Date }
export interface RetentionRun { due: RetentionItem[]; erased: string[]; applied: boolean }

/** Last activity: the later of the last ingest/consent activity and the last change of the golden record. */
function subjectOf(r: RetentionRow): RetentionSubject {
  const last = r.lastActivityAt && r.lastActivityAt > r.updatedAt ? r.lastActivityAt : r.updatedAt;
  return { ...r, lastActivityAt: last };
}

async function findDue(db: Database | Tx, now: Date, policies: readonly RetentionPolicy[], afterId: string | null, take: number): Promise<{ due: RetentionItem[]; lastId: string | null }> {
  const rows = await findRetentionSubjects('prisma' in db ? db.prisma : db, retentionCutoff(now, policies), afterId, take);
  const due: RetentionItem[] = [];
  for (const r of rows) {
    const subject = subjectOf(r);
    const policy = selectDueRetentionPolicy(subject, now, policies);
    if (policy) due.push({ personId: r.id, policy: policy.id, lastActivityAt: subject.lastActivityAt });
  }
  return { due, lastId: rows.at(-1)?.id ?? null };
}

export async function runRetention(
  db: Database,
  config: Pick<Config, 'legalIdHmacKey'>,
  options: { apply: boolean; now?: Date; actorId?: string; correlationId: string; policies?: readonly RetentionPolicy[]; batchSize?: number },
): Promise<RetentionRun> {
  const now = options.now ?? new Date();
  const policies = options.policies ?? RETENTION_POLICIES;
  const due: RetentionItem[] = [];
  const erased: string[] = [];
  for (let afterId: string | null = null; ;) {
    const page = await findDue(db, now, policies, afterId, options.batchSize ?? 500);
    due.push(...page.due);
    if (options.apply) {
      for (const item of page.due) {
        const done = await inTransaction(db, async (tx) => {
          // Decided again inside the transaction: new activity since the scan keeps the person.
          const row = await findRetentionSubject(tx, item.personId);
          const policy = row && selectDueRetentionPolicy(subjectOf(row), now, policies);
          if (!policy) return false;
          const meta: ChangeMeta = { actorId: options.actorId ?? 'retention', correlationId: options.correlationId, causationId: null, sourceSystem: null, now };
          await erasePersonInTx(tx, config, meta, item.personId, { reason: `retention policy ${policy.id}: ${policy.description}`, reasonCode: `RETENTION:${policy.id}` });
          return true;
        });
        if (done) erased.push(item.personId);
      }
    }
    if (!page.lastId) break;
    afterId = page.lastId;
  }
  return { due, erased, applied: options.apply };
}
