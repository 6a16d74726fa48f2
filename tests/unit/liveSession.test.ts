import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import * as ops from '../../src/model/operations';
import { parseDocument } from '../../src/model/parseDocument';
import type { FunnelDocument, StageNode } from '../../src/model/schema';
import { createEditorStore, type EditorStore } from '../../src/store/editorStore';
import { createLiveSession, type LiveSessionOptions, type LiveStatus, type PeerState, type ProviderLike } from '../../src/collab/liveSession';
import { getRoot } from '../../src/collab/yjsMapping';
import { ensurePositions } from '../../src/layout/layoutDocument';

const _providerFits = (p: WebsocketProvider): ProviderLike => p; // the real provider fits the session's interface

const preset = parseDocument(JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../presets/aida.json', import.meta.url)), 'utf8')));
if (!preset.ok) throw new Error(preset.error.message);
/** Laid out, as the store holds it, so a round trip through the room compares equal. */
const doc: FunnelDocument = ensurePositions(preset.document);
const [x, y] = doc.nodes.filter((n): n is StageNode => n.kind === 'stage') as [StageNode, StageNode];
const titleOf = (store: EditorStore, id: string) => (store.getState().document.nodes.find((n) => n.id === id) as StageNode | undefined)?.title;
const positionOf = (store: EditorStore, id: string) => store.getState().document.nodes.find((n) => n.id === id)?.position;

const REMOTE = Symbol('remote');
/** Forwards every update between the two docs, the way the websocket would; paused, it queues them (offline). */
function link(a: Y.Doc, b: Y.Doc) {
  let queue: (() => void)[] | null = null;
  const forward = (to: Y.Doc) => (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    const send = () => Y.applyUpdate(to, update, REMOTE);
    if (queue) queue.push(send);
    else send();
  };
  a.on('update', forward(b));
  b.on('update', forward(a));
  return {
    pause: () => void (queue = []),
    resume: () => queue?.splice(0).forEach((send) => ((queue = null), send())),
  };
}

/** Time the test moves by hand; it holds the one throttle timer a session sets at a time. */
function fakeClock() {
  let [now, timer] = [0, null as { at: number; fn: () => void } | null];
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => (timer = { at: now + ms, fn }),
    clearTimeout: () => void (timer = null),
    advance(ms: number) {
      const due = timer && timer.at <= (now += ms) ? timer : null;
      timer = due ? null : timer;
      due?.fn();
    },
  };
}

class FakeProvider extends EventEmitter implements ProviderLike {
  wsconnected = false;
  synced = false;
  constructor(public awareness: Awareness) { super(); }
  setStatus(status: 'connected' | 'disconnected' | 'connecting') { this.wsconnected = status === 'connected'; this.emit('status', { status }); }
  setSynced(synced: boolean) { this.synced = synced; this.emit('sync', synced); }
}

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

/** Two users in one room: A started it from the preset, B joined with a blank store. */
function room(extra: Partial<LiveSessionOptions> = {}) {
  const [docA, docB] = [new Y.Doc(), new Y.Doc()];
  const connection = link(docA, docB);
  const storeA = createEditorStore(doc);
  const storeB = createEditorStore({ ...doc, title: 'Something else', nodes: [], edges: [], callouts: [] });
  const [errorsA, common] = [[] as unknown[], { captureTimeout: 0, ...extra }];
  const a = createLiveSession({ store: storeA, ydoc: docA, user: { name: 'Ann', color: '#aa0000' }, origin: { user: 'A' }, role: 'facilitator', onError: (e) => errorsA.push(e), ...common });
  const b = createLiveSession({ store: storeB, ydoc: docB, user: { name: 'Bob', color: '#0000aa' }, origin: { user: 'B' }, ...common });
  cleanup.push(() => (a.destroy(), b.destroy()));
  return { docA, docB, storeA, storeB, a, b, errorsA, connection };
}

describe('live session', () => {
  it('gives a joining user the room document, then each committed edit, never in their history; destroy stops it', () => {
    const { storeA, storeB, b } = room();
    expect(storeB.getState().document).toEqual(doc);
    expect(storeB.getState().revision).toBe(1); // the canvas refits to the document it joined
    storeA.getState().commit((d) => ops.updateNode(d, x.id, { title: 'Seen' }));
    expect(titleOf(storeB, x.id)).toBe('Seen');
    expect(storeB.getState().history.past).toHaveLength(0);
    expect(storeB.getState().document).toEqual(storeA.getState().document);
    b.destroy();
    storeA.getState().commit((d) => ops.updateNode(d, x.id, { title: 'Unseen' }));
    expect(titleOf(storeB, x.id)).toBe('Seen');
  });

  it('undoes only the own change, not the other user’s concurrent one', () => {
    const { storeA, storeB, a, b } = room();
    expect(a.canUndo()).toBe(false); // filling the room is nobody's undo step
    storeA.getState().commit((d) => ops.updateNode(d, x.id, { title: 'From A' }));
    storeB.getState().commit((d) => ops.updateNode(d, y.id, { title: 'From B' }));
    expect(b.canUndo()).toBe(true);
    a.undo();
    for (const store of [storeA, storeB]) {
      expect(titleOf(store, x.id)).toBe(x.title);
      expect(titleOf(store, y.id)).toBe('From B');
    }
    expect([a.canUndo(), a.canRedo()]).toEqual([false, true]);
    a.redo();
    expect(titleOf(storeB, x.id)).toBe('From A');
  });

  it('makes one drag one undo step, sends throttled frames during it and the final position at its end', async () => {
    const clock = fakeClock();
    // Yjs's undo capture reads the real clock, so the rest mid-drag is a real one, longer than captureTimeout.
    const { storeA, storeB, a, docA } = room({ clock, captureTimeout: 20 });
    storeA.getState().commit((d) => ops.updateNode(d, y.id, { title: 'Earlier edit' }));
    let writes = 0;
    docA.on('afterTransaction', (tr: Y.Transaction) => tr.local && writes++);
    storeA.getState().beginGesture();
    for (let i = 1; i <= 10; i++) {
      storeA.getState().dragNodes(new Map([[x.id, { x: i * 10, y: 0 }]]));
      clock.advance(10);
      if (i === 5) await new Promise((resolve) => setTimeout(resolve, 60)); // the pointer rests mid-drag
    }
    expect(writes).toBeGreaterThan(1);
    expect(writes).toBeLessThan(10);
    storeA.getState().endGesture();
    expect(positionOf(storeB, x.id)).toEqual({ x: 100, y: 0 });
    a.undo();
    expect(positionOf(storeA, x.id)).toEqual(x.position);
    expect(positionOf(storeB, x.id)).toEqual(x.position);
    expect(titleOf(storeB, y.id)).toBe('Earlier edit');
    a.undo();
    expect(titleOf(storeB, y.id)).toBe(y.title);
  });

  it('keeps both a drag in progress and a remote edit that arrives during it', () => {
    const clock = fakeClock();
    const { storeA, storeB } = room({ clock });
    storeA.getState().beginGesture();
    storeA.getState().dragNodes(new Map([[x.id, { x: 1, y: 1 }]]));
    storeA.getState().dragNodes(new Map([[x.id, { x: 2, y: 2 }]])); // throttled, not yet sent
    storeB.getState().commit((d) => ops.updateNode(d, y.id, { title: 'Remote' }));
    expect(positionOf(storeA, x.id)).toEqual({ x: 2, y: 2 });
    expect(titleOf(storeA, y.id)).toBe('Remote');
    storeA.getState().endGesture();
    expect(storeB.getState().document).toEqual(storeA.getState().document);
  });

  it('ends valid on both sides when one user deletes a stage while the other, offline, connects an edge to it', () => {
    const { storeA, storeB, docA, docB, connection } = room();
    const other = doc.nodes.find((n) => n.id !== x.id && !doc.edges.some((e) => e.source === n.id && e.target === x.id))!;
    connection.pause();
    storeA.getState().commit((d) => ops.removeElements(d, [x.id]));
    storeB.getState().commit((d) => ops.connect(d, other.id, x.id));
    connection.resume();
    const merged = storeA.getState().document;
    expect(storeB.getState().document).toEqual(merged);
    expect(parseDocument(JSON.parse(JSON.stringify(merged))).ok).toBe(true);
    expect(merged.edges.some((e) => e.target === x.id)).toBe(false);
    for (const ydoc of [docA, docB]) {
      const edges = getRoot(ydoc).get('edges') as Y.Map<Y.Map<unknown>>;
      expect([...edges.values()].some((e) => e.get('target') === x.id)).toBe(false); // pruned, not just hidden
    }
  });

  it('keeps the current document and reports an error when a peer sends an invalid one', () => {
    const { storeA, docB, errorsA } = room();
    const before = storeA.getState().document;
    const item = (getRoot(docB).get('nodes') as Y.Map<Y.Map<unknown>>).get(x.id)!;
    item.set('phase', 'space');
    expect(storeA.getState().document).toBe(before);
    expect(errorsA).toEqual([expect.objectContaining({ kind: 'invalid' })]);
  });

  it('lets only the facilitator make the room read-only, and then refuses others’ edits', () => {
    const { storeA, storeB, a, b } = room();
    const changes: boolean[] = [];
    b.onSessionChange((s) => changes.push(s.readOnly));
    b.setReadOnly(true);
    expect(a.getSession().readOnly).toBe(false);
    a.setReadOnly(true);
    expect(changes).toEqual([true]);
    expect([a.isReadOnly(), b.isReadOnly()]).toEqual([false, true]);
    storeB.getState().commit((d) => ops.updateNode(d, x.id, { title: 'Sneaky' }));
    expect([titleOf(storeA, x.id), titleOf(storeB, x.id)]).toEqual([x.title, x.title]);
    storeA.getState().commit((d) => ops.updateNode(d, x.id, { title: 'Presenter' }));
    expect(titleOf(storeB, x.id)).toBe('Presenter');
  });
});

describe('live session with a provider', () => {
  function providers() {
    const [docA, docB] = [new Y.Doc(), new Y.Doc()];
    link(docA, docB);
    const [awA, awB] = [new Awareness(docA), new Awareness(docB)];
    awA.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => origin !== REMOTE && applyAwarenessUpdate(awB, encodeAwarenessUpdate(awA, [...added!, ...updated!, ...removed!]), REMOTE));
    cleanup.push(() => (awA.destroy(), awB.destroy()));
    const [pA, pB] = [new FakeProvider(awA), new FakeProvider(awB)];
    const join = (who: 'A' | 'B', store = createEditorStore(doc)) => {
      const session = who === 'A'
        ? createLiveSession({ store, ydoc: docA, provider: pA, user: { name: 'Ann', color: '#aa0000' }, origin: {}, role: 'facilitator' })
        : createLiveSession({ store, ydoc: docB, provider: pB, user: { name: 'Bob', color: '#0000aa' }, origin: {} });
      cleanup.push(() => session.destroy());
      return session;
    };
    return { docA, docB, pA, pB, join };
  }

  it('shares user, cursor, selection and presenting step with the other participants', () => {
    const { docA, join } = providers();
    const [a, b] = [join('A'), join('B')];
    let peers: PeerState[] = [];
    b.onPeers((p) => (peers = p));
    a.setCursor({ x: 3, y: 4 });
    a.setSelection([x.id]);
    a.setPresenting(2);
    expect(peers).toEqual([{ clientId: docA.clientID, user: { name: 'Ann', color: '#aa0000' }, cursor: { x: 3, y: 4 }, selection: [x.id], presenting: { step: 2 } }]);
    a.setPresenting(null);
    expect(peers[0]!.presenting).toBeUndefined();
    a.destroy();
    expect(peers).toEqual([]);
  });

  it('reports connection status for a banner and waits for the room before taking or filling it', () => {
    const { docA, docB, pA, pB, join } = providers();
    const storeB = createEditorStore({ ...doc, title: 'Mine' });
    const b = join('B', storeB);
    const statuses: LiveStatus[] = [b.getStatus()];
    b.onStatus((s) => statuses.push(s));
    pB.setStatus('connected');
    pB.setSynced(true); // empty room: a participant does not fill it
    expect(getRoot(docB).size).toBe(0);
    const a = join('A');
    expect(storeB.getState().document.title).toBe('Mine'); // A has not synced yet
    pA.setStatus('connected');
    pA.setSynced(true);
    expect(storeB.getState().document).toEqual(doc);
    pB.setStatus('disconnected');
    pB.setStatus('connecting');
    expect(statuses).toEqual(['connecting', 'syncing', 'live', 'disconnected', 'connecting']);
    expect(a.isFacilitator()).toBe(true);
    expect(b.getSession().facilitator).toBe(docA.clientID);
  });
});
