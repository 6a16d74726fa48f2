/**
 * Document → standalone SVG, drawn with native elements only (no foreignObject, no markers,
 * no external references, no scripts), so browsers, librsvg, resvg, Inkscape and slide tools
 * all show the same picture. Pure: no DOM and no Node APIs, so it runs in the browser and the CLI.
 */
import type { FunnelDocument, Lane } from '../model/schema';
import { computeGeometry } from '../layout/computeGeometry';
import { ensurePositions, unionBox } from '../layout/layoutDocument';
import { edgeStroke } from '../layout/edgeStroke';
import { EDGE_LABEL, EDGE_STYLE, LANE, PHASE_COLORS } from '../layout/constants';
import { FONT_FAMILY, wrapText } from '../layout/measureText';
import type { Box, EdgeGeometry, Geometry, LaneGeometry } from '../layout/types';
import { stepNumbers } from '../model/journeyOrder';
import { computeFunnel } from '../metrics/computeFunnel';
import { escapeXml } from './escapeXml';
import { countComments, drawNode, stageTitleDefaults } from './drawNodes';
import { accentFor, THEMES, type Theme, type ThemeName } from './theme';
import { el, num, textLines } from './svgText';

export interface RenderSvgOptions {
  theme?: ThemeName;
  /** 'theme' paints the theme's page colour, 'white' plain white, 'transparent' nothing. */
  background?: 'theme' | 'white' | 'transparent';
  /** Margin around the diagram, in px. Default 24. */
  padding?: number;
  /** Draw only these nodes (and the edges between them, and the lanes they sit in). */
  scope?: { nodeIds: string[] };
  /** For presenting: nodes left out (and their edges) and nodes drawn faded. Bounds stay those of the whole view. */
  emphasis?: { hidden?: readonly string[]; dimmed?: readonly string[] };
}

export interface RenderedSvg {
  svg: string;
  /** Size in px (1 SVG user unit = 1 px). */
  width: number;
  height: number;
}

const LANE_RADIUS = 12;
/** How faded the rest of the diagram is while one stage has the focus. */
const DIM_OPACITY = 0.22;
const LANE_TITLE_INSET = 14;

export function renderSvg(doc: FunnelDocument, options: RenderSvgOptions = {}): RenderedSvg {
  const theme = THEMES[options.theme ?? 'light'];
  const padding = Math.max(0, options.padding ?? 24);
  const positioned = ensurePositions(doc);
  const view = applyScope(computeGeometry(positioned), options.scope);

  // Labels sit on their lines; a loop's label hangs over the outer edge of the geometry's bounds.
  const b = unionBox([view.bounds, ...view.edges.flatMap((e) => e.labelBox ?? [])]);
  const width = Math.ceil(b.width + 2 * padding);
  const height = Math.ceil(b.height + 2 * padding);
  const vx = b.x - padding;
  const vy = b.y - padding;

  const background = options.background ?? 'theme';
  let body = '';
  if (background !== 'transparent') {
    body += el('rect', { x: vx, y: vy, width, height, fill: background === 'white' ? '#ffffff' : theme.background });
  }
  const lanes = new Map(positioned.lanes.map((l) => [l.id, l]));
  body += view.lanes.map((g) => drawLane(g, lanes.get(g.id), theme)).join('');
  const hidden = new Set(options.emphasis?.hidden ?? []);
  const dimmed = new Set(options.emphasis?.dimmed ?? []);
  const shownEdges = view.edges.filter((e) => !hidden.has(e.source) && !hidden.has(e.target));
  const fadedEdge = (e: EdgeGeometry) => dimmed.has(e.source) || dimmed.has(e.target);
  body += drawEdges(shownEdges.filter((e) => !fadedEdge(e)), theme);
  if (dimmed.size) body += el('g', { opacity: DIM_OPACITY }, drawEdges(shownEdges.filter(fadedEdge), theme));

  const nodesById = new Map(positioned.nodes.map((n) => [n.id, n]));
  const steps = positioned.settings.showStepNumbers ? stepNumbers(positioned) : undefined;
  const metrics = positioned.settings.showMetrics ? computeFunnel(positioned) : undefined;
  const commentsByNode = countComments(positioned);
  for (const g of view.nodes) {
    const node = nodesById.get(g.id);
    if (!node || hidden.has(g.id)) continue;
    const volume = node.kind === 'stage' ? metrics?.stages.get(node.id)?.volume : undefined;
    const drawn = drawNode(node, g, theme, { step: steps?.get(g.id), volume, comments: commentsByNode.get(g.id) });
    body += dimmed.has(g.id) ? el('g', { opacity: DIM_OPACITY }, drawn) : drawn;
  }
  // Label text attributes are shared on one group: labels are many, and files should stay small.
  const labels = shownEdges.map((e) => (fadedEdge(e) ? el('g', { opacity: DIM_OPACITY }, drawEdgeLabel(e, theme)) : drawEdgeLabel(e, theme))).join('');
  if (labels) body += el('g', { 'font-size': EDGE_LABEL.fontSize, 'text-anchor': 'middle', fill: theme.labelText }, labels);

  const root = {
    xmlns: 'http://www.w3.org/2000/svg',
    width,
    height,
    viewBox: `${num(vx)} ${num(vy)} ${width} ${height}`,
    role: 'img',
  };
  const svg = el('svg', root, `<title>${escapeXml(positioned.title)}</title>${el('g', { 'font-family': FONT_FAMILY, ...stageTitleDefaults(theme), 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }, body)}`);
  return { svg, width, height };
}

/** Keeps only the scoped nodes, the edges between them and their lanes, cropped to them. */
function applyScope(geometry: Geometry, scope: RenderSvgOptions['scope']): Geometry {
  if (!scope) return geometry;
  const ids = new Set(scope.nodeIds);
  const nodes = geometry.nodes.filter((n) => ids.has(n.id));
  const edges = geometry.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const around = unionBox(nodes);
  const horizontal = geometry.direction === 'LR';
  const lanes: LaneGeometry[] = [];
  for (const lane of geometry.lanes) {
    if (!nodes.some((n) => n.kind === 'stage' && overlaps(lane, n))) continue;
    // Bands span the whole diagram along the flow; cut them to the selection's extent.
    const start = (horizontal ? around.x : around.y) - LANE.padding;
    const end = (horizontal ? around.x + around.width : around.y + around.height) + LANE.padding;
    lanes.push(horizontal ? { ...lane, x: start, width: end - start } : { ...lane, y: start - LANE.headerSize, height: end - start + LANE.headerSize });
  }
  const bounds = unionBox([...nodes, ...lanes, ...edges.map(edgeBox)]);
  return { ...geometry, nodes, edges, lanes, bounds };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Box around an edge's cubic, sampled (control points overshoot the drawn curve). */
function edgeBox(edge: EdgeGeometry): Box {
  const p = [...edge.path.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  if (p.length !== 4) return { ...edge.end, width: 0, height: 0 };
  const samples: Box[] = [];
  for (let i = 0; i <= 16; i++) {
    const t = i / 16;
    const u = 1 - t;
    const at = (k: 0 | 1) => u * u * u * p[0]![k] + 3 * u * u * t * p[1]![k] + 3 * u * t * t * p[2]![k] + t * t * t * p[3]![k];
    samples.push({ x: at(0), y: at(1), width: 0, height: 0 });
  }
  return unionBox(samples);
}

function drawLane(g: LaneGeometry, lane: Lane | undefined, theme: Theme): string {
  const color = lane?.color ?? (lane?.phase ? PHASE_COLORS[lane.phase] : theme.laneDefault);
  const band = el('rect', { x: g.x, y: g.y, width: g.width, height: g.height, rx: LANE_RADIUS, fill: color, 'fill-opacity': String(theme.laneFillOpacity), stroke: color, 'stroke-opacity': String(theme.laneStrokeOpacity) });
  const title = wrapText(g.title, Math.max(0, g.width - 2 * LANE_TITLE_INSET), LANE.titleSize, 700, 1);
  const text = textLines(title, g.x + LANE_TITLE_INSET, g.y + LANE.headerSize / 2, LANE.headerSize, { 'font-size': LANE.titleSize, 'font-weight': 700, fill: accentFor(color, theme) });
  return band + text;
}

/** Edges grouped by kind (shared stroke attributes on the group); hand-offs drawn last, on top. */
function drawEdges(edges: readonly EdgeGeometry[], theme: Theme): string {
  let out = '';
  for (const kind of ['feedback', 'flow', 'handoff'] as const) {
    const ofKind = edges.filter((e) => e.kind === kind);
    if (ofKind.length === 0) continue;
    const color = theme.edge[kind];
    const style = EDGE_STYLE[kind];
    const strokes = ofKind.map(edgeStroke);
    const lines = strokes.map((st) => el('path', { d: st.line })).join('');
    out += el('g', { fill: 'none', stroke: color, 'stroke-width': style.width, 'stroke-dasharray': style.dash, 'stroke-linecap': style.dash ? 'butt' : undefined }, lines);
    out += el('g', { fill: color }, strokes.map((st) => el('path', { d: st.arrow })).join(''));
  }
  return out;
}

/** A label on a rounded "pill" so it stays readable on top of the line it sits on. */
function drawEdgeLabel(edge: EdgeGeometry, theme: Theme): string {
  const box = edge.labelBox;
  if (!box) return '';
  const t = edge.label;
  const pill = el('rect', { ...box, rx: Math.min(box.height / 2, 10), fill: theme.labelFill, stroke: theme.labelStroke });
  const text = textLines(t.lines, edge.labelAt.x, box.y + EDGE_LABEL.padY + t.lineHeight / 2, t.lineHeight, {});
  return pill + text;
}


