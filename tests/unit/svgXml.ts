import { expect } from 'vitest';
import { JSDOM } from 'jsdom';

const { DOMParser } = new JSDOM('').window;

/** Parses with a strict XML parser (jsdom uses saxes); fails the test on any well-formedness error. */
export function parseSvg(svg: string): Document {
  const dom = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const error = dom.getElementsByTagName('parsererror')[0];
  if (error) expect.fail(`SVG is not well-formed XML: ${error.textContent}`);
  return dom;
}
