/**
 * Library backends. Production uses IndexedDB through idb-keyval; the in-memory one serves
 * tests and is a session-only fallback for a browser where IndexedDB is unavailable.
 */
import { createStore, del, get, keys, set, setMany, type UseStore } from 'idb-keyval';
import type { LibraryBackend } from './types';

export const LIBRARY_DB_NAME = 'funnel-editor-library';
export const LIBRARY_STORE_NAME = 'library';

/**
 * An idb-keyval store in its own database. Nothing touches IndexedDB until the first call, and a
 * missing IndexedDB surfaces as a rejected call (which the library words as "not available")
 * rather than an exception at startup.
 */
export function createIdbBackend(dbName = LIBRARY_DB_NAME, storeName = LIBRARY_STORE_NAME): LibraryBackend {
  let store: UseStore | undefined;
  const openStore = async (): Promise<UseStore> => {
    if (typeof indexedDB === 'undefined') {
      throw Object.assign(new Error('IndexedDB is not available in this browser'), { name: 'NotSupportedError' });
    }
    store ??= createStore(dbName, storeName);
    return store;
  };
  return {
    get: async (key) => get(key, await openStore()),
    set: async (key, value) => set(key, value, await openStore()),
    del: async (key) => del(key, await openStore()),
    keys: async () => (await keys(await openStore())).filter((k): k is string => typeof k === 'string'),
    // One IndexedDB transaction: every pair lands or none does.
    setMany: async (entries) => setMany(entries.map(([k, v]) => [k, v]), await openStore()),
  };
}

/** A Map-backed backend. Values are structured-cloned, as IndexedDB would, so callers never share objects with it. */
export function createMemoryBackend(initial: Iterable<readonly [string, unknown]> = []): LibraryBackend & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>(Array.from(initial, ([k, v]) => [k, structuredClone(v)]));
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    del: async (key) => void data.delete(key),
    keys: async () => [...data.keys()],
    setMany: async (entries) => {
      const copies = entries.map(([k, v]) => [k, structuredClone(v)] as const);
      for (const [k, v] of copies) data.set(k, v);
    },
  };
}
