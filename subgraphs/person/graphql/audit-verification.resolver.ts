// auditLogVerification (audit:read): the audit log verified now, as `npm run audit:verify` does it —
// every entry against its hash, every seal block against its entries, the chain against the published
// keyed checkpoints — so an auditor sees in the API (and the console) whether the log is intact.
import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context';
import { checkpointTarget } from '../../shared/change-log-sealer';
import { verifyAuditChain } from '../use-cases/audit-log';

@ObjectType({ description: 'The first break verification found.' })
export class AuditLogBreak {
  @Field({ description: 'CHANGED_ENTRY, DELETED_ENTRIES, INSERTED_ENTRY, REORDERED_ENTRIES, BROKEN_SEAL, TRUNCATED_TAIL, CHECKPOINT_MISMATCH, …' }) kind!: string;
  @Field() reason!: string;
  @Field(() => String, { nullable: true, description: 'The first entry concerned (its seq), when there is one.' }) seq!: string | null;
  @Field(() => Int, { nullable: true }) block!: number | null;
}

@ObjectType({ description: 'Whether the audit log is intact, checked when asked.' })
export class AuditLogVerification {
  @Field() ok!: boolean;
  @Field(() => Int, { description: 'Entries whose hash was checked.' }) checked!: number;
  @Field(() => Int, { description: 'Entries covered by seal blocks.' }) sealed!: number;
  @Field(() => Int, { description: 'Entries not sealed yet (their transaction was still open, or the sealer has not run since).' }) pending!: number;
  @Field(() => Int) blocks!: number;
  @Field(() => Int, { description: 'Published checkpoints that matched the chain.' }) verifiedCheckpoints!: number;
  @Field(() => Int, { nullable: true, description: 'The newest published checkpoint: the seal block it signed.' }) lastCheckpointBlock!: number | null;
  @Field(() => Date, { nullable: true }) lastCheckpointAt!: Date | null;
  @Field(() => AuditLogBreak, { nullable: true }) brokenAt!: AuditLogBreak | null;
  @Field(() => Date) verifiedAt!: Date;
}

@Resolver()
export class AuditVerificationResolver {
  @Query(() => AuditLogVerification, {
    description: 'Verifies the whole audit log now (it reads every entry: seconds per hundred thousand) and names the first break, like `npm run audit:verify`. Entries not sealed yet are counted as pending, not sealed here.',
  })
  async auditLogVerification(@Ctx() ctx: RequestContext): Promise<AuditLogVerification> {
    const r = await verifyAuditChain(ctx.db, { checkpoints: checkpointTarget(ctx.config), seal: false });
    const latest = r.checkpoints.latest;
    return {
      ok: r.ok, checked: r.checked, sealed: r.sealed, pending: r.pending, blocks: r.blocks,
      verifiedCheckpoints: r.checkpoints.verified,
      lastCheckpointBlock: latest?.block ?? null,
      lastCheckpointAt: latest ? new Date(latest.at) : null,
      brokenAt: r.brokenAt ? { kind: r.brokenAt.kind, reason: r.brokenAt.reason, seq: r.brokenAt.seq, block: r.brokenAt.block } : null,
      verifiedAt: new Date(),
    };
  }
}
