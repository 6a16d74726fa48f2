/**
 * Pure edits on a document. Each takes a document and returns a new one; the store wraps them
 * with history and selection. Nothing here knows about React or React Flow.
 */
import type { Callout, DiagramEdge, DiagramNode, EdgeKind, FunnelDocument, LabelNode, Lane, NoteNode, Phase, Position, StageNode } from './schema';

let idSalt: string | null = null;

/**
 * While several people edit one diagram live, two of them adding a stage at the same moment
 * would both pick `stage-7`. A per-participant salt (`stage-k3f-7`) keeps their ids apart.
 */
export function setIdSalt(salt: string | null): void {
  idSalt = salt && /^[a-z0-9]{1,12}$/.test(salt) ? salt : null;
}

/** A fresh id `${prefix}-${n}` (or `${prefix}-${salt}-${n}` while live) not used by any node, edge, lane or callout. */
export function nextId(doc: FunnelDocument, prefix: string, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set([...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id), ...doc.lanes.map((l) => l.id), ...doc.callouts.map((c) => c.id), ...taken]);
  const stem = idSalt ? `${prefix}-${idSalt}` : prefix;
  let n = 1;
  while (used.has(`${stem}-${n}`)) n++;
  return `${stem}-${n}`;
}

export function addNode(doc: FunnelDocument, node: DiagramNode): FunnelDocument {
  return { ...doc, nodes: [...doc.nodes, node] };
}

export function newStage(doc: FunnelDocument, phase: Phase, position: Position, laneId?: string): StageNode {
  const lane = laneId ?? doc.lanes.find((l) => l.phase === phase)?.id;
  return { id: nextId(doc, 'stage'), kind: 'stage', phase, title: 'New stage', description: '', position, ...(lane ? { laneId: lane } : {}) };
}

export function newNote(doc: FunnelDocument, position: Position, color: NoteNode['color'] = 'yellow'): NoteNode {
  return { id: nextId(doc, 'note'), kind: 'note', text: '', color, position };
}

export function newLabel(doc: FunnelDocument, position: Position, variant: LabelNode['variant'] = 'heading'): LabelNode {
  return { id: nextId(doc, 'label'), kind: 'label', text: variant === 'heading' ? 'Heading' : 'Caption', variant, position };
}

/** Patches one node; the patch may not change its id or kind. */
export function updateNode(doc: FunnelDocument, id: string, patch: Partial<Omit<StageNode, 'id' | 'kind'>> | Partial<Omit<NoteNode, 'id' | 'kind'>> | Partial<Omit<LabelNode, 'id' | 'kind'>>): FunnelDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? ({ ...n, ...patch } as DiagramNode) : n)) };
}

export function updateEdge(doc: FunnelDocument, id: string, patch: Partial<Omit<DiagramEdge, 'id'>>): FunnelDocument {
  return { ...doc, edges: doc.edges.map((e) => (e.id === id ? { ...e, ...patch } : e)) };
}

export function updateLane(doc: FunnelDocument, id: string, patch: Partial<Omit<Lane, 'id'>>): FunnelDocument {
  return { ...doc, lanes: doc.lanes.map((l) => (l.id === id ? { ...l, ...patch } : l)) };
}

/** Moves nodes to new positions; unknown ids are ignored. */
export function moveNodes(doc: FunnelDocument, positions: ReadonlyMap<string, Position>): FunnelDocument {
  if (positions.size === 0) return doc;
  return { ...doc, nodes: doc.nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)) };
}

/** Connects two nodes, unless that exact edge already exists or it would be a self-loop. */
export function connect(doc: FunnelDocument, source: string, target: string, kind?: EdgeKind): FunnelDocument {
  if (source === target) return doc;
  if (doc.edges.some((e) => e.source === source && e.target === target)) return doc;
  const s = doc.nodes.find((n) => n.id === source);
  const t = doc.nodes.find((n) => n.id === target);
  if (!s || !t) return doc;
  const inferred: EdgeKind = kind ?? (s.kind === 'stage' && t.kind === 'stage' && s.phase === 'marketing' && t.phase === 'sales' ? 'handoff' : 'flow');
  return { ...doc, edges: [...doc.edges, { id: nextId(doc, 'edge'), source, target, kind: inferred }] };
}

/** Removes nodes and edges, plus every edge and callout that would be left dangling. */
export function removeElements(doc: FunnelDocument, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): FunnelDocument {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
    callouts: doc.callouts.filter((c) => !nodes.has(c.nodeId)),
    settings: pruneSettings(doc.settings, nodes),
  };
}

/** Settings must not keep pointing at removed nodes: a later node could reuse the freed id. */
function pruneSettings(settings: FunnelDocument['settings'], removed: ReadonlySet<string>): FunnelDocument['settings'] {
  const { focusNodeId, presentationOrder } = settings;
  const dropFocus = Boolean(focusNodeId && removed.has(focusNodeId));
  const dropOrder = presentationOrder?.some((id) => removed.has(id)) ?? false;
  if (!dropFocus && !dropOrder) return settings;
  return {
    ...settings,
    ...(dropFocus ? { focusNodeId: null } : {}),
    ...(dropOrder ? { presentationOrder: presentationOrder!.filter((id) => !removed.has(id)) } : {}),
  };
}

export interface Fragment {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  callouts: Callout[];
}

/** The selected nodes with the edges and callouts among them, for the clipboard. */
export function copyFragment(doc: FunnelDocument, nodeIds: Iterable<string>): Fragment {
  const ids = new Set(nodeIds);
  return {
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    callouts: doc.callouts.filter((c) => ids.has(c.nodeId)),
  };
}

/** Inserts a copy of the fragment with fresh ids, shifted by `offset`. Returns the new node ids too. */
export function pasteFragment(doc: FunnelDocument, fragment: Fragment, offset: Position): { document: FunnelDocument; nodeIds: string[] } {
  const taken = new Set<string>();
  const fresh = (prefix: string) => {
    const id = nextId(doc, prefix, taken);
    taken.add(id);
    return id;
  };
  const laneIds = new Set(doc.lanes.map((l) => l.id));
  const idMap = new Map(fragment.nodes.map((n) => [n.id, fresh(n.kind)]));
  const nodes = fragment.nodes.map((n): DiagramNode => {
    const moved = { ...n, id: idMap.get(n.id)!, position: n.position ? { x: n.position.x + offset.x, y: n.position.y + offset.y } : undefined };
    if (moved.kind === 'stage' && moved.laneId && !laneIds.has(moved.laneId)) delete moved.laneId;
    return moved;
  });
  const edges = fragment.edges.map((e) => ({ ...e, id: fresh('edge'), source: idMap.get(e.source)!, target: idMap.get(e.target)! }));
  const callouts = fragment.callouts.map((c) => ({ ...c, id: fresh('callout'), nodeId: idMap.get(c.nodeId)! }));
  return {
    document: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges], callouts: [...doc.callouts, ...callouts] },
    nodeIds: nodes.map((n) => n.id),
  };
}

export function addCallout(doc: FunnelDocument, nodeId: string, text: string): { document: FunnelDocument; id: string } {
  const id = nextId(doc, 'callout');
  return { document: { ...doc, callouts: [...doc.callouts, { id, nodeId, text }] }, id };
}

export function updateCallout(doc: FunnelDocument, id: string, text: string): FunnelDocument {
  return { ...doc, callouts: doc.callouts.map((c) => (c.id === id ? { ...c, text } : c)) };
}

export function removeCallout(doc: FunnelDocument, id: string): FunnelDocument {
  return { ...doc, callouts: doc.callouts.filter((c) => c.id !== id) };
}

/** Adds a lane at the end; with a phase, it is titled after it unless a title is given. */
export function addLane(doc: FunnelDocument, title: string, phase?: Phase): { document: FunnelDocument; id: string } {
  const id = nextId(doc, 'lane');
  return { document: { ...doc, lanes: [...doc.lanes, { id, title, ...(phase ? { phase } : {}) }] }, id };
}

/** Removes a lane; its stages stay where they are, outside any lane. */
export function removeLane(doc: FunnelDocument, id: string): FunnelDocument {
  return {
    ...doc,
    lanes: doc.lanes.filter((l) => l.id !== id),
    nodes: doc.nodes.map((n) => {
      if (n.kind !== 'stage' || n.laneId !== id) return n;
      const { laneId: _dropped, ...rest } = n;
      return rest;
    }),
  };
}

/** Focus ("dim everything else") on one stage, or clear it with null. */
export function setFocus(doc: FunnelDocument, nodeId: string | null): FunnelDocument {
  return { ...doc, settings: { ...doc.settings, focusNodeId: nodeId } };
}
