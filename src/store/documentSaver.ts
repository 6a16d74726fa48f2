/**
 * Crash-safe autosave of the open diagram. Each change is written to the library (IndexedDB)
 * shortly after it happens; in between, and when the tab is closing, a synchronous copy goes to
 * localStorage, so closing or killing the tab loses at most the last moment. A failed write is
 * reported, never silent, and never touches the last good copy.
 */
import type { FunnelDocument } from '../model/schema';
import { serializeDocument } from '../model/serialize';
import { parseDocument } from '../model/parseDocument';
import type { Library } from '../library/libraryRepository';
import type { LibraryEntry } from '../library/types';
/** The part of Storage (localStorage) the backup copy needs; tests pass a Map-backed one. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SaveStatus =
  | { state: 'saved'; savedAt: number }
  | { state: 'pending' }
  | { state: 'error'; message: string }
  | { state: 'conflict'; message: string };

export interface SaverOptions {
  library: Pick<Library, 'save'>;
  entry: LibraryEntry;
  draftStorage: KeyValueStorage | null;
  onStatus(status: SaveStatus): void;
  onSaved?(entry: LibraryEntry): void;
  delayMs?: number;
}

export const DRAFT_PREFIX = 'funnel-editor:unsaved:';

interface Draft {
  revision: number;
  savedAt: number;
  document: unknown;
}

export function createDocumentSaver(options: SaverOptions) {
  const { library, draftStorage, onStatus } = options;
  const delay = options.delayMs ?? 400;
  let entry = options.entry;
  let pending: FunnelDocument | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const draftKey = DRAFT_PREFIX + entry.id;

  const writeDraft = (doc: FunnelDocument) => {
    try {
      draftStorage?.setItem(draftKey, JSON.stringify({ revision: entry.revision, savedAt: Date.now(), document: JSON.parse(serializeDocument(doc)) } satisfies Draft));
    } catch {
      // The backup copy is best effort; the library write below reports real failures.
    }
  };

  const save = async () => {
    const doc = pending;
    if (!doc || stopped) return;
    const result = await library.save(entry.id, doc, { baseRevision: entry.revision });
    if (result.ok) {
      entry = result.entry;
      if (pending === doc) {
        pending = null;
        try {
          draftStorage?.removeItem(draftKey);
        } catch {
          // Leaving a stale backup is harmless: it is older than the saved copy.
        }
      }
      options.onSaved?.(entry);
      onStatus(pending ? { state: 'pending' } : { state: 'saved', savedAt: Date.now() });
      return;
    }
    if (result.reason === 'conflict') {
      stopped = true;
      onStatus({ state: 'conflict', message: result.current.deletedAt ? 'This diagram was deleted in another tab.' : 'This diagram was changed in another tab.' });
      return;
    }
    onStatus({ state: 'error', message: result.message });
  };

  return {
    /** Call on every document change. */
    change(doc: FunnelDocument) {
      if (stopped) return;
      pending = doc;
      onStatus({ state: 'pending' });
      clearTimeout(timer);
      timer = setTimeout(() => {
        writeDraft(doc);
        running = running.then(save);
      }, delay);
    },
    /** Writes what is pending now; resolves when the library has it (or failed). */
    flush(): Promise<void> {
      clearTimeout(timer);
      running = running.then(save);
      return running;
    },
    /** For pagehide: a synchronous backup, because the page may be gone before IndexedDB finishes. */
    flushSync() {
      if (pending) writeDraft(pending);
      void this.flush();
    },
    isDirty: () => pending !== null,
    entry: () => entry,
    /** Adopts a newer copy saved elsewhere (e.g. another tab) as the base for the next save. */
    rebase(next: LibraryEntry) {
      entry = next;
      pending = null;
      stopped = false;
      clearTimeout(timer);
    },
    dispose() {
      clearTimeout(timer);
      stopped = true;
    },
  };
}

export type DocumentSaver = ReturnType<typeof createDocumentSaver>;

/** An unsaved copy left by a tab that closed before its last write reached the library. */
export function readDraft(storage: KeyValueStorage | null, entryId: string): { revision: number; document: FunnelDocument } | null {
  try {
    const raw = storage?.getItem(DRAFT_PREFIX + entryId);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    const parsed = parseDocument(draft.document);
    return parsed.ok && typeof draft.revision === 'number' ? { revision: draft.revision, document: parsed.document } : null;
  } catch {
    return null;
  }
}

export function discardDraft(storage: KeyValueStorage | null, entryId: string): void {
  try {
    storage?.removeItem(DRAFT_PREFIX + entryId);
  } catch {
    // Nothing to do: an old backup is ignored once the library copy is newer.
  }
}
