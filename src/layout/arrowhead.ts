import type { Point } from './types';

export const ARROW_SIZE = 9;

/** A filled triangle whose tip is at `end`, pointing along `angle`. Drawn as a path, not a marker, so every renderer agrees. */
export function arrowheadPath(end: Point, angle: number, size = ARROW_SIZE): string {
  const back = (a: number) => ({ x: end.x - size * Math.cos(angle + a), y: end.y - size * Math.sin(angle + a) });
  const l = back(0.45);
  const r = back(-0.45);
  const f = (n: number) => Math.round(n * 10) / 10;
  return `M${f(end.x)},${f(end.y)} L${f(l.x)},${f(l.y)} L${f(r.x)},${f(r.y)} Z`;
}
