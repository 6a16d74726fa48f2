import { useEffect, useMemo, useState } from 'react';
import type { Library } from '../library/libraryRepository';
import type { LibraryEntry } from '../library/types';
import type { FunnelDocument } from '../model/schema';
import { createEditorStore, type EditorStore } from '../store/editorStore';
import { createDocumentSaver, discardDraft, readDraft, type DocumentSaver } from '../store/documentSaver';
import { createTabId, createTabSync, resolveConflict } from '../library/tabSync';
import { App } from '../editor/App';
import { useUi } from '../editor/uiStore';
import { useSaveStatus } from './saveStatus';
import { thumbnailFor } from './thumbnail';

type Loaded = { entry: LibraryEntry; store: EditorStore; saver: DocumentSaver } | { error: string };

function browserStorage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

/** Opens one library entry in the editor and keeps it saved. */
export function EditorScreen({ library, id }: { library: Library; id: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const tabId = useMemo(() => createTabId(), []);

  useEffect(() => {
    let cancelled = false;
    let cleanup = () => {};
    void (async () => {
      const opened = await library.open(id);
      if (cancelled) return;
      if ('error' in opened) {
        setLoaded({ error: opened.error.message });
        return;
      }
      const storage = browserStorage();
      const { entry, document: initialDocument } = await recoverUnsaved(library, opened.entry, opened.document, storage);
      if (cancelled) return;
      const store = createEditorStore(initialDocument);
      const sync = createTabSync();
      const saver = createDocumentSaver({
        library: { save: (entryId, doc, options) => library.save(entryId, doc, { ...options, thumbnailSvg: thumbnailFor(doc) }) },
        entry,
        draftStorage: storage,
        onStatus: (status) => useSaveStatus.setState({ status }),
        onSaved: (saved) => sync.announceSaved(saved.id, saved.revision, tabId),
      });
      useSaveStatus.setState({ status: null });
      // Adopting another tab's saved copy is not an edit: saving it again would bump the revision
      // and make the other tab follow back, for ever.
      let adoptingRemote = false;
      const unsubscribe = store.subscribe((state, prev) => {
        if (state.document !== prev.document && !adoptingRemote) saver.change(state.document);
      });
      // Another tab saved this diagram: follow it when we have nothing unsaved; otherwise ask.
      const stopSync = sync.onRemoteSave((remote) => {
        if (remote.id !== id) return;
        const action = resolveConflict(saver.entry().revision, remote.revision, saver.isDirty());
        if (action === 'ignore') return;
        if (action === 'warn') {
          saver.dispose();
          useSaveStatus.setState({ status: { state: 'conflict', message: 'This diagram was also changed in another tab.' } });
          return;
        }
        const before = store.getState().document;
        void library.open(id).then((fresh) => {
          if ('error' in fresh) return;
          // An edit made while the other copy was loading wins a warning, not a silent overwrite.
          if (saver.isDirty() || store.getState().document !== before) {
            saver.dispose();
            useSaveStatus.setState({ status: { state: 'conflict', message: 'This diagram was also changed in another tab.' } });
            return;
          }
          saver.rebase(fresh.entry);
          adoptingRemote = true;
          try {
            store.setState({ document: fresh.document, history: { past: [], future: [] }, revision: store.getState().revision + 1 });
          } finally {
            adoptingRemote = false;
          }
          useUi.getState().notify({ tone: 'info', message: 'Updated with the changes made in another tab.' });
        });
      }, tabId);
      const onHide = () => saver.flushSync();
      const onVisibility = () => document.visibilityState === 'hidden' && saver.flushSync();
      window.addEventListener('pagehide', onHide);
      document.addEventListener('visibilitychange', onVisibility);
      cleanup = () => {
        saver.flushSync();
        unsubscribe();
        stopSync();
        sync.close();
        window.removeEventListener('pagehide', onHide);
        document.removeEventListener('visibilitychange', onVisibility);
      };
      setLoaded({ entry, store, saver });
    })();
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [library, id, tabId]);

  if (!loaded) return <div className="screen-message" role="status">Opening diagram…</div>;
  if ('error' in loaded) {
    return (
      <div className="screen-message" role="alert">
        <p>{loaded.error}</p>
        <a href="#/library">Go to my diagrams</a>
      </div>
    );
  }
  return <App store={loaded.store} />;
}

/**
 * A tab that closed before its last write reached the library leaves a backup copy. If it is
 * based on the saved revision, it simply is the newest state; if the library moved on since
 * (another tab saved), the backup becomes a separate recovered copy so neither is lost.
 */
async function recoverUnsaved(library: Library, entry: LibraryEntry, document: FunnelDocument, storage: Storage | null): Promise<{ entry: LibraryEntry; document: FunnelDocument }> {
  const draft = readDraft(storage, entry.id);
  if (!draft) return { entry, document };
  if (draft.revision === entry.revision) {
    const saved = await library.save(entry.id, draft.document, { baseRevision: entry.revision });
    if (saved.ok) {
      discardDraft(storage, entry.id);
      useUi.getState().notify({ tone: 'info', message: 'Recovered the changes you made just before the page closed.' });
      return { entry: saved.entry, document: draft.document };
    }
    return { entry, document: draft.document };
  }
  const copy = await library.create({ ...draft.document, title: `${draft.document.title} (recovered copy)` });
  if (copy.ok) {
    discardDraft(storage, entry.id);
    useUi.getState().notify({ tone: 'info', message: `Unsaved changes from another session were kept as "${copy.entry.title}" in your diagrams.` });
  }
  return { entry, document };
}
