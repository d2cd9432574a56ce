// NATS for event tests: the machine's server (NATS_URL, default nats://127.0.0.1:4222) for contract and
// relay tests, and throwaway `nats-server -js` processes on free ports for fault tests, which stop and
// restart their own server and never touch the shared one.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DeliverPolicy, type JsMsg, type NatsConnection } from 'nats';
import { natsReachable } from '../../platform/nats';
import { EVENT_STREAM } from '../../events/streams';

export const SHARED_NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
export const NATS_SERVER_BIN = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

function tcpOpen(url: string): boolean {
  const { hostname, port } = new URL(url.replace(/^nats:/, 'http:'));
  const r = spawnSync(process.execPath, ['-e', `require('net').connect(${Number(port) || 4222}, ${JSON.stringify(hostname)}).on('connect', () => process.exit(0)).on('error', () => process.exit(1))`], { timeout: 3000 });
  return r.status === 0;
}

/** `it` when the shared NATS server answers, else a skip that says why. */
export function itWithSharedNats(): jest.It {
  if (tcpOpen(SHARED_NATS_URL)) return it;
  process.stdout.write(`Skipping NATS tests: nothing listens at ${SHARED_NATS_URL} (set NATS_URL or start nats-server -js)\n`);
  return it.skip;
}

/** `it` when the nats-server binary is on this machine (fault tests start their own). */
export function itWithNatsServerBinary(): jest.It {
  if (fs.existsSync(NATS_SERVER_BIN)) return it;
  process.stdout.write(`Skipping NATS fault tests: ${NATS_SERVER_BIN} not found (set NATS_SERVER_BIN)\n`);
  return it.skip;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, { attempts = 600, intervalMs = 50 } = {}): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface ThrowawayNats {
  url: string;
  start(): Promise<void>;
  /** SIGTERM and wait for the process to exit (JetStream store stays on disk for the restart). */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startThrowawayNats(): Promise<ThrowawayNats> {
  const port = await freePort();
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-nats-'));
  const url = `nats://127.0.0.1:${port}`;
  let proc: ChildProcess | null = null;
  const start = async () => {
    proc = spawn(NATS_SERVER_BIN, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], { stdio: 'ignore' });
    await waitFor(`nats-server on ${port}`, () => natsReachable(url), { attempts: 200, intervalMs: 50 });
  };
  const stop = async () => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
  };
  await start();
  return {
    url,
    start,
    stop,
    dispose: async () => {
      await stop();
      fs.rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

export async function lastStreamSeq(nc: NatsConnection): Promise<number> {
  const jsm = await nc.jetstreamManager();
  try {
    return (await jsm.streams.info(EVENT_STREAM)).state.last_seq;
  } catch {
    return 0;
  }
}

/** Every message of the event stream after `afterSeq` (an ordered consumer; reads until caught up). */
export async function readStream(nc: NatsConnection, afterSeq: number): Promise<JsMsg[]> {
  const last = await lastStreamSeq(nc);
  if (last <= afterSeq) return [];
  const consumer = await nc.jetstream().consumers.get(EVENT_STREAM, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: afterSeq + 1 });
  const out: JsMsg[] = [];
  const messages = await consumer.consume();
  for await (const m of messages) {
    out.push(m);
    if (m.seq >= last) break;
  }
  await messages.close();
  return out;
}
