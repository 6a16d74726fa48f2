/**
 * Binds an editor store to a Y.Doc: local edits go to Yjs, remote edits come back into the store outside its
 * history, and undo is Yjs's (this user's changes only). No React; the provider is injected, so it runs in Node.
 */
import * as Y from 'yjs';
import type { EditorStore, Selection } from '../store/editorStore';
import type { FunnelDocument, Position } from '../model/schema';
import type { ParseError } from '../model/parseDocument';
import { applyDocumentChange, getRoot, hasDocument, pruneDangling, readDocument, shareUnchanged, writeDocument } from './yjsMapping';

export type LiveUser = { name: string; color: string };
/** Another participant, as their awareness state says (validated: peer data is untrusted). */
export type PeerState = { clientId: number; user: LiveUser; cursor: Position | null; selection: string[]; presenting?: { step: number } };
/** The shared 'session' map: who started the room, whether others may edit, which step everyone follows. */
export type SessionState = { facilitator: number | null; readOnly: boolean; followStep: number | null };
/** For a banner: `live` means connected and holding the shared document. */
export type LiveStatus = 'connecting' | 'syncing' | 'live' | 'disconnected';

/** The parts of y-protocols' Awareness and y-websocket's WebsocketProvider the session uses. */
export interface AwarenessLike {
  clientID: number;
  getStates(): Map<number, Record<string, unknown>>;
  getLocalState(): Record<string, unknown> | null;
  setLocalState(state: Record<string, unknown> | null): void;
  setLocalStateField(field: string, value: unknown): void;
  on(event: 'change', listener: () => void): void;
  off(event: 'change', listener: () => void): void;
}
type ProviderEvents = { status: (event: { status: 'connected' | 'disconnected' | 'connecting' }) => void; sync: (synced: boolean) => void };
export interface ProviderLike {
  awareness: AwarenessLike;
  wsconnected: boolean;
  synced: boolean;
  on<E extends keyof ProviderEvents>(event: E, listener: ProviderEvents[E]): void;
  off<E extends keyof ProviderEvents>(event: E, listener: ProviderEvents[E]): void;
}

export interface LiveSessionOptions {
  store: EditorStore;
  ydoc: Y.Doc;
  provider?: ProviderLike;
  user: LiveUser;
  /** Transaction origin of this user's edits; the only origin this session's undo tracks. */
  origin: object;
  /** The starter fills an empty room from its store and becomes facilitator; others wait for the room's document. */
  role?: 'facilitator' | 'participant';
  /** A peer sent a document that does not validate; the local document is kept. */
  onError?: (error: ParseError) => void;
  throttleMs?: number;
  captureTimeout?: number;
  clock?: { now(): number; setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

/** Every `on…` returns its unsubscribe function. */
export interface LiveSession {
  /** This user's own changes only; refused mid-drag and while read-only. */
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;
  onHistoryChange(cb: () => void): () => void;
  /** Awareness (no-ops without a provider). The facilitator's setPresenting also sets the shared followStep. */
  setCursor(p: Position | null): void;
  setSelection(ids: string[]): void;
  setPresenting(step: number | null): void;
  onPeers(cb: (peers: PeerState[]) => void): () => void;
  /** setReadOnly works for the facilitator only; while read-only, everyone else's edits are reverted. */
  isFacilitator(): boolean;
  setReadOnly(readOnly: boolean): void;
  isReadOnly(): boolean;
  getSession(): SessionState;
  onSessionChange(cb: (session: SessionState) => void): () => void;
  getStatus(): LiveStatus;
  onStatus(cb: (status: LiveStatus) => void): () => void;
  /** Sends pending edits, stops syncing, leaves awareness. The provider and Y.Doc remain the caller's. */
  destroy(): void;
}

/** Origin of writes that are not anyone's undo step (filling the room, pruning dangling references, session flags). */
const SYSTEM_ORIGIN = Symbol('live-session-system');

export function createLiveSession(options: LiveSessionOptions): LiveSession {
  const { store, ydoc, provider, user, origin, role = 'participant', onError, throttleMs = 50, captureTimeout = 500 } = options;
  const clock = options.clock ?? { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  const [root, sessionMap, awareness] = [getRoot(ydoc), ydoc.getMap<unknown>('session'), provider?.awareness];
  const undoManager = new Y.UndoManager(root, { trackedOrigins: new Set([origin]), captureTimeout });
  const cleanups: (() => void)[] = [() => undoManager.destroy()];
  /** The document the Y.Doc is known to hold; the store differing from it means unsent local edits. */
  let synced: FunnelDocument = store.getState().document;
  let [ready, lastWrite, timer] = [false, -Infinity, null as unknown];
  let connection: 'connecting' | 'connected' | 'disconnected' = !provider || provider.wsconnected ? 'connected' : 'connecting';
  let status: LiveStatus = 'connecting';
  const listeners = { status: new Set<(s: LiveStatus) => void>(), session: new Set<(s: SessionState) => void>() };

  const listen = <T>(set: Set<T>, cb: T) => (set.add(cb), () => void set.delete(cb));
  const numberAt = (key: string) => (typeof sessionMap.get(key) === 'number' ? (sessionMap.get(key) as number) : null);
  const getSession = (): SessionState => ({ facilitator: numberAt('facilitator'), readOnly: sessionMap.get('readOnly') === true, followStep: numberAt('followStep') });
  const isFacilitator = () => getSession().facilitator === ydoc.clientID;
  const isReadOnly = () => getSession().readOnly && !isFacilitator();
  const canEdit = () => !store.getState().gestureStart && !isReadOnly(); // never undo half a drag
  const refreshStatus = () => {
    const next: LiveStatus = connection !== 'connected' ? connection : ready && (!provider || provider.synced) ? 'live' : 'syncing';
    if (next === status) return;
    status = next;
    listeners.status.forEach((cb) => cb(next));
  };

  const flush = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const next = store.getState().document;
    if (next === synced || !ready || isReadOnly()) return;
    applyDocumentChange(ydoc, synced, next, origin);
    synced = next;
    lastWrite = clock.now();
  };

  /** Takes the Y.Doc's document into the store, leaving the store's history alone. */
  const pull = (first: boolean) => {
    const result = readDocument(ydoc);
    if (!result.ok) return onError?.(result.error);
    const state = store.getState();
    const document = shareUnchanged(state.document, result.document);
    synced = document;
    if (document === state.document && !first) return;
    // A peer may have deleted what this user has selected or is typing into.
    const ids = new Set([...document.nodes, ...document.edges, ...document.lanes].map((item) => item.id));
    const keep = (list: string[]) => list.filter((id) => ids.has(id));
    const selection: Selection = { nodeIds: keep(state.selection.nodeIds), edgeIds: keep(state.selection.edgeIds), laneIds: keep(state.selection.laneIds) };
    const editingId = state.editingId && ids.has(state.editingId) ? state.editingId : null;
    store.setState({ document, selection, editingId, ...(first ? { revision: state.revision + 1 } : {}) });
  };

  /** Runs once the room's content is known: fill an empty room (facilitator) or take its document. */
  const start = () => {
    if (ready || (!hasDocument(ydoc) && role !== 'facilitator')) return;
    ready = true;
    if (hasDocument(ydoc)) pull(true);
    else writeDocument(ydoc, (synced = store.getState().document), SYSTEM_ORIGIN);
    if (role === 'facilitator') ydoc.transact(() => sessionMap.set('facilitator', ydoc.clientID), SYSTEM_ORIGIN);
    refreshStatus();
  };

  const onRootChange = (_events: unknown, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    if (!ready) return start();
    // Unsent drag frames go first, so the merge keeps both this user's drag and the peer's edit.
    if (store.getState().document !== synced) flush();
    pruneDangling(ydoc, SYSTEM_ORIGIN);
    pull(false);
  };
  root.observeDeep(onRootChange);
  cleanups.push(() => root.unobserveDeep(onRootChange));

  cleanups.push(
    store.subscribe((state, prev) => {
      if (state.gestureStart && !prev.gestureStart) {
        // One drag, one undo step, however long the pointer rests mid-drag.
        undoManager.stopCapturing();
        undoManager.captureTimeout = Number.POSITIVE_INFINITY;
      }
      if (ready && state.document !== synced && isReadOnly()) store.setState({ document: synced });
      else if (!state.gestureStart || lastWrite + throttleMs <= clock.now()) flush();
      else timer ??= clock.setTimeout(flush, lastWrite + throttleMs - clock.now()); // during a drag, one write per throttleMs
      if (!state.gestureStart && prev.gestureStart) {
        undoManager.stopCapturing(); // after the final flush, which still belongs to the drag's step
        undoManager.captureTimeout = captureTimeout;
      }
    }),
  );

  const onSession = () => listeners.session.forEach((cb) => cb(getSession()));
  sessionMap.observe(onSession); // session flags live outside the root: not part of anyone's undo
  cleanups.push(() => sessionMap.unobserve(onSession));

  if (provider) {
    const onStatusEvent = (event: { status: typeof connection }) => ((connection = event.status), refreshStatus());
    const onSync = (isSynced: boolean) => (isSynced ? start() : undefined, refreshStatus());
    provider.on('status', onStatusEvent);
    provider.on('sync', onSync);
    cleanups.push(() => (provider.off('status', onStatusEvent), provider.off('sync', onSync)));
    if (provider.synced) onSync(true);
  } else start();
  refreshStatus();

  if (awareness) {
    awareness.setLocalState({ user: { name: user.name, color: user.color }, cursor: null, selection: [] });
    cleanups.push(() => awareness.setLocalState(null));
  }

  return {
    undo: () => void (canEdit() && (flush(), undoManager.undo())),
    redo: () => void (canEdit() && (flush(), undoManager.redo())),
    canUndo: () => undoManager.undoStack.length > 0,
    canRedo: () => undoManager.redoStack.length > 0,
    onHistoryChange: (cb) => {
      const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
      events.forEach((e) => undoManager.on(e, cb));
      return () => events.forEach((e) => undoManager.off(e, cb));
    },
    setCursor: (p) => awareness?.setLocalStateField('cursor', p),
    setSelection: (ids) => awareness?.setLocalStateField('selection', [...ids]),
    setPresenting: (step) => {
      if (awareness) {
        const { presenting: _previous, ...rest } = awareness.getLocalState() ?? {};
        awareness.setLocalState(step === null ? rest : { ...rest, presenting: { step } });
      }
      if (isFacilitator()) ydoc.transact(() => sessionMap.set('followStep', step), SYSTEM_ORIGIN);
    },
    onPeers: (cb) => {
      if (!awareness) return () => {};
      const emit = () => cb(readPeers(awareness));
      awareness.on('change', emit);
      emit();
      return () => awareness.off('change', emit);
    },
    isFacilitator,
    setReadOnly: (readOnly) => void (isFacilitator() && ydoc.transact(() => sessionMap.set('readOnly', readOnly), SYSTEM_ORIGIN)),
    isReadOnly,
    getSession,
    onSessionChange: (cb) => listen(listeners.session, cb),
    getStatus: () => status,
    onStatus: (cb) => listen(listeners.status, cb),
    destroy: () => {
      flush();
      cleanups.splice(0).forEach((cleanup) => cleanup());
      Object.values(listeners).forEach((set) => set.clear());
    },
  };
}

/** Other participants, skipping any awareness state that lacks a valid user (peer data is untrusted). */
function readPeers(awareness: AwarenessLike): PeerState[] {
  const peers: PeerState[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const u = state.user as Partial<LiveUser> | undefined;
    if (!u || typeof u.name !== 'string') return;
    const color = typeof u.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(u.color) ? u.color : '#64748b';
    const c = state.cursor as Partial<Position> | null | undefined;
    const cursor = c && Number.isFinite(c.x) && Number.isFinite(c.y) ? { x: c.x!, y: c.y! } : null;
    const selection = Array.isArray(state.selection) ? state.selection.filter((id): id is string => typeof id === 'string') : [];
    const p = state.presenting as { step?: unknown } | undefined;
    const presenting = p && typeof p.step === 'number' && Number.isFinite(p.step) ? { step: p.step } : undefined;
    peers.push({ clientId, user: { name: u.name.slice(0, 60), color }, cursor, selection, ...(presenting ? { presenting } : {}) });
  });
  return peers;
}
