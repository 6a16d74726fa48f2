import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { PNG } from 'pngjs';
import type { FunnelDocument, StageNode } from '../../src/model/schema';
import { renderSvg } from '../../src/render/renderSvg';
import { escapeXml } from '../../src/render/escapeXml';
import { ICON_NAMES, iconSvgElements } from '../../src/render/icons';
import { parseSvg } from './svgXml';
import { loadPreset as load, presetFiles } from './presetFiles';

const hasRsvg = spawnSync('rsvg-convert', ['--version']).status === 0;
const hasInkscape = spawnSync('inkscape', ['--version']).status === 0;

/** Each `<text>`'s lines joined with spaces: a wrapped title reads as the original title. */
function textContents(dom: Document): string[] {
  return [...dom.getElementsByTagName('text')].map((t) => {
    const spans = [...t.getElementsByTagName('tspan')];
    return (spans.length ? spans.map((s) => s.textContent ?? '').join(' ') : t.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

function allAttributeNames(dom: Document): string[] {
  return [...dom.getElementsByTagName('*')].flatMap((el) => [...el.attributes].map((a) => a.name));
}

function stages(doc: FunnelDocument): StageNode[] {
  return doc.nodes.filter((n): n is StageNode => n.kind === 'stage');
}

function rasterizeWithRsvg(svg: string): PNG {
  return PNG.sync.read(execFileSync('rsvg-convert', ['--format', 'png'], { input: svg, maxBuffer: 64 * 1024 * 1024 }));
}

/** Inkscape, as a user opening the file would: it reads the SVG from stdin and writes a PNG to stdout. */
function rasterizeWithInkscape(svg: string): PNG {
  const png = execFileSync('inkscape', ['--pipe', '--export-type=png', '--export-filename=-'], { input: svg, maxBuffer: 64 * 1024 * 1024, stdio: ['pipe', 'pipe', 'ignore'], timeout: 120_000 });
  return PNG.sync.read(png);
}

function pixel(png: PNG, x: number, y: number): number {
  return png.data.readUInt32BE((y * png.width + x) * 4);
}

describe('renderSvg on presets', () => {
  it('finds preset files', () => {
    expect(presetFiles.length).toBeGreaterThan(0);
  });

  describe.each(presetFiles)('%s', (file) => {
    const doc = load(file);
    const { svg, width, height } = renderSvg(doc);

    it('is well-formed XML with a sized root, role and title', () => {
      const root = parseSvg(svg).documentElement;
      expect(root.nodeName).toBe('svg');
      expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
      expect(root.getAttribute('role')).toBe('img');
      expect(root.getElementsByTagName('title')[0]?.textContent).toBe(doc.title);
      expect(Number(root.getAttribute('width'))).toBe(width);
      expect(Number(root.getAttribute('height'))).toBe(height);
      const [, , vw, vh] = (root.getAttribute('viewBox') ?? '').split(' ').map(Number);
      expect([vw, vh]).toEqual([width, height]);
    });

    it('shows every stage title, note and label text', () => {
      const texts = textContents(parseSvg(svg));
      for (const stage of stages(doc)) expect(texts, `title of ${stage.id}`).toContain(stage.title.replace(/\s+/g, ' ').trim());
      for (const node of doc.nodes) {
        if (node.kind !== 'stage' && node.text.trim()) expect(texts, `text of ${node.id}`).toContain(node.text.replace(/\s+/g, ' ').trim());
      }
    });

    it('draws one arrowhead per edge and an icon per stage with a known icon', () => {
      const dom = parseSvg(svg);
      const triangles = [...dom.getElementsByTagName('path')].filter((p) => /^M[^A-Za-z]+L[^A-Za-z]+L[^A-Za-z]+Z$/.test(p.getAttribute('d') ?? ''));
      expect(triangles).toHaveLength(doc.edges.length);
      const icons = [...dom.getElementsByTagName('g')].filter((g) => g.getAttribute('transform')?.startsWith('translate('));
      expect(icons).toHaveLength(stages(doc).filter((s) => s.icon && ICON_NAMES.includes(s.icon)).length);
    });

    it('uses only native, self-contained SVG', () => {
      const dom = parseSvg(svg);
      expect(dom.getElementsByTagName('foreignObject')).toHaveLength(0);
      expect(dom.getElementsByTagName('image')).toHaveLength(0);
      expect(dom.getElementsByTagName('marker')).toHaveLength(0);
      expect(svg).not.toMatch(/<script/i);
      expect(svg).not.toMatch(/dominant-baseline/);
      expect(allAttributeNames(dom).filter((name) => /^on/i.test(name) || /href$/i.test(name))).toEqual([]);
      expect(svg).not.toMatch(/url\(/);
    });

    it('stays within about 1 KB per node', () => {
      expect(svg.length).toBeLessThanOrEqual(1024 * doc.nodes.length);
    });

    for (const [tool, available, rasterize] of [
      ['rsvg-convert', hasRsvg, rasterizeWithRsvg],
      ['Inkscape', hasInkscape, rasterizeWithInkscape],
    ] as const) {
    it.skipIf(!available)(`renders to a non-blank PNG with ${tool}`, () => {
      const png = rasterize(svg);
      expect([png.width, png.height]).toEqual([width, height]);
      const corner = pixel(png, 0, 0);
      const colours = new Set<number>();
      let differing = 0;
      for (let y = 0; y < png.height; y += 3) {
        for (let x = 0; x < png.width; x += 3) {
          const p = pixel(png, x, y);
          colours.add(p);
          if (p !== corner) differing++;
        }
      }
      expect(colours.size).toBeGreaterThan(10);
      expect(differing).toBeGreaterThan(100);
    });
    }
  });
});

describe('renderSvg with hostile or unusual text', () => {
  const hostile = `</text><script>alert(1)</script>&"'`;
  const base = load(presetFiles.includes('buyer-journey.json') ? 'buyer-journey.json' : presetFiles[0]!);
  const doc: FunnelDocument = {
    ...base,
    title: hostile,
    lanes: base.lanes.map((l) => ({ ...l, title: hostile })),
    nodes: base.nodes.map((n) => (n.kind === 'stage' ? { ...n, title: hostile } : { ...n, text: `${hostile} \u0001\ud800 <!-- x --> ]]>` })),
    edges: base.edges.map((e) => ({ ...e, label: hostile })),
  };

  it('escapes every piece of user text and still parses', () => {
    const { svg } = renderSvg(doc);
    const dom = parseSvg(svg);
    expect(svg).not.toMatch(/<script/i);
    expect(dom.getElementsByTagName('script')).toHaveLength(0);
    expect(dom.getElementsByTagName('title')[0]?.textContent).toBe(hostile);
    // The hostile title has no spaces, so it is broken between characters: compare without the joins.
    const texts = textContents(dom).map((t) => t.replace(/\s+/g, ''));
    expect(texts.filter((t) => t === hostile).length).toBeGreaterThanOrEqual(stages(doc).length);
    expect(allAttributeNames(dom).filter((name) => /^on/i.test(name))).toEqual([]);
  });

  it('escapes the five XML specials and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u0008c\u001fd\ufffe')).toBe('abcd');
    expect(escapeXml('\ud83d\ude00 ok \ud800')).toBe('\ud83d\ude00 ok ');
    expect(escapeXml('tab\tnew\nline')).toBe('tab\tnew\nline');
  });
});

describe('renderSvg options', () => {
  const doc = load(presetFiles.includes('buyer-journey.json') ? 'buyer-journey.json' : presetFiles[0]!);

  it('pads the bounds by the requested padding', () => {
    const a = renderSvg(doc, { padding: 0 });
    const b = renderSvg(doc, { padding: 50 });
    expect(b.width - a.width).toBe(100);
    expect(b.height - a.height).toBe(100);
  });

  it('paints the background unless it is transparent', () => {
    const rects = (svg: string) => [...parseSvg(svg).getElementsByTagName('rect')].map((r) => r.getAttribute('fill'));
    expect(rects(renderSvg(doc, { theme: 'dark' }).svg)[0]).toBe('#0f172a');
    expect(rects(renderSvg(doc, { theme: 'dark', background: 'white' }).svg)[0]).toBe('#ffffff');
    const light = renderSvg(doc).svg;
    expect(renderSvg(doc, { background: 'transparent' }).svg.length).toBeLessThan(light.length);
  });

  it('draws only the scoped nodes and the edges between them', () => {
    const [first, second, third] = stages(doc);
    if (!first || !second || !third) return;
    const scoped = renderSvg(doc, { scope: { nodeIds: [first.id, second.id] } });
    const full = renderSvg(doc);
    const texts = textContents(parseSvg(scoped.svg));
    expect(texts).toContain(first.title);
    expect(texts).toContain(second.title);
    expect(texts).not.toContain(third.title);
    expect(scoped.width * scoped.height).toBeLessThan(full.width * full.height);
  });

  it('renders a document with no positions, nodes or edges', () => {
    const empty: FunnelDocument = { ...doc, nodes: [], edges: [], lanes: [], callouts: [] };
    const { svg, width, height } = renderSvg(empty);
    parseSvg(svg);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
  });
});

describe('iconSvgElements', () => {
  it('draws every bundled icon as a scaled group and nothing for unknown names', () => {
    for (const name of ICON_NAMES) {
      const markup = iconSvgElements(name, 10, 20, 48, '#123456');
      expect(markup).toMatch(/^<g transform="translate\(10 20\) scale\(2\)"/);
      parseSvg(`<svg xmlns="http://www.w3.org/2000/svg">${markup}</svg>`);
    }
    expect(iconSvgElements('no-such-icon', 0, 0, 24, '#000000')).toBe('');
    const hostileColour = parseSvg(`<svg xmlns="http://www.w3.org/2000/svg">${iconSvgElements('search', 0, 0, 24, '"><script>')}</svg>`);
    expect(hostileColour.getElementsByTagName('script')).toHaveLength(0);
  });
});
