import { mkdirSync } from 'node:fs';
import level from 'level';
import { LeveldbPersistence } from 'y-leveldb';
import * as Y from 'yjs';
import type { WSSharedDoc } from '@y/websocket-server/utils';

/** The hook object that `@y/websocket-server`'s `setPersistence` accepts. */
export interface PersistenceHook {
  bindState: (docName: string, doc: WSSharedDoc) => void;
  writeState: (docName: string, doc: WSSharedDoc) => Promise<void>;
  provider: LeveldbPersistence;
}

export interface RoomStore {
  hook: PersistenceHook;
  /**
   * While a room is being read from disk: a promise that settles when it is loaded
   * (successfully or not). Undefined once loaded.
   */
  whenLoaded(doc: WSSharedDoc): Promise<void> | undefined;
  /** Resolves once every write started so far has reached LevelDB. */
  flush(): Promise<void>;
  /** Flushes, then closes the database (releases its lock on the folder). */
  close(): Promise<void>;
}

/** Marks the transaction that restores a room from disk, so it is not written back. */
const RESTORE_ORIGIN = Symbol('collab-restore');

/** An encoded update with no structs and no deletions: `[0, 0]`. */
const EMPTY_UPDATE_BYTES = 2;

/**
 * Opens (creating if needed) a LevelDB store in `dataDir` and returns the persistence hook
 * for `@y/websocket-server`: each room is loaded when its first client joins, and every
 * later update is appended as one record. y-leveldb merges a room's records into one
 * when it loads a room with more than 500 of them; we also merge when a room's last client
 * leaves, so a restart reads one record per room.
 *
 * Rejects when the folder cannot be opened, e.g. while another server holds its lock.
 */
export async function openRoomStore(dataDir: string, log: (line: string) => void): Promise<RoomStore> {
  mkdirSync(dataDir, { recursive: true });
  // y-leveldb opens LevelDB without a callback, and level 6 then throws an open error
  // (such as the folder lock) as an uncaught exception. Opening it ourselves turns that
  // into a rejection here.
  let opened: Promise<void> = Promise.resolve();
  const ldb = new LeveldbPersistence(dataDir, {
    level: (location, options) => {
      let db: unknown;
      opened = new Promise<void>((resolve, reject) => {
        db = level(location, options, (error) => (error ? reject(error) : resolve()));
      });
      return db;
    },
  });
  try {
    await opened;
  } catch (error) {
    throw new Error(`cannot open collaboration data folder ${dataDir}: ${(error as Error).message}`, { cause: error });
  }

  const pending = new Set<Promise<unknown>>();
  const loading = new WeakMap<WSSharedDoc, Promise<void>>();
  // y-leveldb queues every operation on one promise chain; tracking ours lets close()
  // wait for the writes that are still queued.
  const track = (what: string, work: Promise<unknown>): Promise<void> => {
    const tracked = work.then(
      () => undefined,
      (error: unknown) => log(`collab: persistence ${what} failed: ${(error as Error).message}`),
    );
    pending.add(tracked);
    void tracked.then(() => pending.delete(tracked));
    return tracked;
  };

  const bindRoom = async (docName: string, doc: WSSharedDoc): Promise<void> => {
    const persisted = await ldb.getYDoc(docName);
    // Clients may have sent updates while the room was loading: keep them on disk too.
    const arrivedMeanwhile = Y.encodeStateAsUpdate(doc);
    if (arrivedMeanwhile.byteLength > EMPTY_UPDATE_BYTES) void track(`store ${docName}`, ldb.storeUpdate(docName, arrivedMeanwhile));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(persisted), RESTORE_ORIGIN);
    persisted.destroy();
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== RESTORE_ORIGIN) void track(`store ${docName}`, ldb.storeUpdate(docName, update));
    });
  };

  const flush = async (): Promise<void> => {
    while (pending.size > 0) await Promise.all([...pending]);
  };

  return {
    hook: {
      provider: ldb,
      // The server calls this without awaiting it; failures are logged, never thrown.
      bindState: (docName, doc) => {
        const loaded = track(`load ${docName}`, bindRoom(docName, doc));
        loading.set(doc, loaded);
        void loaded.then(() => loading.delete(doc));
      },
      // Called when a room's last client leaves; the server destroys the doc afterwards.
      writeState: async (docName) => {
        void track(`compact ${docName}`, ldb.flushDocument(docName));
        await flush();
      },
    },
    whenLoaded: (doc) => loading.get(doc),
    flush,
    close: async () => {
      await flush();
      await ldb.destroy();
    },
  };
}
