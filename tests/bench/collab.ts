/**
 * Collaboration server benchmark: one server (its own process, as in production) on
 * loopback, N y-websocket clients in this process. In each round every client sets one
 * key of a shared Y.Map; an edit's latency is the time until every other client has
 * observed it. Memory is the server process's own, read from its /health.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const CLIENT_COUNTS = [2, 10, 30];
const ROUNDS = 20;
const STEP_TIMEOUT_MS = 15_000;

interface ServerProcess {
  child: ChildProcess;
  port: number;
}

interface Memory {
  rss: number;
  heapUsed: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`collab bench: timed out ${what}`)), STEP_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function startServerProcess(dataDir: string): Promise<ServerProcess> {
  const main = join(import.meta.dirname, '../../src/collab/server/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--port', '0', '--data', dataDir], {
    cwd: join(import.meta.dirname, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<ServerProcess>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on ws:\/\/[^\s]+:(\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`collab server exited (${code}) before it was ready:\n${output}`)));
  });
  return withTimeout(ready, 'starting the server').catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
}

async function stopServerProcess(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  server.child.kill('SIGTERM');
  await withTimeout(exited, 'stopping the server').catch(() => server.child.kill('SIGKILL'));
}

async function serverMemory(port: number): Promise<Memory> {
  const response = await fetch(`http://127.0.0.1:${port}/health`);
  const body = (await response.json()) as { memory: Memory };
  return body.memory;
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

function connectClient(port: number, room: string): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Node has BroadcastChannel: without this, clients in one process would bypass the server.
    disableBc: true,
  });
  return { doc, provider };
}

function whenSynced(provider: WebsocketProvider): Promise<void> {
  return provider.synced ? Promise.resolve() : new Promise((resolve) => provider.once('sync', () => resolve()));
}

/** Runs the rounds for one client count; returns every edit's latency in ms. */
async function measureRoom(port: number, clientCount: number): Promise<{ latencies: number[]; connectMs: number; clients: Client[] }> {
  const room = `bench-${clientCount}-${Date.now()}`;
  const connectStart = performance.now();
  const clients = Array.from({ length: clientCount }, () => connectClient(port, room));
  await withTimeout(Promise.all(clients.map((c) => whenSynced(c.provider))), `connecting ${clientCount} clients`);
  const connectMs = performance.now() - connectStart;

  const latencies: number[] = [];
  const waiting = new Map<string, { sentAt: number; remaining: number }>();
  let roundDone: (() => void) | null = null;
  for (const client of clients) {
    client.doc.getMap<number>('edits').observe((event) => {
      if (event.transaction.local) return;
      const now = performance.now();
      for (const key of event.keysChanged) {
        const edit = waiting.get(key);
        if (!edit || --edit.remaining > 0) continue;
        latencies.push(now - edit.sentAt);
        waiting.delete(key);
      }
      if (waiting.size === 0) roundDone?.();
    });
  }

  for (let round = 0; round < ROUNDS; round++) {
    const done = new Promise<void>((resolve) => (roundDone = resolve));
    clients.forEach((client, index) => {
      const key = `${index}:${round}`;
      const sentAt = performance.now();
      waiting.set(key, { sentAt, remaining: clientCount - 1 });
      client.doc.getMap<number>('edits').set(key, sentAt);
    });
    await withTimeout(done, `round ${round} with ${clientCount} clients`);
  }
  return { latencies, connectMs, clients };
}

function disconnect(clients: Client[]): void {
  for (const { provider, doc } of clients) {
    provider.destroy();
    doc.destroy();
  }
}

export async function benchCollab(): Promise<void> {
  console.log(`\nCollaboration server (y-websocket over loopback; server in its own process, ${ROUNDS} rounds, every client edits each round)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'collab-bench-'));
  let server: ServerProcess | null = null;
  // In Node every WebsocketProvider adds a process 'exit' listener (removed on destroy).
  const maxListeners = process.getMaxListeners();
  process.setMaxListeners(Math.max(maxListeners, Math.max(...CLIENT_COUNTS) + 10));
  try {
    server = await startServerProcess(dataDir);
    const idle = await serverMemory(server.port);
    console.log(`  server idle: rss ${mb(idle.rss)} MB, heap used ${mb(idle.heapUsed)} MB`);
    console.log(`  ${'clients'.padStart(7)} ${'edits'.padStart(6)} ${'connect ms'.padStart(10)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)} ${'server rss MB'.padStart(14)} ${'heap MB'.padStart(8)}`);
    for (const count of CLIENT_COUNTS) {
      const { latencies, connectMs, clients } = await measureRoom(server.port, count);
      const memory = await serverMemory(server.port);
      disconnect(clients);
      const sorted = [...latencies].sort((a, b) => a - b);
      console.log(
        `  ${String(count).padStart(7)} ${String(sorted.length).padStart(6)} ${connectMs.toFixed(0).padStart(10)} ` +
          `${percentile(sorted, 50).toFixed(2).padStart(10)} ${percentile(sorted, 95).toFixed(2).padStart(8)} ` +
          `${`${mb(memory.rss)} (${signed(mb(memory.rss - idle.rss))})`.padStart(14)} ${`${mb(memory.heapUsed)}`.padStart(8)}`,
      );
    }
  } catch (error) {
    console.log(`  collab benchmark failed: ${(error as Error).message}`);
  } finally {
    process.setMaxListeners(maxListeners);
    if (server) await stopServerProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

function signed(value: number): string {
  return value >= 0 ? `+${value}` : String(value);
}
