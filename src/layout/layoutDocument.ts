/**
 * Automatic layout: a pure, deterministic function from a document to the same document with
 * every node positioned. Stages are ranked by dagre along the flow; lanes then claim their own
 * band across it. Feedback loops are left out of the ranking so they never pull stages backwards.
 */
import dagre from '@dagrejs/dagre';
import type { DiagramNode, Direction, FunnelDocument, Position } from '../model/schema';
import { EDGE_LABEL, LANE, LAYOUT } from './constants';
import { measureTextWidth, wrapText } from './measureText';
import { edgeLabelText } from '../metrics/format';
import { measureNode } from './nodeSize';
import type { Box } from './types';
import { rankByLongestPath } from './fallbackRanks';
import { intersects, unionBox } from './boxes';
import { computeGeometry } from './computeGeometry';

export interface LayoutOptions {
  direction?: Direction;
}

interface Centre {
  main: number;
  cross: number;
}

export function layoutDocument(doc: FunnelDocument, options: LayoutOptions = {}): FunnelDocument {
  const direction = options.direction ?? doc.settings.direction;
  const horizontal = direction === 'LR';
  const sizes = new Map(doc.nodes.map((n) => [n.id, measureNode(n, doc.settings)]));
  const stages = doc.nodes.filter((n) => n.kind === 'stage');
  const mainSize = (id: string) => (horizontal ? sizes.get(id)!.width : sizes.get(id)!.height);
  const crossSize = (id: string) => (horizontal ? sizes.get(id)!.height : sizes.get(id)!.width);

  const centres = rankStages(doc, direction, sizes);
  // Lanes claim their bands even when no stage is in them yet, so loose stages never sit on an empty lane.
  if (doc.lanes.length > 0) packIntoLanes(doc, horizontal, centres, mainSize, crossSize);

  const positions = new Map<string, Position>();
  for (const stage of stages) {
    const c = centres.get(stage.id)!;
    const size = sizes.get(stage.id)!;
    const cx = horizontal ? c.main : c.cross;
    const cy = horizontal ? c.cross : c.main;
    positions.set(stage.id, { x: Math.round(cx - size.width / 2), y: Math.round(cy - size.height / 2) });
  }

  // Annotations must also keep clear of lane bands and the arcs of feedback loops.
  const stagesOnly = computeGeometry({
    ...doc,
    settings: { ...doc.settings, direction },
    nodes: stages.map((s) => ({ ...s, position: positions.get(s.id) })),
  });
  const occupied: Box[] = [...stagesOnly.nodes, ...stagesOnly.lanes];
  placeAnnotations(doc.nodes, sizes, occupied, stagesOnly.bounds, positions);

  return {
    ...doc,
    settings: { ...doc.settings, direction },
    nodes: doc.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })),
  };
}

/** Positions only the nodes that have none; manual positions are kept until auto layout is asked for. */
export function ensurePositions(doc: FunnelDocument): FunnelDocument {
  if (doc.nodes.every((n) => n.position)) return doc;
  const laidOut = layoutDocument(doc);
  if (doc.nodes.every((n) => !n.position)) return laidOut;
  const fresh = new Map(laidOut.nodes.map((n) => [n.id, n.position]));
  return { ...doc, nodes: doc.nodes.map((n) => (n.position ? n : { ...n, position: fresh.get(n.id) })) };
}

function rankStages(doc: FunnelDocument, direction: Direction, sizes: Map<string, { width: number; height: number }>): Map<string, Centre> {
  const horizontal = direction === 'LR';
  const stageIds = new Set(doc.nodes.filter((n) => n.kind === 'stage').map((n) => n.id));
  const rankedEdges = doc.edges.filter((e) => e.kind !== 'feedback' && e.source !== e.target && stageIds.has(e.source) && stageIds.has(e.target));
  // A fresh graph on every call: a shared module-level graph would leak nodes between documents.
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: direction, nodesep: LAYOUT.nodeSep, ranksep: LAYOUT.rankSep, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of stageIds) g.setNode(id, { width: sizes.get(id)!.width, height: sizes.get(id)!.height });
  for (const e of rankedEdges) {
    // A labelled edge asks dagre for room, so its label never sits on a stage or an arrowhead.
    const text = edgeLabelText(e, doc.settings.showMetrics);
    const label = text ? wrapText(text, EDGE_LABEL.maxWidth - 2 * EDGE_LABEL.padding, EDGE_LABEL.fontSize, 400, 3) : [];
    const width = label.length ? Math.max(...label.map((l) => measureTextWidth(l, EDGE_LABEL.fontSize, 400))) + 2 * EDGE_LABEL.padding + 16 : 0;
    g.setEdge(e.source, e.target, label.length ? { width, height: label.length * EDGE_LABEL.lineHeight + 2 * EDGE_LABEL.padding, labelpos: 'c' } : {});
  }
  const centres = new Map<string, Centre>();
  try {
    dagre.layout(g);
    for (const id of stageIds) {
      const n = g.node(id) as { x: number; y: number };
      centres.set(id, horizontal ? { main: n.x, cross: n.y } : { main: n.y, cross: n.x });
    }
  } catch (err) {
    // dagre recurses once per rank; very long chains overflow the stack. Fall back to a plain layered layout.
    if (!(err instanceof RangeError)) throw err;
    const ranks = rankByLongestPath([...stageIds], rankedEdges);
    const perRank = new Map<number, number>();
    // Space ranks and slots by the largest stage, so tall (described, wrapped) stages never overlap.
    let mainMax = 0;
    let crossMax = 0;
    for (const id of stageIds) {
      const size = sizes.get(id)!;
      mainMax = Math.max(mainMax, horizontal ? size.width : size.height);
      crossMax = Math.max(crossMax, horizontal ? size.height : size.width);
    }
    const step = mainMax + LAYOUT.rankSep;
    for (const id of stageIds) {
      const rank = ranks.get(id) ?? 0;
      const slot = perRank.get(rank) ?? 0;
      perRank.set(rank, slot + 1);
      centres.set(id, { main: rank * step, cross: slot * (crossMax + LAYOUT.nodeSep) });
    }
  }
  return centres;
}

/**
 * Moves each stage across the flow into its lane's band. Within a band, stages whose spans along
 * the flow would collide go to separate tracks, so nothing overlaps.
 */
function packIntoLanes(doc: FunnelDocument, horizontal: boolean, centres: Map<string, Centre>, mainSize: (id: string) => number, crossSize: (id: string) => number): void {
  const groups = new Map<string, string[]>(doc.lanes.map((l) => [l.id, []]));
  const loose: string[] = [];
  for (const n of doc.nodes) {
    if (n.kind !== 'stage') continue;
    const group = n.laneId ? groups.get(n.laneId) : undefined;
    (group ?? loose).push(n.id);
  }
  let cursor = 0;
  for (const ids of [...groups.values(), loose]) {
    if (ids.length === 0) {
      if (ids !== loose) cursor += LANE.emptySize + LANE.gap;
      continue;
    }
    ids.sort((a, b) => centres.get(a)!.cross - centres.get(b)!.cross || centres.get(a)!.main - centres.get(b)!.main);
    const tracks: Array<Array<[number, number]>> = [];
    const trackOf = new Map<string, number>();
    for (const id of ids) {
      const c = centres.get(id)!;
      const span: [number, number] = [c.main - mainSize(id) / 2 - LAYOUT.nodeSep / 2, c.main + mainSize(id) / 2 + LAYOUT.nodeSep / 2];
      let t = tracks.findIndex((track) => track.every(([s, e]) => span[1] <= s || span[0] >= e));
      if (t === -1) t = tracks.push([]) - 1;
      tracks[t]!.push(span);
      trackOf.set(id, t);
    }
    const trackSize = Math.max(...ids.map(crossSize));
    const start = cursor + LANE.padding + (horizontal ? LANE.headerSize : 0);
    for (const id of ids) centres.get(id)!.cross = start + trackOf.get(id)! * (trackSize + LAYOUT.nodeSep) + trackSize / 2;
    cursor = start + tracks.length * trackSize + (tracks.length - 1) * LAYOUT.nodeSep + LANE.padding + LANE.gap;
  }
}

/**
 * Notes and labels keep their place unless they have none or would sit on a stage or lane.
 * Headings then go in a row above the diagram, notes and captions in a row below it.
 */
function placeAnnotations(nodes: readonly DiagramNode[], sizes: Map<string, { width: number; height: number }>, occupied: Box[], diagram: Box, positions: Map<string, Position>): void {
  const annotations = nodes.filter((n) => n.kind !== 'stage');
  const bounds = unionBox([...occupied, diagram]);
  const above: DiagramNode[] = [];
  const below: DiagramNode[] = [];
  for (const n of annotations) {
    const size = sizes.get(n.id)!;
    if (n.position && !occupied.some((b) => intersects({ ...n.position!, ...size }, b))) {
      positions.set(n.id, n.position);
      occupied.push({ ...n.position, ...size });
      continue;
    }
    (n.kind === 'label' && n.variant === 'heading' ? above : below).push(n);
  }
  let x = bounds.x;
  for (const n of above) {
    const size = sizes.get(n.id)!;
    positions.set(n.id, { x: Math.round(x), y: Math.round(bounds.y - LAYOUT.annotationGap / 2 - size.height) });
    x += size.width + LAYOUT.annotationGap;
  }
  x = bounds.x;
  for (const n of below) {
    const size = sizes.get(n.id)!;
    positions.set(n.id, { x: Math.round(x), y: Math.round(bounds.y + bounds.height + LAYOUT.annotationGap) });
    x += size.width + LAYOUT.nodeSep;
  }
}

/** Re-exported for callers that think of them as layout helpers. */
export { intersects, unionBox } from './boxes';
