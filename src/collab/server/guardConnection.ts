import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { inspectMessage, messageBytes } from './inspectMessage';
import type { RoomSizes } from './roomSizes';

/** Close code for a message the protocol cannot parse (RFC 6455: inconsistent data). */
export const CLOSE_MALFORMED = 1007;
/** Close code for a message over the size limit (RFC 6455: message too big). */
export const CLOSE_TOO_BIG = 1009;
/** Close code when a client floods a room that is still loading (RFC 6455: try again later). */
export const CLOSE_TRY_LATER = 1013;

export interface GuardOptions {
  room: string;
  maxMessageBytes: number;
  sizes: RoomSizes;
  /** The room's shared document; created by `setupWSConnection`, so looked up late. */
  roomDoc: () => Y.Doc | undefined;
  /** Pending while the room is read from disk; undefined once it is loaded. */
  roomLoading: () => Promise<void> | undefined;
  log: (line: string) => void;
}

/**
 * Puts the server's own checks in front of `@y/websocket-server`'s message handler, which
 * `setupWSConnection` attaches with `conn.on('message')` and which has no hook of its own:
 *
 * - Oversized messages never get here: `ws` refuses them while reading (its `maxPayload`)
 *   and closes with 1009. We add the reason text that `ws` leaves out and log one line.
 * - A message whose envelope is not y-websocket's closes the connection with 1007.
 * - Once an update would take the room past its size limit, this connection's updates are
 *   dropped; it may still read the room and share presence.
 * - While the room is still being read from disk, messages (and the socket's 'close') wait,
 *   so a client's first sync answer already holds the saved room: it never sees an empty
 *   room that is not empty.
 * - Socket errors are logged, never thrown (an 'error' event without a listener would
 *   crash the process).
 *
 * Call it before `setupWSConnection`.
 */
export function guardConnection(ws: WebSocket, options: GuardOptions): void {
  const { room, log } = options;
  let readOnly = false;
  let refused = false;
  let loaded = false;
  let waiting: Array<{ event: string | symbol; args: unknown[] }> | null = null;
  let waitingBytes = 0;

  const close = ws.close.bind(ws);
  ws.close = (code?: number, reason?: string | Buffer) => {
    if (code === CLOSE_TOO_BIG && reason === undefined) close(code, `message larger than ${options.maxMessageBytes} bytes`);
    else close(code, reason);
  };

  ws.on('error', (error: Error & { code?: string }) => {
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      log(`collab: room ${room}: closed a connection (1009): message larger than ${options.maxMessageBytes} bytes`);
    } else {
      log(`collab: room ${room}: connection error: ${error.message}`);
    }
  });

  const refuse = (code: number, reason: string, line: string): false => {
    refused = true;
    log(`collab: room ${room}: closed a connection (${code}): ${line}`);
    close(code, reason);
    return false;
  };

  // Intercepting emit is the one seam between `ws` and the listener that
  // setupWSConnection registers: a message we refuse is never delivered to it.
  const emit = ws.emit.bind(ws);

  const deliver = (args: unknown[]): boolean => {
    const bytes = messageBytes(args[0]);
    const message = bytes ? inspectMessage(bytes) : null;
    if (!message) return refuse(CLOSE_MALFORMED, 'malformed message', `malformed message of ${bytes?.byteLength ?? '?'} bytes`);
    if (message.kind === 'update') {
      if (readOnly) return false;
      const doc = options.roomDoc();
      if (doc && !options.sizes.admits(doc, message.bytes)) {
        readOnly = true;
        log(`collab: room ${room}: would pass ${options.sizes.maxRoomBytes} bytes; ignoring further updates from this connection`);
        return false;
      }
    }
    return emit('message', ...args);
  };

  const wait = (event: string | symbol, args: unknown[]): boolean => {
    if (event === 'message') {
      waitingBytes += messageBytes(args[0])?.byteLength ?? 0;
      if (waitingBytes > options.maxMessageBytes * 4) return refuse(CLOSE_TRY_LATER, 'room is loading', 'too much input while the room loads');
    }
    (waiting ??= []).push({ event, args });
    return true;
  };

  const drain = (): void => {
    loaded = true;
    const queued = waiting ?? [];
    waiting = null;
    for (const { event, args } of queued) {
      // Messages still count after their socket closed: a client may send its edits and
      // leave before the room has loaded.
      if (event === 'message') {
        if (!refused) deliver(args);
      } else {
        emit(event, ...args);
      }
    }
  };

  ws.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    // 'close' waits behind queued messages, so the server reads them before the client leaves.
    if (waiting && (event === 'message' || event === 'close')) return wait(event, args);
    if (event !== 'message') return emit(event, ...args);
    if (refused) return false;
    if (!loaded) {
      const loading = options.roomLoading();
      if (!loading) {
        loaded = true;
      } else {
        void loading.then(drain);
        return wait(event, args);
      }
    }
    return deliver(args);
  }) as typeof ws.emit;
}
