/**
 * Document + geometry → React Flow's runtime nodes and edges. These are a view: they are rebuilt
 * from the document on every change and never saved.
 */
import type { Edge, Node } from '@xyflow/react';
import type { DiagramEdge, DiagramNode, FunnelDocument, Lane } from '../model/schema';
import type { EdgeGeometry, Geometry, LaneGeometry, NodeGeometry } from '../layout/types';
import type { Selection } from '../store/editorStore';
import type { FunnelMetrics } from '../metrics/computeFunnel';

/** Numbers shown on a stage: its volume, whether the user typed it, and whether it leaks most. */
export type StageNumbers = { volume?: number; explicit: boolean; biggestDropOff: boolean };
/** `editable` is false in read-only views (shared links, embeds): text and comments can be read, not changed. */
export type DiagramNodeData = { node: DiagramNode; geometry: NodeGeometry; step?: number; callouts: number; dimmed: boolean; numbers?: StageNumbers; editable: boolean };
export type LaneNodeData = { lane: Lane; geometry: LaneGeometry };
export type DiagramEdgeData = { edge: DiagramEdge; geometry: EdgeGeometry; dimmed: boolean; editable: boolean };

export type FlowNode = Node<DiagramNodeData, 'stage' | 'note' | 'label'> | Node<LaneNodeData, 'lane'>;
export type FlowEdge = Edge<DiagramEdgeData, 'diagram'>;

export const LANE_PREFIX = 'lane:';

export function toFlowNodes(doc: FunnelDocument, geometry: Geometry, selection: Selection, steps: ReadonlyMap<string, number>, metrics?: FunnelMetrics, editable = true): FlowNode[] {
  const selectedNodes = new Set(selection.nodeIds);
  const selectedLanes = new Set(selection.laneIds);
  const lanesById = new Map(doc.lanes.map((l) => [l.id, l]));
  const calloutCounts = new Map<string, number>();
  for (const c of doc.callouts) calloutCounts.set(c.nodeId, (calloutCounts.get(c.nodeId) ?? 0) + 1);
  const focus = doc.settings.focusNodeId ?? null;
  const neighbours = focus ? focusSet(doc, focus) : null;

  const lanes: FlowNode[] = geometry.lanes.map((g) => ({
    id: LANE_PREFIX + g.id,
    type: 'lane',
    position: { x: g.x, y: g.y },
    width: g.width,
    height: g.height,
    data: { lane: lanesById.get(g.id)!, geometry: g },
    selected: selectedLanes.has(g.id),
    dragHandle: '.lane-header',
    zIndex: -1,
    connectable: false,
  }));
  const geometryById = new Map(geometry.nodes.map((g) => [g.id, g]));
  const nodes: FlowNode[] = doc.nodes.map((n) => {
    const g = geometryById.get(n.id)!;
    return {
      id: n.id,
      type: n.kind,
      position: { x: g.x, y: g.y },
      width: g.width,
      height: g.height,
      data: {
        node: n,
        geometry: g,
        step: steps.get(n.id),
        callouts: calloutCounts.get(n.id) ?? 0,
        dimmed: neighbours ? !neighbours.has(n.id) : false,
        numbers: metrics && n.kind === 'stage' ? { volume: metrics.stages.get(n.id)?.volume, explicit: Boolean(metrics.stages.get(n.id)?.explicit), biggestDropOff: metrics.biggestDropOff?.stageId === n.id } : undefined,
        editable,
      },
      selected: selectedNodes.has(n.id),
      connectable: n.kind === 'stage',
    };
  });
  return [...lanes, ...nodes];
}

export function toFlowEdges(doc: FunnelDocument, geometry: Geometry, selection: Selection, editable = true): FlowEdge[] {
  const selected = new Set(selection.edgeIds);
  const geometryById = new Map(geometry.edges.map((g) => [g.id, g]));
  const focus = doc.settings.focusNodeId ?? null;
  return doc.edges.flatMap((e): FlowEdge[] => {
    const g = geometryById.get(e.id);
    if (!g) return [];
    const dimmed = focus !== null && e.source !== focus && e.target !== focus;
    return [{ id: e.id, type: 'diagram', source: e.source, target: e.target, data: { edge: e, geometry: g, dimmed, editable }, selected: selected.has(e.id), zIndex: 0 }];
  });
}

/** The focused stage and its direct neighbours stay lit when "dim everything else" is on. */
function focusSet(doc: FunnelDocument, focus: string): Set<string> {
  const lit = new Set([focus]);
  for (const e of doc.edges) {
    if (e.source === focus) lit.add(e.target);
    if (e.target === focus) lit.add(e.source);
  }
  for (const c of doc.callouts) if (c.nodeId === focus) lit.add(c.id);
  return lit;
}
