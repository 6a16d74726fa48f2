/**
 * Sizes shared by the canvas (inline styles) and every export, so both draw the same boxes.
 */
export const STAGE = {
  width: 196,
  padding: 12,
  iconSize: 20,
  iconGap: 8,
  titleSize: 14,
  titleLineHeight: 18,
  titleMaxLines: 3,
  detailSize: 12,
  detailLineHeight: 16,
  detailMaxLines: 5,
  detailGap: 6,
  radius: 10,
  accentWidth: 5,
  /** Row under the title for the phase tag and the stage volume. */
  footerHeight: 16,
} as const;

export const NOTE = {
  defaultWidth: 180,
  minHeight: 80,
  padding: 12,
  fontSize: 13,
  lineHeight: 17,
  radius: 4,
} as const;

export const LABEL = {
  maxWidth: 420,
  padding: 4,
  heading: { fontSize: 22, lineHeight: 28, fontWeight: 700 },
  caption: { fontSize: 13, lineHeight: 17, fontWeight: 400 },
} as const;

export const LANE = {
  padding: 28,
  headerSize: 34,
  titleSize: 14,
  gap: 24,
  emptySize: 140,
} as const;

export const LAYOUT = {
  nodeSep: 40,
  rankSep: 60,
  annotationGap: 40,
  margin: 24,
} as const;

/** Edge labels sit on a rounded pill: `padding` left and right, `padY` above and below the text. */
export const EDGE_LABEL = { fontSize: 12, lineHeight: 15, padding: 5, padY: 3, maxWidth: 180 } as const;

export const PHASE_COLORS = { marketing: '#2563eb', sales: '#ea580c' } as const;

export const NOTE_FILL = {
  yellow: '#fef3c7',
  pink: '#fce7f3',
  blue: '#dbeafe',
  green: '#dcfce7',
  purple: '#ede9fe',
  orange: '#ffedd5',
} as const;

/** How each edge kind is drawn: flow solid, hand-off emphasised, feedback dashed. */
export const EDGE_STYLE = {
  flow: { width: 1.75, dash: undefined },
  handoff: { width: 3, dash: undefined },
  feedback: { width: 1.5, dash: '6 5' },
} as const;
