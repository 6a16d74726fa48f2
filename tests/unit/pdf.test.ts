import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { PNG } from 'pngjs';
import { PRESETS } from '../../src/presets/catalog';
import { exportPdf, PAGE_SIZES } from '../../src/export/pdf/exportPdf';
import { toWinAnsi } from '../../src/export/pdf/winAnsi';
import { parseDocument } from '../../src/model/parseDocument';
import { renderSvg } from '../../src/render/renderSvg';
import { THEMES } from '../../src/render/theme';
import type { FunnelDocument } from '../../src/model/schema';

const onPath = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const hasPoppler = onPath('pdftotext') && onPath('pdftoppm');
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'funnel-pdf-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The first page's MediaBox, in points. */
function mediaBox(bytes: Uint8Array): { width: number; height: number } {
  const m = /\/MediaBox \[([-\d. ]+)\]/.exec(Buffer.from(bytes).toString('latin1'));
  if (!m) throw new Error('no MediaBox');
  const [x0, y0, x1, y1] = m[1]!.trim().split(/\s+/).map(Number);
  return { width: x1! - x0!, height: y1! - y0! };
}

const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });

describe('exportPdf', () => {
  it.each(PRESETS.map((p) => [p.id, p.document] as const))('%s: vector only, with every stage title as text', (id, doc) => {
    const bytes = exportPdf(doc, { page: 'a4' });
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).not.toMatch(/\/Subtype\s*\/Image/);
    expect(raw).toMatch(/\/BaseFont\s*\/Helvetica/);
    if (!hasPoppler) return;
    const text = squash(pdfText(write(`${id}.pdf`, bytes)));
    for (const node of doc.nodes) {
      if (node.kind === 'stage') expect(text).toContain(squash(node.title));
    }
  });

  it.each([
    ['a4', PAGE_SIZES.a4],
    ['letter', PAGE_SIZES.letter],
  ] as const)('puts the diagram on a landscape %s page', (page, size) => {
    const box = mediaBox(exportPdf(PRESETS[0]!.document, { page }));
    expect(box.width).toBeCloseTo(size.width, 1);
    expect(box.height).toBeCloseTo(size.height, 1);
    expect(box.width).toBeGreaterThan(box.height);
  });

  it.each(PRESETS.map((p) => [p.id, p.document] as const))('%s: a "fit" page is the SVG export at 0.75 pt per px', (_id, doc) => {
    const svg = renderSvg(doc);
    const box = mediaBox(exportPdf(doc, { page: 'fit' }));
    // The SVG rounds its size up to whole pixels.
    expect(box.width).toBeGreaterThan((svg.width - 1) * 0.75);
    expect(box.width).toBeLessThanOrEqual(svg.width * 0.75 + 0.01);
    expect(box.height).toBeGreaterThan((svg.height - 1) * 0.75);
    expect(box.height).toBeLessThanOrEqual(svg.height * 0.75 + 0.01);
  });

  it.skipIf(!hasPoppler).each(['light', 'dark'] as const)('paints the %s theme: page colour, stage cards, and the diagram centred on A4', (theme) => {
    const doc = PRESETS[0]!.document;
    const file = write(`theme-${theme}.pdf`, exportPdf(doc, { page: 'a4', theme }));
    execFileSync('pdftoppm', ['-png', '-r', '36', '-singlefile', file, path.join(dir, `theme-${theme}`)]);
    const png = PNG.sync.read(fs.readFileSync(path.join(dir, `theme-${theme}.png`)));
    const page = [0, 2, 4].map((k) => parseInt(THEMES[theme].background.slice(1 + k, 3 + k), 16));
    // PDF colours are written as fractions, so a channel may come back one step off.
    const isPage = (x: number, y: number) => page.every((c, k) => Math.abs(png.data[(y * png.width + x) * 4 + k]! - c) <= 2);
    expect(isPage(1, 1)).toBe(true);
    // Something other than the page colour is drawn, and it is centred: the painted columns
    // leave about as much room on the left as on the right.
    const painted: number[] = [];
    for (let x = 0; x < png.width; x++) {
      for (let y = 0; y < png.height; y++) {
        if (!isPage(x, y)) {
          painted.push(x);
          break;
        }
      }
    }
    expect(painted.length).toBeGreaterThan(png.width / 2);
    const left = painted[0]!;
    const right = png.width - 1 - painted.at(-1)!;
    expect(Math.abs(left - right)).toBeLessThanOrEqual(3);
  });

  it.skipIf(!hasPoppler)('writes characters outside Helvetica as readable stand-ins, not garbage', () => {
    const parsed = parseDocument({
      format: 'funnel-diagram',
      version: 1,
      title: 'Unicode',
      nodes: [{ id: 's', kind: 'stage', phase: 'sales', title: 'Lead → Deal · Őrség 😀' }],
    });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const text = squash(pdfText(write('unicode.pdf', exportPdf(parsed.document as FunnelDocument, { page: 'fit' }))));
    expect(text).toContain('Lead -> Deal · Orség ?');
  });
});

describe('toWinAnsi', () => {
  it.each([
    ['Tom & Jerry – “quoted” … €5', 'Tom & Jerry – “quoted” … €5'],
    ['a → b ≥ c', 'a -> b >= c'],
    ['Łódź, Őrség', 'Lódz, Orség'],
    ['日本', '??'],
    ['e\u0301 and o\u0308\u0301', 'é and ö'],
    ['👍🏽 ok', '?? ok'],
  ])('%j → %j', (input, output) => {
    expect(toWinAnsi(input)).toBe(output);
  });
});
