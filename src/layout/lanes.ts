/**
 * Lane bands. For left-to-right diagrams lanes are horizontal bands stacked top to bottom;
 * for top-to-bottom diagrams they are vertical columns. A band always spans the whole
 * diagram along the flow axis and wraps its member stages across it.
 */
import type { Direction, FunnelDocument } from '../model/schema';
import { LANE } from './constants';
import type { Box, LaneGeometry } from './types';

export interface PlacedBox extends Box {
  id: string;
}

/** Members of each lane, by lane id, from the document. */
export function laneMembers(doc: FunnelDocument): Map<string, string[]> {
  const members = new Map<string, string[]>(doc.lanes.map((lane) => [lane.id, []]));
  for (const node of doc.nodes) {
    if (node.kind === 'stage' && node.laneId) members.get(node.laneId)?.push(node.id);
  }
  return members;
}

/**
 * Computes lane rectangles around their members' boxes. Bands follow the lane order and never
 * overlap: each starts at least LANE.gap after the previous one ends.
 */
export function computeLaneBands(doc: FunnelDocument, boxes: ReadonlyMap<string, Box>, direction: Direction): LaneGeometry[] {
  if (doc.lanes.length === 0) return [];
  const horizontal = direction === 'LR';
  const members = laneMembers(doc);
  const laned = [...members.values()].flat().map((id) => boxes.get(id)).filter((b): b is Box => b !== undefined);
  const all = laned.length > 0 ? laned : [...boxes.values()];
  if (all.length === 0) all.push({ x: 0, y: 0, width: LANE.emptySize, height: LANE.emptySize });
  const mainStart = Math.min(...all.map((b) => (horizontal ? b.x : b.y))) - LANE.padding - (horizontal ? 0 : LANE.headerSize);
  const mainEnd = Math.max(...all.map((b) => (horizontal ? b.x + b.width : b.y + b.height))) + LANE.padding;

  const bands: LaneGeometry[] = [];
  let cursor = -Infinity;
  for (const lane of doc.lanes) {
    const memberBoxes = (members.get(lane.id) ?? []).map((id) => boxes.get(id)).filter((b): b is Box => b !== undefined);
    let crossStart: number;
    let crossEnd: number;
    if (memberBoxes.length > 0) {
      crossStart = Math.min(...memberBoxes.map((b) => (horizontal ? b.y : b.x))) - LANE.padding - (horizontal ? LANE.headerSize : 0);
      crossEnd = Math.max(...memberBoxes.map((b) => (horizontal ? b.y + b.height : b.x + b.width))) + LANE.padding;
    } else {
      crossStart = Number.isFinite(cursor) ? cursor : 0;
      crossEnd = crossStart + LANE.emptySize;
    }
    if (crossStart < cursor) {
      crossEnd += cursor - crossStart;
      crossStart = cursor;
    }
    cursor = crossEnd + LANE.gap;
    bands.push(
      horizontal
        ? { id: lane.id, title: lane.title, x: mainStart, y: crossStart, width: mainEnd - mainStart, height: crossEnd - crossStart }
        : { id: lane.id, title: lane.title, x: crossStart, y: mainStart, width: crossEnd - crossStart, height: mainEnd - mainStart },
    );
  }
  return bands;
}

/** The lane whose band contains the point, if any. */
export function laneAt(bands: readonly LaneGeometry[], x: number, y: number): LaneGeometry | undefined {
  return bands.find((b) => x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height);
}
