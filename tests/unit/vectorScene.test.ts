import { describe, it, expect } from 'vitest';
import { JSDOM } from 'jsdom';
import { PRESETS } from '../../src/presets/catalog';
import { buildScene } from '../../src/export/vector/scene';
import { arcToCubics, parsePath, type Segment } from '../../src/export/vector/pathData';
import { renderSvg } from '../../src/render/renderSvg';

const { DOMParser } = new JSDOM('').window;

/** Every line of text the SVG export draws, in any order. */
function svgTexts(svg: string): string[] {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  return [...doc.getElementsByTagName('text')].flatMap((t) => {
    const spans = [...t.getElementsByTagName('tspan')];
    return spans.length ? spans.map((s) => s.textContent ?? '') : [t.textContent ?? ''];
  });
}

/** Euclidean distance between two `#rrggbb` colours. */
function distance(a: string, b: string): number {
  const rgb = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  const [x, y] = [rgb(a), rgb(b)];
  return Math.hypot(...x.map((v, i) => v - y[i]!));
}

const end = (s: Segment) => (s.op === 'Z' ? undefined : { x: s.x, y: s.y });

describe('buildScene', () => {
  it.each(PRESETS.map((p) => [p.id, p.document] as const))('%s: draws the same text lines as the SVG export', (_id, doc) => {
    for (const theme of ['light', 'dark'] as const) {
      const scene = buildScene(doc, { theme });
      const lines = scene.items.flatMap((i) => (i.type === 'text' ? i.lines.filter((l) => l !== '') : []));
      expect(lines.sort()).toEqual(svgTexts(renderSvg(doc, { theme }).svg).sort());
    }
  });

  it.each(PRESETS.map((p) => [p.id, p.document] as const))('%s: covers the same area as the SVG export', (_id, doc) => {
    const { bounds } = buildScene(doc);
    const svg = renderSvg(doc);
    // The SVG rounds its size up to whole pixels.
    expect(svg.width - bounds.width).toBeGreaterThanOrEqual(0);
    expect(svg.width - bounds.width).toBeLessThan(1);
    expect(svg.height - bounds.height).toBeGreaterThanOrEqual(0);
    expect(svg.height - bounds.height).toBeLessThan(1);
  });

  it('fades everything but the highlighted stage, and outlines it', () => {
    const doc = PRESETS[0]!.document;
    const stage = doc.nodes.find((n) => n.kind === 'stage')!;
    const plain = buildScene(doc);
    const focused = buildScene(doc, { highlight: stage.id });
    expect(focused.items).toHaveLength(plain.items.length);
    const colour = (i: (typeof plain.items)[number]) => (i.type === 'text' ? i.color : i.type === 'edge' ? i.stroke.color : (i.fill?.color ?? i.stroke?.color));
    focused.items.forEach((item, k) => {
      const before = plain.items[k]!;
      if (item.owner === stage.id && item.name === `Stage ${stage.title}`) {
        expect(item.type === 'shape' && item.stroke?.width).toBe(2.5);
      } else if (item.owner === stage.id || item.owner === undefined) {
        expect(colour(item)).toBe(colour(before));
      } else {
        // Faded: much closer to the page colour than before (white on white stays white).
        const page = focused.background;
        expect(distance(colour(item)!, page)).toBeLessThanOrEqual(distance(colour(before)!, page) * 0.3 + 1);
        if (colour(before) !== page) expect(colour(item)).not.toBe(colour(before));
      }
    });
  });
});

describe('parsePath', () => {
  it('reads relative, shorthand and closing commands into absolute segments', () => {
    expect(parsePath('M10 20h5v-5l-5 0zm1,1 L3 4')).toEqual([
      { op: 'M', x: 10, y: 20 },
      { op: 'L', x: 15, y: 20 },
      { op: 'L', x: 15, y: 15 },
      { op: 'L', x: 10, y: 15 },
      { op: 'Z' },
      { op: 'M', x: 11, y: 21 },
      { op: 'L', x: 3, y: 4 },
    ]);
  });

  it('reads arc flags written without separators', () => {
    // "a1 1 0 000 7" is rx=1 ry=1 rotation=0 large=0 sweep=0 to (0, 7) relative.
    const segs = parsePath('M17 5H9.5a1 1 0 000 7h5');
    expect(segs.at(-1)).toEqual({ op: 'L', x: 14.5, y: 12 });
    expect(end(segs.at(-2)!)).toEqual({ x: 9.5, y: 12 });
  });

  it('turns an arc into cubics that stay on the circle', () => {
    // A half circle of radius 10 around (0, 0), from (10, 0) to (-10, 0) through (0, 10).
    const segs = arcToCubics(10, 0, 10, 10, 0, false, true, -10, 0);
    expect(segs.length).toBeGreaterThanOrEqual(2);
    let from = { x: 10, y: 0 };
    for (const s of segs) {
      if (s.op !== 'C') throw new Error('expected cubics');
      // Each piece's midpoint (t = 0.5) lies on the circle, on the sweep's side (y > 0).
      const mid = { x: (from.x + 3 * s.x1 + 3 * s.x2 + s.x) / 8, y: (from.y + 3 * s.y1 + 3 * s.y2 + s.y) / 8 };
      expect(Math.hypot(mid.x, mid.y)).toBeCloseTo(10, 1);
      expect(mid.y).toBeGreaterThan(0);
      from = { x: s.x, y: s.y };
    }
    expect(end(segs.at(-1)!)).toEqual({ x: -10, y: 0 });
  });
});
