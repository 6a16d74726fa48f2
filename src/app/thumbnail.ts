import type { FunnelDocument } from '../model/schema';
import { renderSvg } from '../render/renderSvg';

/** Large diagrams skip the thumbnail: rendering one on every save would cost more than it shows. */
const THUMBNAIL_NODE_LIMIT = 300;

export function thumbnailFor(doc: FunnelDocument): string | undefined {
  if (doc.nodes.length > THUMBNAIL_NODE_LIMIT) return undefined;
  return renderSvg(doc, { padding: 16, background: 'white' }).svg;
}
