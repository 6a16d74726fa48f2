/**
 * Native SVG → PNG in the browser: draw the SVG on a canvas at the chosen scale. The fonts are
 * embedded first, because an SVG drawn as an image cannot see the page's web fonts.
 */
import regularUrl from '@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf?url';
import boldUrl from '@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf?url';
import { clampScale } from './exportOptions';

let fontCss: Promise<string> | null = null;

async function toDataUrl(url: string): Promise<string> {
  const blob = await (await fetch(url)).blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the font'));
    reader.readAsDataURL(new Blob([blob], { type: 'font/ttf' }));
  });
}

/** @font-face rules with the bundled Arimo faces inlined as data URLs. */
export function embeddedFontCss(): Promise<string> {
  fontCss ??= Promise.all([toDataUrl(regularUrl), toDataUrl(boldUrl)]).then(
    ([regular, bold]) =>
      `@font-face{font-family:Arimo;font-weight:400;src:url(${regular}) format("truetype")}` +
      `@font-face{font-family:Arimo;font-weight:700;src:url(${bold}) format("truetype")}`,
  );
  return fontCss;
}

export function withEmbeddedFonts(svg: string, css: string): string {
  return svg.replace(/(<svg\b[^>]*>)/, `$1<defs><style>${css}</style></defs>`);
}

export interface RasterResult {
  blob: Blob;
  width: number;
  height: number;
  scale: number;
  /** True when the requested scale was lowered to fit the browser's canvas limits. */
  clamped: boolean;
}

export async function rasterizeSvg(svg: string, width: number, height: number, requestedScale: number): Promise<RasterResult> {
  const { scale, clamped } = clampScale(width, height, requestedScale);
  const css = await embeddedFontCss();
  const url = URL.createObjectURL(new Blob([withEmbeddedFonts(svg, css)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser could not create a drawing canvas of that size.');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error(`The browser could not encode a ${canvas.width}×${canvas.height} PNG.`);
    return { blob, width: canvas.width, height: canvas.height, scale, clamped };
  } finally {
    URL.revokeObjectURL(url);
  }
}
