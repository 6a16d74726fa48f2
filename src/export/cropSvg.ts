import type { Box } from '../layout/types';

/** Re-frames a rendered SVG on another rectangle of the diagram (used for "current view"). */
export function cropSvg(svg: string, box: Box): { svg: string; width: number; height: number } {
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  const r = (n: number) => Math.round(n * 10) / 10;
  const out = svg.replace(/<svg\b[^>]*>/, (tag) =>
    tag
      .replace(/\swidth="[^"]*"/, ` width="${width}"`)
      .replace(/\sheight="[^"]*"/, ` height="${height}"`)
      .replace(/\sviewBox="[^"]*"/, ` viewBox="${r(box.x)} ${r(box.y)} ${r(box.width)} ${r(box.height)}"`),
  );
  return { svg: out, width, height };
}
