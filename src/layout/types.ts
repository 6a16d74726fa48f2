/**
 * Geometry: the single computed picture of a document. The canvas, the SVG renderer, PNG,
 * slides and the CLI all draw from it, so every view shows the same diagram.
 */
import type { DiagramNode, EdgeKind, Direction } from '../model/schema';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Text already broken into lines with the shared font metrics. */
export interface TextBlock {
  lines: string[];
  fontSize: number;
  fontWeight: 400 | 700;
  lineHeight: number;
}

export interface NodeGeometry extends Box {
  id: string;
  kind: DiagramNode['kind'];
  /** Title (stage), text (note, label) wrapped to the node's inner width. */
  text: TextBlock;
  /** Stage description, wrapped; empty lines when the stage has none. */
  detail: TextBlock;
}

export interface LaneGeometry extends Box {
  id: string;
  title: string;
}

export interface EdgeGeometry {
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
  /** SVG path data, identical on the canvas and in every export. */
  path: string;
  /** Where the label (if any) is centred. */
  labelAt: Point;
  /** The label wrapped with the shared metrics; no lines when the edge has no label. */
  label: TextBlock;
  /** The label's pill, centred on labelAt; absent when the edge has no label. */
  labelBox?: Box;
  /** End point and direction (radians) for the arrowhead. */
  end: Point;
  angle: number;
}

export interface Geometry {
  direction: Direction;
  bounds: Box;
  lanes: LaneGeometry[];
  nodes: NodeGeometry[];
  edges: EdgeGeometry[];
}
