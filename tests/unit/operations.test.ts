import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import * as ops from '../../src/model/operations';
import { parseDocument } from '../../src/model/parseDocument';
import type { FunnelDocument, StageNode } from '../../src/model/schema';

const presetsDir = fileURLToPath(new URL('../../presets/', import.meta.url));
const presetFiles = fs.readdirSync(presetsDir).filter((name) => name.endsWith('.json')).sort();

function loadPreset(file: string): FunnelDocument {
  return expectValid(JSON.parse(fs.readFileSync(path.join(presetsDir, file), 'utf8')), file);
}

/** Asserts the document passes the same parser as files and links, and returns the parsed form. */
function expectValid(doc: unknown, label = 'document'): FunnelDocument {
  const result = parseDocument(JSON.parse(JSON.stringify(doc)));
  if (!result.ok) throw new Error(`${label} is no longer valid: ${result.error.message}`);
  return result.document;
}

function allIds(doc: FunnelDocument): string[] {
  return [...doc.lanes, ...doc.nodes, ...doc.edges, ...doc.callouts].map((x) => x.id);
}

function stagesOf(doc: FunnelDocument): StageNode[] {
  return doc.nodes.filter((n): n is StageNode => n.kind === 'stage');
}

/** Two stages of the given phases that are not yet connected in that direction. */
function unconnectedPair(doc: FunnelDocument, sourcePhase: StageNode['phase'], targetPhase: StageNode['phase']): [StageNode, StageNode] {
  for (const s of stagesOf(doc).filter((n) => n.phase === sourcePhase)) {
    for (const t of stagesOf(doc).filter((n) => n.phase === targetPhase)) {
      if (s.id !== t.id && !doc.edges.some((e) => e.source === s.id && e.target === t.id)) return [s, t];
    }
  }
  throw new Error(`no unconnected ${sourcePhase} → ${targetPhase} pair`);
}

const journey = loadPreset('buyer-journey.json');

describe('nextId', () => {
  it('returns an id used by no node, edge, lane or callout', () => {
    for (const file of presetFiles) {
      const doc = loadPreset(file);
      for (const prefix of ['stage', 'edge', 'lane', 'callout', 'note']) {
        const id = ops.nextId(doc, prefix);
        expect(id.startsWith(`${prefix}-`)).toBe(true);
        expect(allIds(doc)).not.toContain(id);
      }
    }
  });

  it('avoids ids of every element kind, not only its own prefix', () => {
    const first = ops.nextId(journey, 'x');
    // Take that id for a lane, a callout and an edge in turn: each must push nextId further.
    const withLane = { ...journey, lanes: [...journey.lanes, { id: first, title: 'Taken' }] };
    expect(ops.nextId(withLane, 'x')).not.toBe(first);
    const withCallout = { ...journey, callouts: [...journey.callouts, { id: first, nodeId: journey.nodes[0]!.id, text: 't' }] };
    expect(ops.nextId(withCallout, 'x')).not.toBe(first);
    const [s, t] = unconnectedPair(journey, 'marketing', 'marketing');
    const withEdge = { ...journey, edges: [...journey.edges, { id: first, source: s.id, target: t.id, kind: 'flow' as const }] };
    expect(ops.nextId(withEdge, 'x')).not.toBe(first);
  });

  it('also avoids the ids passed as taken, so a batch gets distinct ids', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const id = ops.nextId(journey, 'stage', taken);
      expect(taken.has(id)).toBe(false);
      taken.add(id);
    }
    expect(taken.size).toBe(20);
  });

  it('is pure: the same document gives the same id', () => {
    expect(ops.nextId(journey, 'edge')).toBe(ops.nextId(journey, 'edge'));
  });
});

describe('adding nodes', () => {
  it('puts a new stage in the lane of its phase', () => {
    for (const phase of ['marketing', 'sales'] as const) {
      const stage = ops.newStage(journey, phase, { x: 10, y: 20 });
      const doc = expectValid(ops.addNode(journey, stage));
      const lane = journey.lanes.find((l) => l.id === stage.laneId);
      expect(lane?.phase).toBe(phase);
      expect(doc.nodes.at(-1)).toEqual(stage);
    }
  });

  it('gives notes and labels fresh ids and keeps the document valid', () => {
    let doc = journey;
    const note = ops.newNote(doc, { x: 0, y: 0 });
    doc = expectValid(ops.addNode(doc, note));
    const label = ops.newLabel(doc, { x: 0, y: 0 }, 'caption');
    doc = expectValid(ops.addNode(doc, label));
    expect(new Set(allIds(doc)).size).toBe(allIds(doc).length);
  });
});

describe('connect', () => {
  it('infers a hand-off from a marketing stage to a sales stage', () => {
    const [s, t] = unconnectedPair(journey, 'marketing', 'sales');
    const doc = expectValid(ops.connect(journey, s.id, t.id));
    expect(doc.edges).toHaveLength(journey.edges.length + 1);
    expect(doc.edges.at(-1)).toMatchObject({ source: s.id, target: t.id, kind: 'handoff' });
    expect(allIds(journey)).not.toContain(doc.edges.at(-1)!.id);
  });

  it.each([
    ['marketing', 'marketing'],
    ['sales', 'sales'],
    ['sales', 'marketing'],
  ] as const)('infers a plain flow from %s to %s', (from, to) => {
    const [s, t] = unconnectedPair(journey, from, to);
    expect(expectValid(ops.connect(journey, s.id, t.id)).edges.at(-1)!.kind).toBe('flow');
  });

  it('uses an explicit kind over the inferred one', () => {
    const [s, t] = unconnectedPair(journey, 'marketing', 'sales');
    expect(expectValid(ops.connect(journey, s.id, t.id, 'feedback')).edges.at(-1)!.kind).toBe('feedback');
  });

  it('connects a note to a stage as a flow', () => {
    const note = ops.newNote(journey, { x: 0, y: 0 });
    const doc = ops.addNode(journey, note);
    const [stage] = stagesOf(doc);
    expect(expectValid(ops.connect(doc, note.id, stage!.id)).edges.at(-1)).toMatchObject({ source: note.id, kind: 'flow' });
  });

  it('refuses a duplicate of an existing edge', () => {
    const existing = journey.edges[0]!;
    expect(ops.connect(journey, existing.source, existing.target)).toBe(journey);
  });

  it('refuses a self-loop', () => {
    const [stage] = stagesOf(journey);
    expect(ops.connect(journey, stage!.id, stage!.id)).toBe(journey);
  });

  it('refuses an endpoint that does not exist', () => {
    const [stage] = stagesOf(journey);
    expect(ops.connect(journey, stage!.id, 'no-such-node')).toBe(journey);
    expect(ops.connect(journey, 'no-such-node', stage!.id)).toBe(journey);
  });

  it('allows the reverse of an existing edge', () => {
    const existing = journey.edges.find((e) => !journey.edges.some((r) => r.source === e.target && r.target === e.source))!;
    const doc = expectValid(ops.connect(journey, existing.target, existing.source));
    expect(doc.edges).toHaveLength(journey.edges.length + 1);
  });
});

describe('removeElements', () => {
  it('drops the edges and callouts of a removed node, and nothing else', () => {
    const target = journey.callouts[0]!.nodeId;
    const doc = expectValid(ops.removeElements(journey, [target]));
    expect(doc.nodes.map((n) => n.id)).toEqual(journey.nodes.map((n) => n.id).filter((id) => id !== target));
    expect(doc.edges).toEqual(journey.edges.filter((e) => e.source !== target && e.target !== target));
    expect(doc.callouts).toEqual(journey.callouts.filter((c) => c.nodeId !== target));
    expect(doc.edges.length).toBeLessThan(journey.edges.length);
    expect(doc.callouts.length).toBeLessThan(journey.callouts.length);
  });

  it('removes edges by id without touching nodes', () => {
    const [first, second] = journey.edges;
    const doc = expectValid(ops.removeElements(journey, [], [first!.id, second!.id]));
    expect(doc.nodes).toEqual(journey.nodes);
    expect(doc.edges.map((e) => e.id)).toEqual(journey.edges.slice(2).map((e) => e.id));
  });

  it('returns the same document when asked to remove nothing', () => {
    expect(ops.removeElements(journey, [], [])).toBe(journey);
  });

  it('clears the focus when the focused node goes', () => {
    const [stage, other] = stagesOf(journey);
    const focused = { ...journey, settings: { ...journey.settings, focusNodeId: stage!.id } };
    expect(expectValid(ops.removeElements(focused, [stage!.id])).settings.focusNodeId).toBeNull();
    expect(expectValid(ops.removeElements(focused, [other!.id])).settings.focusNodeId).toBe(stage!.id);
  });

  it('drops a removed stage from the presentation order', () => {
    const order = stagesOf(journey).map((s) => s.id);
    const ordered = { ...journey, settings: { ...journey.settings, presentationOrder: order } };
    const doc = expectValid(ops.removeElements(ordered, [order[1]!]));
    expect(doc.settings.presentationOrder).toEqual(order.filter((id) => id !== order[1]));
    expect(ops.removeElements(ordered, [journey.nodes.find((n) => n.kind === 'note')!.id]).settings).toBe(ordered.settings);
  });

  it('does not let a new stage inherit a removed stage\'s place in the presentation', () => {
    const added = ops.newStage(journey, 'sales', { x: 0, y: 0 });
    const withAdded = ops.addNode(journey, added);
    const ordered = { ...withAdded, settings: { ...withAdded.settings, presentationOrder: stagesOf(withAdded).map((s) => s.id) } };
    const removed = expectValid(ops.removeElements(ordered, [added.id]));
    const reused = ops.newStage(removed, 'sales', { x: 0, y: 0 });
    expect(reused.id).toBe(added.id); // ids are reused, which is what makes a stale entry dangerous
    expect(removed.settings.presentationOrder).not.toContain(reused.id);
  });

  it('leaves every preset valid whichever node is removed', () => {
    for (const file of presetFiles) {
      const doc = loadPreset(file);
      for (const node of doc.nodes) expectValid(ops.removeElements(doc, [node.id]), `${file} without ${node.id}`);
    }
  });
});

describe('copy and paste', () => {
  const withCallout = journey.callouts[0]!.nodeId;
  // A connected pair, one of which carries a callout.
  const pickedEdge = journey.edges.find((e) => e.source === withCallout || e.target === withCallout)!;
  const picked = [pickedEdge.source, pickedEdge.target];
  const placed: FunnelDocument = { ...journey, nodes: journey.nodes.map((n, i) => ({ ...n, position: { x: i * 100, y: i * 10 } })) };

  it('copies the chosen nodes with only the edges and callouts among them', () => {
    const fragment = ops.copyFragment(placed, picked);
    expect(fragment.nodes.map((n) => n.id).sort()).toEqual([...picked].sort());
    expect(fragment.edges.length).toBeGreaterThan(0);
    for (const e of fragment.edges) expect(picked.includes(e.source) && picked.includes(e.target)).toBe(true);
    expect(fragment.callouts.map((c) => c.nodeId)).toContain(withCallout);
  });

  it('pastes with fresh unique ids, remapped edges and callouts, shifted by the offset', () => {
    const fragment = ops.copyFragment(placed, picked);
    const offset = { x: 37, y: -12 };
    const { document, nodeIds } = ops.pasteFragment(placed, fragment, offset);
    const doc = expectValid(document);
    expect(new Set(allIds(doc)).size).toBe(allIds(doc).length);
    expect(nodeIds).toHaveLength(fragment.nodes.length);
    for (const id of nodeIds) expect(allIds(placed)).not.toContain(id);

    const pasted = doc.nodes.slice(placed.nodes.length);
    expect(pasted.map((n) => n.id)).toEqual(nodeIds);
    pasted.forEach((copy, i) => {
      const original = fragment.nodes[i]!;
      expect(copy.position).toEqual({ x: original.position!.x + offset.x, y: original.position!.y + offset.y });
      expect({ ...copy, id: original.id, position: original.position }).toEqual(original);
    });
    const newEdges = doc.edges.slice(placed.edges.length);
    expect(newEdges).toHaveLength(fragment.edges.length);
    for (const e of newEdges) expect(nodeIds.includes(e.source) && nodeIds.includes(e.target)).toBe(true);
    const newCallouts = doc.callouts.slice(placed.callouts.length);
    expect(newCallouts).toHaveLength(fragment.callouts.length);
    for (const c of newCallouts) expect(nodeIds).toContain(c.nodeId);
  });

  it('gives fresh ids again when the same fragment is pasted twice', () => {
    const fragment = ops.copyFragment(placed, picked);
    const once = ops.pasteFragment(placed, fragment, { x: 10, y: 10 });
    const twice = ops.pasteFragment(once.document, fragment, { x: 10, y: 10 });
    const doc = expectValid(twice.document);
    expect(new Set(allIds(doc)).size).toBe(allIds(doc).length);
    expect(twice.nodeIds.some((id) => once.nodeIds.includes(id))).toBe(false);
  });

  it('pastes into another document, dropping lanes that do not exist there', () => {
    const fragment = ops.copyFragment(placed, picked);
    expect(fragment.nodes.some((n) => n.kind === 'stage' && n.laneId)).toBe(true);
    const empty: FunnelDocument = { ...journey, lanes: [], nodes: [], edges: [], callouts: [] };
    const doc = expectValid(ops.pasteFragment(empty, fragment, { x: 0, y: 0 }).document);
    expect(doc.nodes.every((n) => n.kind !== 'stage' || n.laneId === undefined)).toBe(true);
  });

  it('pastes nodes that have no position without inventing one', () => {
    const fragment = ops.copyFragment(journey, picked);
    const doc = expectValid(ops.pasteFragment(journey, fragment, { x: 5, y: 5 }).document);
    expect(doc.nodes.slice(journey.nodes.length).every((n) => n.position === undefined)).toBe(true);
  });
});

describe('update and move', () => {
  it('patches one node and leaves the others alone', () => {
    const [stage] = stagesOf(journey);
    const doc = expectValid(ops.updateNode(journey, stage!.id, { title: 'Renamed' }));
    expect(doc.nodes.find((n) => n.id === stage!.id)).toMatchObject({ title: 'Renamed', kind: 'stage' });
    expect(doc.nodes.filter((n) => n.id !== stage!.id)).toEqual(journey.nodes.filter((n) => n.id !== stage!.id));
  });

  it('moves only the listed nodes and ignores unknown ids', () => {
    const [a, b] = journey.nodes;
    const doc = expectValid(ops.moveNodes(journey, new Map([[a!.id, { x: 1, y: 2 }], ['ghost', { x: 3, y: 4 }]])));
    expect(doc.nodes[0]!.position).toEqual({ x: 1, y: 2 });
    expect(doc.nodes[1]).toEqual(b);
    expect(ops.moveNodes(journey, new Map())).toBe(journey);
  });
});

describe('any sequence of operations', () => {
  type Op =
    | { kind: 'addStage'; phase: 'marketing' | 'sales' }
    | { kind: 'addNote' }
    | { kind: 'connect'; a: number; b: number }
    | { kind: 'remove'; nodes: number[]; edges: number[] }
    | { kind: 'paste'; nodes: number[] }
    | { kind: 'rename'; node: number; title: string };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('addStage' as const), phase: fc.constantFrom('marketing' as const, 'sales' as const) }),
    fc.record({ kind: fc.constant('addNote' as const) }),
    fc.record({ kind: fc.constant('connect' as const), a: fc.nat(), b: fc.nat() }),
    fc.record({ kind: fc.constant('remove' as const), nodes: fc.array(fc.nat(), { maxLength: 3 }), edges: fc.array(fc.nat(), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('paste' as const), nodes: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }) }),
    fc.record({ kind: fc.constant('rename' as const), node: fc.nat(), title: fc.string({ minLength: 1, maxLength: 30 }) }),
  );
  const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);

  function apply(doc: FunnelDocument, o: Op): FunnelDocument {
    switch (o.kind) {
      case 'addStage':
        return ops.addNode(doc, ops.newStage(doc, o.phase, { x: 0, y: 0 }));
      case 'addNote':
        return ops.addNode(doc, ops.newNote(doc, { x: 0, y: 0 }));
      case 'connect': {
        const a = pick(doc.nodes, o.a);
        const b = pick(doc.nodes, o.b);
        return a && b ? ops.connect(doc, a.id, b.id) : doc;
      }
      case 'remove':
        return ops.removeElements(
          doc,
          o.nodes.flatMap((i) => pick(doc.nodes, i)?.id ?? []),
          o.edges.flatMap((i) => pick(doc.edges, i)?.id ?? []),
        );
      case 'paste': {
        const ids = o.nodes.flatMap((i) => pick(doc.nodes, i)?.id ?? []);
        return ops.pasteFragment(doc, ops.copyFragment(doc, ids), { x: 40, y: 40 }).document;
      }
      case 'rename': {
        const node = pick(doc.nodes.filter((n): n is StageNode => n.kind === 'stage'), o.node);
        return node ? ops.updateNode(doc, node.id, { title: o.title }) : doc;
      }
    }
  }

  it('keeps every preset a valid document with unique ids', () => {
    fc.assert(
      fc.property(fc.constantFrom(...presetFiles), fc.array(op, { maxLength: 25 }), (file, sequence) => {
        let doc = loadPreset(file);
        for (const o of sequence) {
          doc = apply(doc, o);
          expectValid(doc, `${file} after ${o.kind}`);
          const ids = allIds(doc);
          expect(new Set(ids).size).toBe(ids.length);
          expect(doc.edges.every((e) => e.source !== e.target)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('ids while live', () => {
  it('two participants with different salts never pick the same new id', async () => {
    const { setIdSalt, nextId } = await import('../../src/model/operations');
    const { PRESETS } = await import('../../src/presets/catalog').catch(() => ({ PRESETS: [] as { document: import('../../src/model/schema').FunnelDocument }[] }));
    const doc = PRESETS[0]?.document;
    if (!doc) return;
    setIdSalt('a1');
    const first = nextId(doc, 'stage');
    setIdSalt('b2');
    const second = nextId(doc, 'stage');
    setIdSalt(null);
    const plain = nextId(doc, 'stage');
    expect(first).not.toBe(second);
    expect(first).toContain('a1');
    expect(plain).not.toContain('a1');
  });
});
