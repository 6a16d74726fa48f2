import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { DiagramEdge, FunnelDocument, StageNode } from '../../src/model/schema';
import { computeFunnel, type FunnelMetrics } from '../../src/metrics/computeFunnel';

/** Relative tolerance for comparing sums and products of floats. */
const EPS = 1e-9;
const close = (a: number, b: number) => Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
const atMost = (a: number, b: number) => a <= b + EPS * Math.max(1, Math.abs(a), Math.abs(b));

interface Shape {
  /** Explicit volume per stage (topological index), or null for "computed". */
  volumes: (number | null)[];
  /** Edges between topological indexes, always from a lower to a higher index. */
  edges: { from: number; to: number; rate: number | undefined }[];
  /** Order in which the stages are listed in the document (a permutation). */
  listing: number[];
}

/**
 * Random DAGs: stages 0..n-1 in topological order, listed in a shuffled order. Each stage's
 * outgoing rates are weights divided by (their sum + a "lost" weight), so they add up to ≤ 1.
 * Stages without incoming edges always get a volume; others sometimes do (overrides).
 */
const shapes: fc.Arbitrary<Shape> = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc
    .record({
      volumes: fc.array(fc.option(fc.double({ min: 0, max: 1e7, noNaN: true }), { freq: 3, nil: null }), { minLength: n, maxLength: n }),
      entry: fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: n, maxLength: n }),
      links: fc.array(
        fc.record({ to: fc.array(fc.boolean(), { minLength: n, maxLength: n }), weights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n + 1, maxLength: n + 1 }), unrated: fc.array(fc.integer({ min: 0, max: 9 }).map((x) => x === 0), { minLength: n, maxLength: n }) }),
        { minLength: n, maxLength: n },
      ),
      listing: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    })
    .map(({ volumes, entry, links, listing }) => {
      const edges: Shape['edges'] = [];
      links.forEach((link, from) => {
        const targets = link.to.flatMap((on, to) => (on && to > from ? [to] : []));
        const total = targets.reduce((sum, to) => sum + link.weights[to]!, 0) + link.weights[n]! + 1;
        for (const to of targets) edges.push({ from, to, rate: link.unrated[to] ? undefined : link.weights[to]! / total });
      });
      const hasIncoming = new Set(edges.map((e) => e.to));
      return { volumes: volumes.map((v, i) => (hasIncoming.has(i) ? v : (v ?? entry[i]!))), edges, listing };
    }),
);

type ExtraEdge = Pick<DiagramEdge, 'kind' | 'conversionRate'> & { from: number; to: number };

function toDoc(shape: Shape, extraEdges: ExtraEdge[] = []): FunnelDocument {
  const stage = (i: number): StageNode => ({ id: `s${i}`, kind: 'stage', phase: 'marketing', title: `Stage ${i}`, description: '', volume: shape.volumes[i] ?? undefined });
  const edges = [...shape.edges.map((e) => ({ ...e, kind: 'flow' as const, conversionRate: e.rate })), ...extraEdges];
  return {
    format: 'funnel-diagram',
    version: 1,
    title: 'Random',
    description: '',
    metadata: {},
    settings: { direction: 'LR', showStepNumbers: false, showMetrics: true, showDescriptions: false },
    lanes: [],
    nodes: shape.listing.map(stage),
    edges: edges.map((e, i) => ({ id: `e${i}`, source: `s${e.from}`, target: `s${e.to}`, kind: e.kind, conversionRate: e.conversionRate })),
    callouts: [],
  };
}

function volumesOf(m: FunnelMetrics): (number | undefined)[] {
  return [...m.stages.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, s]) => s.volume);
}

describe('computeFunnel properties on random DAGs', () => {
  it('(a) a computed volume never exceeds the flows into it, and no edge carries more than its source', () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const doc = toDoc(shape);
        const m = computeFunnel(doc);
        for (const node of doc.nodes) {
          const s = m.stages.get(node.id)!;
          if (s.explicit || s.volume === undefined) continue;
          const inflow = doc.edges.filter((e) => e.target === node.id).reduce((sum, e) => sum + (m.edges.get(e.id)?.flow ?? 0), 0);
          expect(atMost(s.volume, inflow)).toBe(true);
        }
        for (const e of doc.edges) {
          const flow = m.edges.get(e.id)?.flow;
          if (flow === undefined) continue;
          expect(atMost(flow, m.stages.get(e.source)!.volume!)).toBe(true);
          expect(flow).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('(b) scaling every explicit volume by k scales every computed volume by k', () => {
    fc.assert(
      fc.property(shapes, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (shape, k) => {
        const base = volumesOf(computeFunnel(toDoc(shape)));
        const scaled = volumesOf(computeFunnel(toDoc({ ...shape, volumes: shape.volumes.map((v) => (v === null ? null : v * k)) })));
        base.forEach((v, i) => {
          const w = scaled[i];
          if (v === undefined) expect(w).toBeUndefined();
          else expect(close(w!, v * k)).toBe(true);
        });
      }),
    );
  });

  it('(c) the flow out of a stage never exceeds its volume', () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const m = computeFunnel(toDoc(shape));
        for (const s of m.stages.values()) {
          if (s.volume === undefined) continue;
          expect(atMost(s.outflow, s.volume)).toBe(true);
          if (s.dropOff !== undefined) expect(s.dropOff).toBeGreaterThanOrEqual(-EPS * Math.max(1, s.volume));
        }
      }),
    );
  });

  const backEdges = fc.array(fc.record({ a: fc.nat(), b: fc.nat(), rate: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 6 });
  const loopsFor = (shape: Shape, extra: { a: number; b: number; rate: number }[], kind: DiagramEdge['kind']): ExtraEdge[] => {
    const n = shape.volumes.length;
    return extra.map(({ a, b, rate }) => ({ from: Math.max(a % n, b % n), to: Math.min(a % n, b % n), kind, conversionRate: rate }));
  };

  it('feedback edges back to earlier stages change no volume', () => {
    fc.assert(
      fc.property(shapes, backEdges, (shape, extra) => {
        const plain = computeFunnel(toDoc(shape));
        const looped = computeFunnel(toDoc(shape, loopsFor(shape, extra, 'feedback')));
        expect(volumesOf(looped)).toEqual(volumesOf(plain));
        for (const [id, s] of looped.stages) expect(s.dropOff).toEqual(plain.stages.get(id)!.dropOff);
      }),
    );
  });

  it('flow edges that close cycles still give one finite volume per stage', () => {
    fc.assert(
      fc.property(shapes, backEdges, (shape, extra) => {
        const doc = toDoc(shape, loopsFor(shape, extra, 'flow'));
        const m = computeFunnel(doc);
        expect(m.stages.size).toBe(shape.volumes.length);
        for (const s of m.stages.values()) if (s.volume !== undefined) expect(Number.isFinite(s.volume)).toBe(true);
        // The edges that carry volume form no cycle: repeatedly removing stages without incoming
        // counted edges removes them all (Kahn's algorithm).
        let counted = doc.edges.filter((e) => m.edges.get(e.id) && !m.edges.get(e.id)!.ignored);
        let left = new Set(doc.nodes.map((n) => n.id));
        while (left.size > 0) {
          const sources = [...left].filter((id) => !counted.some((e) => e.target === id));
          expect(sources.length).toBeGreaterThan(0);
          left = new Set([...left].filter((id) => !sources.includes(id)));
          counted = counted.filter((e) => left.has(e.source));
        }
      }),
    );
  });
});
