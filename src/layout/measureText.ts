/**
 * Text measurement and line wrapping from a built-in table of Arimo advance widths.
 *
 * The canvas (browser) and every export (SVG, PNG, slides, the headless CLI) call these same
 * pure functions, so node sizes and line breaks are identical everywhere: no DOM, no canvas
 * `measureText`, no Node APIs, no dependence on which fonts a machine has installed.
 *
 * For the drawn text to match the numbers, renderers must draw the lines returned by `wrapText`
 * as-is (no re-wrapping, e.g. `white-space: pre`) in {@link FONT_FAMILY} with kerning off
 * (`font-kerning: none`), since the widths are plain glyph advances. Arimo has no default
 * ligatures, so nothing else changes the advances. Arimo is metric-compatible with Arial, so
 * slide tools that substitute Arial show the same widths.
 */
import { ADVANCE_WIDTHS, CODE_POINT_RANGES, FALLBACK_WIDTH } from './fontMetrics';

/** Font weights the metrics table covers. */
export type FontWeight = 400 | 700;

/**
 * CSS font stack for all diagram text. Arimo is the font the metrics were generated from; the
 * rest are metric-compatible stand-ins (Arial, Liberation Sans) and last resorts.
 */
export const FONT_FAMILY = "Arimo, Arial, 'Liberation Sans', Helvetica, sans-serif";

const ELLIPSIS = '\u2026';
/** Width in 1/1000 em given to wide characters the font lacks (CJK, symbol blocks). */
const WIDE = 1000;
/** Width in 1/1000 em given to an emoji (colour emoji fonts are about 1.2–1.3em wide). */
const EMOJI = 1250;

interface WidthTable {
  /** Widths for code points below DENSE_LIMIT, in 1/1000 em. */
  dense: Uint16Array;
  /** Widths for the table's code points at or above DENSE_LIMIT. */
  sparse: Map<number, number>;
  fallback: number;
}

const DENSE_LIMIT = 0x180;

function buildTable(weight: FontWeight): WidthTable {
  const widths = ADVANCE_WIDTHS[weight];
  const fallback = FALLBACK_WIDTH[weight];
  const dense = new Uint16Array(DENSE_LIMIT).fill(fallback);
  const sparse = new Map<number, number>();
  let i = 0;
  for (const [first, last] of CODE_POINT_RANGES) {
    for (let cp = first; cp <= last; cp++, i++) {
      const w = widths[i] ?? fallback;
      if (cp < DENSE_LIMIT) dense[cp] = w;
      else sparse.set(cp, w);
    }
  }
  const space = dense[0x20] ?? fallback;
  for (let cp = 0; cp < 0x20; cp++) dense[cp] = 0; // control characters (incl. \n) draw nothing
  dense[0x09] = space; // a tab renders as a space under normal white-space handling
  for (let cp = 0x7f; cp < 0xa0; cp++) dense[cp] = 0;
  dense[0xad] = 0; // soft hyphen: invisible unless the browser breaks there, and we never do
  return { dense, sparse, fallback };
}

const TABLES: Record<FontWeight, WidthTable> = { 400: buildTable(400), 700: buildTable(700) };

/** Characters that take no horizontal space of their own (marks, joiners, selectors, bidi controls). */
function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) || // combining diacritical marks
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space/joiners, LRM/RLM
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    cp === 0xfeff ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) || // emoji skin tone modifiers
    (cp >= 0xe0000 && cp <= 0xe01ef) // tags, variation selectors supplement
  );
}

/** Emoji and pictographs: drawn from a colour emoji font, typically a little over 1em wide. */
function isEmoji(cp: number): boolean {
  return cp >= 0x1f000 && cp <= 0x1faff;
}

/** Characters outside the font that browsers draw about 1em wide from a fallback font. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2300 && cp <= 0x2bff) || // technical, shapes, symbols, dingbats (e.g. ✓)
    (cp >= 0x2e80 && cp <= 0xa4cf) || // CJK, kana, Yi
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) || // fullwidth forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions
  );
}

function isRegionalIndicator(cp: number): boolean {
  return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

/** Advance of one code point in 1/1000 em. */
function codePointUnits(cp: number, table: WidthTable): number {
  if (cp < DENSE_LIMIT) return table.dense[cp] ?? table.fallback;
  const known = table.sparse.get(cp);
  if (known !== undefined) return known;
  if (isZeroWidth(cp)) return 0;
  if (isEmoji(cp)) return EMOJI;
  return isWide(cp) ? WIDE : table.fallback;
}

/**
 * Width of a string in 1/1000 em (an integer, so sums are exact). Emoji sequences draw as one
 * glyph: a symbol after a zero-width joiner and the second half of a flag add nothing.
 */
function textUnits(text: string, table: WidthTable): number {
  let units = 0;
  let afterJoiner = false;
  let openFlag = false;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) ?? 0;
    if (cp > 0xffff) i++;
    const regional = isRegionalIndicator(cp);
    const merged = (afterJoiner && (isEmoji(cp) || isWide(cp) || (cp >= 0x2600 && cp <= 0x27bf))) || (regional && openFlag);
    if (!merged) units += codePointUnits(cp, table);
    openFlag = regional && !openFlag;
    afterJoiner = cp === 0x200d;
  }
  return units;
}

/** The one place 1/1000-em units become pixels: wrapping and measuring must agree exactly. */
function toPx(units: number, fontSize: number): number {
  return (units * fontSize) / 1000;
}

function tableFor(fontWeight: FontWeight): WidthTable {
  return fontWeight === 700 ? TABLES[700] : TABLES[400];
}

/**
 * Width in pixels of `text` set on one line in Arimo at `fontSize` px, without kerning.
 *
 * Computed from the generated Arimo metrics rather than the DOM, so the canvas and every export
 * get the same number. Characters the table lacks get an estimate (average lowercase width, 1em
 * for CJK and symbols, 1.25em per emoji); combining marks, joiners and control characters count
 * as 0. Widths are additive, `measureTextWidth(a + b) === measureTextWidth(a) + measureTextWidth(b)`
 * up to floating-point rounding, whenever `a` and `b` do not split an emoji sequence or flag.
 */
export function measureTextWidth(text: string, fontSize: number, fontWeight: FontWeight): number {
  return toPx(textUnits(text, tableFor(fontWeight)), fontSize);
}

/**
 * Splits a word into user-perceived characters, so a long word is never broken between a
 * letter and its accent, or inside an emoji sequence. Deliberately simple and engine-independent
 * (unlike Intl.Segmenter, whose data varies between ICU versions).
 */
function clusters(word: string): string[] {
  const out: string[] = [];
  let joinNext = false;
  let openFlag = false; // previous cluster is a lone regional indicator (half a flag)
  for (const ch of word) {
    const cp = ch.codePointAt(0) ?? 0;
    const regional = isRegionalIndicator(cp);
    const last = out.length - 1;
    if (last >= 0 && (joinNext || isZeroWidth(cp) || (regional && openFlag))) {
      out[last] += ch;
      openFlag = false;
    } else {
      out.push(ch);
      openFlag = regional;
    }
    joinNext = cp === 0x200d; // a zero-width joiner glues the next character on
  }
  return out;
}

/** One word with its width in 1/1000 em. */
interface Word {
  text: string;
  units: number;
}

/**
 * Greedy word wrap of a single paragraph (no newlines). A word wider than the line is put on
 * its own line(s) and broken between characters; every line holds at least one character.
 */
function wrapParagraph(paragraph: string, maxWidth: number, fontSize: number, table: WidthTable): string[] {
  const words: Word[] = paragraph
    .split(/[ \t]+/)
    .filter((w) => w.length > 0)
    .map((w) => ({ text: w, units: textUnits(w, table) }));
  if (words.length === 0) return [''];

  const fits = (units: number) => toPx(units, fontSize) <= maxWidth;
  const space = textUnits(' ', table);
  const lines: string[] = [];
  let line = '';
  let lineUnits = 0;

  for (const word of words) {
    if (line && fits(lineUnits + space + word.units)) {
      line += ` ${word.text}`;
      lineUnits += space + word.units;
      continue;
    }
    if (line) lines.push(line);
    if (fits(word.units)) {
      line = word.text;
      lineUnits = word.units;
      continue;
    }
    // Too long for any line: break it by characters. Its last piece stays open for the next words.
    line = '';
    lineUnits = 0;
    for (const ch of clusters(word.text)) {
      const units = textUnits(ch, table);
      if (line && !fits(lineUnits + units)) {
        lines.push(line);
        line = '';
        lineUnits = 0;
      }
      line += ch;
      lineUnits += units;
    }
  }
  lines.push(line);
  return lines;
}

/** Shortens `line` so that it plus "…" fits in maxWidth, dropping characters from the end. */
function withEllipsis(line: string, maxWidth: number, fontSize: number, table: WidthTable): string {
  const ellipsis = textUnits(ELLIPSIS, table);
  const parts = clusters(line);
  let units = textUnits(line, table);
  while (parts.length > 0 && toPx(units + ellipsis, fontSize) > maxWidth) {
    units -= textUnits(parts.pop() ?? '', table);
  }
  // Drop spaces before the ellipsis ("word …" reads badly); removing them only makes it narrower.
  return parts.join('').trimEnd() + ELLIPSIS;
}

/**
 * Breaks `text` into lines no wider than `maxWidth` px, measured with {@link measureTextWidth}.
 *
 * Shared by the canvas and every export so both show exactly the same line breaks and node
 * sizes. Rules:
 * - Explicit newlines (`\n`, `\r\n`, `\r`) always start a new line; an empty line stays empty.
 * - Within a line, runs of spaces/tabs collapse to one space and line ends are trimmed; words
 *   are packed greedily, breaking only at spaces (a no-break space U+00A0 does not break).
 * - A word wider than `maxWidth` starts a new line and is broken between characters (no
 *   hyphen). If `maxWidth` is narrower than a single character, that character still gets a
 *   line of its own (the only case where a line can be wider than `maxWidth`).
 * - With `maxLines`, text needing more lines is cut to `maxLines` lines and the last one ends
 *   with "…", shortened so that it still fits in `maxWidth` (if not even "…" fits, the line is
 *   just "…").
 * - Empty or whitespace-only text gives `[]`.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  fontWeight: FontWeight,
  maxLines?: number,
): string[] {
  if (/^[ \t\r\n]*$/.test(text)) return [];
  const table = tableFor(fontWeight);
  const limit = maxLines === undefined ? Infinity : Math.max(0, Math.floor(maxLines));
  if (limit === 0) return [];

  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    for (const line of wrapParagraph(paragraph, maxWidth, fontSize, table)) {
      if (lines.length === limit) {
        const last = lines.length - 1;
        lines[last] = withEllipsis(lines[last] ?? '', maxWidth, fontSize, table);
        return lines;
      }
      lines.push(line);
    }
  }
  return lines;
}
