/**
 * After a drag, a stage belongs to the lane it was dropped in. Bands are computed without the
 * dragged stages, so a lane that a stage leaves does not keep it by having grown around it.
 */
import type { FunnelDocument } from '../model/schema';
import { computeLaneBands, laneAt } from '../layout/lanes';
import { measureNode } from '../layout/nodeSize';
import type { Box } from '../layout/types';

export function assignDroppedStagesToLanes(doc: FunnelDocument, draggedIds: readonly string[]): FunnelDocument {
  if (doc.lanes.length === 0) return doc;
  const dragged = new Set(draggedIds);
  const boxes = new Map<string, Box>();
  for (const n of doc.nodes) {
    if (n.kind !== 'stage' || dragged.has(n.id) || !n.position) continue;
    boxes.set(n.id, { ...n.position, ...measureNode(n, doc.settings) });
  }
  const others: FunnelDocument = { ...doc, nodes: doc.nodes.filter((n) => !dragged.has(n.id)) };
  const bands = computeLaneBands(others, boxes, doc.settings.direction);
  const lanes = new Map(doc.lanes.map((l) => [l.id, l]));
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    if (n.kind !== 'stage' || !dragged.has(n.id) || !n.position) return n;
    const size = measureNode(n, doc.settings);
    const band = laneAt(bands, n.position.x + size.width / 2, n.position.y + size.height / 2);
    if (!band || band.id === n.laneId) return n;
    const lane = lanes.get(band.id)!;
    changed = true;
    return { ...n, laneId: lane.id, phase: lane.phase ?? n.phase };
  });
  return changed ? { ...doc, nodes } : doc;
}

/** Stages that a lane drag carries along. */
export function laneMemberIds(doc: FunnelDocument, laneId: string): string[] {
  return doc.nodes.filter((n) => n.kind === 'stage' && n.laneId === laneId).map((n) => n.id);
}
