import { describe, it, expect } from 'vitest';
import { routeEdge, facingSides } from '../../src/layout/edgeRouting';

const box = (x: number, y: number) => ({ x, y, width: 200, height: 60 });

describe('routeEdge', () => {
  it('points the arrowhead straight down when the edge arrives on a top side, even from the left', () => {
    // Source up and to the left: the curve leaves downwards and arrives vertically at the target's top.
    const route = routeEdge(box(0, 0), box(150, 200), 'flow', true);
    expect(facingSides(box(0, 0), box(150, 200))).toEqual(['bottom', 'top']);
    expect(route.angle).toBeCloseTo(Math.PI / 2, 6);
  });

  it('points the arrowhead right for a left-to-right step', () => {
    const route = routeEdge(box(0, 0), box(400, 0), 'flow', true);
    expect(route.angle).toBeCloseTo(0, 6);
    expect(route.end.x).toBeLessThan(400);
  });

  it('arcs a feedback loop outside both nodes', () => {
    const route = routeEdge(box(600, 0), box(0, 0), 'feedback', true, 'before');
    const ys = [...route.path.matchAll(/-?[\d.]+,(-?[\d.]+)/g)].map((m) => Number(m[1]));
    expect(Math.min(...ys)).toBeLessThan(0);
    expect(route.angle).toBeCloseTo(Math.PI / 2, 6);
  });
});
