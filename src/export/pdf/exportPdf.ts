/**
 * Document → vector PDF, drawn with jsPDF's path and text operators from the shared scene: no
 * raster, no DOM, so it runs in the CLI as in the browser. Text is set in the standard
 * Helvetica (metrics practically Arial's, which sized the layout), so it stays selectable.
 */
import { GState, jsPDF } from 'jspdf';
import type { FunnelDocument } from '../../model/schema';
import type { ThemeName } from '../../render/theme';
import { buildScene, type Paint, type Scene, type ShapeItem, type Stroke, type TextItem } from '../vector/scene';
import { fitInto, type FitTransform } from '../vector/fit';
import { ellipseSegments, roundedRectSegments, type Segment } from '../vector/pathData';
import { toWinAnsi } from './winAnsi';

import type { PdfPage } from './pages';

export { PDF_PAGES, type PdfPage } from './pages';

export interface PdfOptions {
  /** 'fit': a page the size of the diagram (1 px = 0.75 pt). 'a4' / 'letter': landscape, diagram fitted and centred. */
  page: PdfPage;
  theme?: ThemeName;
}

/** Landscape sizes in points. */
export const PAGE_SIZES = { a4: { width: 841.89, height: 595.28 }, letter: { width: 792, height: 612 } } as const;
const PT_PER_PX = 0.75;
const MARGIN = 36;
/** Largest page side PDF readers accept (PDF 1.x limit). */
const MAX_SIDE = 14_400;
/** The SVG centres a line on its box by shifting the baseline 0.35 em down. */
const BASELINE_SHIFT = 0.35;

export function exportPdf(doc: FunnelDocument, options: PdfOptions): Uint8Array<ArrayBuffer> {
  const scene = buildScene(doc, { theme: options.theme });
  const b = scene.bounds;
  let page: { width: number; height: number };
  let fit: FitTransform;
  if (options.page === 'fit') {
    const scale = Math.min(PT_PER_PX, MAX_SIDE / Math.max(b.width, b.height, 1));
    page = { width: b.width * scale, height: b.height * scale };
    fit = { scale, dx: -b.x * scale, dy: -b.y * scale };
  } else {
    page = PAGE_SIZES[options.page];
    // At most 1.5× the natural size, so a small diagram does not turn into poster text.
    fit = fitInto(b, { x: MARGIN, y: MARGIN, width: page.width - 2 * MARGIN, height: page.height - 2 * MARGIN }, 1.5 * PT_PER_PX);
  }
  const pdf = new jsPDF({ unit: 'pt', format: [page.width, page.height], orientation: page.width >= page.height ? 'landscape' : 'portrait', compress: true, putOnlyUsedFonts: true });
  pdf.setProperties({ title: toWinAnsi(doc.title), subject: toWinAnsi(doc.description), creator: 'Funnel diagram editor' });
  pdf.setLineCap('round');
  pdf.setLineJoin('round');
  pdf.setFillColor(scene.background);
  pdf.rect(0, 0, page.width, page.height, 'F');
  drawScene(pdf, scene, fit);
  return new Uint8Array(pdf.output('arraybuffer'));
}

function drawScene(pdf: jsPDF, scene: Scene, fit: FitTransform): void {
  for (const item of scene.items) {
    if (item.type === 'shape') {
      paintPath(pdf, shapeSegments(item), fit, item.fill, item.stroke);
    } else if (item.type === 'edge') {
      paintPath(pdf, item.line, fit, undefined, item.stroke);
      paintPath(pdf, item.arrow, fit, { color: item.stroke.color, opacity: item.stroke.opacity }, undefined);
    } else {
      drawText(pdf, item, fit);
    }
  }
}

function shapeSegments(item: ShapeItem): Segment[] {
  const g = item.geom;
  if (g.kind === 'rect') return roundedRectSegments(g.x, g.y, g.width, g.height, g.radius);
  if (g.kind === 'ellipse') return ellipseSegments(g.cx, g.cy, g.rx, g.ry);
  return g.segments;
}

function paintPath(pdf: jsPDF, segments: readonly Segment[], fit: FitTransform, fill: Paint | undefined, stroke: Stroke | undefined): void {
  if (segments.length === 0 || (!fill && !stroke)) return;
  const translucent = (fill && fill.opacity < 1) || (stroke && stroke.opacity < 1);
  if (translucent) {
    pdf.saveGraphicsState();
    pdf.setGState(new GState({ opacity: fill?.opacity ?? 1, 'stroke-opacity': stroke?.opacity ?? 1 }));
  }
  if (fill) pdf.setFillColor(fill.color);
  if (stroke) {
    pdf.setDrawColor(stroke.color);
    pdf.setLineWidth(stroke.width * fit.scale);
    if (stroke.dash) {
      pdf.setLineDashPattern(stroke.dash.map((d) => d * fit.scale), 0);
      pdf.setLineCap('butt');
    }
  }
  const X = (v: number) => fit.dx + v * fit.scale;
  const Y = (v: number) => fit.dy + v * fit.scale;
  for (const s of segments) {
    if (s.op === 'M') pdf.moveTo(X(s.x), Y(s.y));
    else if (s.op === 'L') pdf.lineTo(X(s.x), Y(s.y));
    else if (s.op === 'C') pdf.curveTo(X(s.x1), Y(s.y1), X(s.x2), Y(s.y2), X(s.x), Y(s.y));
    else pdf.close();
  }
  if (fill && stroke) pdf.fillStroke();
  else if (fill) pdf.fill();
  else pdf.stroke();
  if (stroke?.dash) {
    pdf.setLineDashPattern([], 0);
    pdf.setLineCap('round');
  }
  if (translucent) pdf.restoreGraphicsState();
}

function drawText(pdf: jsPDF, item: TextItem, fit: FitTransform): void {
  pdf.setFont('helvetica', item.bold ? 'bold' : 'normal');
  pdf.setFontSize(item.fontSize * fit.scale);
  pdf.setTextColor(item.color);
  const x = fit.dx + item.x * fit.scale;
  item.lines.forEach((line, i) => {
    if (line === '') return;
    const baseline = item.firstCentreY + i * item.lineHeight + BASELINE_SHIFT * item.fontSize;
    pdf.text(toWinAnsi(line), x, fit.dy + baseline * fit.scale, { align: item.align, baseline: 'alphabetic' });
  });
}
