/**
 * The vector primitives a scene is made of, in diagram px.
 */
import type { EdgeKind } from '../../model/schema';
import type { Box } from '../../layout/types';
import { measureTextWidth } from '../../layout/measureText';
import type { Theme } from '../../render/theme';
import type { Segment } from './pathData';

export interface Paint {
  /** `#rrggbb` */
  color: string;
  /** 0–1 */
  opacity: number;
}

export interface Stroke extends Paint {
  width: number;
  /** Dash and gap lengths in px; absent for a solid line. */
  dash?: readonly number[];
}

export type ShapeGeom =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; radius: number }
  | { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number }
  | { kind: 'path'; segments: Segment[] };

export interface ShapeItem {
  type: 'shape';
  /** Readable name for the object (shown in a slide tool's selection pane). */
  name: string;
  /** The node or edge the shape belongs to, if any. */
  owner?: string;
  geom: ShapeGeom;
  fill?: Paint;
  stroke?: Stroke;
}

/** Lines already wrapped by the layout; line i is centred at firstCentreY + i × lineHeight. */
export interface TextItem {
  type: 'text';
  name: string;
  owner?: string;
  lines: string[];
  /** Left edge, centre or right edge of the lines, depending on `align`. */
  x: number;
  firstCentreY: number;
  lineHeight: number;
  fontSize: number;
  bold: boolean;
  color: string;
  align: 'left' | 'center' | 'right';
  /** Width the lines may take (px): at least the widest line. */
  width: number;
}

export interface EdgeItem {
  type: 'edge';
  name: string;
  owner: string;
  kind: EdgeKind;
  /** The whole curve, ending at the arrow's tip. */
  path: Segment[];
  /** The curve stopped short of the tip, and the filled arrowhead (as the SVG draws them). */
  line: Segment[];
  arrow: Segment[];
  /** Arrowhead length in px. */
  arrowSize: number;
  stroke: Stroke;
}

export type SceneItem = ShapeItem | TextItem | EdgeItem;

export interface Scene {
  /** What to show, padding included (diagram px). */
  bounds: Box;
  background: string;
  theme: Theme;
  items: SceneItem[];
}

/** A text item whose width is its widest line (measured with the layout's metrics). */
export function textItem(name: string, owner: string | undefined, lines: string[], x: number, firstCentreY: number, lineHeight: number, fontSize: number, bold: boolean, color: string, align: TextItem['align']): TextItem {
  const width = Math.max(0, ...lines.map((l) => measureTextWidth(l, fontSize, bold ? 700 : 400)));
  return { type: 'text', name, owner, lines, x, firstCentreY, lineHeight, fontSize, bold, color, align, width };
}
