/**
 * Scene primitives for each node kind, placed and coloured exactly as render/drawNodes.ts
 * draws them in the SVG (same paddings, line centres, accent strip, icon, tag and badges).
 */
import type { DiagramNode, LabelNode, NoteNode, StageNode } from '../../model/schema';
import type { NodeGeometry } from '../../layout/types';
import { formatCompact } from '../../metrics/format';
import { LABEL, NOTE, NOTE_FILL, STAGE } from '../../layout/constants';
import { hasIcon, ICONS } from '../../render/icons';
import { COMMENT_BADGE, stageColor, type StageExtras } from '../../render/drawNodes';
import { accentFor, type Theme } from '../../render/theme';
import { elementSegments, parsePath, transformSegments } from './pathData';
import { textItem, type SceneItem } from './sceneTypes';

const TAG = { fontSize: 9, height: 14, padding: 5 } as const;
const VOLUME_SIZE = 11;
const STEP_RADIUS = 9;

export function nodeItems(node: DiagramNode, g: NodeGeometry, theme: Theme, extras: StageExtras): SceneItem[] {
  switch (node.kind) {
    case 'stage':
      return stageItems(node, g, theme, extras);
    case 'note':
      return noteItems(node, g, theme);
    case 'label':
      return labelItems(node, g, theme);
  }
}

function stageItems(node: StageNode, g: NodeGeometry, theme: Theme, extras: StageExtras): SceneItem[] {
  const color = stageColor(node);
  const ink = accentFor(color, theme);
  const { x, y, width: w, height: h } = g;
  const id = node.id;
  const left = x + STAGE.accentWidth + STAGE.padding;
  const title = g.text;
  const titleHeight = Math.max(title.lines.length * title.lineHeight, STAGE.iconSize);
  const titleTop = y + STAGE.padding + (titleHeight - title.lines.length * title.lineHeight) / 2;
  const firstTitleCentre = titleTop + title.lineHeight / 2;
  const items: SceneItem[] = [
    {
      type: 'shape',
      name: `Stage ${node.title}`,
      owner: id,
      geom: { kind: 'rect', x, y, width: w, height: h, radius: STAGE.radius },
      fill: { color: theme.stageFill, opacity: 1 },
      stroke: node.highlighted ? { color, opacity: 1, width: 2.5 } : { color: theme.stageStroke, opacity: 1, width: 1 },
    },
    { type: 'shape', name: `Accent ${node.title}`, owner: id, geom: { kind: 'path', segments: accentSegments(x, y, h) }, fill: { color, opacity: 1 } },
  ];
  let titleX = left;
  if (node.icon && hasIcon(node.icon)) {
    const iconY = Math.max(y + STAGE.padding, firstTitleCentre - STAGE.iconSize / 2);
    // Same rounding of the scale as the SVG's transform, so the strokes match.
    const scale = Math.round((STAGE.iconSize / 24) * 100) / 100;
    const segments = transformSegments(
      ICONS[node.icon]!.flatMap(([tag, attrs]) => elementSegments(tag, attrs)),
      scale,
      Math.round(left * 100) / 100,
      Math.round(iconY * 100) / 100,
    );
    items.push({ type: 'shape', name: `Icon ${node.icon}`, owner: id, geom: { kind: 'path', segments }, stroke: { color: ink, opacity: 1, width: 2 * scale } });
    titleX += STAGE.iconSize + STAGE.iconGap;
  }
  items.push(textItem(`Title ${node.title}`, id, title.lines, titleX, firstTitleCentre, title.lineHeight, title.fontSize, true, theme.text, 'left'));
  const detail = g.detail;
  if (detail.lines.length > 0) {
    const detailTop = y + STAGE.padding + titleHeight + STAGE.detailGap;
    items.push(textItem(`Description ${node.title}`, id, detail.lines, left, detailTop + detail.lineHeight / 2, detail.lineHeight, detail.fontSize, false, theme.mutedText, 'left'));
  }
  const footerCentre = y + h - STAGE.padding - STAGE.footerHeight / 2;
  const tag = node.phase.toUpperCase();
  const tagText = textItem(`Phase ${node.title}`, id, [tag], left + TAG.padding, footerCentre, TAG.height, TAG.fontSize, true, ink, 'left');
  items.push(
    {
      type: 'shape',
      name: `Phase tag ${node.title}`,
      owner: id,
      geom: { kind: 'rect', x: left, y: footerCentre - TAG.height / 2, width: tagText.width + 2 * TAG.padding, height: TAG.height, radius: TAG.height / 2 },
      fill: { color, opacity: theme.tagFillOpacity },
    },
    tagText,
  );
  if (extras.volume !== undefined) {
    items.push(textItem(`Volume ${node.title}`, id, [formatCompact(extras.volume)], x + w - STAGE.padding, footerCentre, VOLUME_SIZE + 4, VOLUME_SIZE, false, theme.mutedText, 'right'));
  }
  if (extras.step !== undefined) {
    items.push(
      { type: 'shape', name: `Step ${extras.step}`, owner: id, geom: { kind: 'ellipse', cx: x, cy: y, rx: STEP_RADIUS, ry: STEP_RADIUS }, fill: { color, opacity: 1 } },
      textItem(`Step number ${extras.step}`, id, [String(extras.step)], x, y, 2 * STEP_RADIUS, 10, true, '#ffffff', 'center'),
    );
  }
  if (extras.comments) {
    items.push(
      { type: 'shape', name: `Comments on ${node.title}`, owner: id, geom: { kind: 'ellipse', cx: x + w, cy: y, rx: STEP_RADIUS, ry: STEP_RADIUS }, fill: { color: COMMENT_BADGE, opacity: 1 } },
      textItem(`Comment count ${node.title}`, id, [String(extras.comments)], x + w, y, 2 * STEP_RADIUS, 10, true, '#ffffff', 'center'),
    );
  }
  return items;
}

/** The card's left strip, following its corner arcs (the SVG's accentPath). */
function accentSegments(x: number, y: number, h: number) {
  const r = STAGE.radius;
  const a = Math.min(STAGE.accentWidth, r);
  const inset = r - Math.sqrt(r * r - (r - a) * (r - a));
  return parsePath(`M${x + a},${y + inset}A${r},${r} 0 0 0 ${x},${y + r}V${y + h - r}A${r},${r} 0 0 0 ${x + a},${y + h - inset}Z`);
}

function noteItems(node: NoteNode, g: NodeGeometry, theme: Theme): SceneItem[] {
  const t = g.text;
  return [
    {
      type: 'shape',
      name: 'Note',
      owner: node.id,
      geom: { kind: 'rect', x: g.x, y: g.y, width: g.width, height: g.height, radius: NOTE.radius },
      fill: { color: NOTE_FILL[node.color], opacity: 1 },
      stroke: { color: theme.noteStroke, opacity: 1, width: 1 },
    },
    textItem('Note text', node.id, t.lines, g.x + NOTE.padding, g.y + NOTE.padding + t.lineHeight / 2, t.lineHeight, t.fontSize, false, theme.noteText, 'left'),
  ];
}

function labelItems(node: LabelNode, g: NodeGeometry, theme: Theme): SceneItem[] {
  const t = g.text;
  const color = node.variant === 'heading' ? theme.text : theme.mutedText;
  return [textItem(`Label ${node.text}`, node.id, t.lines, g.x + LABEL.padding, g.y + LABEL.padding + t.lineHeight / 2, t.lineHeight, t.fontSize, t.fontWeight === 700, color, 'left')];
}
