import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { PNG } from 'pngjs';
import type { FunnelDocument, StageNode } from '../../src/model/schema';
import { computeFunnel } from '../../src/metrics/computeFunnel';
import { mainPath } from '../../src/metrics/mainPath';
import { FUNNEL_PLACEHOLDER, renderFunnelSvg } from '../../src/render/renderFunnelSvg';
import { PHASE_COLORS } from '../../src/layout/constants';
import { FONT_FAMILY, measureTextWidth } from '../../src/layout/measureText';
import { THEMES } from '../../src/render/theme';
import { parseSvg } from './svgXml';
import { loadPreset as load, presetFiles } from './presetFiles';

const hasRsvg = spawnSync('rsvg-convert', ['--version']).status === 0;

function textContents(dom: Document): string[] {
  return [...dom.getElementsByTagName('text')].map((t) => [...t.getElementsByTagName('tspan')].map((s) => s.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim());
}

interface BandShape {
  stageId: string;
  fill: string;
  y: number;
  bottomY: number;
  top: number;
  bottom: number;
  /** Horizontal centre. */
  cx: number;
}

/** The funnel bands, top to bottom, read back from the polygons' points. */
function bands(dom: Document): BandShape[] {
  return [...dom.getElementsByTagName('polygon')]
    .filter((p) => p.hasAttribute('data-stage-id'))
    .map((p) => {
      const pts = (p.getAttribute('points') ?? '').trim().split(/\s+/).map((pair) => pair.split(',').map(Number) as [number, number]);
      expect(pts).toHaveLength(4);
      const [tl, tr, br, bl] = pts as [[number, number], [number, number], [number, number], [number, number]];
      return { stageId: p.getAttribute('data-stage-id')!, fill: p.getAttribute('fill')!, y: tl[1], bottomY: bl[1], top: tr[0] - tl[0], bottom: br[0] - bl[0], cx: (tl[0] + tr[0]) / 2 };
    })
    .sort((a, b) => a.y - b.y);
}

function makeChain(volume: number, rates: number[], titles?: string[]): FunnelDocument {
  const ids = [...Array(rates.length + 1).keys()].map((i) => `s${i}`);
  return {
    format: 'funnel-diagram',
    version: 1,
    title: 'Chain',
    description: '',
    metadata: { currency: 'EUR', valuePerCustomer: 300 },
    settings: { direction: 'LR', showStepNumbers: false, showMetrics: true, showDescriptions: false },
    lanes: [],
    nodes: ids.map((id, i): StageNode => ({ id, kind: 'stage', phase: i < 2 ? 'marketing' : 'sales', title: titles?.[i] ?? `Stage ${i}`, description: '', volume: i === 0 ? volume : undefined })),
    edges: rates.map((rate, i) => ({ id: `e${i}`, source: ids[i]!, target: ids[i + 1]!, kind: 'flow', conversionRate: rate })),
    callouts: [],
  };
}

const withVolumes = presetFiles.filter((file) => computeFunnel(load(file)).firstStageId !== undefined);

describe('renderFunnelSvg on presets', () => {
  it('has presets with volumes to draw', () => {
    expect(withVolumes.length).toBeGreaterThan(0);
  });

  describe.each(withVolumes)('%s', (file) => {
    const doc = load(file);
    const { svg, width, height } = renderFunnelSvg(doc);
    const dom = parseSvg(svg);
    const path = mainPath(doc, computeFunnel(doc));

    it('is well-formed, sized SVG with one band per main-path stage, each with its title', () => {
      const root = dom.documentElement;
      expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
      expect([Number(root.getAttribute('width')), Number(root.getAttribute('height'))]).toEqual([width, height]);
      expect(root.getElementsByTagName('title')[0]?.textContent).toBe(doc.title);
      expect(bands(dom).map((b) => b.stageId)).toEqual(path);
      const texts = textContents(dom);
      const titles = new Map(doc.nodes.map((n) => [n.id, n.kind === 'stage' ? n.title : '']));
      for (const id of path) expect(texts).toContain(titles.get(id));
    });

    it('uses only native, self-contained SVG', () => {
      expect(dom.getElementsByTagName('foreignObject')).toHaveLength(0);
      expect(dom.getElementsByTagName('script')).toHaveLength(0);
      expect(svg).not.toMatch(/dominant-baseline|url\(|href/);
      const names = [...dom.getElementsByTagName('*')].flatMap((el) => [...el.attributes].map((a) => a.name));
      expect(names.filter((n) => /^on/i.test(n))).toEqual([]);
      expect(dom.getElementsByTagName('g')[0]?.getAttribute('font-family')).toBe(FONT_FAMILY);
    });

    it('keeps every label inside its band or clear to the right of it, and within the picture', () => {
      const shapes = bands(dom);
      for (const text of [...dom.getElementsByTagName('text')]) {
        const y = Number(text.getAttribute('y'));
        const band = shapes.find((b) => y >= b.y && y <= b.bottomY);
        if (!band) continue;
        const spans = [...text.getElementsByTagName('tspan')];
        const x = Number(spans[0]?.getAttribute('x'));
        const size = Number(text.getAttribute('font-size'));
        const weight = text.getAttribute('font-weight') === '700' ? 700 : 400;
        const widest = Math.max(...spans.map((s) => measureTextWidth(s.textContent ?? '', size, weight)));
        // The band's width over the text's height (glyphs reach about 0.6em above and below the centre line).
        const lastCentre = y + spans.slice(1).reduce((sum, s) => sum + Number(s.getAttribute('dy')), 0);
        const at = (yy: number) => band.top + (band.bottom - band.top) * Math.min(1, Math.max(0, (yy - band.y) / (band.bottomY - band.y)));
        const [upper, lower] = [at(y - 0.6 * size), at(lastCentre + 0.6 * size)];
        if (text.getAttribute('text-anchor') === 'middle') {
          expect(widest, text.textContent ?? '').toBeLessThanOrEqual(Math.min(upper, lower));
        } else {
          expect(x, text.textContent ?? '').toBeGreaterThan(band.cx + Math.max(upper, lower) / 2);
          expect(x + widest).toBeLessThanOrEqual(width);
        }
      }
    });

    it.skipIf(!hasRsvg)('rasterises with rsvg-convert, with each band painted in its stage colour', () => {
      const png = PNG.sync.read(execFileSync('rsvg-convert', ['--format', 'png'], { input: svg }));
      expect([png.width, png.height]).toEqual([width, height]);
      const stages = new Map(doc.nodes.filter((n): n is StageNode => n.kind === 'stage').map((s) => [s.id, s]));
      for (const band of bands(dom)) {
        // Sample near the band's top edge, left of centre, where no label is drawn.
        const x = Math.round(band.cx - Math.min(band.top, band.bottom) / 2 + 4);
        const i = (Math.round(band.y + 3) * png.width + x) * 4;
        const hex = `#${[0, 1, 2].map((k) => png.data[i + k]!.toString(16).padStart(2, '0')).join('')}`;
        const stage = stages.get(band.stageId)!;
        expect(hex).toBe(stage.color ?? PHASE_COLORS[stage.phase]);
      }
    });
  });
});

describe('renderFunnelSvg geometry', () => {
  it('narrows monotonically for a shrinking funnel, each band meeting the next', () => {
    const rates = [0.6, 0.5, 0.4, 0.9, 0.3];
    const shapes = bands(parseSvg(renderFunnelSvg(makeChain(50000, rates)).svg));
    expect(shapes).toHaveLength(rates.length + 1);
    shapes.forEach((b, i) => {
      expect(b.bottom).toBeLessThanOrEqual(b.top);
      const next = shapes[i + 1];
      if (!next) return;
      expect(next.top).toBeLessThan(b.top);
      expect(Math.abs(next.top - b.bottom)).toBeLessThanOrEqual(0.2);
      expect(next.y).toBeGreaterThan(b.bottomY);
    });
  });

  it('keeps a tiny stage visible and scales the rest by volume', () => {
    const shapes = bands(parseSvg(renderFunnelSvg(makeChain(1e6, [0.5, 1e-6])).svg));
    const [first, second, tiny] = shapes as [BandShape, BandShape, BandShape];
    expect(tiny.top).toBeGreaterThanOrEqual(24);
    // Halving the volume takes away about half of the width above the minimum.
    expect((first.top - tiny.top) / (first.top - second.top)).toBeCloseTo(2, 1);
  });

  it('shows the rate between bands and the summary numbers', () => {
    const texts = textContents(parseSvg(renderFunnelSvg(makeChain(1000, [0.35, 0.2])).svg));
    expect(texts).toContain('\u2193 35%');
    expect(texts).toContain('\u2193 20%');
    const summary = texts.find((t) => t.includes('conversion')) ?? '';
    expect(summary).toContain(`${Math.round(0.35 * 0.2 * 1000) / 10}%`);
    expect(summary).toContain(`€${(1000 * 0.35 * 0.2 * 300).toLocaleString('en-US')}`);
  });

  it('puts a title that does not fit beside its band, and widens the picture for it', () => {
    const long = 'A remarkably long stage title that no narrow band can hold';
    const normal = renderFunnelSvg(makeChain(1000, [0.1, 0.5]));
    const wide = renderFunnelSvg(makeChain(1000, [0.1, 0.5], ['Top', 'Middle', long]));
    const dom = parseSvg(wide.svg);
    const band = bands(dom)[2]!;
    const label = [...dom.getElementsByTagName('text')].find((t) => long.startsWith(t.getElementsByTagName('tspan')[0]?.textContent ?? '\0'))!;
    expect(label.getAttribute('text-anchor')).toBeNull();
    expect(Number(label.getElementsByTagName('tspan')[0]?.getAttribute('x'))).toBeGreaterThan(band.cx + band.top / 2);
    expect(textContents(dom)).toContain(long);
    expect(wide.width).toBeGreaterThanOrEqual(normal.width);
  });
});

describe('renderFunnelSvg edge cases', () => {
  it('shows a placeholder when no stage has a volume', () => {
    const doc = makeChain(1000, [0.5]);
    const empty = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, volume: undefined })) };
    const dom = parseSvg(renderFunnelSvg(empty).svg);
    expect(textContents(dom)).toContain(FUNNEL_PLACEHOLDER);
    expect(bands(dom)).toHaveLength(0);
  });

  it('escapes hostile titles', () => {
    const hostile = `</text><script>alert(1)</script>&"' onload="x`;
    const doc = { ...makeChain(1000, [0.5], [hostile, hostile]), title: hostile };
    const { svg } = renderFunnelSvg(doc);
    const dom = parseSvg(svg);
    expect(dom.getElementsByTagName('script')).toHaveLength(0);
    expect(dom.getElementsByTagName('title')[0]?.textContent).toBe(hostile);
    expect(textContents(dom).filter((t) => t.replace(/\s+/g, '') === hostile.replace(/\s+/g, '')).length).toBeGreaterThanOrEqual(2);
    const names = [...dom.getElementsByTagName('*')].flatMap((el) => [...el.attributes].map((a) => a.name));
    expect(names.filter((n) => /^on/i.test(n))).toEqual([]);
  });

  it('follows the theme and background options and the padding', () => {
    const doc = makeChain(1000, [0.5]);
    const firstRect = (svg: string) => parseSvg(svg).getElementsByTagName('rect')[0]?.getAttribute('fill');
    expect(firstRect(renderFunnelSvg(doc, { theme: 'dark' }).svg)).toBe(THEMES.dark.background);
    expect(firstRect(renderFunnelSvg(doc, { theme: 'dark', background: 'white' }).svg)).toBe('#ffffff');
    expect(firstRect(renderFunnelSvg(doc, { background: 'transparent' }).svg)).toBeUndefined();
    const tight = renderFunnelSvg(doc, { padding: 0 });
    const loose = renderFunnelSvg(doc, { padding: 40 });
    expect([loose.width - tight.width, loose.height - tight.height]).toEqual([80, 80]);
  });
});
