/**
 * Small helpers for writing compact SVG markup: rounded numbers, attribute lists and
 * multi-line text. Pure string building, no DOM.
 */
import { escapeXml } from './escapeXml';

/** Rounds to one decimal: enough for 1 user unit = 1 px and keeps the file small. */
export function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  return String(Object.is(r, -0) ? 0 : r);
}

type AttrValue = string | number | undefined | false;

/** ` a="1" b="x"`; numbers are rounded, strings escaped, undefined/false skipped. */
export function attrs(values: Record<string, AttrValue>): string {
  let out = '';
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === false) continue;
    out += ` ${key}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  return out;
}

export function el(tag: string, values: Record<string, AttrValue>, children?: string): string {
  return children === undefined ? `<${tag}${attrs(values)}/>` : `<${tag}${attrs(values)}>${children}</${tag}>`;
}

/**
 * One `<text>` with a `<tspan>` per line. Lines are centred on their line box with a
 * `dy="0.35em"` shift (librsvg ignores `dominant-baseline`). Empty lines emit no tspan (an
 * empty tspan's `dy` is lost in some renderers); their height is added to the next line's `dy`.
 */
export function textLines(lines: readonly string[], x: number, firstCentreY: number, lineHeight: number, extra: Record<string, AttrValue>): string {
  let spans = '';
  let skipped = 0;
  let startY: number | undefined;
  lines.forEach((line) => {
    if (line === '') {
      skipped += lineHeight;
      return;
    }
    if (startY === undefined) {
      startY = firstCentreY + skipped;
      spans += el('tspan', { x, dy: '.35em' }, escapeXml(line));
    } else {
      spans += el('tspan', { x, dy: skipped + lineHeight }, escapeXml(line));
    }
    skipped = 0;
  });
  if (startY === undefined) return '';
  return el('text', { y: startY, ...extra }, spans);
}
