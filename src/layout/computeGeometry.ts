/**
 * Document → Geometry: the one picture every view draws. Expects positioned nodes
 * (see `ensurePositions`); nodes without a position are placed at the origin.
 */
import type { FunnelDocument } from '../model/schema';
import { measureNode } from './nodeSize';
import { computeLaneBands } from './lanes';
import { routeEdge } from './edgeRouting';
import { unionBox } from './boxes';
import { EDGE_LABEL } from './constants';
import { measureTextWidth, wrapText } from './measureText';
import { edgeLabelText } from '../metrics/format';
import type { Box, EdgeGeometry, Geometry, NodeGeometry, Point, TextBlock } from './types';

export function computeGeometry(doc: FunnelDocument): Geometry {
  const direction = doc.settings.direction;
  const horizontal = direction === 'LR';
  const nodes: NodeGeometry[] = doc.nodes.map((n) => {
    const m = measureNode(n, doc.settings);
    return { id: n.id, kind: n.kind, x: n.position?.x ?? 0, y: n.position?.y ?? 0, width: m.width, height: m.height, text: m.text, detail: m.detail };
  });
  const byId = new Map<string, NodeGeometry>(nodes.map((n) => [n.id, n]));
  const stageBoxes = new Map<string, Box>(nodes.filter((n) => n.kind === 'stage').map((n) => [n.id, n]));
  const lanes = computeLaneBands(doc, stageBoxes, direction);
  const firstLane = doc.lanes[0]?.id;
  const laneOf = new Map(doc.nodes.map((n) => [n.id, n.kind === 'stage' ? n.laneId : undefined]));

  const edges: EdgeGeometry[] = [];
  for (const e of doc.edges) {
    const source = byId.get(e.source);
    const target = byId.get(e.target);
    if (!source || !target) continue;
    // Loops in the first lane arc above it; loops further down arc below, away from the others.
    const loopSide = laneOf.get(e.source) && laneOf.get(e.source) !== firstLane ? 'after' : 'before';
    const route = routeEdge(source, target, e.kind, horizontal, loopSide);
    const text = edgeLabelText(e, doc.settings.showMetrics);
    const label = { lines: text ? wrapText(text, EDGE_LABEL.maxWidth - 2 * EDGE_LABEL.padding, EDGE_LABEL.fontSize, 400, 3) : [], fontSize: EDGE_LABEL.fontSize, fontWeight: 400 as const, lineHeight: EDGE_LABEL.lineHeight };
    const labelBox = labelPill(label, route.labelAt);
    edges.push({ id: e.id, kind: e.kind, source: e.source, target: e.target, ...route, label, ...(labelBox ? { labelBox } : {}) });
  }

  const bounds = unionBox([...nodes, ...lanes, ...edges.flatMap(edgeExtent), ...edges.flatMap((e) => (e.labelBox ? [e.labelBox] : []))]);
  return { direction, bounds, lanes, nodes, edges };
}

/** A tight box around the drawn curve, sampled along the cubic (its control points overshoot). */
function edgeExtent(edge: EdgeGeometry): Box[] {
  const p = [...edge.path.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m): Point => ({ x: Number(m[1]), y: Number(m[2]) }));
  if (p.length !== 4) return [];
  const samples: Box[] = [];
  for (let i = 0; i <= 16; i++) {
    const t = i / 16;
    const u = 1 - t;
    const at = (k: 'x' | 'y') => u * u * u * p[0]![k] + 3 * u * u * t * p[1]![k] + 3 * u * t * t * p[2]![k] + t * t * t * p[3]![k];
    samples.push({ x: at('x'), y: at('y'), width: 0, height: 0 });
  }
  return [unionBox(samples)];
}

/** The rounded background of an edge label, sized to its widest line; undefined without a label. */
function labelPill(label: TextBlock, at: Point): Box | undefined {
  if (label.lines.length === 0) return undefined;
  const width = Math.max(...label.lines.map((l) => measureTextWidth(l, label.fontSize, 400))) + 2 * EDGE_LABEL.padding;
  const height = label.lines.length * label.lineHeight + 2 * EDGE_LABEL.padY;
  return { x: at.x - width / 2, y: at.y - height / 2, width, height };
}
