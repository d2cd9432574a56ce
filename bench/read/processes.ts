// The production topology of docker-compose.yml for the read benchmark: every subgraph and the gateway
// in a process of its own (`peoplegraph subgraph <name>`, `peoplegraph gateway`), each with its own
// connection pool, on free ports of 127.0.0.1. The database must be migrated and seeded first.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config';

export interface ProcessTopology {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  stop(): Promise<void>;
}

const CLI = path.join(__dirname, '..', '..', 'cli', 'main.js');

/** A base port with SUBGRAPH_NAMES.length + 1 free ports after it (subgraphs, then the gateway). */
async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    const ok = await Promise.all(Array.from({ length: count }, (_, i) => isFree(base + i)));
    if (ok.every(Boolean)) return base;
  }
  throw new Error('no range of free ports found');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitReady(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`a benchmark process exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready after ${timeoutMs / 1000}s:\n${output()}`);
}

export async function startProcessTopology(env: NodeJS.ProcessEnv): Promise<ProcessTopology> {
  const base = await freePortRange(SUBGRAPH_NAMES.length + 1);
  const gatewayPort = base + SUBGRAPH_NAMES.length;
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, `http://127.0.0.1:${base + i}/graphql`])) as Record<SubgraphName, string>;
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    HOST: '127.0.0.1',
    SUBGRAPH_BASE_PORT: String(base),
    GATEWAY_PORT: String(gatewayPort),
    ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_SUBGRAPH_URL`, subgraphUrls[n]])),
  };
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    })));
  };
  const start = (args: string[]) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
    children.push(child);
    return { child, output: () => stderr };
  };
  try {
    const subgraphs = SUBGRAPH_NAMES.map((name) => ({ name, ...start(['subgraph', name]) }));
    await Promise.all(subgraphs.map((s) => waitReady(subgraphUrls[s.name].replace(/\/graphql$/, '/readyz'), s.child, s.output)));
    const gateway = start(['gateway']);
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    await waitReady(gatewayUrl.replace(/\/graphql$/, '/readyz'), gateway.child, gateway.output);
    return { gatewayUrl, subgraphUrls, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
