/**
 * Guards the generated table in src/layout/fontMetrics.ts against drift: it is re-checked here
 * against the font files themselves, read independently with opentype.js. If this fails after a
 * font upgrade, run `node --import tsx scripts/generateFontMetrics.ts`.
 *
 * The canvas draws text in the browser with the real font and `font-kerning: none`, while layout
 * uses the table; these checks are what keep the two in agreement.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADVANCE_WIDTHS, CODE_POINT_RANGES, FALLBACK_WIDTH, FONT_METRICS, FONT_SOURCE } from '../../src/layout/fontMetrics';
import { measureTextWidth } from '../../src/layout/measureText';

/** The part of the opentype.js v2 API used here (the package ships no type declarations). */
interface OpenTypeFont {
  unitsPerEm: number;
  ascender: number;
  descender: number;
  tables: {
    hhea: { lineGap: number };
    os2: { sTypoAscender: number; sTypoDescender: number; fsSelection: number; sCapHeight: number; sxHeight: number };
    gsub?: { features: { tag: string }[] };
  };
  charToGlyphIndex(char: string): number;
  charToGlyph(char: string): { advanceWidth?: number };
  getEnglishName(name: string): string | undefined;
}
const opentype = createRequire(import.meta.url)('opentype.js') as { parse(buffer: ArrayBuffer): OpenTypeFont };

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const TTF = {
  400: join(root, 'node_modules/@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf'),
  700: join(root, 'node_modules/@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf'),
} as const;
/** The subsets @fontsource/arimo serves to browsers; they must carry the same advances. */
const WEB_SUBSETS = ['latin', 'latin-ext'].flatMap((subset) =>
  ([400, 700] as const).map((weight) => ({
    name: `${subset} ${weight}`,
    weight,
    path: join(root, `node_modules/@fontsource/arimo/files/arimo-${subset}-${weight}-normal.woff`),
  })),
);

function load(path: string): OpenTypeFont {
  const buf = readFileSync(path);
  return opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
}

/** Advance in 1/1000 em, rounded as the generator does. */
function advance(font: OpenTypeFont, cp: number): number {
  return Math.round(((font.charToGlyph(String.fromCodePoint(cp)).advanceWidth ?? NaN) * 1000) / font.unitsPerEm);
}

/** [code point, width] pairs of the generated table. */
function tableEntries(weight: 400 | 700): [number, number][] {
  const codePoints = CODE_POINT_RANGES.flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, i) => first + i));
  return codePoints.map((cp, i) => [cp, ADVANCE_WIDTHS[weight][i] ?? NaN]);
}

const fonts = { 400: load(TTF[400]), 700: load(TTF[700]) };

describe('generated font metrics', () => {
  it('was generated from the installed font version', () => {
    expect(FONT_SOURCE.version).toBe(fonts[400].getEnglishName('version'));
    expect(fonts[700].getEnglishName('version')).toBe(FONT_SOURCE.version);
  });

  it('has one width per code point, in increasing code point order', () => {
    const total = CODE_POINT_RANGES.reduce((n, [first, last]) => n + last - first + 1, 0);
    expect(ADVANCE_WIDTHS[400]).toHaveLength(total);
    expect(ADVANCE_WIDTHS[700]).toHaveLength(total);
    CODE_POINT_RANGES.forEach(([first, last], i) => {
      expect(last).toBeGreaterThanOrEqual(first);
      expect(first).toBeGreaterThan(CODE_POINT_RANGES[i - 1]?.[1] ?? -1);
    });
  });

  it('covers ASCII, Latin-1, Latin Extended-A and the common typographic characters', () => {
    const covered = new Set(tableEntries(400).map(([cp]) => cp));
    const required = [
      ...Array.from({ length: 95 }, (_, i) => 32 + i),
      ...Array.from({ length: 224 }, (_, i) => 160 + i),
      ...'–—‘’“”•…€£→←↑↓×÷°%'.split('').map((c) => c.codePointAt(0) ?? 0),
    ];
    expect(required.filter((cp) => !covered.has(cp))).toEqual([]);
  });

  it.each([400, 700] as const)('matches every advance width of the %s TTF', (weight) => {
    const font = fonts[weight];
    for (const [cp, width] of tableEntries(weight)) {
      expect(font.charToGlyphIndex(String.fromCodePoint(cp)), `U+${cp.toString(16)} has a glyph`).toBeGreaterThan(0);
      expect(width, `U+${cp.toString(16)} (${String.fromCodePoint(cp)})`).toBe(advance(font, cp));
    }
  });

  it.each([400, 700] as const)('uses the average lowercase width of the %s TTF as the fallback', (weight) => {
    const lowercase = Array.from({ length: 26 }, (_, i) => 0x61 + i);
    const average = lowercase.reduce((sum, cp) => sum + advance(fonts[weight], cp), 0) / 26;
    expect(FALLBACK_WIDTH[weight]).toBe(Math.round(average));
  });

  it('matches the vertical metrics, which every platform reads the same way', () => {
    const font = fonts[400];
    const em = (units: number) => Math.round((units * 1000) / font.unitsPerEm);
    expect(FONT_METRICS).toEqual({
      unitsPerEm: 1000,
      ascender: em(font.ascender),
      descender: em(font.descender),
      lineGap: em(font.tables.hhea.lineGap),
      capHeight: em(font.tables.os2.sCapHeight),
      xHeight: em(font.tables.os2.sxHeight),
    });
    // hhea and typo metrics agree and USE_TYPO_METRICS (fsSelection bit 7) is set, so macOS,
    // Windows and Linux browsers all place the baseline the same way.
    for (const f of [fonts[400], fonts[700]]) {
      expect(f.tables.os2.sTypoAscender).toBe(f.ascender);
      expect(f.tables.os2.sTypoDescender).toBe(f.descender);
      expect(f.tables.os2.fsSelection & 0x80).toBe(0x80);
      expect(f.ascender).toBe(font.ascender);
      expect(f.descender).toBe(font.descender);
    }
  });

  it('can ignore ligatures: the font has no ligature features that browsers enable by default', () => {
    for (const f of [fonts[400], fonts[700]]) {
      const tags = new Set((f.tables.gsub?.features ?? []).map((feature) => feature.tag));
      for (const tag of ['liga', 'clig', 'calt', 'rlig']) expect(tags.has(tag), tag).toBe(false);
    }
  });

  it('agrees with measureTextWidth on a sample sentence, glyph by glyph', () => {
    const sample = 'Qualified leads → Sales (≈ 12 % in Q3) — “Démo” • naïve café €1,000 ½';
    for (const weight of [400, 700] as const) {
      const font = fonts[weight];
      const expected = [...sample].reduce((sum, ch) => {
        const cp = ch.codePointAt(0) ?? 0;
        return sum + (tableEntries(weight).some(([c]) => c === cp) ? advance(font, cp) : FALLBACK_WIDTH[weight]);
      }, 0);
      expect(measureTextWidth(sample, 10, weight)).toBeCloseTo((expected * 10) / 1000, 9);
    }
  });

  it.each(WEB_SUBSETS)('matches the @fontsource/arimo web font subset $name', ({ weight, path }) => {
    expect(existsSync(path), path).toBe(true);
    const web = load(path);
    let checked = 0;
    for (const [cp, width] of tableEntries(weight)) {
      if (!web.charToGlyphIndex(String.fromCodePoint(cp))) continue;
      expect(advance(web, cp), `U+${cp.toString(16)}`).toBe(width);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});
