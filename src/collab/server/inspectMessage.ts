import * as decoding from 'lib0/decoding';

// Message and sync-step numbers of the y-websocket protocol (y-protocols/sync).
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * What a client message asks of the room:
 * - `read`: a sync step 1 (the client sends its state vector and asks for what it lacks),
 * - `update`: a sync step 2 or an update, which changes the document by `bytes` at most,
 * - `awareness`: cursor and presence state, which is never stored.
 */
export type ClientMessage = { kind: 'read' } | { kind: 'update'; bytes: number } | { kind: 'awareness' };

/**
 * Checks the envelope of a y-websocket message: a known message type, a known sync step,
 * and one length-prefixed payload that ends exactly where the message ends. Returns null
 * for anything else (random bytes, truncated varints, trailing garbage). The payload
 * itself is decoded later by Yjs, whose errors the server's message handler catches.
 */
export function inspectMessage(message: Uint8Array): ClientMessage | null {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    let result: ClientMessage;
    if (type === MESSAGE_AWARENESS) {
      result = { kind: 'awareness' };
    } else if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      if (step === SYNC_STEP_1) result = { kind: 'read' };
      else if (step === SYNC_STEP_2 || step === SYNC_UPDATE) result = { kind: 'update', bytes: 0 };
      else return null;
    } else {
      return null;
    }
    const length = decoding.readVarUint(decoder);
    if (length !== decoder.arr.length - decoder.pos) return null;
    return result.kind === 'update' ? { kind: 'update', bytes: length } : result;
  } catch {
    // lib0 throws on a truncated or oversized varint.
    return null;
  }
}

/**
 * Copies a `ws` message into a Uint8Array of exactly its own bytes. A Node Buffer can be
 * a view into a larger shared pool, and reading past its end would read other data.
 */
export function messageBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  if (Array.isArray(data) && data.every((part) => Buffer.isBuffer(part))) return new Uint8Array(Buffer.concat(data));
  return null;
}
