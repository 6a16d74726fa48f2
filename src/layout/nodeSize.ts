/**
 * Node sizes come from their content, measured with the shared font metrics, so the canvas
 * and every export agree. Pure: works in Node with no DOM.
 */
import type { DiagramNode, DocumentSettings, LabelNode, NoteNode, StageNode } from '../model/schema';
import { measureTextWidth, wrapText } from './measureText';
import { LABEL, NOTE, STAGE } from './constants';
import type { TextBlock } from './types';

export interface MeasuredNode {
  width: number;
  height: number;
  text: TextBlock;
  detail: TextBlock;
}

const EMPTY_DETAIL: TextBlock = { lines: [], fontSize: STAGE.detailSize, fontWeight: 400, lineHeight: STAGE.detailLineHeight };

export function measureNode(node: DiagramNode, settings: Pick<DocumentSettings, 'showDescriptions'>): MeasuredNode {
  switch (node.kind) {
    case 'stage':
      return measureStage(node, settings.showDescriptions);
    case 'note':
      return measureNote(node);
    case 'label':
      return measureLabel(node);
  }
}

/** Inner width available to a stage's title (the icon sits to its left). */
export function stageTitleWidth(hasIcon: boolean): number {
  return STAGE.width - 2 * STAGE.padding - STAGE.accentWidth - (hasIcon ? STAGE.iconSize + STAGE.iconGap : 0);
}

function measureStage(node: StageNode, showDescription: boolean): MeasuredNode {
  const lines = wrapText(node.title, stageTitleWidth(Boolean(node.icon)), STAGE.titleSize, 700, STAGE.titleMaxLines);
  const text: TextBlock = { lines, fontSize: STAGE.titleSize, fontWeight: 700, lineHeight: STAGE.titleLineHeight };
  const detailLines = showDescription && node.description
    ? wrapText(node.description, STAGE.width - 2 * STAGE.padding - STAGE.accentWidth, STAGE.detailSize, 400, STAGE.detailMaxLines)
    : [];
  const detail: TextBlock = { ...EMPTY_DETAIL, lines: detailLines };
  const titleHeight = Math.max(lines.length * STAGE.titleLineHeight, STAGE.iconSize);
  const detailHeight = detailLines.length ? STAGE.detailGap + detailLines.length * STAGE.detailLineHeight : 0;
  return { width: STAGE.width, height: Math.round(2 * STAGE.padding + titleHeight + detailHeight + STAGE.footerHeight), text, detail };
}

function measureNote(node: NoteNode): MeasuredNode {
  const width = node.size?.width ?? NOTE.defaultWidth;
  const inner = width - 2 * NOTE.padding;
  if (node.size) {
    // A sized note never grows: text that does not fit ends with an ellipsis instead of spilling out.
    const maxLines = Math.max(1, Math.floor((node.size.height - 2 * NOTE.padding) / NOTE.lineHeight));
    const lines = wrapText(node.text, inner, NOTE.fontSize, 400, maxLines);
    return { width, height: node.size.height, text: noteBlock(lines), detail: EMPTY_DETAIL };
  }
  const lines = wrapText(node.text, inner, NOTE.fontSize, 400);
  const height = Math.max(NOTE.minHeight, 2 * NOTE.padding + lines.length * NOTE.lineHeight);
  return { width, height, text: noteBlock(lines), detail: EMPTY_DETAIL };
}

function noteBlock(lines: string[]): TextBlock {
  return { lines, fontSize: NOTE.fontSize, fontWeight: 400, lineHeight: NOTE.lineHeight };
}

function measureLabel(node: LabelNode): MeasuredNode {
  const style = LABEL[node.variant];
  const fontWeight = style.fontWeight;
  const lines = wrapText(node.text, LABEL.maxWidth, style.fontSize, fontWeight);
  const widest = Math.max(0, ...lines.map((line) => measureTextWidth(line, style.fontSize, fontWeight)));
  return {
    width: Math.ceil(widest) + 2 * LABEL.padding,
    height: lines.length * style.lineHeight + 2 * LABEL.padding,
    text: { lines, fontSize: style.fontSize, fontWeight, lineHeight: style.lineHeight },
    detail: EMPTY_DETAIL,
  };
}
