import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Library } from '../library/libraryRepository';
import type { FunnelDocument } from '../model/schema';
import { importDocumentText } from '../library/importFile';
import { encodeShareLink } from '../library/shareLink';
import { copyTextToClipboard } from '../export/clipboard';
import { defaultDocument } from '../presets/catalog';
import { useUi } from '../editor/uiStore';
import { Toasts } from '../editor/panels/Toasts';
import { themeVariables, useResolvedTheme } from '../editor/useTheme';
import { EditorScreen } from './EditorScreen';
import { LiveScreen, SEED_PREFIX } from './LiveScreen';
import { collabServerUrl, newRoomId } from './collabUrl';
import { HomeScreen } from './HomeScreen';
import { ShareScreen } from './ShareScreen';
import { ShellContext, type ShellActions } from './shellActions';
import { documentHash, LIBRARY_HASH, liveHash, parseRoute, type Route } from './route';
import { useSaveStatus } from './saveStatus';

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function go(hash: string, replace = false) {
  if (replace) {
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}

/** The app around the editor: which screen the URL asks for, and the library behind it. */
export function AppShell({ library, persistent }: { library: Library; persistent: boolean }) {
  const route = useRoute();
  const theme = useResolvedTheme();
  useEffect(() => useSaveStatus.setState({ persistent }), [persistent]);

  useEffect(() => {
    if (route.kind !== 'start') return;
    void resolveStart(library).then((hash) => hash && go(hash, true));
  }, [route, library]);

  const openFile = useCallback(
    async (file: File) => {
      const result = await importDocumentText(library, await file.text().catch(() => ''), file.name);
      if (!result.ok) {
        useUi.getState().notify({ tone: 'error', message: `${result.error.message} Nothing was changed.` });
        return;
      }
      useUi.getState().notify({ tone: 'info', message: `Imported "${result.entry.title}" as a new diagram. Your other diagrams are unchanged.` });
      go(documentHash(result.entry.id));
    },
    [library],
  );

  const actions = useMemo(
    (): ShellActions => ({
      openFile,
      createFrom: async (doc) => {
        const created = await library.create(doc);
        if (!created.ok) return useUi.getState().notify({ tone: 'error', message: created.message });
        useUi.getState().notify({ tone: 'info', message: `Created "${created.entry.title}". Your previous diagram is still in My diagrams.` });
        go(documentHash(created.entry.id));
      },
      goToLibrary: () => go(LIBRARY_HASH),
      share: (doc) => void shareDocument(doc),
      startLive: (doc) => void startLiveSession(doc),
    }),
    [library, openFile],
  );

  let screen;
  if (route.kind === 'share') screen = <ShareScreen library={library} fragment={route.fragment} embed={route.embed} />;
  else if (route.kind === 'live') screen = <LiveScreen key={route.room} library={library} room={route.room} />;
  else if (route.kind === 'document') screen = <EditorScreen key={route.id} library={library} id={route.id} />;
  else if (route.kind === 'library') {
    screen = (
      <div className={`home-shell theme-${theme}`} style={themeVariables(theme)}>
        <HomeScreen library={library} onImport={openFile} />
        <Toasts />
      </div>
    );
  } else screen = <div className="screen-message" role="status">Opening…</div>;

  return <ShellContext.Provider value={actions}>{screen}</ShellContext.Provider>;
}

/** Copies a read-only link holding the whole diagram; too-large diagrams are pointed to a file instead. */
export async function shareDocument(doc: FunnelDocument): Promise<void> {
  const { notify } = useUi.getState();
  const encoded = encodeShareLink(doc, `${location.origin}${location.pathname}`);
  if (!encoded.ok) {
    notify({ tone: 'error', message: `This diagram is too large for a link (${encoded.length.toLocaleString()} characters; the limit is ${encoded.limit.toLocaleString()}). Use Save to send it as a .json file instead.` });
    return;
  }
  try {
    await copyTextToClipboard(encoded.url);
    notify({ tone: 'info', message: 'Read-only link copied. Anyone who opens it sees this diagram and can make their own copy.', detail: [encoded.url.length > 120 ? `${encoded.url.slice(0, 117)}…` : encoded.url] });
  } catch {
    notify({ tone: 'info', message: 'Copy this read-only link:', detail: [encoded.url] });
  }
}

let starting: Promise<string | null> | null = null;

/**
 * First visit: the default preset, saved as the first diagram. Later: where the user left off.
 * Shared by concurrent callers so a double-run effect never creates two first diagrams.
 */
function resolveStart(library: Library): Promise<string | null> {
  starting ??= (async () => {
    const listed = await library.list();
    const latest = listed.ok ? listed.entries[0] : undefined;
    if (latest) return documentHash(latest.id);
    const created = await library.create(defaultDocument());
    if (created.ok) return documentHash(created.entry.id);
    useUi.getState().notify({ tone: 'error', message: created.message });
    return null;
  })().finally(() => {
    starting = null;
  });
  return starting;
}

/**
 * Opens a new room seeded with this diagram, after checking that the collaboration server
 * answers, so an unreachable server is reported here rather than in an empty room.
 */
export async function startLiveSession(doc: FunnelDocument): Promise<void> {
  const { notify } = useUi.getState();
  const server = collabServerUrl(location);
  const health = server.replace(/^ws/, 'http') + '/health';
  try {
    // An opaque (no-cors) answer is enough: it proves the server is there; a refused connection throws.
    await fetch(health, { mode: 'no-cors', signal: AbortSignal.timeout(3000) });
  } catch {
    notify({ tone: 'error', message: `Live sessions are unavailable: the collaboration server at ${server} does not answer. Start it with "npm run server" (npm start runs it too). Everything else keeps working.` });
    return;
  }
  const room = newRoomId();
  sessionStorage.setItem(SEED_PREFIX + room, JSON.stringify(doc));
  go(liveHash(room));
}
