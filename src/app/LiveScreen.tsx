import { useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Library } from '../library/libraryRepository';
import { createEditorStore, type EditorStore } from '../store/editorStore';
import { createLiveSession, type LiveSession } from '../collab/liveSession';
import { setIdSalt } from '../model/operations';
import { createDocumentSaver } from '../store/documentSaver';
import { parseDocument } from '../model/parseDocument';
import { App } from '../editor/App';
import { LiveContext, type LiveInfo } from '../editor/live/liveContext';
import { useUi } from '../editor/uiStore';
import { useSaveStatus } from './saveStatus';
import { collabServerUrl, rememberUser, savedUser } from './collabUrl';
import { liveHash } from './route';

/** The document a starter brings into a new room; kept for this tab only. */
export const SEED_PREFIX = 'funnel-editor:live-seed:';
const ROOM_ENTRY_PREFIX = 'funnel-editor:live-room:';
/** Marks the tab that started a room, so a reload keeps the facilitator's controls (per tab, not per browser). */
const STARTER_PREFIX = 'funnel-editor:live-starter:';
const JOIN_TIMEOUT_MS = 8000;

type State = { kind: 'name' } | { kind: 'joining' } | { kind: 'failed'; message: string } | { kind: 'live'; store: EditorStore; info: LiveInfo };

/** A live room: everyone with the link edits the same diagram; it is also kept in this browser's library. */
export function LiveScreen({ library, room }: { library: Library; room: string }) {
  const [user, setUser] = useState(savedUser);
  const [state, setState] = useState<State>(user ? { kind: 'joining' } : { kind: 'name' });
  const serverUrl = useMemo(() => collabServerUrl(location), []);

  useEffect(() => {
    if (!user) return;
    const seedRaw = sessionStorage.getItem(SEED_PREFIX + room);
    const seed = seedRaw ? parseDocument(JSON.parse(seedRaw)) : null;
    const ydoc = new Y.Doc();
    const provider = new WebsocketProvider(serverUrl, room, ydoc, { maxBackoffTime: 2500 });
    let session: LiveSession | null = null;
    setIdSalt(Math.random().toString(36).slice(2, 6));
    let disposeSaver = () => {};
    const timeout = setTimeout(() => {
      if (!session) setState({ kind: 'failed', message: `Live sessions are unavailable: the collaboration server at ${serverUrl} cannot be reached. Start it with "npm run server" (npm start runs it too), then try again.` });
    }, JOIN_TIMEOUT_MS);

    const onSynced = (synced: boolean) => {
      if (!synced || session) return;
      clearTimeout(timeout);
      const store = createEditorStore(seed?.ok ? seed.document : blankUntilSynced());
      session = createLiveSession({
        store,
        ydoc,
        provider,
        user,
        origin: {},
        role: seed?.ok || sessionStorage.getItem(STARTER_PREFIX + room) ? 'facilitator' : 'participant',
        onError: (error) => useUi.getState().notify({ tone: 'error', message: `A change from another participant was ignored: ${error.message}` }),
      });
      sessionStorage.removeItem(SEED_PREFIX + room);
      if (seed?.ok || session.isFacilitator()) sessionStorage.setItem(STARTER_PREFIX + room, '1');
      disposeSaver = keepInLibrary(library, room, store);
      const link = `${location.origin}${location.pathname}${location.search}${liveHash(room)}`;
      setState({ kind: 'live', store, info: { session, room, link, serverUrl } });
    };
    provider.on('sync', onSynced);
    return () => {
      clearTimeout(timeout);
      provider.off('sync', onSynced);
      disposeSaver();
      session?.destroy();
      setIdSalt(null);
      provider.destroy();
      ydoc.destroy();
    };
  }, [user, room, serverUrl, library]);

  if (state.kind === 'name' || !user) {
    return (
      <div className="screen-message">
        <form className="join-form" onSubmit={(e) => {
          e.preventDefault();
          const name = new FormData(e.currentTarget).get('name');
          const next = rememberUser(typeof name === 'string' ? name : '');
          setUser(next);
          setState({ kind: 'joining' });
        }}>
          <h1>Join the live session</h1>
          <label className="field">Your name (shown to the others)<input name="name" autoFocus required maxLength={40} /></label>
          <button className="primary" type="submit">Join</button>
        </form>
      </div>
    );
  }
  if (state.kind === 'joining') return <div className="screen-message" role="status">Joining the live session…</div>;
  if (state.kind === 'failed') {
    return (
      <div className="screen-message" role="alert">
        <p>{state.message}</p>
        <p><button onClick={() => location.reload()}>Try again</button> <a href="#/library">Go to my diagrams</a></p>
      </div>
    );
  }
  return (
    <LiveContext.Provider value={state.info}>
      <App store={state.store} />
    </LiveContext.Provider>
  );
}

/** Participants wait for the room's document; this placeholder is replaced before anything renders. */
function blankUntilSynced() {
  const parsed = parseDocument({ format: 'funnel-diagram', version: 1, title: 'Live session', nodes: [] });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.document;
}

/** Each room the user takes part in is also a diagram in their library, kept up to date. */
function keepInLibrary(library: Library, room: string, store: EditorStore): () => void {
  let stop = () => {};
  let cancelled = false;
  void (async () => {
    const key = ROOM_ENTRY_PREFIX + room;
    let entryId = localStorage.getItem(key);
    let opened = entryId ? await library.open(entryId) : null;
    if (!opened || 'error' in opened) {
      const created = await library.create(store.getState().document);
      if (!created.ok || cancelled) return;
      entryId = created.entry.id;
      localStorage.setItem(key, entryId);
      opened = { entry: created.entry, document: store.getState().document };
    }
    if (cancelled || 'error' in opened) return;
    const saver = createDocumentSaver({ library, entry: opened.entry, draftStorage: null, onStatus: (status) => useSaveStatus.setState({ status }) });
    saver.change(store.getState().document);
    const unsubscribe = store.subscribe((s, prev) => s.document !== prev.document && saver.change(s.document));
    stop = () => {
      unsubscribe();
      void saver.flush().then(() => saver.dispose());
    };
  })();
  return () => {
    cancelled = true;
    stop();
  };
}
