import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { docs, setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer, type WebSocket } from 'ws';
import { guardConnection } from './guardConnection';
import { openRoomStore } from './leveldbPersistence';
import { roomNameFromUrl } from './roomName';
import { RoomSizes } from './roomSizes';

export const DEFAULT_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_ROOM_BYTES = 20 * 1024 * 1024;
/** Close code for an upgrade to a path that is not a valid room id (y-websocket does not retry 44xx). */
export const CLOSE_BAD_ROOM = 4400;
/** How long clients get to answer the closing handshake on shutdown before being cut off. */
const SHUTDOWN_GRACE_MS = 1000;

export interface CollabServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on; 127.0.0.1 keeps the server private to this machine. */
  host?: string;
  /** Folder of the LevelDB store that keeps every room; created if missing. */
  dataDir: string;
  /** Larger WebSocket messages close the connection with 1009. Default 2 MB. */
  maxMessageBytes?: number;
  /** A room's encoded state may not grow past this; default 20 MB. */
  maxRoomBytes?: number;
  /** Receives one line per notable event (refused input, errors). Default: console.warn. */
  log?: (line: string) => void;
}

export interface CollabServer {
  port: number;
  host: string;
  /** Stops accepting clients, closes every socket, flushes and closes the store. */
  close(): Promise<void>;
}

/** @y/websocket-server keeps rooms and the persistence hook in module state: one server per process. */
let running = false;

/**
 * Starts the collaboration server: `GET /health` answers JSON, and a WebSocket upgrade at
 * `/<room>` speaks the standard y-websocket protocol (through @y/websocket-server's
 * `setupWSConnection`) for that room. Rooms are persisted with y-leveldb under `dataDir`
 * and restored when their first client joins, including after a restart.
 */
export async function startCollabServer(options: CollabServerOptions): Promise<CollabServer> {
  if (running) throw new Error('a collaboration server is already running in this process');
  running = true;
  try {
    return await listen(options);
  } catch (error) {
    running = false;
    throw error;
  }
}

async function listen(options: CollabServerOptions): Promise<CollabServer> {
  const host = options.host ?? '127.0.0.1';
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const sizes = new RoomSizes(options.maxRoomBytes ?? DEFAULT_MAX_ROOM_BYTES);
  const log = options.log ?? ((line: string) => console.warn(line));

  const store = await openRoomStore(options.dataDir, log);
  setPersistence(store.hook);

  let stopping = false;
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const http = createServer((request, response) => answerHttp(request, response));
  http.on('clientError', (_error, socket) => socket.destroy());

  http.on('upgrade', (request: IncomingMessage, socket, head) => {
    if (stopping) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const room = roomNameFromUrl(request.url);
      if (!room) {
        ws.on('error', () => undefined);
        ws.close(CLOSE_BAD_ROOM, 'invalid room name');
        return;
      }
      guardConnection(ws, {
        room,
        maxMessageBytes,
        sizes,
        roomDoc: () => docs.get(room),
        roomLoading: () => {
          const doc = docs.get(room);
          return doc && store.whenLoaded(doc);
        },
        log,
      });
      try {
        setupWSConnection(ws, request, { docName: room });
        // A new room is still empty here, so its restore from disk counts towards its size.
        const doc = docs.get(room);
        if (doc) sizes.track(doc);
      } catch (error) {
        log(`collab: room ${room}: could not join: ${(error as Error).message}`);
        ws.close(1011, 'server error');
      }
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    setPersistence(null);
    await store.close();
    throw error;
  }
  http.on('error', (error) => log(`collab: http server error: ${error.message}`));

  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    stopping = true;
    const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeIdleConnections();
    await Promise.all([...wss.clients].map((ws) => closeSocket(ws)));
    wss.close();
    // Leaving rooms hands them to writeState; anything still open is flushed and dropped.
    await store.flush();
    for (const doc of docs.values()) doc.destroy();
    docs.clear();
    setPersistence(null);
    await store.close();
    http.closeAllConnections();
    await httpClosed;
    running = false;
  };

  return {
    port: (http.address() as AddressInfo).port,
    host,
    close: () => (closing ??= close()),
  };
}

function answerHttp(request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? '').split('?')[0];
  if (request.method === 'GET' && path === '/health') {
    const body = { ok: true, rooms: docs.size, memory: process.memoryUsage() };
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(body));
    return;
  }
  response.writeHead(404, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ ok: false, error: 'not found' }));
}

/** Closes with 1001 (going away) and waits for the client's reply, or cuts it off after a grace period. */
function closeSocket(ws: WebSocket): Promise<void> {
  return new Promise<void>((resolve) => {
    if (ws.readyState === ws.CLOSED) {
      resolve();
      return;
    }
    const timer = setTimeout(() => ws.terminate(), SHUTDOWN_GRACE_MS);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(1001, 'server shutting down');
  });
}
