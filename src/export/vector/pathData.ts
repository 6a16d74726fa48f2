/**
 * SVG path data and shapes → absolute move/line/cubic segments. Slide and PDF writers only know
 * those three (plus close), so arcs, quadratics and shorthand commands are converted here once.
 */
export type Segment =
  | { op: 'M'; x: number; y: number }
  | { op: 'L'; x: number; y: number }
  | { op: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: 'Z' };

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const SEPARATOR = /[\s,]*/y;
/** Control-point distance for a quarter circle of radius 1. */
const KAPPA = 0.5522847498;

/** Parses SVG path data (every command, relative or absolute) into absolute segments. */
export function parsePath(d: string): Segment[] {
  const out: Segment[] = [];
  let pos = 0;
  const skip = () => {
    SEPARATOR.lastIndex = pos;
    SEPARATOR.exec(d);
    pos = SEPARATOR.lastIndex;
  };
  const num = (): number => {
    skip();
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(d);
    if (!m) throw new Error(`bad path data at ${pos}: ${d}`);
    pos = NUMBER.lastIndex;
    return Number(m[0]);
  };
  // Arc flags may be written without separators ("a1 1 0 000 7"): one character each.
  const flag = (): boolean => {
    skip();
    const c = d[pos++];
    if (c !== '0' && c !== '1') throw new Error(`bad arc flag at ${pos - 1}: ${d}`);
    return c === '1';
  };

  let x = 0, y = 0, startX = 0, startY = 0;
  // Reflected control points for S and T.
  let lastCubic: [number, number] | undefined;
  let lastQuad: [number, number] | undefined;
  let command = '';
  skip();
  while (pos < d.length) {
    if (/[a-zA-Z]/.test(d[pos]!)) command = d[pos++]!;
    else if (!command) throw new Error(`path data must start with a command: ${d}`);
    const rel = command === command.toLowerCase();
    const ax = (v: number) => (rel ? x + v : v);
    const ay = (v: number) => (rel ? y + v : v);
    const upper = command.toUpperCase();
    let cubic: [number, number] | undefined;
    let quad: [number, number] | undefined;
    if (upper === 'Z') {
      out.push({ op: 'Z' });
      x = startX;
      y = startY;
    } else if (upper === 'M') {
      x = ax(num());
      y = ay(num());
      startX = x;
      startY = y;
      out.push({ op: 'M', x, y });
      command = rel ? 'l' : 'L'; // further pairs are lines
    } else if (upper === 'L' || upper === 'H' || upper === 'V') {
      if (upper !== 'V') x = ax(num());
      if (upper !== 'H') y = ay(num());
      out.push({ op: 'L', x, y });
    } else if (upper === 'C' || upper === 'S') {
      const [x1, y1] = upper === 'C' ? [ax(num()), ay(num())] : lastCubic ? [2 * x - lastCubic[0], 2 * y - lastCubic[1]] : [x, y];
      const x2 = ax(num()), y2 = ay(num());
      x = ax(num());
      y = ay(num());
      out.push({ op: 'C', x1, y1, x2, y2, x, y });
      cubic = [x2, y2];
    } else if (upper === 'Q' || upper === 'T') {
      const [qx, qy] = upper === 'Q' ? [ax(num()), ay(num())] : lastQuad ? [2 * x - lastQuad[0], 2 * y - lastQuad[1]] : [x, y];
      const ex = ax(num()), ey = ay(num());
      out.push({ op: 'C', x1: x + (2 / 3) * (qx - x), y1: y + (2 / 3) * (qy - y), x2: ex + (2 / 3) * (qx - ex), y2: ey + (2 / 3) * (qy - ey), x: ex, y: ey });
      x = ex;
      y = ey;
      quad = [qx, qy];
    } else if (upper === 'A') {
      const rx = num(), ry = num(), rotation = num(), large = flag(), sweep = flag();
      const ex = ax(num()), ey = ay(num());
      out.push(...arcToCubics(x, y, rx, ry, rotation, large, sweep, ex, ey));
      x = ex;
      y = ey;
    } else {
      throw new Error(`unknown path command ${command}: ${d}`);
    }
    lastCubic = cubic;
    lastQuad = quad;
    // Numbers right after Z have no command to repeat.
    if (upper === 'Z') command = '';
    skip();
  }
  return out;
}

/** An SVG elliptical arc as cubic Béziers (SVG 1.1, appendix F.6). */
export function arcToCubics(x1: number, y1: number, rxIn: number, ryIn: number, rotationDeg: number, large: boolean, sweep: boolean, x2: number, y2: number): Segment[] {
  if (x1 === x2 && y1 === y2) return [];
  let rx = Math.abs(rxIn);
  let ry = Math.abs(ryIn);
  if (rx === 0 || ry === 0) return [{ op: 'L', x: x2, y: y2 }];
  const phi = (rotationDeg * Math.PI) / 180;
  const cos = Math.cos(phi), sin = Math.sin(phi);
  const dx = (x1 - x2) / 2, dy = (y1 - y2) / 2;
  const x1p = cos * dx + sin * dy;
  const y1p = -sin * dx + cos * dy;
  const lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
  const den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
  const coef = (large === sweep ? -1 : 1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (coef * rx * y1p) / ry;
  const cyp = (-coef * ry * x1p) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const angle = (ux: number, uy: number, vx: number, vy: number) => Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  const theta = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry);
  let delta = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry);
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  if (sweep && delta < 0) delta += 2 * Math.PI;
  const n = Math.max(1, Math.ceil(Math.abs(delta) / (Math.PI / 2) - 1e-9));
  const step = delta / n;
  const t = (4 / 3) * Math.tan(step / 4);
  const at = (a: number) => ({ x: cx + rx * Math.cos(a) * cos - ry * Math.sin(a) * sin, y: cy + rx * Math.cos(a) * sin + ry * Math.sin(a) * cos });
  const tangent = (a: number) => ({ x: -rx * Math.sin(a) * cos - ry * Math.cos(a) * sin, y: -rx * Math.sin(a) * sin + ry * Math.cos(a) * cos });
  const out: Segment[] = [];
  for (let i = 0; i < n; i++) {
    const a1 = theta + i * step, a2 = a1 + step;
    const p1 = at(a1), d1 = tangent(a1), d2 = tangent(a2);
    const p2 = i === n - 1 ? { x: x2, y: y2 } : at(a2);
    out.push({ op: 'C', x1: p1.x + t * d1.x, y1: p1.y + t * d1.y, x2: p2.x - t * d2.x, y2: p2.y - t * d2.y, x: p2.x, y: p2.y });
  }
  return out;
}

export function ellipseSegments(cx: number, cy: number, rx: number, ry: number): Segment[] {
  const kx = rx * KAPPA, ky = ry * KAPPA;
  return [
    { op: 'M', x: cx + rx, y: cy },
    { op: 'C', x1: cx + rx, y1: cy + ky, x2: cx + kx, y2: cy + ry, x: cx, y: cy + ry },
    { op: 'C', x1: cx - kx, y1: cy + ry, x2: cx - rx, y2: cy + ky, x: cx - rx, y: cy },
    { op: 'C', x1: cx - rx, y1: cy - ky, x2: cx - kx, y2: cy - ry, x: cx, y: cy - ry },
    { op: 'C', x1: cx + kx, y1: cy - ry, x2: cx + rx, y2: cy - ky, x: cx + rx, y: cy },
    { op: 'Z' },
  ];
}

export function roundedRectSegments(x: number, y: number, w: number, h: number, rIn: number): Segment[] {
  const r = Math.max(0, Math.min(rIn, w / 2, h / 2));
  if (r === 0) return [{ op: 'M', x, y }, { op: 'L', x: x + w, y }, { op: 'L', x: x + w, y: y + h }, { op: 'L', x, y: y + h }, { op: 'Z' }];
  const k = r * (1 - KAPPA);
  return [
    { op: 'M', x: x + r, y },
    { op: 'L', x: x + w - r, y },
    { op: 'C', x1: x + w - k, y1: y, x2: x + w, y2: y + k, x: x + w, y: y + r },
    { op: 'L', x: x + w, y: y + h - r },
    { op: 'C', x1: x + w, y1: y + h - k, x2: x + w - k, y2: y + h, x: x + w - r, y: y + h },
    { op: 'L', x: x + r, y: y + h },
    { op: 'C', x1: x + k, y1: y + h, x2: x, y2: y + h - k, x, y: y + h - r },
    { op: 'L', x, y: y + r },
    { op: 'C', x1: x, y1: y + k, x2: x + k, y2: y, x: x + r, y },
    { op: 'Z' },
  ];
}

/** One SVG basic shape (as used by the icon set) as segments. */
export function elementSegments(tag: string, a: Record<string, string>): Segment[] {
  const n = (key: string, fallback = 0) => (a[key] === undefined ? fallback : Number(a[key]));
  switch (tag) {
    case 'path':
      return parsePath(a.d ?? '');
    case 'circle':
      return ellipseSegments(n('cx'), n('cy'), n('r'), n('r'));
    case 'ellipse':
      return ellipseSegments(n('cx'), n('cy'), n('rx'), n('ry'));
    case 'rect':
      return roundedRectSegments(n('x'), n('y'), n('width'), n('height'), n('rx', n('ry')));
    case 'line':
      return [{ op: 'M', x: n('x1'), y: n('y1') }, { op: 'L', x: n('x2'), y: n('y2') }];
    case 'polyline':
    case 'polygon': {
      const v = (a.points ?? '').trim().split(/[\s,]+/).map(Number);
      const pts: Segment[] = [];
      for (let i = 0; i + 1 < v.length; i += 2) pts.push({ op: i === 0 ? 'M' : 'L', x: v[i]!, y: v[i + 1]! });
      return tag === 'polygon' ? [...pts, { op: 'Z' }] : pts;
    }
    default:
      return [];
  }
}

/** Scales then translates every point: p → (dx + s·x, dy + s·y). */
export function transformSegments(segs: readonly Segment[], s: number, dx: number, dy: number): Segment[] {
  const X = (v: number) => dx + s * v;
  const Y = (v: number) => dy + s * v;
  return segs.map((g) => (g.op === 'Z' ? g : g.op === 'C' ? { op: 'C', x1: X(g.x1), y1: Y(g.y1), x2: X(g.x2), y2: Y(g.y2), x: X(g.x), y: Y(g.y) } : { op: g.op, x: X(g.x), y: Y(g.y) }));
}

/** Box around every point, control points included (so it contains the curve). */
export function segmentsBox(segs: readonly Segment[]): { x: number; y: number; width: number; height: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const g of segs) {
    if (g.op === 'Z') continue;
    xs.push(g.x);
    ys.push(g.y);
    if (g.op === 'C') {
      xs.push(g.x1, g.x2);
      ys.push(g.y1, g.y2);
    }
  }
  if (xs.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...xs), y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}
