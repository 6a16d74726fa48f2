import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import * as ops from '../../src/model/operations';
import { parseDocument } from '../../src/model/parseDocument';
import type { FunnelDocument, StageNode } from '../../src/model/schema';
import { applyDocumentChange, getRoot, pruneDangling, readDocument, writeDocument } from '../../src/collab/yjsMapping';

const presetsDir = fileURLToPath(new URL('../../presets/', import.meta.url));

function loadPreset(file: string): FunnelDocument {
  const result = parseDocument(JSON.parse(fs.readFileSync(path.join(presetsDir, file), 'utf8')));
  if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
  return result.document;
}

function read(ydoc: Y.Doc): FunnelDocument {
  const result = readDocument(ydoc);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

/** Two peers holding the same document, not yet connected. */
function twoPeers(doc: FunnelDocument): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  writeDocument(a, doc);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}

/** Sends each side what the other is missing. */
function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB, 'remote');
  Y.applyUpdate(a, toA, 'remote');
}

/** Applies an edit to the peer's current document, the way a live session does. */
function edit(ydoc: Y.Doc, recipe: (doc: FunnelDocument) => FunnelDocument): void {
  const before = read(ydoc);
  applyDocumentChange(ydoc, before, recipe(before), 'local');
}

const doc = loadPreset('aida.json');
const stages = doc.nodes.filter((n): n is StageNode => n.kind === 'stage');
const [x, y] = [stages[0]!, stages[1]!];
const titleOf = (d: FunnelDocument, id: string) => (d.nodes.find((n) => n.id === id) as StageNode | undefined)?.title;

describe('concurrent edits merge', () => {
  it('keeps both renames when two peers rename different stages', () => {
    const [a, b] = twoPeers(doc);
    edit(a, (d) => ops.updateNode(d, x.id, { title: 'Seen' }));
    edit(b, (d) => ops.updateNode(d, y.id, { title: 'Curious' }));
    exchange(a, b);
    const merged = read(a);
    expect(read(b)).toEqual(merged);
    expect(titleOf(merged, x.id)).toBe('Seen');
    expect(titleOf(merged, y.id)).toBe('Curious');
  });

  it('keeps both insertions when two peers type into the same title', () => {
    const [a, b] = twoPeers(doc);
    edit(a, (d) => ops.updateNode(d, x.id, { title: `${x.title} now` }));
    edit(b, (d) => ops.updateNode(d, x.id, { title: `Big ${x.title}` }));
    exchange(a, b);
    expect(read(a)).toEqual(read(b));
    expect(titleOf(read(a), x.id)).toBe(`Big ${x.title} now`);
  });

  it('keeps a move and a rename of the same stage', () => {
    const [a, b] = twoPeers(doc);
    edit(a, (d) => ops.moveNodes(d, new Map([[x.id, { x: 999, y: 111 }]])));
    edit(b, (d) => ops.updateNode(d, x.id, { title: 'Renamed' }));
    exchange(a, b);
    const merged = read(b);
    expect(read(a)).toEqual(merged);
    expect(merged.nodes.find((n) => n.id === x.id)).toMatchObject({ title: 'Renamed', position: { x: 999, y: 111 } });
  });

  it('keeps both new nodes when two peers add at the end', () => {
    const [a, b] = twoPeers(doc);
    edit(a, (d) => ops.addNode(d, { id: 'note-a', kind: 'note', text: 'from A', color: 'yellow', position: { x: 0, y: 0 } }));
    edit(b, (d) => ops.addNode(d, { id: 'note-b', kind: 'note', text: 'from B', color: 'blue', position: { x: 0, y: 0 } }));
    exchange(a, b);
    const merged = read(a);
    expect(read(b)).toEqual(merged);
    expect(merged.nodes.map((n) => n.id).slice(-2).sort()).toEqual(['note-a', 'note-b']);
    expect(merged.nodes.slice(0, doc.nodes.length)).toEqual(doc.nodes);
  });

  it('converges to one valid node when two peers add nodes with the same id (the id generator is not collision-free)', () => {
    const [a, b] = twoPeers(doc);
    edit(a, (d) => ops.addNode(d, ops.newStage(d, 'marketing', { x: 1, y: 1 })));
    edit(b, (d) => ops.connect(ops.addNode(d, { ...ops.newStage(d, 'sales', { x: 2, y: 2 }), title: 'B' }), x.id, ops.newStage(d, 'sales', { x: 0, y: 0 }).id));
    exchange(a, b);
    const merged = read(a);
    expect(read(b)).toEqual(merged);
    expect(new Set(merged.nodes.map((n) => n.id)).size).toBe(merged.nodes.length);
    expect(merged.nodes).toHaveLength(doc.nodes.length + 1);
  });

  it('converges to a valid document when one peer deletes a node the other edits', () => {
    const [a, b] = twoPeers(doc);
    edit(a, (d) => ops.removeElements(d, [x.id]));
    edit(b, (d) => ops.updateNode(d, x.id, { title: 'Still here?', description: 'edited' }));
    exchange(a, b);
    const merged = read(a);
    expect(read(b)).toEqual(merged);
    expect(merged.nodes.some((n) => n.id === x.id)).toBe(false);
    expect(parseDocument(JSON.parse(JSON.stringify(merged))).ok).toBe(true);
  });

  it('drops an edge and a callout a peer attached to a node deleted concurrently, and prunes them from the Y.Doc', () => {
    const [a, b] = twoPeers(doc);
    const other = doc.nodes.find((n) => n.id !== x.id && !doc.edges.some((e) => e.source === n.id && e.target === x.id))!;
    edit(a, (d) => ops.removeElements(d, [x.id]));
    edit(b, (d) => ops.addCallout(ops.connect(d, other.id, x.id), x.id, 'look here').document);
    exchange(a, b);
    for (const peer of [a, b]) {
      const merged = read(peer);
      expect(merged.edges.some((e) => e.source === x.id || e.target === x.id)).toBe(false);
      expect(merged.callouts.some((c) => c.nodeId === x.id)).toBe(false);
    }
    expect(read(a)).toEqual(read(b));

    // Pruning writes the repair, so a later node reusing the id does not revive the old edge.
    expect(pruneDangling(a, 'repair')).toBe(true);
    expect(pruneDangling(a, 'repair')).toBe(false);
    exchange(a, b);
    const edges = getRoot(b).get('edges') as Y.Map<Y.Map<unknown>>;
    expect([...edges.values()].some((e) => e.get('target') === x.id || e.get('source') === x.id)).toBe(false);
    edit(b, (d) => ops.addNode(d, { ...x, title: 'Reborn' }));
    expect(read(b).edges.some((e) => e.target === x.id)).toBe(false);
  });

  it('clears a lane reference when the lane is deleted while a peer moves a stage into it', () => {
    const withLanes = loadPreset('sales-vs-marketing.json');
    const lane = withLanes.lanes[0]!;
    const stage = withLanes.nodes.find((n): n is StageNode => n.kind === 'stage' && n.laneId !== lane.id)!;
    const [a, b] = twoPeers(withLanes);
    edit(a, (d) => ops.removeLane(d, lane.id));
    edit(b, (d) => ops.updateNode(d, stage.id, { laneId: lane.id }));
    exchange(a, b);
    expect(read(a)).toEqual(read(b));
    expect(read(a).nodes.some((n) => n.kind === 'stage' && n.laneId === lane.id)).toBe(false);
  });

  it('keeps one copy when both peers move the same node to the front', () => {
    const [a, b] = twoPeers(doc);
    const front = (d: FunnelDocument) => ({ ...d, nodes: [...d.nodes.filter((n) => n.id !== x.id), d.nodes.find((n) => n.id === x.id)!] });
    edit(a, front);
    edit(b, front);
    exchange(a, b);
    const merged = read(a);
    expect(read(b)).toEqual(merged);
    expect(merged.nodes.filter((n) => n.id === x.id)).toHaveLength(1);
    expect(merged.nodes.at(-1)!.id).toBe(x.id);
  });
});
