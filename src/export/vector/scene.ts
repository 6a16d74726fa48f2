/**
 * The diagram as a flat list of vector primitives (shapes, strokes, text lines) in diagram px,
 * built from the shared geometry with the same sizes, colours and text lines as the SVG
 * renderer. The PPTX and PDF writers draw this list, so both show the SVG's picture.
 * Pure: no DOM, no Node APIs.
 */
import type { FunnelDocument, Lane } from '../../model/schema';
import { computeGeometry } from '../../layout/computeGeometry';
import { ensurePositions, unionBox } from '../../layout/layoutDocument';
import { EDGE_LABEL, EDGE_STYLE, LANE, PHASE_COLORS } from '../../layout/constants';
import { edgeStroke } from '../../layout/edgeStroke';
import { wrapText } from '../../layout/measureText';
import type { Box, EdgeGeometry, LaneGeometry } from '../../layout/types';
import { stepNumbers } from '../../model/journeyOrder';
import { countComments } from '../../render/drawNodes';
import { computeFunnel } from '../../metrics/computeFunnel';
import { accentFor, THEMES, type Theme, type ThemeName } from '../../render/theme';
import { parsePath } from './pathData';
import { nodeItems } from './sceneNodes';
import { textItem, type EdgeItem, type Scene, type SceneItem } from './sceneTypes';

export type * from './sceneTypes';

export interface SceneOptions {
  theme?: ThemeName;
  /** Margin around the diagram in px. Default 24, as in the SVG. */
  padding?: number;
  /** Draw this stage as usual and everything else faded into the background. */
  highlight?: string;
}

const LANE_RADIUS = 12;
const LANE_TITLE_INSET = 14;
const ARROW_BY_KIND = { flow: 9, feedback: 9, handoff: 12 } as const;
/**
 * How far a dimmed colour moves towards the page colour: the SVG fades the rest of the diagram
 * to 22 % opacity; mixing the colours instead gives the same look without transparency.
 */
const DIM = 1 - 0.22;

export function buildScene(doc: FunnelDocument, options: SceneOptions = {}): Scene {
  const theme = THEMES[options.theme ?? 'light'];
  const padding = Math.max(0, options.padding ?? 24);
  const positioned = ensurePositions(doc);
  const geometry = computeGeometry(positioned);
  const items: SceneItem[] = [];

  const lanes = new Map(positioned.lanes.map((l) => [l.id, l]));
  for (const g of geometry.lanes) items.push(...laneItems(g, lanes.get(g.id), theme));
  for (const kind of ['feedback', 'flow', 'handoff'] as const) {
    for (const e of geometry.edges) if (e.kind === kind) items.push(edgeItem(e, theme));
  }
  const byId = new Map(positioned.nodes.map((n) => [n.id, n]));
  const steps = positioned.settings.showStepNumbers ? stepNumbers(positioned) : undefined;
  const metrics = positioned.settings.showMetrics ? computeFunnel(positioned) : undefined;
  const comments = countComments(positioned);
  for (const g of geometry.nodes) {
    const node = byId.get(g.id);
    if (!node) continue;
    const volume = node.kind === 'stage' ? metrics?.stages.get(node.id)?.volume : undefined;
    // The focused stage wears the document's own "highlighted" outline, so it stands out even small.
    const shown = node.kind === 'stage' && node.id === options.highlight ? { ...node, highlighted: true } : node;
    items.push(...nodeItems(shown, g, theme, { step: steps?.get(g.id), volume, comments: comments.get(g.id) }));
  }
  const pills: Box[] = [];
  for (const e of geometry.edges) {
    const pill = e.labelBox;
    if (!pill) continue;
    pills.push(pill);
    items.push(...edgeLabelItems(e, pill, theme));
  }

  const b = unionBox([geometry.bounds, ...pills]);
  const bounds = { x: b.x - padding, y: b.y - padding, width: b.width + 2 * padding, height: b.height + 2 * padding };
  const highlight = options.highlight;
  // Lanes belong to no node and stay as they are, as in the SVG's focus view.
  const faded = (item: SceneItem) => highlight !== undefined && item.owner !== undefined && item.owner !== highlight;
  const shown = items.map((item) => (faded(item) ? dimItem(item, theme.background) : item));
  return { bounds, background: theme.background, theme, items: shown };
}

function laneItems(g: LaneGeometry, lane: Lane | undefined, theme: Theme): SceneItem[] {
  const color = lane?.color ?? (lane?.phase ? PHASE_COLORS[lane.phase] : theme.laneDefault);
  const title = wrapText(g.title, Math.max(0, g.width - 2 * LANE_TITLE_INSET), LANE.titleSize, 700, 1);
  return [
    {
      type: 'shape',
      name: `Lane ${g.title}`,
      geom: { kind: 'rect', x: g.x, y: g.y, width: g.width, height: g.height, radius: LANE_RADIUS },
      fill: { color, opacity: theme.laneFillOpacity },
      stroke: { color, opacity: theme.laneStrokeOpacity, width: 1 },
    },
    textItem(`Lane title ${g.title}`, undefined, title, g.x + LANE_TITLE_INSET, g.y + LANE.headerSize / 2, LANE.headerSize, LANE.titleSize, true, accentFor(color, theme), 'left'),
  ];
}

function edgeItem(e: EdgeGeometry, theme: Theme): EdgeItem {
  const style = EDGE_STYLE[e.kind];
  const stroke = edgeStroke(e);
  return {
    type: 'edge',
    name: `Edge ${e.source} → ${e.target}`,
    owner: e.id,
    kind: e.kind,
    path: parsePath(e.path),
    line: parsePath(stroke.line),
    arrow: parsePath(stroke.arrow),
    arrowSize: ARROW_BY_KIND[e.kind],
    stroke: { color: theme.edge[e.kind], opacity: 1, width: style.width, dash: style.dash?.split(' ').map(Number) },
  };
}


function edgeLabelItems(e: EdgeGeometry, box: Box, theme: Theme): SceneItem[] {
  const t = e.label;
  return [
    {
      type: 'shape',
      name: `Edge label ${e.id}`,
      owner: e.id,
      geom: { kind: 'rect', ...box, radius: Math.min(box.height / 2, 10) },
      fill: { color: theme.labelFill, opacity: 1 },
      stroke: { color: theme.labelStroke, opacity: 1, width: 1 },
    },
    textItem(`Edge label text ${e.id}`, e.id, t.lines, e.labelAt.x, box.y + EDGE_LABEL.padY + t.lineHeight / 2, t.lineHeight, t.fontSize, false, theme.labelText, 'center'),
  ];
}

/** `color` moved `amount` of the way towards `toward` (both `#rrggbb`). */
export function mixColor(color: string, toward: string, amount: number): string {
  const a = parseInt(color.slice(1), 16);
  const b = parseInt(toward.slice(1), 16);
  const channel = (shift: number) => {
    const ca = (a >> shift) & 0xff;
    const cb = (b >> shift) & 0xff;
    return Math.round(ca + (cb - ca) * amount).toString(16).padStart(2, '0');
  };
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

function dimItem(item: SceneItem, background: string): SceneItem {
  const dim = (c: string) => mixColor(c, background, DIM);
  if (item.type === 'text') return { ...item, color: dim(item.color) };
  if (item.type === 'edge') return { ...item, stroke: { ...item.stroke, color: dim(item.stroke.color) } };
  return {
    ...item,
    fill: item.fill && { ...item.fill, color: dim(item.fill.color) },
    stroke: item.stroke && { ...item.stroke, color: dim(item.stroke.color) },
  };
}
