/**
 * SVG → PNG in Node with resvg, using only the bundled Arimo fonts: the text metrics that sized
 * the boxes come from Arimo, so the PNG looks the same on every machine, installed fonts or not.
 */
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/** Paths of the bundled Arimo regular and bold TTFs. */
export function arimoFontFiles(): string[] {
  return [
    require.resolve('@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf'),
    require.resolve('@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf'),
  ];
}

export interface RasterizedPng {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * Renders `svg` (whose width is `width` px) at `scale`. The background is whatever the SVG
 * paints; an SVG without a background rectangle gives a transparent PNG.
 */
export function rasterizeSvg(svg: string, width: number, scale: number): RasterizedPng {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width * scale) },
    font: { fontFiles: arimoFontFiles(), loadSystemFonts: false, defaultFontFamily: 'Arimo' },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
