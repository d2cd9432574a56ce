// Change-data capture from a legacy PostgreSQL table: logical replication (pgoutput) through a slot of
// our own, an initial snapshot, then the stream. Every row change becomes a source record of the mapped
// system through the one ingest pipeline (ingestPersonRecord), and, when mapped, that system's
// employment (upsertEmployment); a deleted row ends the employment. Exactly once per change: the
// checkpoint (commit LSN + position in the transaction) is saved after each change, changes at or
// before it are skipped on a restart, each write carries an idempotency key derived from the change's
// position, and the slot is acknowledged only up to a transaction whose changes are all applied.
import { Client } from 'pg';
import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import type { Database } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import type { Config } from '../../platform/config';
import { systemContext } from '../../subgraphs/shared/system-context';
import type { RequestContext } from '../../subgraphs/shared/context';
import { ingestPersonRecord } from '../../subgraphs/person/use-cases/ingest-record';
import { getEmploymentByExternalId, upsertEmployment } from '../../subgraphs/employment/service';
import { upsertOrganization } from '../../subgraphs/organization/service';
import type { UpsertEmploymentInput } from '../../subgraphs/employment/types';
import type { SourceSystem } from '../../subgraphs/shared/enums';
import { rowAttributes, rowStatus, toText, type CdcMapping } from './cdc-mapping';

export interface CdcOptions {
  /** postgresql:// URL of the legacy database (a role with REPLICATION and the table's ownership). */
  source: string;
  /** `schema.table` or `table` (public). */
  table: string;
  mapping: CdcMapping;
  /** Replication slot (and checkpoint) name; default derived from the table. */
  slot?: string;
  db: Database;
  config: Config;
  logger: Logger;
  /** Called after each applied change (progress, tests, benchmarks). */
  onChange?: (applied: number) => void;
}

export interface ChangePosition { lsn: string; index: number }

/** LSNs are "hi/lo" in hex; as one number they order the WAL. */
export function lsnToBigInt(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

export function isAtOrBefore(a: ChangePosition, b: ChangePosition | null): boolean {
  if (!b) return false;
  const x = lsnToBigInt(a.lsn);
  const y = lsnToBigInt(b.lsn);
  return x < y || (x === y && a.index <= b.index);
}

function splitTable(table: string): { schema: string; name: string } {
  const [a, b] = table.includes('.') ? table.split('.', 2) : ['public', table];
  for (const part of [a, b]) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(part!)) throw new Error(`--table must be [schema.]table, got ${table}`);
  return { schema: a!, name: b! };
}

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

export class CdcStream {
  private readonly table: { schema: string; name: string };
  readonly slot: string;
  private readonly publication: string;
  private readonly ctx: RequestContext;
  private service: LogicalReplicationService | null = null;
  private checkpoint: ChangePosition | null = null;
  /** The end of the last transaction fully applied and acknowledged to the server. */
  private acked: string | null = null;
  private tx: { lsn: string; time: Date; index: number } | null = null;
  private applied = 0;
  private stopped = false;
  private failure: ((err: Error) => void) | null = null;
  private finished: (() => void) | null = null;
  /** Last sourceTimestamp used per row: two commits in one millisecond still apply in order. */
  private readonly lastTimestamp = new Map<string, number>();

  constructor(private readonly o: CdcOptions) {
    this.table = splitTable(o.table);
    this.slot = o.slot ?? `peoplegraph_${this.table.schema}_${this.table.name}`.toLowerCase().slice(0, 63);
    if (!/^[a-z0-9_]{1,63}$/.test(this.slot)) throw new Error('--slot must be lower-case letters, digits and _');
    this.publication = `${this.slot}_pub`;
    this.ctx = systemContext({ db: o.db, config: o.config, logger: o.logger }, `cdc:${this.slot}`);
  }

  /** Sets up (slot, publication, snapshot) if needed and streams until stop() or a failure. */
  async run(): Promise<void> {
    const state = await this.loadCheckpoint();
    const source = new Client({ connectionString: this.o.source });
    await source.connect();
    try {
      await this.ensurePublication(source);
      const slotExisted = await this.ensureSlot(source);
      const { rows } = await source.query<{ lsn: string | null }>('SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1', [this.slot]);
      this.acked = rows[0]?.lsn ?? null;
      if (!state.snapshotDone || !slotExisted) await this.snapshot(source);
    } finally {
      await source.end();
    }
    if (this.stopped) return;
    await this.stream();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.service?.stop().catch(() => undefined);
    this.finished?.();
  }

  private async loadCheckpoint() {
    const existing = await this.o.db.prisma.cdcCheckpoint.findUnique({ where: { name: this.slot } });
    if (existing) {
      if (existing.sourceTable !== `${this.table.schema}.${this.table.name}` || existing.system !== this.o.mapping.system) {
        throw new Error(`slot ${this.slot} was set up for ${existing.system} ${existing.sourceTable}; use another --slot`);
      }
      this.checkpoint = existing.confirmedLsn ? { lsn: existing.confirmedLsn, index: existing.lastChange } : null;
      this.applied = Number(existing.changes);
      return existing;
    }
    return this.o.db.prisma.cdcCheckpoint.create({
      data: { name: this.slot, system: this.o.mapping.system as SourceSystem, sourceTable: `${this.table.schema}.${this.table.name}` },
    });
  }

  private async ensurePublication(source: Client) {
    const { rows } = await source.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [this.publication]);
    if (rows.length === 0) {
      await source.query(`CREATE PUBLICATION ${quote(this.publication)} FOR TABLE ${quote(this.table.schema)}.${quote(this.table.name)}`);
    }
  }

  /** Returns whether the slot was there already (else everything before it must come from a snapshot). */
  private async ensureSlot(source: Client): Promise<boolean> {
    const { rows } = await source.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [this.slot]);
    if (rows.length > 0) return true;
    await source.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [this.slot]);
    return false;
  }

  /**
   * Every current row, after the slot exists: a change committed meanwhile is both in the snapshot and in
   * the stream, and the stream's older sourceTimestamp makes the pipeline keep the newer snapshot value.
   */
  private async snapshot(source: Client): Promise<void> {
    const { rows: [{ now }] } = await source.query<{ now: Date }>('SELECT now() AS now');
    const key = this.o.mapping.key;
    const cursorSize = 500;
    let after: string | null = null;
    let count = 0;
    for (;;) {
      const { rows } = await source.query<Record<string, unknown>>(
        `SELECT * FROM ${quote(this.table.schema)}.${quote(this.table.name)} ${after === null ? '' : `WHERE ${quote(key)}::text > $2`}
          ORDER BY ${quote(key)}::text LIMIT $1`,
        after === null ? [cursorSize] : [cursorSize, after],
      );
      for (const row of rows) {
        if (this.stopped) return;
        await this.applyUpsert(row, now, `snapshot:${toText(row[key])}:${now.getTime()}`);
        count++;
      }
      if (rows.length < cursorSize) break;
      after = toText(rows[rows.length - 1]![key]);
    }
    await this.o.db.prisma.cdcCheckpoint.update({ where: { name: this.slot }, data: { snapshotDone: true } });
    this.o.logger.info({ slot: this.slot, rows: count }, 'cdc: snapshot loaded');
  }

  private async stream(): Promise<void> {
    const service = new LogicalReplicationService(
      { connectionString: this.o.source },
      // Nothing is confirmed to the server behind our back: only what handle() acknowledges.
      { acknowledge: { auto: false, timeoutSeconds: 0 }, flowControl: { enabled: true } },
    );
    this.service = service;
    const done = new Promise<void>((resolve, reject) => {
      this.failure = reject;
      this.finished = resolve;
      service.on('error', (err: Error) => (this.stopped ? resolve() : reject(err)));
    });
    service.on('data', async (_lsn: string, msg: Pgoutput.Message) => {
      try {
        await this.handle(msg);
      } catch (err) {
        this.failure?.(err as Error);
        await service.stop().catch(() => undefined);
      }
    });
    service.on('heartbeat', async (lsn: string, _ts: number, shouldRespond: boolean) => {
      // Answer keep-alives with the last fully applied position, never the server's.
      if (shouldRespond && this.acked) await service.acknowledge(this.acked).catch(() => undefined);
      void lsn;
    });
    this.o.logger.info({ slot: this.slot, from: this.checkpoint?.lsn ?? 'slot start' }, 'cdc: streaming');
    const plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: [this.publication] });
    service.subscribe(plugin, this.slot).catch((err: Error) => {
      if (!this.stopped) this.failure?.(err);
    });
    await done.catch((err) => {
      if (!this.stopped) throw err;
    });
  }

  private async handle(msg: Pgoutput.Message): Promise<void> {
    switch (msg.tag) {
      case 'begin':
        this.tx = { lsn: msg.commitLsn!, time: new Date(Number(BigInt(msg.commitTime as unknown as bigint) / 1000n)), index: 0 };
        return;
      case 'insert':
      case 'update':
      case 'delete': {
        if (!this.tx || msg.relation.schema !== this.table.schema || msg.relation.name !== this.table.name) return;
        this.tx.index++;
        const position = { lsn: this.tx.lsn, index: this.tx.index };
        if (isAtOrBefore(position, this.checkpoint)) return;
        const key = `${position.lsn}:${position.index}`;
        if (msg.tag === 'delete') await this.applyDelete((msg.old ?? msg.key)!, this.tx.time, key);
        else await this.applyUpsert(msg.new, this.tx.time, key);
        await this.saveCheckpoint(position);
        return;
      }
      case 'commit':
        // Every change of this transaction is applied: the server may forget it.
        if (msg.commitEndLsn) {
          await this.service!.acknowledge(msg.commitEndLsn);
          this.acked = msg.commitEndLsn;
        }
        this.tx = null;
        return;
      default:
        return;
    }
  }

  private async saveCheckpoint(position: ChangePosition): Promise<void> {
    this.checkpoint = position;
    this.applied++;
    await this.o.db.prisma.cdcCheckpoint.update({
      where: { name: this.slot },
      data: { confirmedLsn: position.lsn, lastChange: position.index, changes: BigInt(this.applied) },
    });
    this.o.onChange?.(this.applied);
  }

  private timestampFor(sourceId: string, at: Date): Date {
    const last = this.lastTimestamp.get(sourceId) ?? 0;
    const t = Math.max(at.getTime(), last + 1);
    this.lastTimestamp.set(sourceId, t);
    return new Date(t);
  }

  private async applyUpsert(row: Record<string, unknown>, at: Date, changeKey: string): Promise<void> {
    const m = this.o.mapping;
    const sourceId = toText(row[m.key]);
    if (sourceId === null) {
      this.o.logger.warn({ slot: this.slot, change: changeKey }, 'cdc: row without a key skipped');
      return;
    }
    const sourceTimestamp = this.timestampFor(sourceId, at);
    const result = await ingestPersonRecord(this.ctx, {
      system: m.system, sourceId, sourceTimestamp, attributes: rowAttributes(m, row), idempotencyKey: `cdc:${this.slot}:${changeKey}:person`,
    });
    if (!m.employment) return;
    const e = m.employment;
    const { organization } = await upsertOrganization(this.ctx, {
      system: m.system as SourceSystem, externalId: e.organization.externalId, name: e.organization.name, kind: 'EMPLOYER',
    } as Parameters<typeof upsertOrganization>[1]);
    const status = rowStatus(m, row);
    const hire = e.hireDate ? toText(row[e.hireDate]) : null;
    await upsertEmployment(this.ctx, {
      system: m.system as SourceSystem, externalId: sourceId, personId: result.personId, organizationId: organization.id,
      title: e.title ? toText(row[e.title]) : null, department: e.department ? toText(row[e.department]) : null,
      employeeNumber: e.employeeNumber ? toText(row[e.employeeNumber]) : sourceId, status,
      hireDate: hire ? new Date(`${hire}T00:00:00Z`) : null,
      endDate: status === 'TERMINATED' ? new Date(`${sourceTimestamp.toISOString().slice(0, 10)}T00:00:00Z`) : null,
      sourceTimestamp, statusReason: 'CDC', idempotencyKey: `cdc:${this.slot}:${changeKey}:employment`,
    } as UpsertEmploymentInput);
  }

  /** A deleted row: the employment it stood for ends (as the mapping says); the person and the source record stay. */
  private async applyDelete(row: Record<string, unknown>, at: Date, changeKey: string): Promise<void> {
    const m = this.o.mapping;
    const sourceId = toText(row[m.key]);
    if (sourceId === null || m.onDelete === 'ignore' || !m.employment) return;
    const current = await getEmploymentByExternalId(this.ctx, m.system as SourceSystem, sourceId);
    if (!current || current.status === 'TERMINATED') return;
    const sourceTimestamp = this.timestampFor(sourceId, at);
    await upsertEmployment(this.ctx, {
      system: m.system as SourceSystem, externalId: sourceId, personId: current.personId, organizationId: current.organizationId,
      jobId: current.jobId, managerId: current.managerId, title: current.title, department: current.department,
      employeeNumber: current.employeeNumber, status: 'TERMINATED', hireDate: current.hireDate,
      endDate: new Date(`${sourceTimestamp.toISOString().slice(0, 10)}T00:00:00Z`),
      salary: current.salary === null ? null : String(current.salary), currency: current.currency,
      sourceTimestamp, statusReason: 'CDC: deleted in the source', idempotencyKey: `cdc:${this.slot}:${changeKey}:employment`,
    } as UpsertEmploymentInput);
  }
}
