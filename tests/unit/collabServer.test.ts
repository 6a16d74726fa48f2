import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startCollabServer, type CollabServer, type CollabServerOptions } from '../../src/collab/server/server';

const WAIT_MS = 5000;
/** y-websocket sync step 1 with an empty state vector: [sync, step 1, length 1, no clients]. */
const SYNC_STEP_1_EMPTY = Uint8Array.from([0, 0, 1, 0]);

let dataDir: string;
let logs: string[];
let logWaiters: Array<() => void> = [];
const cleanups: Array<() => unknown> = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'collab-test-'));
  logs = [];
  logWaiters = [];
});

afterEach(async () => {
  // Clients first, so they do not try to reconnect to a closing server.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(options: Partial<CollabServerOptions> = {}): Promise<CollabServer> {
  const server = await startCollabServer({ port: 0, host: '127.0.0.1', dataDir, log: recordLog, ...options });
  cleanups.push(() => server.close());
  return server;
}

function recordLog(line: string): void {
  logs.push(line);
  for (const wake of logWaiters.splice(0)) wake();
}

/** Resolves once the server has logged a line matching `pattern`. */
async function waitForLog(pattern: RegExp): Promise<string> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const line = logs.find((entry) => pattern.test(entry));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`timed out waiting for a log line matching ${pattern}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, WAIT_MS);
      logWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** A y-websocket client in Node: `ws` as the WebSocket, and no BroadcastChannel (it would bypass the server). */
function joinRoom(server: CollabServer, room: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  cleanups.push(() => {
    provider.destroy();
    doc.destroy();
  });
  return { doc, provider };
}

/** Resolves once `check()` holds, re-checking after every change to the document. */
function waitForDoc(doc: Y.Doc, check: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onUpdate = () => {
      if (!check()) return;
      clearTimeout(timer);
      doc.off('update', onUpdate);
      resolve();
    };
    const timer = setTimeout(() => {
      doc.off('update', onUpdate);
      reject(new Error(`timed out waiting for ${what}`));
    }, WAIT_MS);
    doc.on('update', onUpdate);
    onUpdate();
  });
}

function waitForSync(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => provider.once('sync', () => resolve()));
}

/** Opens a raw WebSocket and resolves with how the server closed it. */
function rawSocket(server: CollabServer, path: string): { socket: WebSocket; closed: Promise<{ code: number; reason: string }>; opened: Promise<void> } {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}${path}`);
  socket.on('error', () => undefined);
  cleanups.push(() => socket.terminate());
  const opened = new Promise<void>((resolve) => socket.once('open', () => resolve()));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { socket, opened, closed };
}

/** A y-websocket "update" message: [sync, update, length-prefixed Yjs update]. */
function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

async function health(server: CollabServer): Promise<{ ok: boolean; rooms: number }> {
  const response = await fetch(`http://127.0.0.1:${server.port}/health`);
  expect(response.status).toBe(200);
  return (await response.json()) as { ok: boolean; rooms: number };
}

describe('collaboration server', () => {
  it('relays an edit from one client to another in the same room', async () => {
    const server = await startServer();
    const a = joinRoom(server, 'workshop-1');
    const b = joinRoom(server, 'workshop-1');
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);

    a.doc.getMap('stages').set('visit', { label: 'Visit', volume: 1000 });
    await waitForDoc(b.doc, () => b.doc.getMap('stages').has('visit'), 'the edit to reach client B');

    expect(b.doc.getMap('stages').get('visit')).toEqual({ label: 'Visit', volume: 1000 });
    expect(await health(server)).toMatchObject({ ok: true, rooms: 1 });
  });

  it('keeps a room across a restart on the same data folder', async () => {
    const first = await startServer();
    const writer = joinRoom(first, 'persisted-room');
    await waitForSync(writer.provider);
    writer.doc.getMap('meta').set('title', 'Spring campaign');
    writer.doc.getArray<string>('log').push(['created', 'renamed']);
    // Closing the server flushes the store; the writer's own cleanup runs later.
    writer.provider.destroy();
    await first.close();

    const second = await startServer();
    const reader = joinRoom(second, 'persisted-room');
    await waitForSync(reader.provider);
    // The server holds messages until the room is read from disk, so the first sync has it.
    expect(reader.doc.getMap('meta').get('title')).toBe('Spring campaign');
    expect(reader.doc.getArray('log').toArray()).toEqual(['created', 'renamed']);

    const other = joinRoom(second, 'another-room');
    await waitForSync(other.provider);
    expect(other.doc.getMap('meta').size).toBe(0);
  });

  it('keeps edits that a client sends just before it leaves a room that is still loading', async () => {
    const first = await startServer();
    const seed = joinRoom(first, 'quick-room');
    await waitForSync(seed.provider);
    seed.doc.getMap('m').set('seed', 1);
    seed.provider.destroy();
    await first.close();

    const second = await startServer();
    const offline = new Y.Doc();
    offline.getMap('m').set('offline', 2);
    const raw = rawSocket(second, '/quick-room');
    await raw.opened;
    raw.socket.send(syncUpdateMessage(Y.encodeStateAsUpdate(offline)));
    raw.socket.close();
    await raw.closed;
    await second.close();

    const third = await startServer();
    const reader = joinRoom(third, 'quick-room');
    await waitForSync(reader.provider);
    expect(reader.doc.getMap('m').toJSON()).toEqual({ seed: 1, offline: 2 });
  });

  it('closes a connection that sends an oversized message with 1009 and keeps serving', async () => {
    const server = await startServer({ maxMessageBytes: 64 * 1024 });
    const raw = rawSocket(server, '/big-room');
    await raw.opened;
    raw.socket.send(new Uint8Array(65 * 1024));
    const { code, reason } = await raw.closed;

    expect(code).toBe(1009);
    expect(reason).toMatch(/larger than 65536 bytes/);
    await waitForLog(/1009/);
    expect(logs.filter((line) => line.includes('1009'))).toHaveLength(1);

    const client = joinRoom(server, 'big-room');
    await waitForSync(client.provider);
    expect(await health(server)).toMatchObject({ ok: true });
  });

  it('survives garbage bytes and truncated varints', async () => {
    const server = await startServer();
    // A client stays in the room, so the room stays loaded and garbage reaches the handler.
    const a = joinRoom(server, 'garbage-room');
    await waitForSync(a.provider);
    // @y/websocket-server's handler catches what Yjs cannot decode and prints the error.
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const cases: Array<[string, Uint8Array, 'closed' | 'ignored']> = [
      ['truncated varint', Uint8Array.from([0xff, 0xff, 0xff]), 'closed'],
      ['length past the end', Uint8Array.from([0x00, 0x02, 0xff, 0xff, 0xff, 0x7f, 0x01]), 'closed'],
      ['unknown sync step', Uint8Array.from([0x00, 0x09, 0x00]), 'closed'],
      ['random bytes', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256), 'closed'],
      ['framed update that is not Yjs', Uint8Array.from([0x00, 0x02, 0x03, 0x01, 0x02, 0x03]), 'ignored'],
      ['framed awareness that is not awareness', Uint8Array.from([0x01, 0x02, 0x7b, 0x7d]), 'ignored'],
    ];
    try {
      for (const [name, bytes, expected] of cases) {
        const raw = rawSocket(server, '/garbage-room');
        await raw.opened;
        // The server answers messages in order: a reply to the sync request after the
        // garbage proves the garbage was handled and the connection survived it.
        const answered = new Promise<'ignored'>((resolve) =>
          raw.socket.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && resolve('ignored')),
        );
        raw.socket.send(bytes);
        raw.socket.send(SYNC_STEP_1_EMPTY);
        const outcome = await Promise.race([answered, raw.closed.then(({ code }) => (code === 1007 ? 'closed' : `closed ${code}`))]);
        expect(outcome, name).toBe(expected);
        raw.socket.terminate();
      }
    } finally {
      printed.mockRestore();
    }
    expect(logs.filter((line) => line.includes('(1007): malformed message'))).toHaveLength(4);

    expect(await health(server)).toMatchObject({ ok: true, rooms: 1 });
    const b = joinRoom(server, 'garbage-room');
    await waitForSync(b.provider);
    a.doc.getMap('m').set('still', 'works');
    await waitForDoc(b.doc, () => b.doc.getMap('m').get('still') === 'works', 'an edit after garbage');
  });

  it('rejects invalid room names with close code 4400', async () => {
    const server = await startServer();
    for (const path of ['/ab', '/has space', '/a/b/c/d', '/' + 'x'.repeat(65), '/']) {
      const raw = rawSocket(server, path);
      const { code } = await raw.closed;
      expect(code, path).toBe(4400);
    }
    expect(await health(server)).toMatchObject({ ok: true, rooms: 0 });
  });

  it('stops taking updates from a client once the room would pass its size limit', async () => {
    const server = await startServer({ maxRoomBytes: 8 * 1024 });
    const a = joinRoom(server, 'small-room');
    const b = joinRoom(server, 'small-room');
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);

    a.doc.getMap('m').set('small', 'fits');
    await waitForDoc(b.doc, () => b.doc.getMap('m').has('small'), 'the small edit');
    a.doc.getMap('m').set('huge', 'x'.repeat(16 * 1024));
    await waitForLog(/ignoring further updates/);
    a.doc.getMap('m').set('after', 'also ignored');
    b.doc.getMap('m').set('fromB', 'accepted');

    await waitForDoc(a.doc, () => a.doc.getMap('m').has('fromB'), "B's edit to reach A");
    expect(b.doc.getMap('m').has('huge')).toBe(false);
    expect(b.doc.getMap('m').has('after')).toBe(false);
    expect(logs.filter((line) => line.includes('ignoring further updates'))).toHaveLength(1);
  });

  it('allows only one server per process', async () => {
    await startServer();
    await expect(startCollabServer({ port: 0, dataDir })).rejects.toThrow(/already running/);
  });
});
