/**
 * Writes src/render/icons.ts: the lucide icons the presets and the icon picker use, as plain
 * data, so the SVG renderer (pure, runs in Node) and the canvas draw identical glyphs.
 *
 * Source: the icon nodes shipped inside the installed `lucide-react` package (no extra
 * dependency). Older names that lucide renamed are alias files there; we follow them.
 *
 * Run: node --import tsx scripts/generateIcons.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The names documents use (lucide's names at the time the presets were written). */
export const ICON_SET = [
  'search', 'users', 'target', 'megaphone', 'bar-chart-3', 'compass', 'clipboard-list', 'phone',
  'presentation', 'message-circle-question', 'handshake', 'repeat', 'mail', 'share-2', 'thumbs-up',
  'eye', 'filter', 'user-check', 'star', 'tv', 'radio', 'newspaper', 'image', 'video', 'link',
  'at-sign', 'dollar-sign', 'lightbulb', 'heart', 'zap', 'flag', 'trending-up', 'gift',
  'mouse-pointer-click', 'shopping-cart', 'rocket', 'sticky-note', 'type',
] as const;

type Attrs = Record<string, string>;
type Node = [string, Attrs];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const iconDir = path.join(root, 'node_modules/lucide-react/dist/esm/icons');
const outFile = path.join(root, 'src/render/icons.ts');

/** Follows `export { default } from './other.mjs'` alias files to the file holding the data. */
function resolveIconFile(name: string, seen = new Set<string>()): string {
  const file = path.join(iconDir, `${name}.mjs`);
  if (!fs.existsSync(file)) throw new Error(`lucide-react has no icon "${name}"`);
  const alias = /export \{ default \} from '\.\/([a-z0-9-]+)\.mjs'/.exec(fs.readFileSync(file, 'utf8'));
  if (!alias?.[1]) return file;
  if (seen.has(alias[1])) throw new Error(`alias loop at "${name}"`);
  seen.add(name);
  return resolveIconFile(alias[1], seen);
}

async function loadIcon(name: string): Promise<Node[]> {
  const mod = (await import(pathToFileURL(resolveIconFile(name)).href)) as { __iconData?: { node: Array<[string, Record<string, unknown>]> } };
  if (!mod.__iconData) throw new Error(`no icon data for "${name}"`);
  return mod.__iconData.node.map(([tag, attrs]): Node => {
    // `key` is React bookkeeping, not geometry.
    const clean = Object.fromEntries(Object.entries(attrs).filter(([k]) => k !== 'key').map(([k, v]) => [k, String(v)]));
    return [tag, clean];
  });
}

function licence(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/lucide-react/package.json'), 'utf8')) as { version: string };
  return [
    `Icon data from Lucide (lucide-react ${pkg.version}), https://lucide.dev`,
    '',
    'ISC License',
    '',
    'Copyright (c) Lucide Icons and Contributors',
    '',
    'Permission to use, copy, modify, and/or distribute this software for any',
    'purpose with or without fee is hereby granted, provided that the above',
    'copyright notice and this permission notice appear in all copies.',
    '',
    'THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES',
    'WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF',
    'MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR',
    'ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES',
    'WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN',
    'ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF',
    'OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.',
    '',
    'Icons derived from Feather (e.g. search, target, compass, tv, radio, link, at-sign,',
    'dollar-sign, type) are also: Copyright (c) 2013-present Cole Bemis, MIT License.',
  ]
    .map((line) => (line ? ` * ${line}` : ' *'))
    .join('\n');
}

const TEMPLATE_TAIL = `
export const ICON_NAMES: readonly string[] = Object.keys(ICONS);

/** True when \`name\` is an icon this module can draw. */
export function hasIcon(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(ICONS, name);
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * SVG markup for one icon: a \`<g>\` placing lucide's 24×24 grid at (x, y) with the given size.
 * Unknown names give an empty string. The colour is sanitised; icon data is trusted (generated).
 * Pass \`inheritCaps\` when an ancestor already sets round \`stroke-linecap\`/\`stroke-linejoin\`,
 * to keep large exports small.
 */
export function iconSvgElements(name: string, x: number, y: number, size: number, color: string, inheritCaps = false): string {
  if (!hasIcon(name)) return '';
  const scale = round(size / 24);
  const paint = color.replace(/[^#a-zA-Z0-9(),.% -]/g, '');
  const children = ICONS[name]!.map(([tag, attrs]) => \`<\${tag}\${Object.entries(attrs).map(([k, v]) => \` \${k}="\${v}"\`).join('')}/>\`).join('');
  // Stroke width is in icon units: 2 on the 24 grid, scaled with the icon like lucide's own.
  return \`<g transform="translate(\${round(x)} \${round(y)}) scale(\${scale})" fill="none" stroke="\${paint}" stroke-width="2"\${inheritCaps ? '' : ' stroke-linecap="round" stroke-linejoin="round"'}>\${children}</g>\`;
}
`;

async function main(): Promise<void> {
  const entries: string[] = [];
  for (const name of ICON_SET) {
    const nodes = await loadIcon(name);
    for (const [, attrs] of nodes) {
      for (const v of Object.values(attrs)) if (/[<>&"]/.test(v)) throw new Error(`unexpected character in ${name}`);
    }
    const body = nodes.map(([tag, attrs]) => `[${JSON.stringify(tag)}, ${JSON.stringify(attrs)}]`).join(', ');
    entries.push(`  ${JSON.stringify(name)}: [${body}],`);
  }
  const source = `/**
${licence()}
 */
// Generated by scripts/generateIcons.ts — do not edit by hand.

/** SVG element names lucide icons are made of. */
export type IconTag = 'path' | 'circle' | 'rect' | 'line' | 'polyline' | 'polygon' | 'ellipse';
/** One icon: its child elements on lucide's 24×24 grid (stroke-based, stroke-width 2, round caps and joins). */
export type IconNode = [tag: IconTag, attrs: Record<string, string>][];

export const ICONS: Record<string, IconNode> = {
${entries.join('\n')}
};
${TEMPLATE_TAIL}`;
  fs.writeFileSync(outFile, source);
  console.log(`wrote ${path.relative(root, outFile)} (${ICON_SET.length} icons, ${Math.round(source.length / 1024)} KB)`);
}

await main();
