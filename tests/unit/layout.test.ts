import { describe, it, expect, vi, afterEach } from 'vitest';
import fc from 'fast-check';
import dagre from '@dagrejs/dagre';
import { ensurePositions, intersects, layoutDocument } from '../../src/layout/layoutDocument';
import { computeGeometry } from '../../src/layout/computeGeometry';
import type { Box, Geometry } from '../../src/layout/types';
import { parseDocument } from '../../src/model/parseDocument';
import type { DiagramEdge, DiagramNode, Direction, FunnelDocument, StageNode } from '../../src/model/schema';
import { loadPreset, presetFiles } from './presetFiles';

const DIRECTIONS: Direction[] = ['LR', 'TB'];


function layOut(doc: FunnelDocument, direction: Direction): { doc: FunnelDocument; geometry: Geometry } {
  const laidOut = layoutDocument(doc, { direction });
  return { doc: laidOut, geometry: computeGeometry(laidOut) };
}

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
/** Position along the flow: x for left-to-right, y for top-to-bottom. */
const along = (b: Box, direction: Direction) => (direction === 'LR' ? centre(b).x : centre(b).y);
const describeBox = (id: string, b: Box) => `${id} (${b.x},${b.y} ${b.width}×${b.height})`;

function overlappingPairs<T extends Box & { id: string }>(boxes: readonly T[]): string[] {
  // Sweep along x so 2,500-node layouts stay fast.
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  const pairs: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < a.x + a.width; j++) {
      const b = sorted[j]!;
      if (intersects(a, b)) pairs.push(`${describeBox(a.id, a)} overlaps ${describeBox(b.id, b)}`);
    }
  }
  // A handful is enough to diagnose; thousands would drown the report.
  return pairs.slice(0, 5);
}

function stagesOf(doc: FunnelDocument): StageNode[] {
  return doc.nodes.filter((n): n is StageNode => n.kind === 'stage');
}

/** Every stage that `from` reaches along flow and hand-off edges. */
function reachable(doc: FunnelDocument, from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    for (const e of doc.edges) {
      if (e.source === id && e.kind !== 'feedback' && !seen.has(e.target)) {
        seen.add(e.target);
        stack.push(e.target);
      }
    }
  }
  return seen;
}

function expectFeedbackKeepsOrder(doc: FunnelDocument, geometry: Geometry, direction: Direction): void {
  const boxById = new Map(geometry.nodes.map((n) => [n.id, n]));
  for (const edge of doc.edges.filter((e) => e.kind === 'feedback')) {
    // The loop's target comes earlier in the journey when the journey reaches its source from it.
    if (!reachable(doc, edge.target).has(edge.source)) continue;
    expect(along(boxById.get(edge.target)!, direction), `feedback ${edge.source} → ${edge.target}`).toBeLessThan(along(boxById.get(edge.source)!, direction));
  }
}

/** The geometric invariants every layout must satisfy. */
function expectSoundLayout(source: FunnelDocument, direction: Direction): { doc: FunnelDocument; geometry: Geometry } {
  const { doc, geometry } = layOut(source, direction);
  const label = `${source.title} ${direction}`;

  for (const node of doc.nodes) {
    expect(node.position, `${label}: position of ${node.id}`).toBeDefined();
    expect(Number.isFinite(node.position!.x) && Number.isFinite(node.position!.y), `${label}: finite position of ${node.id}`).toBe(true);
  }
  expect(overlappingPairs(geometry.nodes), `${label}: overlapping nodes`).toEqual([]);

  const boxById = new Map(geometry.nodes.map((n) => [n.id, n]));
  const laneById = new Map(geometry.lanes.map((l) => [l.id, l]));
  expect(geometry.lanes.map((l) => l.id)).toEqual(doc.lanes.map((l) => l.id));
  for (const stage of stagesOf(doc)) {
    if (!stage.laneId) continue;
    const box = boxById.get(stage.id)!;
    const lane = laneById.get(stage.laneId)!;
    const inside = box.x >= lane.x && box.y >= lane.y && box.x + box.width <= lane.x + lane.width && box.y + box.height <= lane.y + lane.height;
    expect(inside, `${label}: ${describeBox(stage.id, box)} outside lane ${describeBox(lane.id, lane)}`).toBe(true);
  }
  // Stages outside lanes and notes must not sit on a lane they do not belong to.
  for (const node of geometry.nodes) {
    const own = doc.nodes.find((n) => n.id === node.id);
    const laneId = own?.kind === 'stage' ? own.laneId : undefined;
    for (const lane of geometry.lanes) {
      if (lane.id !== laneId) expect(intersects(node, lane), `${label}: ${node.id} lies on lane ${lane.id}`).toBe(false);
    }
  }
  expect(overlappingPairs(geometry.lanes), `${label}: overlapping lanes`).toEqual([]);

  for (const edge of doc.edges) {
    if (edge.kind === 'feedback') continue;
    const s = boxById.get(edge.source)!;
    const t = boxById.get(edge.target)!;
    if (doc.nodes.find((n) => n.id === edge.source)?.kind !== 'stage' || doc.nodes.find((n) => n.id === edge.target)?.kind !== 'stage') continue;
    expect(along(s, direction), `${label}: ${edge.kind} edge ${edge.source} → ${edge.target} goes backwards`).toBeLessThan(along(t, direction));
  }
  return { doc, geometry };
}

describe.each(presetFiles)('layout of preset %s', (file) => {
  describe.each(DIRECTIONS)('%s', (direction) => {
    it('positions every node without overlaps, inside lanes, with flow edges pointing forward', () => {
      expectSoundLayout(loadPreset(file), direction);
    });

    it('keeps feedback loops from pulling a stage ahead of the stages it feeds back to', () => {
      const doc = loadPreset(file);
      expectFeedbackKeepsOrder(doc, layOut(doc, direction).geometry, direction);
    });

    it('records the direction it laid out in the document settings', () => {
      expect(layoutDocument(loadPreset(file), { direction }).settings.direction).toBe(direction);
    });

    it('is deterministic and shares no state between calls', () => {
      const doc = loadPreset(file);
      const first = layoutDocument(doc, { direction });
      expect(layoutDocument(doc, { direction })).toEqual(first);
      // Laying out another, larger document in between must not leak into this one.
      const other = presetFiles.map(loadPreset).find((d) => d.title !== doc.title && d.nodes.length !== doc.nodes.length)!;
      layoutDocument(other, { direction: direction === 'LR' ? 'TB' : 'LR' });
      layoutDocument(chain(40), { direction });
      expect(layoutDocument(doc, { direction })).toEqual(first);
    });

    it('does not change anything but positions and the direction', () => {
      const doc = loadPreset(file);
      const laidOut = layoutDocument(doc, { direction });
      const strip = (d: FunnelDocument) => ({ ...d, settings: { ...d.settings, direction: undefined }, nodes: d.nodes.map(({ position: _p, ...rest }) => rest) });
      expect(strip(laidOut)).toEqual(strip(doc));
    });
  });
});

describe('buyer-journey preset', () => {
  it.each(DIRECTIONS)('keeps the journey order despite its feedback loops (%s)', (direction) => {
    const { geometry } = layOut(loadPreset('buyer-journey.json'), direction);
    const at = (id: string) => {
      const box = geometry.nodes.find((n) => n.id === id);
      if (!box) throw new Error(`no node ${id}`);
      return along(box, direction);
    };
    expect(at('research')).toBeLessThan(at('measurement'));
    expect(at('prospecting')).toBeLessThan(at('follow-up'));
  });
});

describe('ensurePositions', () => {
  const preset = loadPreset('buyer-journey.json');

  it('lays out a document that has no positions at all', () => {
    expect(ensurePositions(preset)).toEqual(layoutDocument(preset));
  });

  it('returns the same document when every node already has a position', () => {
    const placed = layoutDocument(preset);
    expect(ensurePositions(placed)).toBe(placed);
  });

  it('keeps existing positions and only places the nodes without one', () => {
    const placed = layoutDocument(preset);
    const [moved, cleared] = stagesOf(placed);
    const edited: FunnelDocument = {
      ...placed,
      nodes: placed.nodes.map((n) => {
        if (n.id === moved!.id) return { ...n, position: { x: -5000, y: 7777 } };
        if (n.id === cleared!.id) return { ...n, position: undefined };
        return n;
      }),
    };
    const result = ensurePositions(edited);
    for (const [before, after] of edited.nodes.map((n, i) => [n, result.nodes[i]!] as const)) {
      expect(after.id).toBe(before.id);
      if (before.position) expect(after.position, `position of ${before.id}`).toEqual(before.position);
    }
    expect(result.nodes.find((n) => n.id === cleared!.id)!.position).toBeDefined();
  });
});

function chain(length: number, options: { direction?: Direction; description?: string } = {}): FunnelDocument {
  const nodes: DiagramNode[] = Array.from({ length }, (_, i) => ({
    id: `s${i}`,
    kind: 'stage',
    phase: i < length / 2 ? 'marketing' : 'sales',
    title: `Stage ${i}`,
    description: options.description ?? '',
  }));
  const edges: DiagramEdge[] = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: `s${i}`, target: n.id, kind: 'flow' }));
  return {
    format: 'funnel-diagram',
    version: 1,
    title: `Chain of ${length}`,
    description: '',
    metadata: {},
    settings: { direction: options.direction ?? 'LR', showStepNumbers: false, showMetrics: true, showDescriptions: options.description !== undefined },
    lanes: [],
    nodes,
    edges,
    callouts: [],
  };
}

describe('generated graphs', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('lays out a chain of 300 stages without overlaps, in order', () => {
    const doc = chain(300);
    const { geometry } = expectSoundLayout(doc, 'LR');
    const xs = geometry.nodes.map((n) => n.x);
    expect(xs.every((x, i) => i === 0 || x > xs[i - 1]!)).toBe(true);
  });

  it('lays out a chain of 2,500 stages (too deep for dagre) with the fallback, in order', () => {
    const dagreLayout = vi.spyOn(dagre, 'layout');
    const doc = chain(2500);
    const { geometry } = expectSoundLayout(doc, 'LR');
    // dagre was tried and overflowed its stack, so these positions come from the fallback.
    expect(dagreLayout.mock.results.some((r) => r.type === 'throw' && r.value instanceof RangeError)).toBe(true);
    const xs = geometry.nodes.map((n) => n.x);
    expect(xs.every((x, i) => i === 0 || x > xs[i - 1]!)).toBe(true);
  });

  it.each(DIRECTIONS)('keeps tall stages apart in the fallback layout (%s)', (direction) => {
    // Three-line titles and five-line descriptions make stages taller than the default size.
    const tall = chain(2500, { direction, description: 'A long description that wraps over many lines. '.repeat(12) });
    const doc: FunnelDocument = {
      ...tall,
      // A branch puts two stages side by side in the second rank.
      nodes: [...tall.nodes.map((n) => ({ ...n, title: `${(n as StageNode).title}: a title long enough to wrap onto three lines of text` })), { ...(tall.nodes[1] as StageNode), id: 'branch' }],
      edges: [...tall.edges, { id: 'e-branch', source: 's0', target: 'branch', kind: 'flow' }],
    };
    const dagreLayout = vi.spyOn(dagre, 'layout');
    expectSoundLayout(doc, direction);
    expect(dagreLayout.mock.results.some((r) => r.type === 'throw')).toBe(true);
  });

  it.each(DIRECTIONS)('keeps stages off lanes that have no members yet (%s)', (direction) => {
    // Regression: with lanes but no stage in any of them, stages were left on top of the empty bands.
    const doc: FunnelDocument = { ...chain(4, { direction }), lanes: [{ id: 'lane-a', title: 'A' }, { id: 'lane-b', title: 'B' }] };
    expectSoundLayout(doc, direction);
  });

  const randomDocument = fc
    .record({
      stageCount: fc.integer({ min: 1, max: 14 }),
      laneCount: fc.integer({ min: 0, max: 3 }),
      direction: fc.constantFrom<Direction>('LR', 'TB'),
      showDescriptions: fc.boolean(),
      seed: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
      edgePairs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom<DiagramEdge['kind']>('flow', 'flow', 'handoff', 'feedback')), { maxLength: 30 }),
      noteCount: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ stageCount, laneCount, direction, showDescriptions, seed, edgePairs, noteCount }): FunnelDocument => {
      const lanes = Array.from({ length: laneCount }, (_, i) => ({ id: `lane-${i}`, title: `Lane ${i}` }));
      const stages: DiagramNode[] = Array.from({ length: stageCount }, (_, i) => {
        const r = seed[i % seed.length]!;
        const lane = laneCount > 0 ? r % (laneCount + 1) : laneCount;
        return {
          id: `s${i}`,
          kind: 'stage',
          phase: r % 2 ? 'marketing' : 'sales',
          title: `Stage ${i}${' with a longer title'.repeat(r % 4)}`,
          description: 'Some words to describe it. '.repeat(r % 6),
          ...(lane < laneCount ? { laneId: `lane-${lane}` } : {}),
        };
      });
      const notes: DiagramNode[] = Array.from({ length: noteCount }, (_, i) => ({ id: `n${i}`, kind: 'note', text: 'A note '.repeat(seed[i]! % 20), color: 'yellow' }));
      const edges: DiagramEdge[] = [];
      const seen = new Set<string>();
      for (const [a, b, kind] of edgePairs) {
        const i = a % stageCount;
        const j = b % stageCount;
        if (i === j) continue;
        // Flow and hand-off edges go from lower to higher index (a DAG); feedback goes back.
        const [source, target] = kind === 'feedback' ? [Math.max(i, j), Math.min(i, j)] : [Math.min(i, j), Math.max(i, j)];
        const key = `${source}>${target}`;
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push({ id: `e${edges.length}`, source: `s${source}`, target: `s${target}`, kind });
      }
      return {
        format: 'funnel-diagram',
        version: 1,
        title: 'Random',
        description: '',
        metadata: {},
        settings: { direction, showStepNumbers: false, showMetrics: true, showDescriptions },
        lanes,
        nodes: [...stages, ...notes],
        edges,
        callouts: [],
      };
    });

  it('lays out random DAGs, with or without lanes, without overlaps', () => {
    fc.assert(
      fc.property(randomDocument, (doc) => {
        const parsed = parseDocument(doc);
        if (!parsed.ok) throw new Error(parsed.error.message);
        const direction = parsed.document.settings.direction;
        const { geometry } = expectSoundLayout(parsed.document, direction);
        expectFeedbackKeepsOrder(parsed.document, geometry, direction);
      }),
      { numRuns: Number(process.env.LAYOUT_RUNS ?? 60) },
    );
  });
});
