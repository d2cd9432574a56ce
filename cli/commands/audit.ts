// `peoplegraph audit:verify`: seals what has committed, then checks every audit entry, every seal block and
// the keyed checkpoints published to AUDIT_CHECKPOINT_FILE; exit 1 names the first break.
// `peoplegraph audit:checkpoint`: seals, then publishes a checkpoint of the head now (the running service
// publishes one every AUDIT_CHECKPOINT_INTERVAL_SECONDS on its own).
import type { Config } from '../../platform/config';
import type { Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { verifyAuditChain } from '../../subgraphs/person/use-cases/audit-log';
import { checkpointTarget, publishAuditCheckpoint, sealAuditLog } from '../../subgraphs/shared/change-log-sealer';

export async function auditVerifyCommand(config: Config, db: Database, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const r = await verifyAuditChain(db, { checkpoints: checkpointTarget(config) });
  if (!r.ok) {
    const b = r.brokenAt!;
    const where = b.seq ? ` at seq ${b.seq} (event ${b.eventId})` : b.block !== null ? ` at seal block ${b.block}` : '';
    err.write(`Audit log BROKEN${where}: ${b.reason} [${b.kind}]. ${r.checked} entries checked before it.\n`);
    return 1;
  }
  const cp = r.checkpoints.latest
    ? `matches ${r.checkpoints.verified} published checkpoint(s), the latest of block ${r.checkpoints.latest.block} at ${r.checkpoints.latest.at}`
    : `no published checkpoint to check against yet (${config.audit.checkpointFile})`;
  out.write(`Audit log verified: ${r.checked} entries, ${r.sealed} sealed in ${r.blocks} block(s), ${r.pending} pending; ${cp}.\n`);
  return 0;
}

export async function auditCheckpointCommand(config: Config, db: Database, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  await sealAuditLog(db, { wait: true });
  const logger = createLogger(config.logLevel);
  const cp = await publishAuditCheckpoint(db, checkpointTarget(config), logger);
  out.write(cp
    ? `Published checkpoint of seal block ${cp.block} (${cp.totalRows} entries) to ${config.audit.checkpointFile}.\n`
    : 'Nothing sealed yet: no checkpoint published.\n');
  return 0;
}
