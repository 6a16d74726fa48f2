import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as ops from '../../src/model/operations';
import { parseDocument } from '../../src/model/parseDocument';
import type { FunnelDocument } from '../../src/model/schema';
import { applyDocumentChange, getRoot, readDocument, shareUnchanged, spliceText, writeDocument } from '../../src/collab/yjsMapping';
import { loadPreset, presetFiles } from './presetFiles';



function read(ydoc: Y.Doc): FunnelDocument {
  const result = readDocument(ydoc);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

/** The edited document in the form every input takes after parsing (defaults filled in). */
function normalized(doc: FunnelDocument): FunnelDocument {
  const result = parseDocument(JSON.parse(JSON.stringify(doc)));
  if (!result.ok) throw new Error(`edit produced an invalid document: ${result.error.message}`);
  return result.document;
}

function synced(from: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(from));
  return copy;
}

const title = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }).filter((s) => s.length <= 120 && s.trim().length > 0);
const coordinate = fc.integer({ min: -5000, max: 5000 });
const edit = fc.record({
  kind: fc.constantFrom('rename', 'describe', 'move', 'addStage', 'addNote', 'remove', 'connect', 'unlink', 'label', 'settings', 'front', 'laneTitle', 'removeLane'),
  pick: fc.nat(),
  other: fc.nat(),
  text: title,
  x: coordinate,
  y: coordinate,
});
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(doc: FunnelDocument, e: Edit): FunnelDocument {
  const node = doc.nodes[e.pick % Math.max(1, doc.nodes.length)];
  const other = doc.nodes[e.other % Math.max(1, doc.nodes.length)];
  const stage = doc.nodes.filter((n) => n.kind === 'stage')[e.pick % Math.max(1, doc.nodes.length)];
  const edge = doc.edges[e.pick % Math.max(1, doc.edges.length)];
  const lane = doc.lanes[e.pick % Math.max(1, doc.lanes.length)];
  switch (e.kind) {
    case 'rename':
      return stage ? ops.updateNode(doc, stage.id, { title: e.text }) : doc;
    case 'describe':
      return stage ? ops.updateNode(doc, stage.id, { description: `${e.text} ${e.text}` }) : doc;
    case 'move':
      return ops.moveNodes(doc, new Map([node, other].filter((n) => n !== undefined).map((n, i) => [n.id, { x: e.x + i * 10, y: e.y }])));
    case 'addStage':
      return ops.addNode(doc, ops.newStage(doc, e.pick % 2 ? 'sales' : 'marketing', { x: e.x, y: e.y }));
    case 'addNote':
      return ops.addNode(doc, { ...ops.newNote(doc, { x: e.x, y: e.y }), text: e.text });
    case 'remove':
      return node ? ops.removeElements(doc, [node.id]) : doc;
    case 'connect':
      return node && other ? ops.connect(doc, node.id, other.id) : doc;
    case 'unlink':
      return edge ? ops.removeElements(doc, [], [edge.id]) : doc;
    case 'label':
      return edge ? ops.updateEdge(doc, edge.id, { label: e.pick % 3 ? e.text : undefined }) : doc;
    case 'settings':
      return { ...doc, settings: { ...doc.settings, direction: e.pick % 2 ? 'TB' : 'LR', showMetrics: e.other % 2 === 0 } };
    case 'front':
      return node ? { ...doc, nodes: [...doc.nodes.filter((n) => n !== node), node] } : doc;
    case 'laneTitle':
      return lane ? ops.updateLane(doc, lane.id, { title: e.text.slice(0, 80) }) : doc;
    case 'removeLane':
      return lane ? ops.removeLane(doc, lane.id) : doc;
  }
}

describe('yjsMapping', () => {
  it.each(presetFiles)('%s: write then read gives back the same document', (file) => {
    const doc = loadPreset(file);
    const ydoc = new Y.Doc();
    writeDocument(ydoc, doc);
    expect(read(ydoc)).toEqual(doc);
    expect(read(synced(ydoc))).toEqual(doc);
  });

  it('stores typed text as Y.Text and order as a Y.Array', () => {
    const doc = loadPreset(presetFiles[0]!);
    const ydoc = new Y.Doc();
    writeDocument(ydoc, doc);
    const root = getRoot(ydoc);
    const first = doc.nodes[0]!;
    const item = (root.get('nodes') as Y.Map<Y.Map<unknown>>).get(first.id)!;
    expect(item.get(first.kind === 'stage' ? 'title' : 'text')).toBeInstanceOf(Y.Text);
    expect(item.get('position')).toEqual(first.position);
    expect(((root.get('order') as Y.Map<Y.Array<string>>).get('nodes')!).toArray()).toEqual(doc.nodes.map((n) => n.id));
    expect((root.get('meta') as Y.Map<unknown>).get('title')).toBeInstanceOf(Y.Text);
  });

  it.each(presetFiles)('%s: random edits applied as changes read back as the edited document, also on a synced copy', (file) => {
    const start = loadPreset(file);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const ydoc = new Y.Doc();
        writeDocument(ydoc, start);
        const peer = synced(ydoc);
        ydoc.on('update', (update: Uint8Array) => Y.applyUpdate(peer, update));
        let doc = start;
        for (const e of edits) {
          const next = applyEdit(doc, e);
          applyDocumentChange(ydoc, doc, next, 'local');
          doc = next;
          expect(read(ydoc)).toEqual(normalized(doc));
        }
        expect(read(peer)).toEqual(normalized(doc));
        expect(read(synced(ydoc))).toEqual(normalized(doc));
      }),
      { numRuns: 25 },
    );
  });

  it('applies a change in one transaction and touches only what changed', () => {
    const doc = loadPreset('aida.json');
    const ydoc = new Y.Doc();
    writeDocument(ydoc, doc);
    const stage = doc.nodes.find((n) => n.kind === 'stage')!;
    const next = ops.moveNodes(ops.updateNode(doc, stage.id, { title: `${stage.kind === 'stage' ? stage.title : ''}!` }), new Map([[stage.id, { x: 1, y: 2 }]]));
    let transactions = 0;
    const changedKeys: string[] = [];
    ydoc.on('afterTransaction', () => transactions++);
    getRoot(ydoc).observeDeep((events) => events.forEach((ev) => ev instanceof Y.YMapEvent && changedKeys.push(...ev.keysChanged)));
    applyDocumentChange(ydoc, doc, next, 'local');
    expect(transactions).toBe(1);
    expect(changedKeys).toEqual(['position']); // the title changed inside its Y.Text, not by replacement
  });

  it('splices text at the changed middle, without splitting emoji', () => {
    const ydoc = new Y.Doc();
    const text = ydoc.getText('t');
    text.insert(0, 'Lead 🙂 stage');
    const deltas: unknown[] = [];
    text.observe((ev) => deltas.push(ev.delta));
    ydoc.transact(() => spliceText(text, 'Lead 🙃 stage'));
    expect(text.toString()).toBe('Lead 🙃 stage');
    expect(deltas).toEqual([[{ retain: 5 }, { delete: 2 }, { insert: '🙃' }]]);
  });

  it('rejects what a peer wrote if it is not a valid document', () => {
    const doc = loadPreset('aida.json');
    const ydoc = new Y.Doc();
    writeDocument(ydoc, doc);
    const node = (getRoot(ydoc).get('nodes') as Y.Map<Y.Map<unknown>>).get(doc.nodes[0]!.id)!;
    node.set('measured', { width: 10, height: 10 });
    const result = readDocument(ydoc);
    expect(result.ok).toBe(false);
  });

  it('keeps unchanged items by reference when reading back', () => {
    const doc = loadPreset('aida.json');
    const ydoc = new Y.Doc();
    writeDocument(ydoc, doc);
    expect(shareUnchanged(doc, read(ydoc))).toBe(doc);
    const moved = ops.moveNodes(doc, new Map([[doc.nodes[0]!.id, { x: 5, y: 5 }]]));
    applyDocumentChange(ydoc, doc, moved, 'local');
    const shared = shareUnchanged(doc, read(ydoc));
    expect(shared.nodes[0]).not.toBe(doc.nodes[0]);
    expect(shared.nodes.slice(1)).toEqual(doc.nodes.slice(1));
    shared.nodes.slice(1).forEach((n, i) => expect(n).toBe(doc.nodes[i + 1]));
    expect(shared.edges).toBe(doc.edges);
  });
});
