/**
 * The document library: entries (metadata) and bodies (document JSON) in one key-value backend.
 *
 * Keys: `entry:<id>` → StoredEntry, `body:<id>:<revision>:<random>` → document JSON text,
 * `quarantine:<id>:<time>:<random>` → a body that could not be read (kept, never deleted).
 * A body write goes to a fresh key in the same atomic `setMany` that points the entry at it;
 * the old body is deleted only afterwards. A failure at any step leaves the last good copy
 * readable; at worst an unreferenced body is left over, which `purgeDeleted` sweeps.
 */
import { isRecord } from '../model/migrations';
import { parseDocument } from '../model/parseDocument';
import type { FunnelDocument } from '../model/schema';
import { toFileObject } from '../model/serialize';
import { createDefaultLock, describeStorageError, parseStoredBody, randomHex, storedEntrySchema, toQuarantineRecord } from './storageSupport';
import type {
  EntryResult, FailureReason, LibraryBackend, LibraryEntry, LibraryFailure, ListResult, OpenError,
  OpenResult, QuarantineRecord, SaveResult, StoredEntry,
} from './types';

const ENTRY = 'entry:';
const BODY = 'body:';
export const QUARANTINE_PREFIX = 'quarantine:';
const MAX_TITLE = 200;

export interface LibraryOptions {
  now?: () => number;
  newId?: () => string;
  /**
   * Runs a task exclusively, so a check-then-write (revision check, then commit) is never
   * interleaved. Default: a queue per library, inside the Web Locks API when the browser has it,
   * which also serializes tabs.
   */
  lock?: <T>(task: () => Promise<T>) => Promise<T>;
}

export type Library = ReturnType<typeof createLibrary>;

export function createLibrary(backend: LibraryBackend, options: LibraryOptions = {}) {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => randomHex(12));
  const exclusive = options.lock ?? createDefaultLock('funnel-library');

  /** Runs `task` under the lock; any thrown storage error becomes a failure with a sentence. */
  function guarded<T>(action: string, task: () => Promise<T | LibraryFailure>): Promise<T | LibraryFailure> {
    return exclusive(async () => {
      try {
        return await task();
      } catch (err) {
        return failure('storage', `${action}: ${describeStorageError(err)}.`);
      }
    });
  }

  async function readEntry(id: string): Promise<StoredEntry | null> {
    const parsed = storedEntrySchema.safeParse(await backend.get(ENTRY + id));
    return parsed.success ? parsed.data : null;
  }

  async function readAll() {
    const keys = await backend.keys();
    const entryKeys = keys.filter((k) => k.startsWith(ENTRY));
    const values = await Promise.all(entryKeys.map((k) => backend.get(k)));
    const entries: StoredEntry[] = [];
    const unreadableKeys: string[] = [];
    values.forEach((value, i) => {
      const parsed = storedEntrySchema.safeParse(value);
      if (parsed.success) entries.push(parsed.data);
      else unreadableKeys.push(entryKeys[i] as string);
    });
    return { keys, entries, unreadableKeys };
  }

  /** The crash-safe write shared by create, save and rename. Returns a failure for an invalid document. */
  async function commit(previous: StoredEntry | null, entry: LibraryEntry, doc: FunnelDocument): Promise<EntryResult> {
    const checked = parseDocument(toFileObject(doc));
    if (!checked.ok) return failure('invalid', `The diagram was not saved because it is invalid: ${checked.error.message}`);
    const stored: StoredEntry = { ...entry, title: checked.document.title, bodyKey: `${BODY}${entry.id}:${entry.revision}:${randomHex(4)}` };
    // No cleanup on failure: with an atomic backend nothing landed, and deleting the new key could
    // hurt a backend that half-wrote. Leftovers are unreferenced and swept by purgeDeleted.
    await backend.setMany([[stored.bodyKey, JSON.stringify(toFileObject(checked.document))], [ENTRY + entry.id, stored]]);
    if (previous && !previous.bodyKey.startsWith(QUARANTINE_PREFIX)) {
      await backend.del(previous.bodyKey).catch(() => undefined);
    }
    return { ok: true, entry: toPublic(stored) };
  }

  async function loadBody(stored: StoredEntry): Promise<{ ok: true; document: FunnelDocument; migratedFrom?: number } | { ok: false; error: OpenError }> {
    if (stored.bodyKey.startsWith(QUARANTINE_PREFIX)) {
      const record = await backend.get(stored.bodyKey);
      const reason = isRecord(record) && typeof record.message === 'string' ? ` (${record.message})` : '';
      return { ok: false, error: { kind: 'unreadable', quarantineKey: stored.bodyKey, message: `This diagram could not be read${reason}. Its saved data is kept aside as "${stored.bodyKey}" and was not deleted.` } };
    }
    const raw = await backend.get(stored.bodyKey);
    if (raw === undefined) {
      return { ok: false, error: { kind: 'unreadable', quarantineKey: null, message: 'The content of this diagram is missing from browser storage.' } };
    }
    const { parsed, migratedFrom } = parseStoredBody(raw);
    if (parsed.ok) return migratedFrom === undefined ? { ok: true, document: parsed.document } : { ok: true, document: parsed.document, migratedFrom };
    if (parsed.error.kind === 'versionTooNew') {
      return { ok: false, error: { kind: 'versionTooNew', message: parsed.error.message, parseError: parsed.error } };
    }
    const key = `${QUARANTINE_PREFIX}${stored.id}:${now()}:${randomHex(4)}`;
    const record: Omit<QuarantineRecord, 'key'> = { entryId: stored.id, raw, message: parsed.error.message, quarantinedAt: now() };
    try {
      await backend.setMany([[key, record], [ENTRY + stored.id, { ...stored, bodyKey: key }]]);
    } catch (err) {
      const message = `This diagram could not be read (${parsed.error.message}). Moving it aside failed (${describeStorageError(err)}), so it was left where it was.`;
      return { ok: false, error: { kind: 'unreadable', quarantineKey: null, message, parseError: parsed.error } };
    }
    await backend.del(stored.bodyKey).catch(() => undefined);
    const message = `This diagram could not be read (${parsed.error.message}). Its saved data was moved aside as "${key}" and kept, not deleted.`;
    return { ok: false, error: { kind: 'unreadable', quarantineKey: key, message, parseError: parsed.error } };
  }

  type Loaded = { failure: LibraryFailure } | { failure: null; stored: StoredEntry; document: FunnelDocument };

  async function loadOrFail(id: string): Promise<Loaded> {
    const stored = await readEntry(id);
    if (!stored) return { failure: notFound() };
    const body = await loadBody(stored);
    if (!body.ok) return { failure: failure(body.error.kind === 'storage' ? 'storage' : 'unreadable', body.error.message) };
    return { failure: null, stored, document: body.document };
  }

  async function create(doc: FunnelDocument, opts: { thumbnailSvg?: string } = {}): Promise<EntryResult> {
    return guarded('Could not add the diagram to the library', () => {
      const at = now();
      const entry: LibraryEntry = { id: newId(), title: doc.title, createdAt: at, updatedAt: at, revision: 1 };
      if (opts.thumbnailSvg !== undefined) entry.thumbnailSvg = opts.thumbnailSvg;
      return commit(null, entry, doc);
    });
  }

  return {
    /** Entries not in the trash, most recently updated first. */
    list: (): Promise<ListResult> =>
      guarded('Could not list the library', async () => {
        const { entries, unreadableKeys } = await readAll();
        const live = entries.filter((e) => e.deletedAt === undefined).sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt);
        return { ok: true as const, entries: live.map(toPublic), unreadableKeys };
      }),
    /** The trash: soft-deleted entries, most recently deleted first. */
    listDeleted: (): Promise<ListResult> =>
      guarded('Could not list the trash', async () => {
        const { entries, unreadableKeys } = await readAll();
        const trash = entries.filter((e) => e.deletedAt !== undefined).sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0));
        return { ok: true as const, entries: trash.map(toPublic), unreadableKeys };
      }),
    create,
    open: (id: string): Promise<OpenResult> =>
      exclusive(async () => {
        try {
          const stored = await readEntry(id);
          if (!stored) return { error: { kind: 'notFound' as const, message: notFound().message } };
          const body = await loadBody(stored);
          if (!body.ok) return { error: body.error };
          const opened = { entry: toPublic(stored), document: body.document };
          return body.migratedFrom === undefined ? opened : { ...opened, migratedFrom: body.migratedFrom };
        } catch (err) {
          return { error: { kind: 'storage' as const, message: `Could not open the diagram: ${describeStorageError(err)}.` } };
        }
      }),
    /** Writes a new body only if the entry is still at `baseRevision` and not deleted. */
    save: (id: string, doc: FunnelDocument, opts: { baseRevision: number; thumbnailSvg?: string }): Promise<SaveResult> =>
      guarded<SaveResult>('Could not save the diagram', async () => {
        const stored = await readEntry(id);
        if (!stored) return notFound();
        if (stored.deletedAt !== undefined || stored.revision !== opts.baseRevision) {
          const message = stored.deletedAt !== undefined
            ? 'This diagram was moved to the trash in another tab or window.'
            : `This diagram was changed in another tab or window (it is at revision ${stored.revision}; this copy is based on revision ${opts.baseRevision}).`;
          return { ok: false, reason: 'conflict', current: toPublic(stored), message };
        }
        const { bodyKey: _old, ...entry } = stored;
        const next: LibraryEntry = { ...entry, updatedAt: now(), revision: stored.revision + 1 };
        if (opts.thumbnailSvg !== undefined) next.thumbnailSvg = opts.thumbnailSvg;
        return commit(stored, next, doc);
      }),
    /** Renames the entry and the document inside it (a body write: the revision goes up). */
    rename: (id: string, title: string): Promise<EntryResult> =>
      guarded('Could not rename the diagram', async () => {
        const clean = title.trim();
        if (clean.length === 0 || clean.length > MAX_TITLE) return failure('invalid', `A title needs 1 to ${MAX_TITLE} characters.`);
        const loaded = await loadOrFail(id);
        if (loaded.failure) return loaded.failure;
        const { bodyKey: _old, ...entry } = loaded.stored;
        return commit(loaded.stored, { ...entry, title: clean, updatedAt: now(), revision: entry.revision + 1 }, { ...loaded.document, title: clean });
      }),
    /** A new entry with a copy of the document, titled "<title> (copy)". */
    duplicate: async (id: string): Promise<EntryResult> => {
      const loaded = await exclusive(async (): Promise<Loaded> => {
        try {
          return await loadOrFail(id);
        } catch (err) {
          return { failure: failure('storage', `Could not duplicate the diagram: ${describeStorageError(err)}.`) };
        }
      });
      if (loaded.failure) return loaded.failure;
      return create({ ...loaded.document, title: copyTitle(loaded.document.title) }, { thumbnailSvg: loaded.stored.thumbnailSvg });
    },
    /** Soft delete: the entry goes to the trash (sets deletedAt); `restore` undoes it. */
    remove: (id: string): Promise<EntryResult> => setDeleted(id, true),
    restore: (id: string): Promise<EntryResult> => setDeleted(id, false),
    /** Permanently deletes trashed entries deleted at least `olderThanMs` ago, and sweeps unreferenced bodies. Quarantined data is kept. */
    purgeDeleted: (olderThanMs: number): Promise<{ ok: true; purged: string[] } | LibraryFailure> =>
      guarded('Could not empty the trash', async () => {
        const { keys, entries, unreadableKeys } = await readAll();
        const cutoff = now() - olderThanMs;
        const doomed = entries.filter((e) => e.deletedAt !== undefined && e.deletedAt <= cutoff);
        for (const e of doomed) {
          await backend.del(ENTRY + e.id);
          if (!e.bodyKey.startsWith(QUARANTINE_PREFIX)) await backend.del(e.bodyKey);
        }
        const referenced = new Set(entries.map((e) => e.bodyKey));
        // A damaged entry record may still point at its body: never sweep the bodies of such ids.
        const keep = new Set(unreadableKeys.map((k) => k.slice(ENTRY.length)));
        for (const key of keys) {
          if (key.startsWith(BODY) && !referenced.has(key) && !keep.has(key.split(':')[1] ?? '')) await backend.del(key);
        }
        return { ok: true as const, purged: doomed.map((e) => e.id) };
      }),
    /** Bodies moved aside by `open`, so the UI can offer them for download. */
    listQuarantine: (): Promise<{ ok: true; records: QuarantineRecord[] } | LibraryFailure> =>
      guarded('Could not read the kept-aside data', async () => {
        const keys = (await backend.keys()).filter((k) => k.startsWith(QUARANTINE_PREFIX));
        const values = await Promise.all(keys.map((k) => backend.get(k)));
        const records = values.map((v, i) => toQuarantineRecord(keys[i] as string, v));
        return { ok: true as const, records };
      }),
  };

  function setDeleted(id: string, deleted: boolean): Promise<EntryResult> {
    return guarded(deleted ? 'Could not move the diagram to the trash' : 'Could not restore the diagram', async () => {
      const stored = await readEntry(id);
      if (!stored) return notFound();
      const { deletedAt: _was, ...rest } = stored;
      const next: StoredEntry = deleted ? { ...rest, deletedAt: stored.deletedAt ?? now() } : rest;
      await backend.set(ENTRY + id, next);
      return { ok: true as const, entry: toPublic(next) };
    });
  }
}

function toPublic(stored: StoredEntry): LibraryEntry {
  const { bodyKey: _bodyKey, ...entry } = stored;
  return entry;
}

function copyTitle(title: string): string {
  const chars = Array.from(title);
  while (chars.join('').length + ' (copy)'.length > MAX_TITLE) chars.pop();
  return `${chars.join('')} (copy)`;
}

function failure(reason: FailureReason, message: string): LibraryFailure {
  return { ok: false, reason, message };
}

function notFound(): LibraryFailure {
  return failure('notFound', 'This diagram is no longer in the library.');
}
