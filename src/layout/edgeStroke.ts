/**
 * What is actually stroked for an edge: the line, stopped just short of the tip so a thick
 * stroke never pokes through, and its arrowhead. Shared by the canvas and the SVG renderer.
 */
import { arrowheadPath, ARROW_SIZE } from './arrowhead';
import type { EdgeGeometry } from './types';

/** The thick hand-off line needs a larger head to read as an arrow. */
const ARROW_BY_KIND = { flow: ARROW_SIZE, feedback: ARROW_SIZE, handoff: 12 } as const;
const LINE_TRIM = ARROW_SIZE * 0.55;

export function edgeStroke(edge: Pick<EdgeGeometry, 'kind' | 'path' | 'end' | 'angle'>): { line: string; arrow: string } {
  const x = edge.end.x - LINE_TRIM * Math.cos(edge.angle);
  const y = edge.end.y - LINE_TRIM * Math.sin(edge.angle);
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    line: edge.path.replace(/(-?[\d.]+),(-?[\d.]+)\s*$/, `${r(x)},${r(y)}`),
    arrow: arrowheadPath(edge.end, edge.angle, ARROW_BY_KIND[edge.kind]),
  };
}
