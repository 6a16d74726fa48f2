/**
 * The editor store: one document, its history and the UI selection. Created by a factory so
 * tests (and each app instance) get a fresh store. Every document change goes through `commit`,
 * which is what makes undo cover every edit.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Direction, FunnelDocument, Position } from '../model/schema';
import * as ops from '../model/operations';
import { layoutDocument, ensurePositions } from '../layout/layoutDocument';
import { emptyHistory, record, redo, undo, type History } from './history';

export interface Selection {
  nodeIds: string[];
  edgeIds: string[];
  laneIds: string[];
}

const NO_SELECTION: Selection = { nodeIds: [], edgeIds: [], laneIds: [] };

export interface EditorState {
  document: FunnelDocument;
  history: History<FunnelDocument>;
  /** Document as it was when the current drag started; null when not dragging. */
  gestureStart: FunnelDocument | null;
  selection: Selection;
  /** Id of the node or edge whose text is being edited inline. */
  editingId: string | null;
  clipboard: ops.Fragment | null;
  /** Bumped whenever a whole new document is loaded, so views can refit. */
  revision: number;
}

export interface EditorActions {
  commit(recipe: (doc: FunnelDocument) => FunnelDocument): void;
  /** Replaces the document (preset, file); the previous one stays reachable with undo. */
  loadDocument(doc: FunnelDocument): void;
  select(selection: Partial<Selection>): void;
  setEditing(id: string | null): void;
  beginGesture(): void;
  /** Moves nodes without recording history; used while dragging. */
  dragNodes(positions: ReadonlyMap<string, Position>): void;
  endGesture(finish?: (doc: FunnelDocument) => FunnelDocument): void;
  addStage(phase: 'marketing' | 'sales', position: Position, laneId?: string): string;
  addNote(position: Position): string;
  addLabel(position: Position): string;
  connect(source: string, target: string): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(offset?: Position): void;
  duplicateSelection(): void;
  autoLayout(direction?: Direction): void;
  undo(): void;
  redo(): void;
}

export type EditorStore = StoreApi<EditorState & EditorActions>;

export function createEditorStore(initial: FunnelDocument): EditorStore {
  return createStore<EditorState & EditorActions>()((set, get) => {
    const commit = (recipe: (doc: FunnelDocument) => FunnelDocument) => {
      const { document, history, gestureStart } = get();
      const next = recipe(document);
      if (sameDocument(next, document)) return;
      // A commit in the middle of a drag belongs to the drag's single step.
      if (gestureStart) set({ document: next });
      else set({ document: next, history: record(history, document) });
    };
    const addAndSelect = (node: FunnelDocument['nodes'][number], edit: boolean) => {
      commit((d) => ops.addNode(d, node));
      set({ selection: { ...NO_SELECTION, nodeIds: [node.id] }, editingId: edit ? node.id : null });
      return node.id;
    };

    return {
      document: ensurePositions(initial),
      history: emptyHistory(),
      gestureStart: null,
      selection: NO_SELECTION,
      editingId: null,
      clipboard: null,
      revision: 0,

      commit,
      loadDocument: (doc) => {
        const { document, history, revision } = get();
        set({ document: ensurePositions(doc), history: record(history, document), selection: NO_SELECTION, editingId: null, gestureStart: null, revision: revision + 1 });
      },
      select: (selection) => set({ selection: { ...NO_SELECTION, ...selection } }),
      setEditing: (id) => set({ editingId: id }),
      beginGesture: () => {
        if (!get().gestureStart) set({ gestureStart: get().document });
      },
      dragNodes: (positions) => set({ document: ops.moveNodes(get().document, positions) }),
      endGesture: (finish) => {
        const { gestureStart, history } = get();
        if (!gestureStart) return;
        const document = finish ? finish(get().document) : get().document;
        set({ gestureStart: null, document, history: sameDocument(document, gestureStart) ? history : record(history, gestureStart) });
      },
      addStage: (phase, position, laneId) => addAndSelect(ops.newStage(get().document, phase, position, laneId), true),
      addNote: (position) => addAndSelect(ops.newNote(get().document, position), true),
      addLabel: (position) => addAndSelect(ops.newLabel(get().document, position), true),
      connect: (source, target) => commit((d) => ops.connect(d, source, target)),
      deleteSelection: () => {
        const { nodeIds, edgeIds } = get().selection;
        commit((d) => ops.removeElements(d, nodeIds, edgeIds));
        set({ selection: NO_SELECTION, editingId: null });
      },
      copySelection: () => {
        const { nodeIds } = get().selection;
        if (nodeIds.length) set({ clipboard: ops.copyFragment(get().document, nodeIds) });
      },
      paste: (offset = { x: 40, y: 40 }) => {
        const { clipboard } = get();
        if (!clipboard || clipboard.nodes.length === 0) return;
        let pasted: string[] = [];
        commit((d) => {
          const result = ops.pasteFragment(d, clipboard, offset);
          pasted = result.nodeIds;
          return result.document;
        });
        set({ selection: { ...NO_SELECTION, nodeIds: pasted } });
        // Pasting again cascades instead of stacking copies on one spot.
        set({ clipboard: { ...clipboard, nodes: clipboard.nodes.map((n) => ({ ...n, position: n.position && { x: n.position.x + offset.x, y: n.position.y + offset.y } })) } });
      },
      duplicateSelection: () => {
        const { nodeIds } = get().selection;
        if (!nodeIds.length) return;
        const fragment = ops.copyFragment(get().document, nodeIds);
        let pasted: string[] = [];
        commit((d) => {
          const result = ops.pasteFragment(d, fragment, { x: 40, y: 40 });
          pasted = result.nodeIds;
          return result.document;
        });
        set({ selection: { ...NO_SELECTION, nodeIds: pasted } });
      },
      autoLayout: (direction) => commit((d) => layoutDocument(d, { direction: direction ?? d.settings.direction })),
      undo: () => {
        const { history, document, gestureStart } = get();
        if (gestureStart) return; // never undo half a drag
        const step = undo(history, document);
        if (step) set({ history: step.history, document: step.value, editingId: null, selection: keepExisting(get().selection, step.value) });
      },
      redo: () => {
        const { history, document, gestureStart } = get();
        if (gestureStart) return;
        const step = redo(history, document);
        if (step) set({ history: step.history, document: step.value, editingId: null, selection: keepExisting(get().selection, step.value) });
      },
    };
  });
}

/** An edit that changes nothing records no undo step. Immutable updates make `===` the fast path. */
function sameDocument(a: FunnelDocument, b: FunnelDocument): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Drops selected ids that no longer exist, e.g. after undoing the stage that was just added. */
function keepExisting(selection: Selection, doc: FunnelDocument): Selection {
  const nodes = new Set(doc.nodes.map((n) => n.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  const lanes = new Set(doc.lanes.map((l) => l.id));
  return {
    nodeIds: selection.nodeIds.filter((id) => nodes.has(id)),
    edgeIds: selection.edgeIds.filter((id) => edges.has(id)),
    laneIds: selection.laneIds.filter((id) => lanes.has(id)),
  };
}
