/**
 * Draws a document's diagram onto a pptxgenjs slide as native, editable shapes: rounded
 * rectangles, custom-geometry paths, connectors with arrowheads and text boxes holding the
 * layout's own wrapped lines. Positions, sizes and colours come from the shared scene, so the
 * slide shows what the SVG export shows.
 */
import type PptxGenJS from 'pptxgenjs';
import type { FunnelDocument } from '../../model/schema';
import type { Box } from '../../layout/types';
import type { ThemeName } from '../../render/theme';
import { buildScene, type EdgeItem, type Paint, type Scene, type ShapeItem, type Stroke, type TextItem } from '../vector/scene';
import { fitInto, type FitTransform } from '../vector/fit';
import { segmentsBox, type Segment } from '../vector/pathData';

/** A 16:9 slide in inches (PowerPoint's "widescreen"). */
export const SLIDE = { width: 13.333, height: 7.5 } as const;
/** One diagram px at 100 %: 96 px per inch. */
const NATURAL = 1 / 96;
const PT_PER_INCH = 72;
/** Paths need a non-zero frame; a straight horizontal edge would have none. */
const MIN_FRAME = 0.01;
/** Supported at run time (pptx.ShapeType.custGeom) but missing from pptxgenjs 4.0's SHAPE_NAME type. */
const CUSTOM_GEOMETRY = 'custGeom' as PptxGenJS.SHAPE_NAME;

export interface DrawDiagramOptions {
  theme?: ThemeName;
  /** Draw this stage as usual and fade everything else. */
  highlight?: string;
  /** Where the diagram goes, in inches. Default: the whole slide less a 0.3 in margin. */
  region?: Box;
  /** Largest zoom relative to 96 px per inch. Default 1.5. */
  maxZoom?: number;
}

/** Draws the diagram and returns the transform used (inches = d + scale × px). */
export function drawDiagram(slide: PptxGenJS.Slide, doc: FunnelDocument, options: DrawDiagramOptions = {}): FitTransform {
  const scene = buildScene(doc, { theme: options.theme, highlight: options.highlight });
  return drawScene(slide, scene, options.region ?? { x: 0.3, y: 0.3, width: SLIDE.width - 0.6, height: SLIDE.height - 0.6 }, options.maxZoom ?? 1.5);
}

export function drawScene(slide: PptxGenJS.Slide, scene: Scene, region: Box, maxZoom: number): FitTransform {
  const fit = fitInto(scene.bounds, region, maxZoom * NATURAL);
  for (const item of scene.items) {
    if (item.type === 'shape') drawShape(slide, item, fit);
    else if (item.type === 'edge') drawEdge(slide, item, fit);
    else drawText(slide, item, fit);
  }
  return fit;
}

const hex = (color: string) => color.replace('#', '').toUpperCase();

/**
 * Text as XML 1.0 allows it: pptxgenjs escapes markup characters but passes control characters
 * and lone surrogates through, which would make PowerPoint refuse the whole file.
 */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}
const round = (n: number) => Math.round(n * 10000) / 10000;
const pt = (px: number, fit: FitTransform) => round(px * fit.scale * PT_PER_INCH);
const transparency = (opacity: number) => Math.round((1 - opacity) * 100);

function fillProps(fill: Paint | undefined): PptxGenJS.ShapeFillProps | undefined {
  return fill && { color: hex(fill.color), transparency: transparency(fill.opacity) };
}

function lineProps(stroke: Stroke | undefined, fit: FitTransform): PptxGenJS.ShapeLineProps {
  if (!stroke) return { type: 'none' };
  return { color: hex(stroke.color), width: pt(stroke.width, fit), transparency: transparency(stroke.opacity) };
}

function drawShape(slide: PptxGenJS.Slide, item: ShapeItem, fit: FitTransform): void {
  const g = item.geom;
  const common = { objectName: xmlSafe(item.name), fill: fillProps(item.fill), line: lineProps(item.stroke, fit) };
  const at = (x: number, y: number) => ({ x: round(fit.dx + x * fit.scale), y: round(fit.dy + y * fit.scale) });
  if (g.kind === 'rect') {
    const size = { w: round(g.width * fit.scale), h: round(g.height * fit.scale) };
    if (g.radius > 0) slide.addShape('roundRect', { ...common, ...at(g.x, g.y), ...size, rectRadius: round(g.radius * fit.scale) });
    else slide.addShape('rect', { ...common, ...at(g.x, g.y), ...size });
  } else if (g.kind === 'ellipse') {
    slide.addShape('ellipse', { ...common, ...at(g.cx - g.rx, g.cy - g.ry), w: round(2 * g.rx * fit.scale), h: round(2 * g.ry * fit.scale) });
  } else {
    slide.addShape(CUSTOM_GEOMETRY, { ...common, ...customGeometry(g.segments, fit) });
  }
}

/** A path as a custom-geometry shape: a frame around it and its points relative to the frame. */
function customGeometry(segments: readonly Segment[], fit: FitTransform): Pick<PptxGenJS.ShapeProps, 'x' | 'y' | 'w' | 'h' | 'points'> {
  const box = segmentsBox(segments);
  const x0 = fit.dx + box.x * fit.scale;
  const y0 = fit.dy + box.y * fit.scale;
  const X = (v: number) => round(fit.dx + v * fit.scale - x0);
  const Y = (v: number) => round(fit.dy + v * fit.scale - y0);
  const points: NonNullable<PptxGenJS.ShapeProps['points']> = segments.map((s, i) => {
    if (s.op === 'Z') return { close: true };
    if (s.op === 'C') return { x: X(s.x), y: Y(s.y), curve: { type: 'cubic', x1: X(s.x1), y1: Y(s.y1), x2: X(s.x2), y2: Y(s.y2) } };
    return s.op === 'M' ? { x: X(s.x), y: Y(s.y), moveTo: i > 0 } : { x: X(s.x), y: Y(s.y) };
  });
  return { x: round(x0), y: round(y0), w: Math.max(MIN_FRAME, round(box.width * fit.scale)), h: Math.max(MIN_FRAME, round(box.height * fit.scale)), points };
}

/**
 * An edge is its line plus a filled triangle, exactly as the SVG draws them. A triangle line end
 * would be one object, but LibreOffice sizes line ends from at least a 0.7 mm line, which makes
 * the heads of a fitted diagram's thin lines two to four times too large.
 */
function drawEdge(slide: PptxGenJS.Slide, item: EdgeItem, fit: FitTransform): void {
  slide.addShape(CUSTOM_GEOMETRY, {
    objectName: xmlSafe(item.name),
    ...customGeometry(item.line, fit),
    line: {
      color: hex(item.stroke.color),
      width: pt(item.stroke.width, fit),
      // 'dash' is 4 on, 3 off in line widths: the SVG's "6 5" at 1.5 px is 4 on, 3.3 off.
      dashType: item.stroke.dash ? 'dash' : 'solid',
    },
  });
  slide.addShape(CUSTOM_GEOMETRY, { objectName: xmlSafe(`Arrowhead ${item.name}`), ...customGeometry(item.arrow, fit), fill: { color: hex(item.stroke.color) }, line: { type: 'none' } });
}

/** The layout's lines, one paragraph each, in a box that never re-wraps them. */
function drawText(slide: PptxGenJS.Slide, item: TextItem, fit: FitTransform): void {
  if (item.lines.every((l) => l === '')) return;
  // Room to spare, so a renderer with slightly wider glyphs does not clip the text.
  const width = (item.width + 8) * 1.1;
  const left = item.align === 'left' ? item.x : item.align === 'center' ? item.x - width / 2 : item.x - width;
  const top = item.firstCentreY - item.lineHeight / 2;
  const runs: PptxGenJS.TextProps[] = item.lines.map((line, i) => ({ text: xmlSafe(line), options: { breakLine: i < item.lines.length - 1 } }));
  slide.addText(runs, {
    objectName: xmlSafe(item.name),
    x: round(fit.dx + left * fit.scale),
    y: round(fit.dy + top * fit.scale),
    w: round(width * fit.scale),
    h: round(item.lines.length * item.lineHeight * fit.scale),
    margin: 0,
    wrap: false,
    fontFace: 'Arial',
    fontSize: pt(item.fontSize, fit),
    bold: item.bold,
    color: hex(item.color),
    align: item.align,
    valign: 'middle',
    lineSpacing: pt(item.lineHeight, fit),
  });
}
