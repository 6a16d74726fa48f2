import type { Box } from '../../layout/types';

/** Maps diagram px to page units: u = offset + scale × px. */
export interface FitTransform {
  scale: number;
  dx: number;
  dy: number;
}

/**
 * Fits `bounds` (px) into `region` (page units) keeping the aspect ratio, centred. `maxScale`
 * stops a small diagram from being blown up to poster-sized text.
 */
export function fitInto(bounds: Box, region: Box, maxScale = Infinity): FitTransform {
  const scale = Math.min(region.width / Math.max(bounds.width, 1), region.height / Math.max(bounds.height, 1), maxScale);
  const dx = region.x + (region.width - bounds.width * scale) / 2 - bounds.x * scale;
  const dy = region.y + (region.height - bounds.height * scale) / 2 - bounds.y * scale;
  return { scale, dx, dy };
}
