import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import JSZip from 'jszip';
import { PRESETS } from '../../src/presets/catalog';
import { exportPptx } from '../../src/export/pptx/exportPptx';
import { deckOutline } from '../../src/export/pptx/buildDeck';
import { computeGeometry } from '../../src/layout/computeGeometry';
import { ensurePositions } from '../../src/layout/layoutDocument';
import { parseDocument } from '../../src/model/parseDocument';
import type { FunnelDocument, StageNode } from '../../src/model/schema';
import { THEMES } from '../../src/render/theme';
import { parseXml, readPptx, shapeNames, squash, textRuns, type PptxSlide } from './pptxFiles';

const EMU_PER_INCH = 914_400;
const SLIDE_EMU = { width: 13.333 * EMU_PER_INCH, height: 7.5 * EMU_PER_INCH };
const onPath = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const office = ['soffice', 'libreoffice'].find(onPath);
const hasPdftotext = onPath('pdftotext');

const stagesOf = (doc: FunnelDocument) => doc.nodes.filter((n): n is StageNode => n.kind === 'stage');

/** The `<p:sp>` elements with this exact name. */
function shapes(slide: PptxSlide, name: string): Element[] {
  return [...slide.doc.getElementsByTagName('p:sp')].filter((sp) => sp.getElementsByTagName('p:cNvPr')[0]?.getAttribute('name') === name);
}

function frame(sp: Element): { x: number; y: number; cx: number; cy: number } {
  const off = sp.getElementsByTagName('a:off')[0]!;
  const ext = sp.getElementsByTagName('a:ext')[0]!;
  return { x: Number(off.getAttribute('x')), y: Number(off.getAttribute('y')), cx: Number(ext.getAttribute('cx')), cy: Number(ext.getAttribute('cy')) };
}

const lineWidth = (sp: Element) => Number(sp.getElementsByTagName('a:ln')[0]?.getAttribute('w'));
const runColour = (sp: Element) => sp.getElementsByTagName('a:rPr')[0]?.getElementsByTagName('a:srgbClr')[0]?.getAttribute('val');
const runSize = (sp: Element) => Number(sp.getElementsByTagName('a:rPr')[0]?.getAttribute('sz')) / 100;

/** Checks one slide that shows the whole diagram against the document's geometry. */
function expectDiagram(slide: PptxSlide, doc: FunnelDocument): void {
  const geometry = computeGeometry(ensurePositions(doc));
  const names = shapeNames(slide.doc);
  expect(names.length).toBeGreaterThanOrEqual(doc.nodes.length + doc.edges.length);

  let inchesPerPx: number | undefined;
  for (const node of doc.nodes) {
    const g = geometry.nodes.find((n) => n.id === node.id)!;
    if (node.kind === 'stage') {
      const [card] = shapes(slide, `Stage ${node.title}`);
      expect(card, `stage ${node.id}`).toBeDefined();
      const f = frame(card!);
      // The fit keeps the aspect ratio: every card has its geometry's proportions.
      expect(f.cx / f.cy).toBeCloseTo(g.width / g.height, 1);
      inchesPerPx ??= f.cx / EMU_PER_INCH / g.width;
      // The title box holds the layout's own wrapped lines, one paragraph each.
      const [title] = shapes(slide, `Title ${node.title}`);
      expect(textRuns(title!)).toEqual(g.text.lines);
      expect(runSize(title!)).toBeCloseTo(g.text.fontSize * 72 * inchesPerPx, 1);
    } else if (node.kind === 'label') {
      expect(shapes(slide, `Label ${node.text}`)).toHaveLength(1);
    }
  }
  expect(names.filter((n) => n === 'Note')).toHaveLength(doc.nodes.filter((n) => n.kind === 'note').length);

  const widths: Record<string, number[]> = { flow: [], handoff: [], feedback: [] };
  for (const e of doc.edges) {
    const lines = shapes(slide, `Edge ${e.source} → ${e.target}`);
    expect(lines.length, `edge ${e.id}`).toBeGreaterThanOrEqual(1);
    expect(lines[0]!.getElementsByTagName('a:custGeom')).toHaveLength(1);
    expect(shapes(slide, `Arrowhead Edge ${e.source} → ${e.target}`).length).toBeGreaterThanOrEqual(1);
    const dash = lines[0]!.getElementsByTagName('a:prstDash')[0]?.getAttribute('val');
    expect(dash).toBe(e.kind === 'feedback' ? 'dash' : 'solid');
    widths[e.kind]!.push(lineWidth(lines[0]!));
  }
  if (widths.flow!.length && widths.handoff!.length) expect(Math.min(...widths.handoff!)).toBeGreaterThan(Math.max(...widths.flow!));

  // Cards, lanes and edges all land on the slide.
  for (const sp of slide.doc.getElementsByTagName('p:sp')) {
    const name = sp.getElementsByTagName('p:cNvPr')[0]?.getAttribute('name') ?? '';
    if (!/^(Stage|Lane|Note|Edge|Arrowhead) /.test(`${name} `)) continue;
    const f = frame(sp);
    expect(f.x, name).toBeGreaterThanOrEqual(0);
    expect(f.y, name).toBeGreaterThanOrEqual(0);
    expect(f.x + f.cx, name).toBeLessThanOrEqual(SLIDE_EMU.width + 1);
    expect(f.y + f.cy, name).toBeLessThanOrEqual(SLIDE_EMU.height + 1);
  }
}

describe('exportPptx: one slide', () => {
  it.each(PRESETS.map((p) => [p.id, p.document] as const))('%s: the whole diagram as shapes on one 16:9 slide', async (_id, doc) => {
    const slides = await readPptx(await exportPptx(doc, { mode: 'diagram' }));
    expect(slides).toHaveLength(1);
    expectDiagram(slides[0]!, doc);
  });
});

describe('exportPptx: training deck', () => {
  it.each(PRESETS.map((p) => [p.id, p.document] as const))('%s: the outline slide by slide, each stage highlighted on its own slide', async (_id, doc) => {
    const outline = deckOutline(doc);
    const slides = await readPptx(await exportPptx(doc, { mode: 'deck', theme: 'light' }));
    expect(slides).toHaveLength(outline.length);
    expect(textRuns(slides[0]!.doc)).toContain(doc.title);
    expectDiagram(slides[1]!, doc);

    const stages = stagesOf(doc);
    outline.forEach((entry, i) => {
      if (entry.kind !== 'stage') return;
      const slide = slides[i]!;
      const stage = stages.find((s) => s.id === entry.stageId)!;
      expect(textRuns(slide.doc)).toContain(stage.title);
      expect(shapeNames(slide.doc).length).toBeGreaterThanOrEqual(doc.nodes.length);
      const notes = squash(textRuns(slide.notes!).join(' '));
      expect(notes).toContain(squash(stage.title));
      if (stage.description) expect(notes).toContain(squash(stage.description));
      // The stage keeps the theme's colours; the others are faded.
      expect(runColour(shapes(slide, `Title ${stage.title}`)[0]!)).toBe(THEMES.light.text.slice(1).toUpperCase());
      const other = stages.find((s) => s.id !== stage.id);
      if (other) expect(runColour(shapes(slide, `Title ${other.title}`)[0]!)).not.toBe(THEMES.light.text.slice(1).toUpperCase());
    });
    const summary = slides.at(-1)!;
    const listed = textRuns(summary.doc);
    const order = outline.flatMap((s) => (s.kind === 'stage' ? [s.title] : []));
    expect(listed.filter((t) => order.includes(t))).toEqual(order);
  });

  it('keeps hostile text intact and every XML part well-formed', async () => {
    const hostile = `<&>"' Tom & "Jerry" </a:t><p:sp>`;
    const parsed = parseDocument({
      format: 'funnel-diagram',
      version: 1,
      title: hostile,
      description: `]]> <!-- & -->`,
      nodes: [
        { id: 's1', kind: 'stage', phase: 'marketing', title: `Stage <b>&amp;</b>\u0007`, description: `Say "hi" & <wave>` },
        { id: 's2', kind: 'stage', phase: 'sales', title: `O'Brien's "deal"` },
        { id: 'n', kind: 'note', text: '<note> & more' },
        { id: 'l', kind: 'label', text: '&lt; heading >' },
      ],
      edges: [{ id: 'e', source: 's1', target: 's2', label: '<50% & "more">' }],
      callouts: [{ id: 'c', nodeId: 's2', text: `<callout attr="x">` }],
    });
    if (!parsed.ok) throw new Error(parsed.error.message);
    // The strict parser does reject what PowerPoint would reject.
    expect(() => parseXml('<a:t>Tom & Jerry</a:t>')).toThrow(/well-formed/);
    for (const mode of ['diagram', 'deck'] as const) {
      const bytes = await exportPptx(parsed.document, { mode });
      const zip = await JSZip.loadAsync(bytes);
      for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
        parseXml(await zip.file(name)!.async('string'), name);
      }
      const slides = await readPptx(bytes);
      const runs = slides.flatMap((s) => textRuns(s.doc));
      expect(runs).toContain(mode === 'deck' ? hostile : '<50% & "more">');
      if (mode === 'deck') {
        expect(runs).toContain('Stage <b>&amp;</b>');
        expect(runs).toContain(`<callout attr="x">`);
        expect(squash(textRuns(slides[2]!.notes!).join(' '))).toContain('Say "hi" & <wave>');
      }
    }
  });
});

describe.skipIf(!office || !hasPdftotext)('exportPptx: LibreOffice round trip', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'funnel-pptx-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens the deck and shows every stage title', async () => {
    const doc = PRESETS.find((p) => p.id === 'buyer-journey')?.document ?? PRESETS[0]!.document;
    const file = path.join(dir, 'deck.pptx');
    fs.writeFileSync(file, await exportPptx(doc, { mode: 'deck' }));
    // A fresh profile: a shared one can be locked by another LibreOffice and make this hang.
    const profile = `file://${path.join(dir, `lo-${Math.random().toString(36).slice(2)}`)}`;
    execFileSync(office!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 180_000, stdio: 'pipe' });
    const text = execFileSync('pdftotext', [path.join(dir, 'deck.pdf'), '-'], { encoding: 'utf8' });
    expect(text.split('\f').filter((page) => page.trim() !== '')).toHaveLength(deckOutline(doc).length);
    for (const stage of stagesOf(doc)) expect(squash(text)).toContain(squash(stage.title));
  }, 200_000);
});
