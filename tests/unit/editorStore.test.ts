import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createEditorStore, type EditorStore } from '../../src/store/editorStore';
import { HISTORY_LIMIT } from '../../src/store/history';
import * as ops from '../../src/model/operations';
import { parseDocument } from '../../src/model/parseDocument';
import { serializeDocument } from '../../src/model/serialize';
import type { FunnelDocument, StageNode } from '../../src/model/schema';
import { loadPreset, presetFiles } from './presetFiles';



/** Asserts the document passes the same parser as files and links. */
function expectValid(doc: FunnelDocument, label = 'document'): void {
  const result = parseDocument(JSON.parse(JSON.stringify(doc)));
  if (!result.ok) throw new Error(`${label} is no longer valid: ${result.error.message}`);
}

const RUNTIME_KEYS = ['measured', 'selected', 'dragging'];

/** JSON paths of React Flow runtime keys anywhere in the saved file. */
function runtimeKeyPaths(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => runtimeKeyPaths(item, `${at}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => {
      const here = at ? `${at}.${key}` : key;
      return [...(RUNTIME_KEYS.includes(key) ? [here] : []), ...runtimeKeyPaths(child, here)];
    });
  }
  return [];
}

const stagesOf = (doc: FunnelDocument) => doc.nodes.filter((n): n is StageNode => n.kind === 'stage');
const fresh = (file = 'buyer-journey.json') => createEditorStore(loadPreset(file));

describe('createEditorStore', () => {
  it('starts with every node positioned and an empty history', () => {
    const store = fresh();
    const { document, history, gestureStart } = store.getState();
    expect(document.nodes.every((n) => n.position)).toBe(true);
    expect(history.past).toHaveLength(0);
    expect(history.future).toHaveLength(0);
    expect(gestureStart).toBeNull();
  });

  it('gives each store its own state', () => {
    const a = fresh();
    const b = fresh();
    a.getState().addNote({ x: 0, y: 0 });
    expect(b.getState().document.nodes).toHaveLength(a.getState().document.nodes.length - 1);
  });
});

/** Each entry performs one user action on a fresh buyer-journey store. */
const ACTIONS: Record<string, (store: EditorStore) => void> = {
  'commit (rename a stage)': (s) => {
    const [stage] = stagesOf(s.getState().document);
    s.getState().commit((d) => ops.updateNode(d, stage!.id, { title: 'Renamed' }));
  },
  addStage: (s) => void s.getState().addStage('sales', { x: 5, y: 5 }),
  addNote: (s) => void s.getState().addNote({ x: 5, y: 5 }),
  addLabel: (s) => void s.getState().addLabel({ x: 5, y: 5 }),
  connect: (s) => {
    const doc = s.getState().document;
    const [first] = stagesOf(doc);
    const last = stagesOf(doc).at(-1)!;
    s.getState().connect(first!.id, last.id);
  },
  deleteSelection: (s) => {
    s.getState().select({ nodeIds: [stagesOf(s.getState().document)[2]!.id], edgeIds: [s.getState().document.edges[0]!.id] });
    s.getState().deleteSelection();
  },
  paste: (s) => {
    s.getState().select({ nodeIds: stagesOf(s.getState().document).slice(0, 2).map((n) => n.id) });
    s.getState().copySelection();
    s.getState().paste();
  },
  duplicateSelection: (s) => {
    s.getState().select({ nodeIds: [stagesOf(s.getState().document)[0]!.id] });
    s.getState().duplicateSelection();
  },
  'autoLayout (other direction)': (s) => s.getState().autoLayout(s.getState().document.settings.direction === 'LR' ? 'TB' : 'LR'),
  'drag gesture': (s) => {
    const [stage] = stagesOf(s.getState().document);
    s.getState().beginGesture();
    for (let i = 1; i <= 5; i++) s.getState().dragNodes(new Map([[stage!.id, { x: stage!.position!.x + i * 10, y: stage!.position!.y }]]));
    s.getState().endGesture();
  },
  loadDocument: (s) => s.getState().loadDocument(loadPreset('aida.json')),
};

describe.each(Object.entries(ACTIONS))('action %s', (_name, perform) => {
  it('changes the document in one undo step, and undo/redo restore both versions exactly', () => {
    const store = fresh();
    const before = store.getState().document;
    perform(store);
    const after = store.getState().document;
    expect(after).not.toEqual(before);
    expectValid(after);
    expect(store.getState().history.past).toHaveLength(1);

    store.getState().undo();
    expect(store.getState().document).toBe(before);
    store.getState().redo();
    expect(store.getState().document).toBe(after);
    store.getState().undo();
    expect(store.getState().document).toEqual(before);
  });

  it('never puts React Flow runtime fields into the saved file', () => {
    const store = fresh();
    perform(store);
    expect(runtimeKeyPaths(JSON.parse(serializeDocument(store.getState().document)))).toEqual([]);
  });
});

describe('gestures', () => {
  function drag(store: EditorStore, steps: number) {
    const [a, b] = stagesOf(store.getState().document);
    store.getState().beginGesture();
    for (let i = 1; i <= steps; i++) {
      store.getState().dragNodes(
        new Map([
          [a!.id, { x: a!.position!.x + i, y: a!.position!.y + i }],
          [b!.id, { x: b!.position!.x + i, y: b!.position!.y - i }],
        ]),
      );
    }
    return { a: a!, b: b! };
  }

  it('records a whole drag as one undo step', () => {
    const store = fresh();
    const before = store.getState().document;
    const { a } = drag(store, 50);
    store.getState().endGesture();
    const after = store.getState().document;
    expect(after.nodes.find((n) => n.id === a.id)!.position).toEqual({ x: a.position!.x + 50, y: a.position!.y + 50 });
    expect(store.getState().history.past).toEqual([before]);
    store.getState().undo();
    expect(store.getState().document).toBe(before);
    store.getState().redo();
    expect(store.getState().document).toBe(after);
  });

  it('ignores undo and redo in the middle of a drag', () => {
    const store = fresh();
    store.getState().addNote({ x: 0, y: 0 });
    store.getState().undo(); // leaves something to redo as well
    const ready = store.getState();
    drag(store, 3);
    const midDrag = store.getState().document;
    store.getState().undo();
    store.getState().redo();
    expect(store.getState().document).toBe(midDrag);
    expect(store.getState().history).toBe(ready.history);
    store.getState().endGesture();
    store.getState().undo();
    expect(store.getState().document).toBe(ready.document);
  });

  it('folds a commit made during the drag into the drag\'s step', () => {
    const store = fresh();
    const before = store.getState().document;
    const { a } = drag(store, 3);
    store.getState().commit((d) => ops.updateNode(d, a.id, { laneId: d.lanes.at(-1)!.id }));
    store.getState().endGesture();
    expect(store.getState().history.past).toEqual([before]);
  });

  it('applies a finishing edit as part of the same step', () => {
    const store = fresh();
    const before = store.getState().document;
    const { a } = drag(store, 3);
    store.getState().endGesture((d) => ops.updateNode(d, a.id, { highlighted: true }));
    expect(store.getState().document.nodes.find((n) => n.id === a.id)).toMatchObject({ highlighted: true });
    expect(store.getState().history.past).toEqual([before]);
  });

  it('records nothing for a gesture that changed nothing', () => {
    const store = fresh();
    store.getState().beginGesture();
    store.getState().endGesture();
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().gestureStart).toBeNull();
  });

  it('keeps the start of the gesture when beginGesture is called twice', () => {
    const store = fresh();
    const before = store.getState().document;
    drag(store, 2);
    store.getState().beginGesture();
    drag(store, 2);
    store.getState().endGesture();
    store.getState().undo();
    expect(store.getState().document).toBe(before);
  });
});

describe('loadDocument', () => {
  it('keeps the previous document reachable with undo and bumps the revision', () => {
    const store = fresh();
    const before = store.getState().document;
    const revision = store.getState().revision;
    store.getState().select({ nodeIds: [before.nodes[0]!.id] });
    store.getState().loadDocument(loadPreset('aida.json'));
    expect(store.getState().revision).toBe(revision + 1);
    expect(store.getState().selection.nodeIds).toEqual([]);
    expect(store.getState().document.title).toBe(loadPreset('aida.json').title);
    expect(store.getState().document.nodes.every((n) => n.position)).toBe(true);
    store.getState().undo();
    expect(store.getState().document).toBe(before);
  });

  it('ends a drag that was in progress', () => {
    const store = fresh();
    store.getState().beginGesture();
    store.getState().loadDocument(loadPreset('aida.json'));
    expect(store.getState().gestureStart).toBeNull();
  });
});

describe('history', () => {
  it('keeps at most HISTORY_LIMIT undo steps, dropping the oldest', () => {
    const store = fresh();
    const [stage] = stagesOf(store.getState().document);
    const extra = 7;
    const versions: FunnelDocument[] = [store.getState().document];
    for (let i = 0; i < HISTORY_LIMIT + extra; i++) {
      store.getState().commit((d) => ops.updateNode(d, stage!.id, { title: `Title ${i}` }));
      versions.push(store.getState().document);
    }
    expect(store.getState().history.past).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < HISTORY_LIMIT + extra; i++) store.getState().undo();
    // The oldest reachable version is the one `extra` edits in.
    expect(store.getState().document).toBe(versions[extra]);
  });

  it('drops the redo steps when a new edit is made', () => {
    const store = fresh();
    store.getState().addNote({ x: 0, y: 0 });
    store.getState().undo();
    store.getState().addLabel({ x: 0, y: 0 });
    expect(store.getState().history.future).toHaveLength(0);
  });

  it('does not record an edit that leaves the document as it is', () => {
    const store = fresh();
    const existing = store.getState().document.edges[0]!;
    store.getState().connect(existing.source, existing.target);
    store.getState().commit((d) => d);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('does not record auto layout when the layout is already in place', () => {
    // Bug: layoutDocument always returns a new object, so commit records an undo step that changes nothing.
    const store = fresh();
    store.getState().autoLayout();
    const laidOut = store.getState().document;
    const steps = store.getState().history.past.length;
    store.getState().autoLayout();
    expect(store.getState().document).toEqual(laidOut);
    expect(store.getState().history.past).toHaveLength(steps);
  });

  it('drops selected ids that undo removes from the document', () => {
    // Bug: a stale selection survives undo; Delete then records an empty step and wipes the redo stack.
    const store = fresh();
    store.getState().addStage('marketing', { x: 0, y: 0 });
    store.getState().undo();
    const ids = new Set(store.getState().document.nodes.map((n) => n.id));
    expect(store.getState().selection.nodeIds.filter((id) => !ids.has(id))).toEqual([]);
    store.getState().deleteSelection();
    expect(store.getState().history.future).toHaveLength(1);
  });
});

describe('random action sequences', () => {
  type Action =
    | { kind: 'addStage'; phase: 'marketing' | 'sales'; x: number; y: number }
    | { kind: 'addNote' | 'addLabel'; x: number; y: number }
    | { kind: 'connect'; a: number; b: number }
    | { kind: 'delete'; nodes: number[]; edges: number[] }
    | { kind: 'copyPaste'; nodes: number[] }
    | { kind: 'duplicate'; nodes: number[] }
    | { kind: 'autoLayout'; direction: 'LR' | 'TB' }
    | { kind: 'drag'; node: number; dx: number; dy: number; steps: number }
    | { kind: 'rename'; node: number; title: string }
    | { kind: 'load'; preset: number };

  const coord = fc.integer({ min: -2000, max: 2000 });
  const index = fc.nat({ max: 1000 });
  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ kind: fc.constant('addStage' as const), phase: fc.constantFrom('marketing' as const, 'sales' as const), x: coord, y: coord }),
    fc.record({ kind: fc.constantFrom('addNote' as const, 'addLabel' as const), x: coord, y: coord }),
    fc.record({ kind: fc.constant('connect' as const), a: index, b: index }),
    fc.record({ kind: fc.constant('delete' as const), nodes: fc.array(index, { maxLength: 3 }), edges: fc.array(index, { maxLength: 2 }) }),
    fc.record({ kind: fc.constant('copyPaste' as const), nodes: fc.array(index, { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), nodes: fc.array(index, { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('autoLayout' as const), direction: fc.constantFrom('LR' as const, 'TB' as const) }),
    fc.record({ kind: fc.constant('drag' as const), node: index, dx: coord, dy: coord, steps: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ kind: fc.constant('rename' as const), node: index, title: fc.string({ minLength: 1, maxLength: 40 }) }),
    fc.record({ kind: fc.constant('load' as const), preset: index }),
  );

  function perform(store: EditorStore, a: Action): void {
    const s = store.getState();
    const nodes = s.document.nodes;
    const edges = s.document.edges;
    const nodeAt = (i: number) => (nodes.length ? nodes[i % nodes.length]!.id : undefined);
    const nodeIds = (list: number[]) => list.flatMap((i) => nodeAt(i) ?? []);
    switch (a.kind) {
      case 'addStage':
        s.addStage(a.phase, { x: a.x, y: a.y });
        break;
      case 'addNote':
        s.addNote({ x: a.x, y: a.y });
        break;
      case 'addLabel':
        s.addLabel({ x: a.x, y: a.y });
        break;
      case 'connect': {
        const [from, to] = [nodeAt(a.a), nodeAt(a.b)];
        if (from && to) s.connect(from, to);
        break;
      }
      case 'delete':
        s.select({ nodeIds: nodeIds(a.nodes), edgeIds: a.edges.flatMap((i) => (edges.length ? edges[i % edges.length]!.id : [])) });
        store.getState().deleteSelection();
        break;
      case 'copyPaste':
        s.select({ nodeIds: nodeIds(a.nodes) });
        store.getState().copySelection();
        store.getState().paste();
        break;
      case 'duplicate':
        s.select({ nodeIds: nodeIds(a.nodes) });
        store.getState().duplicateSelection();
        break;
      case 'autoLayout':
        s.autoLayout(a.direction);
        break;
      case 'drag': {
        const id = nodeAt(a.node);
        const start = nodes.find((n) => n.id === id)?.position;
        if (!id || !start) break;
        s.beginGesture();
        for (let i = 1; i <= a.steps; i++) store.getState().dragNodes(new Map([[id, { x: start.x + (a.dx * i) / a.steps, y: start.y + (a.dy * i) / a.steps }]]));
        store.getState().endGesture();
        break;
      }
      case 'rename': {
        const stages = stagesOf(s.document);
        const stage = stages.length ? stages[a.node % stages.length] : undefined;
        if (stage) s.commit((d) => ops.updateNode(d, stage.id, { title: a.title }));
        break;
      }
      case 'load':
        s.loadDocument(loadPreset(presetFiles[a.preset % presetFiles.length]!));
        break;
    }
  }

  it('undoing as many times as there were actions returns the initial document, and redo returns the final one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...presetFiles), fc.array(action, { minLength: 1, maxLength: 20 }), (file, actions) => {
        const store = createEditorStore(loadPreset(file));
        const initial = store.getState().document;
        for (const a of actions) {
          perform(store, a);
          const doc = store.getState().document;
          expectValid(doc, `after ${a.kind}`);
          expect(runtimeKeyPaths(JSON.parse(serializeDocument(doc)))).toEqual([]);
        }
        const final = store.getState().document;
        for (let i = 0; i < actions.length; i++) store.getState().undo();
        expect(store.getState().document).toEqual(initial);
        expect(store.getState().document).toBe(initial);
        for (let i = 0; i < actions.length; i++) store.getState().redo();
        expect(store.getState().document).toBe(final);
      }),
      { numRuns: 60 },
    );
  });
});
