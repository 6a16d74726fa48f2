import * as Y from 'yjs';

interface SizeEstimate {
  bytes: number;
  /** performance.now() of the last exact measurement, or -Infinity. */
  measuredAt: number;
}

/** Encoding a 20 MB room takes seconds: measure a room at most this often. */
const REMEASURE_AFTER_MS = 10_000;

/**
 * Keeps an upper bound of each room's encoded state (`Y.encodeStateAsUpdate(doc)` length)
 * without encoding the document on every edit: the bound starts at the room's size when
 * it is first tracked (a new room is empty, and restoring it from disk arrives as one
 * update) and grows by the length of every applied update, since an update never grows
 * the encoded state by more than its own length. Only when the bound would pass the
 * limit is the room encoded again for its exact size, which also accounts for deletions.
 */
export class RoomSizes {
  private readonly estimates = new WeakMap<Y.Doc, SizeEstimate>();

  constructor(readonly maxRoomBytes: number) {}

  /** Starts counting a room's updates; call it as soon as the room's doc exists. */
  track(doc: Y.Doc): void {
    this.estimateOf(doc);
  }

  /**
   * Whether the room may apply an update of `updateBytes` and stay within the limit.
   * Near the limit this answers from the bound (refusing) between measurements.
   */
  admits(doc: Y.Doc, updateBytes: number): boolean {
    const estimate = this.estimateOf(doc);
    if (estimate.bytes + updateBytes <= this.maxRoomBytes) return true;
    const now = performance.now();
    if (now - estimate.measuredAt < REMEASURE_AFTER_MS) return false;
    estimate.bytes = Y.encodeStateAsUpdate(doc).byteLength;
    estimate.measuredAt = now;
    return estimate.bytes + updateBytes <= this.maxRoomBytes;
  }

  private estimateOf(doc: Y.Doc): SizeEstimate {
    let estimate = this.estimates.get(doc);
    if (!estimate) {
      const created: SizeEstimate = { bytes: Y.encodeStateAsUpdate(doc).byteLength, measuredAt: -Infinity };
      doc.on('update', (update: Uint8Array) => {
        created.bytes += update.byteLength;
      });
      this.estimates.set(doc, created);
      estimate = created;
    }
    return estimate;
  }
}
