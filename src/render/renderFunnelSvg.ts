/**
 * The classic slide funnel: the journey's main path as stacked, centred trapezoids whose widths
 * follow the volumes, with each stage's title and volume, the rate between stages and a summary.
 * Native SVG only (no foreignObject, scripts or external references) and pure, like renderSvg.
 */
import type { DiagramEdge, FunnelDocument, StageNode } from '../model/schema';
import { FONT_FAMILY, measureTextWidth, wrapText } from '../layout/measureText';
import { computeFunnel, type FunnelMetrics } from '../metrics/computeFunnel';
import { mainPath } from '../metrics/mainPath';
import { formatCurrency } from '../metrics/format';
import { stageColor } from './drawNodes';
import { escapeXml } from './escapeXml';
import { el, num, textLines } from './svgText';
import { THEMES, type Theme, type ThemeName } from './theme';
import type { RenderedSvg } from './renderSvg';

export interface RenderFunnelSvgOptions {
  theme?: ThemeName;
  /** 'theme' paints the theme's page colour, 'white' plain white, 'transparent' nothing. */
  background?: 'theme' | 'white' | 'transparent';
  /** Margin around the picture, in px. Default 24. */
  padding?: number;
}

export const FUNNEL_PLACEHOLDER = 'Add a volume to the first stage to see the funnel';

/** Widest band; every width is a share of it. */
const MAX_WIDTH = 640;
/** Narrowest band, so that a tiny stage stays visible and clickable in a slide. */
const MIN_WIDTH = 56;
const BAND_HEIGHT = 64;
/** Space between bands; the rate label sits in it. */
const GAP = 26;
const HEADING = { size: 22, lineHeight: 28, maxLines: 2 } as const;
const SUMMARY = { size: 14, lineHeight: 20, maxLines: 2 } as const;
const HEADER_GAP = 20;
const LABEL = { titleSize: 15, titleLineHeight: 20, volumeSize: 13, volumeLineHeight: 18 } as const;
const RATE_SIZE = 12;
/** Space kept free between a label inside a band and the band's slanted sides. */
const INSIDE_PAD = 14;
const BESIDE = { gap: 14, maxWidth: 260, maxLines: 2 } as const;

// A fixed locale, like renderSvg: an export must not depend on the machine that made it.
const LOCALE = 'en-US';
const compact = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });

/** "12.5K" for large volumes; whole people below 1,000 (a forecast of 76.5 people reads as 77). */
function formatVolume(volume: number): string {
  return Math.abs(volume) < 1000 ? whole.format(volume) : compact.format(volume);
}

interface Band {
  stage: StageNode;
  volume: number;
  top: number;
  bottom: number;
  y: number;
}

export function renderFunnelSvg(doc: FunnelDocument, options: RenderFunnelSvgOptions = {}): RenderedSvg {
  const theme = THEMES[options.theme ?? 'light'];
  const padding = Math.max(0, options.padding ?? 24);
  const metrics = computeFunnel(doc);
  const stagesById = new Map(doc.nodes.filter((n): n is StageNode => n.kind === 'stage').map((s) => [s.id, s]));
  const path = mainPath(doc, metrics).flatMap((id) => stagesById.get(id) ?? []);
  const volumes = path.map((s) => metrics.stages.get(s.id)?.volume ?? 0);

  const cx = padding + MAX_WIDTH / 2;
  let y = padding;
  const heading = wrapText(doc.title, MAX_WIDTH, HEADING.size, 700, HEADING.maxLines);
  let body = textLines(heading, cx, y + HEADING.lineHeight / 2, HEADING.lineHeight, { 'font-size': HEADING.size, 'font-weight': 700, 'text-anchor': 'middle', fill: theme.text });
  y += heading.length * HEADING.lineHeight;
  const summary = wrapText(summaryText(doc, volumes), MAX_WIDTH, SUMMARY.size, 400, SUMMARY.maxLines);
  body += textLines(summary, cx, y + SUMMARY.lineHeight / 2, SUMMARY.lineHeight, { 'font-size': SUMMARY.size, 'text-anchor': 'middle', fill: theme.mutedText });
  y += summary.length * SUMMARY.lineHeight + HEADER_GAP;

  let right = padding + MAX_WIDTH;
  if (path.length === 0) {
    body += drawPlaceholder(cx, y, theme);
    y += BAND_HEIGHT;
  } else {
    const largest = Math.max(...volumes);
    // MIN_WIDTH plus a share of the rest proportional to the volume: tiny stages stay visible and
    // still differ from each other, the largest gets MAX_WIDTH.
    const widthOf = (v: number) => MIN_WIDTH + (largest > 0 ? Math.max(0, v / largest) : 0) * (MAX_WIDTH - MIN_WIDTH);
    const bands: Band[] = path.map((stage, i) => {
      const volume = volumes[i]!;
      const next = volumes[i + 1];
      // The last band is the result, not a narrowing: it keeps its width (the funnel's spout).
      return { stage, volume, top: widthOf(volume), bottom: widthOf(next ?? volume), y: y + i * (BAND_HEIGHT + GAP) };
    });
    for (const [i, band] of bands.entries()) {
      body += el('polygon', { points: trapezoid(cx, band.y, band.top, band.bottom), fill: stageColor(band.stage), 'data-stage-id': band.stage.id });
      const label = drawLabel(band, cx, theme);
      body += label.markup;
      right = Math.max(right, label.right);
      const next = bands[i + 1];
      if (next) body += drawRate(rateBetween(doc, metrics, band, next), cx, band.y + BAND_HEIGHT + GAP / 2, theme);
    }
    y += bands.length * BAND_HEIGHT + (bands.length - 1) * GAP;
  }

  const width = Math.ceil(right + padding);
  const height = Math.ceil(y + padding);
  const background = options.background ?? 'theme';
  const paint = background === 'transparent' ? '' : el('rect', { x: 0, y: 0, width, height, fill: background === 'white' ? '#ffffff' : theme.background });
  const root = { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' };
  const svg = el('svg', root, `<title>${escapeXml(doc.title)}</title>${paint}${el('g', { 'font-family': FONT_FAMILY }, body)}`);
  return { svg, width, height };
}

/** Polygon points of a band centred on cx: top edge at y, bottom edge BAND_HEIGHT lower. */
function trapezoid(cx: number, y: number, top: number, bottom: number): string {
  const corners = [
    [cx - top / 2, y],
    [cx + top / 2, y],
    [cx + bottom / 2, y + BAND_HEIGHT],
    [cx - bottom / 2, y + BAND_HEIGHT],
  ];
  return corners.map(([x, y]) => `${num(x!)},${num(y!)}`).join(' ');
}

/** The band's width at height y (clamped to the band). */
function widthAt(band: Band, y: number): number {
  const t = Math.min(1, Math.max(0, (y - band.y) / BAND_HEIGHT));
  return band.top + (band.bottom - band.top) * t;
}

/** Title and volume inside the band when both fit between its slanted sides, else to its right. */
function drawLabel(band: Band, cx: number, theme: Theme): { markup: string; right: number } {
  const title = band.stage.title.replace(/\s+/g, ' ').trim();
  const volume = formatVolume(band.volume);
  const titleWidth = measureTextWidth(title, LABEL.titleSize, 700);
  const volumeWidth = measureTextWidth(volume, LABEL.volumeSize, 400);
  const centreY = band.y + BAND_HEIGHT / 2;
  const insideTop = centreY - LABEL.volumeLineHeight / 2 - LABEL.titleLineHeight / 2;
  const insideBottom = insideTop + LABEL.titleLineHeight + LABEL.volumeLineHeight;
  const inner = Math.min(widthAt(band, insideTop), widthAt(band, insideBottom)) - 2 * INSIDE_PAD;

  if (Math.max(titleWidth, volumeWidth) <= inner) {
    const ink = inkOn(stageColor(band.stage));
    const titleY = centreY - LABEL.volumeLineHeight / 2;
    const markup =
      textLines([title], cx, titleY, LABEL.titleLineHeight, { 'font-size': LABEL.titleSize, 'font-weight': 700, 'text-anchor': 'middle', fill: ink }) +
      textLines([volume], cx, titleY + (LABEL.titleLineHeight + LABEL.volumeLineHeight) / 2, LABEL.volumeLineHeight, { 'font-size': LABEL.volumeSize, 'text-anchor': 'middle', fill: ink, 'fill-opacity': '0.9' });
    return { markup, right: 0 };
  }

  const lines = wrapText(title, BESIDE.maxWidth, LABEL.titleSize, 700, BESIDE.maxLines);
  const blockHeight = lines.length * LABEL.titleLineHeight + LABEL.volumeLineHeight;
  const blockTop = centreY - blockHeight / 2;
  // Clear of the band's slanted side over the whole height of the label.
  const x = cx + Math.max(widthAt(band, blockTop), widthAt(band, blockTop + blockHeight)) / 2 + BESIDE.gap;
  const firstY = blockTop + LABEL.titleLineHeight / 2;
  const volumeY = firstY + (lines.length - 0.5) * LABEL.titleLineHeight + LABEL.volumeLineHeight / 2;
  const markup =
    textLines(lines, x, firstY, LABEL.titleLineHeight, { 'font-size': LABEL.titleSize, 'font-weight': 700, fill: theme.text }) +
    textLines([volume], x, volumeY, LABEL.volumeLineHeight, { 'font-size': LABEL.volumeSize, fill: theme.mutedText });
  const widest = Math.max(volumeWidth, ...lines.map((l) => measureTextWidth(l, LABEL.titleSize, 700)));
  return { markup, right: x + widest };
}

/** The share moving from one band to the next: the edge's own rate, else the ratio of volumes. */
function rateBetween(doc: FunnelDocument, metrics: FunnelMetrics, from: Band, to: Band): number | undefined {
  let best: DiagramEdge | undefined;
  for (const e of doc.edges) {
    if (e.source !== from.stage.id || e.target !== to.stage.id || metrics.edges.get(e.id)?.ignored) continue;
    if (!best || (metrics.edges.get(e.id)?.flow ?? -1) > (metrics.edges.get(best.id)?.flow ?? -1)) best = e;
  }
  if (best?.conversionRate !== undefined && Number.isFinite(best.conversionRate)) return best.conversionRate;
  return from.volume > 0 ? to.volume / from.volume : undefined;
}

function drawRate(rate: number | undefined, cx: number, y: number, theme: Theme): string {
  if (rate === undefined) return '';
  return textLines([`\u2193 ${percent.format(rate)}`], cx, y, RATE_SIZE, { 'font-size': RATE_SIZE, 'font-weight': 700, 'text-anchor': 'middle', fill: theme.mutedText });
}

/**
 * "Overall conversion 0.9% · Forecast revenue €10,800", measured along the drawn path (bottom
 * band over top band), so the line always describes the picture above it.
 */
function summaryText(doc: FunnelDocument, volumes: readonly number[]): string {
  const first = volumes[0];
  const last = volumes[volumes.length - 1];
  const parts: string[] = [];
  if (first !== undefined && last !== undefined && volumes.length > 1 && first > 0) parts.push(`Overall conversion ${percent.format(last / first)}`);
  const value = doc.metadata.valuePerCustomer;
  if (last !== undefined && value !== undefined && Number.isFinite(value)) {
    const revenue = last * value;
    const currency = doc.metadata.currency;
    parts.push(`Forecast revenue ${currency ? formatCurrency(revenue, currency, LOCALE) : compact.format(revenue)}`);
  }
  return parts.join(' \u00b7 ');
}

function drawPlaceholder(cx: number, y: number, theme: Theme): string {
  const top = y;
  const shape = el('polygon', { points: trapezoid(cx, top, MAX_WIDTH, MAX_WIDTH * 0.6), fill: 'none', stroke: theme.mutedText, 'stroke-opacity': '0.6', 'stroke-width': 1.5, 'stroke-dasharray': '6 5' });
  const lines = wrapText(FUNNEL_PLACEHOLDER, MAX_WIDTH * 0.6 - 2 * INSIDE_PAD, LABEL.titleSize, 400);
  const firstY = top + BAND_HEIGHT / 2 - ((lines.length - 1) * LABEL.titleLineHeight) / 2;
  return shape + textLines(lines, cx, firstY, LABEL.titleLineHeight, { 'font-size': LABEL.titleSize, 'text-anchor': 'middle', fill: theme.mutedText });
}

/** Dark or white text, whichever reads better on a `#rrggbb` fill (WCAG relative luminance). */
function inkOn(fill: string): string {
  const m = /^#([0-9a-f]{6})$/i.exec(fill);
  if (!m) return '#ffffff';
  const value = parseInt(m[1]!, 16);
  const linear = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * linear(16) + 0.7152 * linear(8) + 0.0722 * linear(0);
  // White (contrast 1.05 / (L + 0.05)) as long as it keeps 3:1, the WCAG minimum for bold
  // display text, as on the orange sales colour; dark text on lighter custom colours.
  return 1.05 / (luminance + 0.05) >= 3 ? '#ffffff' : '#0f172a';
}
