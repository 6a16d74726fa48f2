/**
 * SVG markup for each node kind, placed exactly where the shared geometry puts it and laid out
 * with the same paddings and line heights as the canvas (layout/constants.ts). The caller sets
 * round stroke caps and joins on an ancestor (the icons rely on it).
 */
import type { DiagramNode, LabelNode, NoteNode, StageNode } from '../model/schema';
import { formatCompact } from '../metrics/format';
import type { NodeGeometry } from '../layout/types';
import { LABEL, NOTE, NOTE_FILL, PHASE_COLORS, STAGE } from '../layout/constants';
import { measureTextWidth } from '../layout/measureText';
import { iconSvgElements } from './icons';
import { accentFor, type Theme } from './theme';
import { el, num, textLines } from './svgText';

export interface StageExtras {
  /** Step number badge, when the document shows step numbers. */
  step?: number;
  /** Volume, when the document shows metrics and the stage has one. */
  volume?: number;
  /** How many comments are pinned to the stage: a badge with the count, as on the canvas. */
  comments?: number;
}

const TAG = { fontSize: 9, height: 14, padding: 5 } as const;
const VOLUME_SIZE = 11;
const STEP_RADIUS = 9;
/** Amber, as the canvas's comment badge. */
export const COMMENT_BADGE = '#f59e0b';
// A fixed locale: exports must not depend on the machine that made them.

export function drawNode(node: DiagramNode, g: NodeGeometry, theme: Theme, extras: StageExtras): string {
  switch (node.kind) {
    case 'stage':
      return drawStage(node, g, theme, extras);
    case 'note':
      return drawNote(node, g, theme);
    case 'label':
      return drawLabel(node, g, theme);
  }
}

export function stageColor(node: StageNode): string {
  return node.color ?? PHASE_COLORS[node.phase];
}

function drawStage(node: StageNode, g: NodeGeometry, theme: Theme, extras: StageExtras): string {
  const color = stageColor(node);
  const ink = accentFor(color, theme);
  const { x, y, width: w, height: h } = g;
  const left = x + STAGE.accentWidth + STAGE.padding;
  const title = g.text;
  const titleHeight = Math.max(title.lines.length * title.lineHeight, STAGE.iconSize);
  const titleTop = y + STAGE.padding + (titleHeight - title.lines.length * title.lineHeight) / 2;
  const firstTitleCentre = titleTop + title.lineHeight / 2;
  let out = el('rect', { x, y, width: w, height: h, rx: STAGE.radius, fill: theme.stageFill, stroke: node.highlighted ? color : theme.stageStroke, 'stroke-width': node.highlighted ? 2.5 : undefined });
  out += el('path', { d: accentPath(x, y, h), fill: color });
  let titleX = left;
  if (node.icon) {
    const iconY = Math.max(y + STAGE.padding, firstTitleCentre - STAGE.iconSize / 2);
    out += iconSvgElements(node.icon, left, iconY, STAGE.iconSize, ink, true);
    titleX += STAGE.iconSize + STAGE.iconGap;
  }
  // Size and colour come from the root group (STAGE_TITLE_DEFAULTS): titles are most of the text, so this keeps files small.
  out += textLines(title.lines, titleX, firstTitleCentre, title.lineHeight, { 'font-weight': 700 });
  const detail = g.detail;
  if (detail.lines.length > 0) {
    const detailTop = y + STAGE.padding + titleHeight + STAGE.detailGap;
    out += textLines(detail.lines, left, detailTop + detail.lineHeight / 2, detail.lineHeight, { 'font-size': detail.fontSize, fill: theme.mutedText });
  }
  const footerCentre = y + h - STAGE.padding - STAGE.footerHeight / 2;
  const tag = node.phase.toUpperCase();
  const tagWidth = measureTextWidth(tag, TAG.fontSize, 700) + 2 * TAG.padding;
  out += el('rect', { x: left, y: footerCentre - TAG.height / 2, width: tagWidth, height: TAG.height, rx: TAG.height / 2, fill: color, 'fill-opacity': String(theme.tagFillOpacity) });
  out += el('text', { x: left + TAG.padding, y: footerCentre, dy: '.35em', 'font-size': TAG.fontSize, 'font-weight': 700, fill: ink }, tag);
  if (extras.volume !== undefined) {
    out += el('text', { x: x + w - STAGE.padding, y: footerCentre, dy: '.35em', 'font-size': VOLUME_SIZE, 'text-anchor': 'end', fill: theme.mutedText }, formatCompact(extras.volume));
  }
  // Badges as on the canvas: the step number on the top-left corner, the comment count on the top-right.
  if (extras.step !== undefined) {
    out += el('circle', { cx: x, cy: y, r: STEP_RADIUS, fill: color });
    out += el('text', { x, y, dy: '.35em', 'font-size': 10, 'font-weight': 700, 'text-anchor': 'middle', fill: '#ffffff' }, String(extras.step));
  }
  if (extras.comments) {
    out += el('circle', { cx: x + w, cy: y, r: STEP_RADIUS, fill: COMMENT_BADGE });
    out += el('text', { x: x + w, y, dy: '.35em', 'font-size': 10, 'font-weight': 700, 'text-anchor': 'middle', fill: '#ffffff' }, String(extras.comments));
  }
  return out;
}

/**
 * The left strip of a rounded rectangle, cut off at STAGE.accentWidth: it follows the card's
 * corner arcs exactly, so no clip path is needed.
 */
function accentPath(x: number, y: number, h: number): string {
  const r = STAGE.radius;
  const a = Math.min(STAGE.accentWidth, r);
  const inset = r - Math.sqrt(r * r - (r - a) * (r - a));
  return `M${num(x + a)},${num(y + inset)}A${r},${r} 0 0 0 ${num(x)},${num(y + r)}V${num(y + h - r)}A${r},${r} 0 0 0 ${num(x + a)},${num(y + h - inset)}Z`;
}

function drawNote(node: NoteNode, g: NodeGeometry, theme: Theme): string {
  const box = el('rect', { x: g.x, y: g.y, width: g.width, height: g.height, rx: NOTE.radius, fill: NOTE_FILL[node.color], stroke: theme.noteStroke });
  const t = g.text;
  const text = textLines(t.lines, g.x + NOTE.padding, g.y + NOTE.padding + t.lineHeight / 2, t.lineHeight, { 'font-size': t.fontSize, fill: theme.noteText });
  return box + text;
}

function drawLabel(node: LabelNode, g: NodeGeometry, theme: Theme): string {
  const t = g.text;
  const fill = node.variant === 'heading' ? theme.text : theme.mutedText;
  return textLines(t.lines, g.x + LABEL.padding, g.y + LABEL.padding + t.lineHeight / 2, t.lineHeight, { 'font-size': t.fontSize, 'font-weight': t.fontWeight === 700 ? 700 : undefined, fill });
}

/** Text defaults set once on the root group; stage titles rely on them. */
export function stageTitleDefaults(theme: Theme): Record<string, string | number> {
  return { 'font-size': STAGE.titleSize, fill: theme.text };
}

/** Comments per stage id, for the badges. */
export function countComments(doc: { callouts: ReadonlyArray<{ nodeId: string }> }): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of doc.callouts) counts.set(c.nodeId, (counts.get(c.nodeId) ?? 0) + 1);
  return counts;
}
