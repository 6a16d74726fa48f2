/**
 * Edge paths as cubic Béziers between node sides. The canvas edge component and the SVG
 * renderer both call `routeEdge`, so a line looks the same everywhere.
 */
import type { EdgeKind } from '../model/schema';
import type { Box, Point } from './types';

export type Side = 'left' | 'right' | 'top' | 'bottom';

export interface Route {
  path: string;
  labelAt: Point;
  end: Point;
  /** Direction of travel at the end, in radians, for the arrowhead. */
  angle: number;
}

/** Gap left before the target so the arrowhead's tip touches the node's border. */
const ARROW_CLEARANCE = 2;

/**
 * Routes from source to target. Forward edges leave the side facing the target. A feedback loop
 * arcs outside the diagram, on `loopSide` ('before' = above/left, 'after' = below/right).
 */
export function routeEdge(source: Box, target: Box, kind: EdgeKind, horizontal: boolean, loopSide: 'before' | 'after' = 'before'): Route {
  if (kind === 'feedback') return routeLoop(source, target, horizontal, loopSide);
  const [fromSide, toSide] = facingSides(source, target, horizontal);
  const start = anchor(source, fromSide, 0);
  const end = anchor(target, toSide, ARROW_CLEARANCE);
  // Control arms scale with the distance along the exit direction; a long arm on a short hop overshoots.
  const along = fromSide === 'left' || fromSide === 'right' ? Math.abs(end.x - start.x) : Math.abs(end.y - start.y);
  const reach = Math.max(24, along * 0.5);
  return bezier(start, offset(start, fromSide, reach), offset(end, toSide, reach), end);
}

function routeLoop(source: Box, target: Box, horizontal: boolean, loopSide: 'before' | 'after'): Route {
  const side: Side = horizontal ? (loopSide === 'before' ? 'top' : 'bottom') : loopSide === 'before' ? 'left' : 'right';
  const start = anchor(source, side, 0);
  const end = anchor(target, side, ARROW_CLEARANCE);
  const span = Math.hypot(end.x - start.x, end.y - start.y);
  const lift = Math.min(160, 45 + span * 0.12);
  // Push both control points beyond the outermost of the two nodes so the arc clears them.
  const c1 = offset(start, side, lift);
  const c2 = offset(end, side, lift);
  const outer = side === 'top' ? Math.min(c1.y, c2.y) : side === 'bottom' ? Math.max(c1.y, c2.y) : side === 'left' ? Math.min(c1.x, c2.x) : Math.max(c1.x, c2.x);
  if (side === 'top' || side === 'bottom') {
    c1.y = outer;
    c2.y = outer;
  } else {
    c1.x = outer;
    c2.x = outer;
  }
  return bezier(start, c1, c2, end);
}

/**
 * Picks the pair of sides that face each other. A target further along the flow is always
 * entered from the flow's side (so edges from a stacked column do not run through it);
 * otherwise the axis with the larger gap wins.
 */
export function facingSides(a: Box, b: Box, horizontal?: boolean): [Side, Side] {
  const dx = b.x + b.width / 2 - (a.x + a.width / 2);
  const dy = b.y + b.height / 2 - (a.y + a.height / 2);
  const gapX = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width));
  const gapY = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height));
  if (horizontal === true && b.x - (a.x + a.width) > 0) return ['right', 'left'];
  if (horizontal === false && b.y - (a.y + a.height) > 0) return ['bottom', 'top'];
  if (gapX >= gapY) return dx >= 0 ? ['right', 'left'] : ['left', 'right'];
  return dy >= 0 ? ['bottom', 'top'] : ['top', 'bottom'];
}

function anchor(box: Box, side: Side, clearance: number): Point {
  switch (side) {
    case 'left':
      return { x: box.x - clearance, y: box.y + box.height / 2 };
    case 'right':
      return { x: box.x + box.width + clearance, y: box.y + box.height / 2 };
    case 'top':
      return { x: box.x + box.width / 2, y: box.y - clearance };
    case 'bottom':
      return { x: box.x + box.width / 2, y: box.y + box.height + clearance };
  }
}

function offset(p: Point, side: Side, distance: number): Point {
  switch (side) {
    case 'left':
      return { x: p.x - distance, y: p.y };
    case 'right':
      return { x: p.x + distance, y: p.y };
    case 'top':
      return { x: p.x, y: p.y - distance };
    case 'bottom':
      return { x: p.x, y: p.y + distance };
  }
}

function bezier(p0: Point, p1: Point, p2: Point, p3: Point): Route {
  const r = (n: number) => Math.round(n * 10) / 10;
  const path = `M${r(p0.x)},${r(p0.y)} C${r(p1.x)},${r(p1.y)} ${r(p2.x)},${r(p2.y)} ${r(p3.x)},${r(p3.y)}`;
  // Point at t = 0.5 of the cubic.
  const labelAt = { x: r((p0.x + 3 * p1.x + 3 * p2.x + p3.x) / 8), y: r((p0.y + 3 * p1.y + 3 * p2.y + p3.y) / 8) };
  let tx = p3.x - p2.x;
  let ty = p3.y - p2.y;
  if (tx === 0 && ty === 0) {
    tx = p3.x - p0.x;
    ty = p3.y - p0.y;
  }
  return { path, labelAt, end: { x: r(p3.x), y: r(p3.y) }, angle: Math.atan2(ty, tx) };
}
