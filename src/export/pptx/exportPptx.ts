/**
 * Document → PowerPoint file (16:9), as native shapes: either the diagram on one slide, or a
 * training deck (title, overview, one slide per stage with that stage highlighted, summary)
 * with speaker notes. Works in Node (CLI) and in the browser (loaded on demand).
 */
import PptxGenJS from 'pptxgenjs';
import JSZip from 'jszip';
import type { FunnelDocument } from '../../model/schema';
import type { Box } from '../../layout/types';
import { ensurePositions } from '../../layout/layoutDocument';
import { stageColor } from '../../render/drawNodes';
import { accentFor, THEMES, type Theme, type ThemeName } from '../../render/theme';
import { buildScene } from '../vector/scene';
import { fitInto } from '../vector/fit';
import { deckOutline, type DeckSlide } from './buildDeck';
import { drawScene, SLIDE, xmlSafe } from './drawDiagram';

export interface PptxOptions {
  /** 'diagram': the diagram on one slide. 'deck': a training deck, one slide per stage. */
  mode: 'diagram' | 'deck';
  theme?: ThemeName;
}

const MARGIN = 0.4;
const MAX_ZOOM = 1.5;
const FONT = 'Arial';
/** Text panel inset and space after each paragraph, in points. */
const PANEL_MARGIN = 12;
const PARA_SPACE = 8;
const hex = (color: string) => color.replace('#', '').toUpperCase();

export async function exportPptx(doc: FunnelDocument, options: PptxOptions): Promise<Uint8Array<ArrayBuffer>> {
  const theme = THEMES[options.theme ?? 'light'];
  const themeName = options.theme ?? 'light';
  const positioned = ensurePositions(doc);
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = xmlSafe(positioned.title);
  pptx.subject = xmlSafe(positioned.description.slice(0, 250));
  if (positioned.metadata.author) pptx.author = xmlSafe(positioned.metadata.author);
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };

  if (options.mode === 'diagram') {
    const slide = pptx.addSlide();
    slide.background = { color: hex(theme.background) };
    drawScene(slide, buildScene(positioned, { theme: themeName }), { x: 0.3, y: 0.3, width: SLIDE.width - 0.6, height: SLIDE.height - 0.6 }, MAX_ZOOM);
  } else {
    for (const s of deckOutline(positioned)) addDeckSlide(pptx, safeSlide(s), positioned, theme, themeName);
  }
  const stored = (await pptx.write({ outputType: 'uint8array' })) as Uint8Array;
  // pptxgenjs 4.0 ignores `compression` for typed output and stores every part uncompressed
  // (about 8× larger); deflate them once more here.
  const zip = await JSZip.loadAsync(stored);
  return new Uint8Array(await zip.generateAsync({ type: 'arraybuffer', compression: 'DEFLATE' }));
}

function addDeckSlide(pptx: PptxGenJS, s: DeckSlide, doc: FunnelDocument, theme: Theme, themeName: ThemeName): void {
  const slide = pptx.addSlide();
  slide.background = { color: hex(theme.background) };
  slide.addNotes(s.notes);
  const contentTop = 1.45;
  const full: Box = { x: MARGIN, y: contentTop, width: SLIDE.width - 2 * MARGIN, height: SLIDE.height - contentTop - MARGIN };
  if (s.kind === 'title') {
    slide.addText(s.title, { objectName: 'Title', x: 0.8, y: 2.2, w: SLIDE.width - 1.6, h: 1.4, fontFace: FONT, fontSize: 40, bold: true, color: hex(theme.text), align: 'center', valign: 'bottom', fit: 'shrink' });
    if (s.subtitle) {
      slide.addText(s.subtitle, { objectName: 'Subtitle', x: 1.2, y: 3.8, w: SLIDE.width - 2.4, h: 2.2, fontFace: FONT, fontSize: 20, color: hex(theme.mutedText), align: 'center', valign: 'top', fit: 'shrink' });
    }
    return;
  }
  if (s.kind === 'overview') {
    heading(slide, s.title, undefined, theme);
    drawScene(slide, buildScene(doc, { theme: themeName }), full, MAX_ZOOM);
    return;
  }
  if (s.kind === 'summary') {
    heading(slide, s.title, undefined, theme);
    // More than ten stages go in two columns, numbered on from the first.
    const perColumn = s.items.length > 10 ? Math.ceil(s.items.length / 2) : s.items.length;
    const columns = perColumn === 0 ? [[]] : [s.items.slice(0, perColumn), s.items.slice(perColumn)].filter((c) => c.length > 0);
    const width = (full.width - 0.4 * (columns.length - 1)) / columns.length;
    columns.forEach((items, c) => {
      const startAt = c * perColumn + 1;
      const runs = items.map((text): PptxGenJS.TextProps => ({ text, options: { bullet: { type: 'number', indent: 34, numberStartAt: startAt }, breakLine: true } }));
      slide.addText(runs.length ? runs : [{ text: 'No stages yet.' }], {
        objectName: columns.length > 1 ? `Stages in order (${c + 1})` : 'Stages in order',
        ...inches({ ...full, x: full.x + c * (width + 0.4), width }),
        fontFace: FONT, fontSize: 18, color: hex(theme.text), valign: 'top', paraSpaceAfter: 6, fit: 'shrink',
      });
    });
    return;
  }
  const stage = doc.nodes.find((n) => n.id === s.stageId);
  const color = stage?.kind === 'stage' ? stageColor(stage) : theme.text;
  heading(slide, s.title, { text: `Step ${s.step} of ${s.total} · ${s.phase === 'sales' ? 'Sales' : 'Marketing'}`, color: accentFor(color, theme) }, theme);
  const scene = buildScene(doc, { theme: themeName, highlight: s.stageId });
  const hasPanel = s.description !== '' || s.bullets.length > 0;
  const { diagram, panel } = hasPanel ? splitRegion(full, scene.bounds, panelText(s)) : { diagram: full, panel: undefined };
  drawScene(slide, scene, diagram, MAX_ZOOM);
  if (panel) textPanel(slide, s, panel, theme);
}

function heading(slide: PptxGenJS.Slide, title: string, kicker: { text: string; color: string } | undefined, theme: Theme): void {
  if (kicker) {
    slide.addText(kicker.text, { objectName: 'Step', x: MARGIN, y: 0.3, w: SLIDE.width - 2 * MARGIN, h: 0.35, fontFace: FONT, fontSize: 14, bold: true, color: hex(kicker.color), margin: 0, valign: 'middle' });
  }
  slide.addText(title, { objectName: 'Heading', x: MARGIN, y: kicker ? 0.65 : 0.4, w: SLIDE.width - 2 * MARGIN, h: 0.7, fontFace: FONT, fontSize: 28, bold: true, color: hex(theme.text), margin: 0, valign: 'middle', fit: 'shrink' });
}

interface PanelText {
  fontSize: number;
  /** Paragraphs: the description, then one per bullet. */
  paragraphs: string[];
}

function panelText(s: Extract<DeckSlide, { kind: 'stage' }>): PanelText {
  const paragraphs = [...(s.description ? [s.description] : []), ...s.bullets];
  const length = paragraphs.join('').length;
  return { fontSize: length > 700 ? 11 : length > 350 ? 13 : 15, paragraphs };
}

/** Inches the panel's text needs at `width`, estimated from an average glyph of half an em. */
function panelHeight(text: PanelText, width: number): number {
  const perLine = Math.max(10, Math.floor(((width - 0.5) * 72) / (text.fontSize * 0.5)));
  const lines = text.paragraphs.reduce((n, p) => n + Math.ceil(p.length / perLine), 0);
  return (lines * text.fontSize * 1.2 + text.paragraphs.length * PARA_SPACE + 2 * PANEL_MARGIN) / 72 + 0.1;
}

/** Diagram beside the text (tall diagrams) or above it (wide ones): whichever shows it larger. */
function splitRegion(full: Box, bounds: Box, text: PanelText): { diagram: Box; panel: Box } {
  const gap = 0.3;
  const panelWidth = 4.1;
  const belowHeight = Math.min(2.6, Math.max(0.9, panelHeight(text, full.width)));
  const side = { x: full.x, y: full.y, width: full.width - panelWidth - gap, height: full.height };
  const above = { x: full.x, y: full.y, width: full.width, height: full.height - belowHeight - gap };
  const scale = (r: Box) => fitInto(bounds, r).scale;
  if (scale(side) >= scale(above)) {
    const height = Math.min(full.height, Math.max(1.5, panelHeight(text, panelWidth)));
    // A tall diagram leaves room at its sides: centre diagram and panel together instead.
    const used = Math.min(side.width, bounds.width * Math.min(scale(side), MAX_ZOOM / 96));
    const x = full.x + (side.width - used) / 2;
    return { diagram: { ...side, x, width: used }, panel: { x: x + used + gap, y: full.y + (full.height - height) / 2, width: panelWidth, height } };
  }
  return { diagram: above, panel: { x: full.x, y: full.y + full.height - belowHeight, width: full.width, height: belowHeight } };
}

function textPanel(slide: PptxGenJS.Slide, s: Extract<DeckSlide, { kind: 'stage' }>, panel: Box, theme: Theme): void {
  const size = panelText(s).fontSize;
  const runs: PptxGenJS.TextProps[] = [];
  if (s.description) runs.push({ text: s.description, options: { breakLine: true, color: hex(theme.text) } });
  for (const b of s.bullets) runs.push({ text: b, options: { bullet: { indent: 18 }, breakLine: true, color: hex(theme.mutedText) } });
  slide.addText(runs, {
    objectName: 'Stage notes',
    ...inches(panel),
    shape: 'roundRect',
    rectRadius: 0.12,
    fill: { color: hex(theme.stageFill) },
    line: { color: hex(theme.stageStroke), width: 1 },
    margin: PANEL_MARGIN,
    fontFace: FONT,
    fontSize: size,
    color: hex(theme.text),
    valign: 'top',
    paraSpaceAfter: PARA_SPACE,
    fit: 'shrink',
  });
}

/** The slide with every text made XML-safe. */
function safeSlide(s: DeckSlide): DeckSlide {
  const notes = xmlSafe(s.notes);
  const title = xmlSafe(s.title);
  switch (s.kind) {
    case 'title':
      return { ...s, title, notes, subtitle: xmlSafe(s.subtitle) };
    case 'overview':
      return { ...s, title, notes };
    case 'stage':
      return { ...s, title, notes, description: xmlSafe(s.description), bullets: s.bullets.map(xmlSafe) };
    case 'summary':
      return { ...s, title, notes, items: s.items.map(xmlSafe) };
  }
}

const inches = (b: Box) => ({ x: b.x, y: b.y, w: b.width, h: b.height });
