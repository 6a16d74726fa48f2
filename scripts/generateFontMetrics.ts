/**
 * Generates src/layout/fontMetrics.ts from the Arimo TTF files.
 *
 *   node --import tsx scripts/generateFontMetrics.ts
 *
 * The generated table is what src/layout/measureText.ts uses to measure and wrap text without a
 * DOM, so the canvas and every export (SVG, PNG, slides, CLI) lay text out identically.
 * Re-run this after upgrading @expo-google-fonts/arimo; tests/unit/fontMetrics.test.ts fails
 * if the committed table no longer matches the installed font.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The small part of the opentype.js v2 API used here (the package ships no type declarations). */
interface OpenTypeGlyph {
  advanceWidth?: number;
}
interface OpenTypeFont {
  unitsPerEm: number;
  ascender: number;
  descender: number;
  tables: {
    hhea: { lineGap: number };
    os2: { sCapHeight?: number; sxHeight?: number };
  };
  getEnglishName(name: string): string | undefined;
  charToGlyphIndex(char: string): number;
  charToGlyph(char: string): OpenTypeGlyph;
}
interface OpenTypeModule {
  parse(buffer: ArrayBuffer): OpenTypeFont;
}

const loadCjs = createRequire(import.meta.url);
const opentype = loadCjs('opentype.js') as OpenTypeModule;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FONT_DIR = join(root, 'node_modules/@expo-google-fonts/arimo');
const FONTS = {
  400: join(FONT_DIR, '400Regular/Arimo_400Regular.ttf'),
  700: join(FONT_DIR, '700Bold/Arimo_700Bold.ttf'),
} as const;
const OUT_FILE = join(root, 'src/layout/fontMetrics.ts');

/** Target units per em of the generated table. */
const EM = 1000;

/**
 * Code points in the table: printable ASCII, Latin-1 Supplement + Latin Extended-A, and common
 * typographic characters. Characters the font has no glyph for are left out (they fall back to
 * FALLBACK_WIDTH), because the browser would draw them with some other font anyway.
 */
const TYPOGRAPHIC = [
  0x2009, // thin space
  0x2011, // non-breaking hyphen
  0x2013, // – en dash
  0x2014, // — em dash
  0x2018, // ‘
  0x2019, // ’
  0x201a, // ‚
  0x201c, // “
  0x201d, // ”
  0x201e, // „
  0x2020, // †
  0x2021, // ‡
  0x2022, // • bullet
  0x2026, // … ellipsis
  0x202f, // narrow no-break space
  0x2030, // ‰
  0x2039, // ‹
  0x203a, // ›
  0x20ac, // €
  0x2122, // ™
  0x2190, // ←
  0x2191, // ↑
  0x2192, // →
  0x2193, // ↓
  0x2212, // − minus
  0x2713, // ✓ (not in Arimo: reported and left to the fallback width)
];

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

const CANDIDATES = [...range(32, 126), ...range(160, 383), ...TYPOGRAPHIC];

function loadFont(path: string): OpenTypeFont {
  const buf = readFileSync(path);
  return opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
}

function toEm(units: number, unitsPerEm: number): number {
  return Math.round((units * EM) / unitsPerEm);
}

function advance(font: OpenTypeFont, cp: number): number {
  const width = font.charToGlyph(String.fromCodePoint(cp)).advanceWidth;
  if (width === undefined) throw new Error(`No advance width for U+${cp.toString(16)}`);
  return toEm(width, font.unitsPerEm);
}

/** Groups sorted code points into [first, last] runs. */
function toRanges(codePoints: number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const cp of codePoints) {
    const last = ranges[ranges.length - 1];
    if (last && cp === last[1] + 1) last[1] = cp;
    else ranges.push([cp, cp]);
  }
  return ranges;
}

/** Formats numbers as an array literal body, wrapped to about 100 columns. */
function formatNumbers(values: number[], indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const v of values) {
    const item = `${v},`;
    if (line && line.length + 1 + item.length > 100 - indent.length) {
      lines.push(line);
      line = item;
    } else {
      line = line ? `${line} ${item}` : item;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

function main(): void {
  const regular = loadFont(FONTS[400]);
  const bold = loadFont(FONTS[700]);

  const missing = CANDIDATES.filter(
    (cp) => !regular.charToGlyphIndex(String.fromCodePoint(cp)) || !bold.charToGlyphIndex(String.fromCodePoint(cp)),
  );
  for (const cp of missing) {
    console.warn(`generateFontMetrics: Arimo has no glyph for U+${cp.toString(16).toUpperCase()}; using the fallback width`);
  }
  const codePoints = [...new Set(CANDIDATES.filter((cp) => !missing.includes(cp)))].sort((a, b) => a - b);
  const ranges = toRanges(codePoints);

  const widths = {
    400: codePoints.map((cp) => advance(regular, cp)),
    700: codePoints.map((cp) => advance(bold, cp)),
  };
  const lowercase = range(0x61, 0x7a);
  const fallback = (font: OpenTypeFont) =>
    Math.round(lowercase.reduce((sum, cp) => sum + advance(font, cp), 0) / lowercase.length);

  // Vertical metrics from the regular face (bold shares them). hhea and OS/2 typo metrics agree in
  // Arimo and USE_TYPO_METRICS is set, so every platform's browser uses these values.
  const upm = regular.unitsPerEm;
  const metrics = {
    unitsPerEm: EM,
    ascender: toEm(regular.ascender, upm),
    descender: toEm(regular.descender, upm),
    lineGap: toEm(regular.tables.hhea.lineGap, upm),
    capHeight: toEm(regular.tables.os2.sCapHeight ?? 0, upm),
    xHeight: toEm(regular.tables.os2.sxHeight ?? 0, upm),
  };
  const version = regular.getEnglishName('version') ?? 'unknown';

  const rel = (p: string) => relative(root, p).split('\\').join('/');
  const out = `// GENERATED FILE — DO NOT EDIT.
// Generated by scripts/generateFontMetrics.ts from:
//   ${rel(FONTS[400])}
//   ${rel(FONTS[700])}
// Regenerate with: node --import tsx scripts/generateFontMetrics.ts
// tests/unit/fontMetrics.test.ts checks this table against the installed font.

/** Font the table was generated from (name table version string). */
export const FONT_SOURCE = { family: 'Arimo', version: '${version.replace(/[\\']/g, '\\$&')}' } as const;

/** Vertical metrics of Arimo, in 1/1000 em (descender is negative). */
export const FONT_METRICS = {
  unitsPerEm: ${metrics.unitsPerEm},
  ascender: ${metrics.ascender},
  descender: ${metrics.descender},
  lineGap: ${metrics.lineGap},
  capHeight: ${metrics.capHeight},
  xHeight: ${metrics.xHeight},
} as const;

/**
 * Code points covered by ADVANCE_WIDTHS, as inclusive [first, last] runs. The widths arrays list
 * the code points of these runs in order.
 */
export const CODE_POINT_RANGES: ReadonlyArray<readonly [number, number]> = [
${ranges.map(([a, b]) => `  [${a}, ${b}],`).join('\n')}
];

/** Advance widths in 1/1000 em (no kerning), one entry per code point of CODE_POINT_RANGES. */
export const ADVANCE_WIDTHS: { readonly 400: readonly number[]; readonly 700: readonly number[] } = {
  400: [
${formatNumbers(widths[400], '    ')}
  ],
  700: [
${formatNumbers(widths[700], '    ')}
  ],
};

/** Width in 1/1000 em for characters not in the table: the average lowercase a–z advance. */
export const FALLBACK_WIDTH = { 400: ${fallback(regular)}, 700: ${fallback(bold)} } as const;
`;
  writeFileSync(OUT_FILE, out);
  console.log(`generateFontMetrics: wrote ${rel(OUT_FILE)} (${codePoints.length} code points, ${version})`);
}

main();
