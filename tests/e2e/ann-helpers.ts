/**
 * Helpers for the annotation, export, presentation and funnel end-to-end tests (on top of the
 * shared helpers.ts): zooming the canvas, points on edges, context menus, autosave, downloads
 * and PNG decoding.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Download, Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { assert, box, fail, poll, waitForStableViewport } from './helpers';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS = join(ROOT, 'test-results');

export type Point = { x: number; y: number };
export type Box = { x: number; y: number; width: number; height: number };

export const centreOf = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** The canvas viewport: pan (screen px) and zoom. */
export async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)\s*scale\((-?[\d.]+)\)/.exec(transform);
  if (!m) fail(`unexpected viewport transform "${transform}"`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}

/** The box of the canvas pane on screen. */
export async function paneBox(page: Page): Promise<Box> {
  return box(page.locator('.react-flow'));
}

/** A point on the empty canvas (the pane itself is under it), searched on a grid. */
export async function emptyPanePoint(page: Page): Promise<Point> {
  const found = await page.locator('.react-flow').evaluate((root) => {
    const r = root.getBoundingClientRect();
    // Prefer the lower half, away from the summary panel at the top right.
    for (let fy = 0.85; fy >= 0.1; fy -= 0.05) {
      for (let fx = 0.3; fx <= 0.7; fx += 0.05) {
        const x = Math.round(r.left + r.width * fx);
        const y = Math.round(r.top + r.height * fy);
        const hit = document.elementFromPoint(x, y);
        if (hit?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  });
  if (!found) fail('no empty spot on the canvas');
  return found;
}

/**
 * Zooms the canvas with the mouse wheel at `anchor` (a screen point that stays put) until the
 * zoom reaches `target`, then waits until the viewport is still.
 */
export async function zoomAt(page: Page, anchor: Point, target: number): Promise<void> {
  await page.mouse.move(anchor.x, anchor.y);
  for (let i = 0; i < 30; i++) {
    const { zoom } = await viewport(page);
    const ratio = target / zoom;
    if (Math.abs(ratio - 1) < 0.06) break;
    // React Flow zooms by 2^(-deltaY × 0.002) per wheel event; ask for most of the remaining ratio at once.
    const deltaY = Math.max(-300, Math.min(300, (-Math.log2(ratio) / 0.002) * 0.9));
    await page.mouse.wheel(0, deltaY);
    await page.waitForTimeout(20);
  }
  await waitForStableViewport(page);
  const { zoom } = await viewport(page);
  assert(Math.abs(zoom - target) / target < 0.15, `could not zoom the canvas to ${target} (it is at ${zoom})`);
}

/**
 * Zooms in so that the screen span from `left` to `right` (both x, at height y) fills most of
 * the canvas width, keeping `left` in place. Returns the factor applied.
 */
export async function zoomToSpan(page: Page, left: number, right: number, y: number, fill = 0.8, maxFactor = 2.5): Promise<number> {
  const pane = await paneBox(page);
  const { zoom } = await viewport(page);
  const anchorX = Math.max(pane.x + 20, left - 20);
  const factor = Math.min(maxFactor, ((pane.x + pane.width) * fill - anchorX) / Math.max(1, right - anchorX));
  if (factor <= 1.05) return 1;
  await zoomAt(page, { x: anchorX, y }, zoom * factor);
  return factor;
}

/** A screen point at `fraction` of the length of an edge's drawn line. */
export async function pointOnEdge(page: Page, edgeId: string, fraction = 0.5): Promise<Point> {
  return page.locator(`.react-flow__edge[data-id="${edgeId}"] path.edge-line`).evaluate((el, f) => {
    const path = el as SVGPathElement;
    const p = path.getPointAtLength(path.getTotalLength() * f);
    const m = path.getScreenCTM()!;
    return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
  }, fraction);
}

/** The React Flow wrapper of a diagram node (stage, note, label) by its id. */
export function flowNode(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** A node's position in diagram coordinates (independent of zoom and pan). */
export async function flowPosition(page: Page, id: string): Promise<Point> {
  const transform = await flowNode(page, id).evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
  if (!m) fail(`node ${id} has no position transform ("${transform}")`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

/** Ids of the nodes of one kind on the canvas. */
export async function nodeIds(page: Page, type: 'stage' | 'note' | 'label'): Promise<string[]> {
  return page.locator(`.react-flow__node-${type}`).evaluateAll((els) => els.map((el) => el.getAttribute('data-id')!));
}

/** The labels of the items of the open context menu. */
export async function contextMenuItems(page: Page): Promise<string[]> {
  const menu = page.getByRole('menu', { name: 'Context menu' });
  await menu.waitFor();
  return menu.getByRole('menuitem').allInnerTexts();
}

/** Right-clicks at a screen point and returns the context menu's items. */
export async function contextMenuAt(page: Page, at: Point): Promise<string[]> {
  await page.mouse.click(at.x, at.y, { button: 'right' });
  return contextMenuItems(page);
}

export async function closeContextMenu(page: Page): Promise<void> {
  const menu = page.getByRole('menu', { name: 'Context menu' });
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
}

/** Keyboard shortcuts are ignored while a text field has focus; make sure none has. */
export async function leaveTextFields(page: Page): Promise<void> {
  const typing = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return Boolean(el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)));
  });
  if (typing) await page.evaluate(() => (document.activeElement as HTMLElement).blur());
}

/** Waits until the status bar says every change is in the library. */
export async function waitForSaved(page: Page): Promise<void> {
  await poll(
    () => page.locator('footer.status').getAttribute('data-save-state'),
    (state) => state === 'saved',
    'the status bar to report data-save-state="saved"',
    15_000,
  );
}

/** Parses a compact count such as "14K", "7,000", "1.2M" or "61". */
export function parseCompact(text: string): number {
  const m = /^([\d.,]+)\s*([KMB]?)$/i.exec(text.trim());
  if (!m) fail(`"${text}" is not a compact number`);
  const n = Number(m[1]!.replace(/,/g, ''));
  const mult = { '': 1, K: 1e3, M: 1e6, B: 1e9 }[m[2]!.toUpperCase() as '' | 'K' | 'M' | 'B'];
  return n * mult;
}

/** Clicks `trigger` and returns the download it starts, read into memory (and kept in test-results/<keepIn>, `variant` added to the name). */
export async function captureDownload(page: Page, trigger: () => Promise<void>, keepIn?: string, variant?: string): Promise<{ name: string; data: Buffer; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), trigger()]);
  const failure = await download.failure();
  if (failure) fail(`download ${download.suggestedFilename()} failed: ${failure}`);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const data = Buffer.concat(chunks);
  const name = download.suggestedFilename();
  if (keepIn) {
    const dir = join(RESULTS, keepIn);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, variant ? name.replace(/(\.[a-z]+)$/, `.${variant}$1`) : name), data);
  }
  return { name, data, download };
}

/** Width and height from a PNG's IHDR chunk (checks the signature). */
export function pngSize(data: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert(data.length > 24 && data.subarray(0, 8).equals(signature), 'not a PNG file (bad signature)');
  assert(data.toString('latin1', 12, 16) === 'IHDR', 'the PNG does not start with an IHDR chunk');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** Decoded RGBA pixels. */
export function decodePng(data: Buffer): PNG {
  return PNG.sync.read(data);
}

export function pixel(png: PNG, x: number, y: number): [number, number, number, number] {
  const i = (png.width * y + x) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
}

/** How many distinct colours a sample grid of the image has (1 means blank). */
export function distinctColours(png: PNG, samples = 80): number {
  const seen = new Set<string>();
  for (let j = 0; j < samples; j++) {
    for (let i = 0; i < samples; i++) {
      const x = Math.floor(((i + 0.5) * png.width) / samples);
      const y = Math.floor(((j + 0.5) * png.height) / samples);
      seen.add(pixel(png, x, y).join(','));
    }
  }
  return seen.size;
}

/** "6250 × 1530 px" → numbers. */
export function parseSizeNote(text: string): { width: number; height: number } | null {
  const m = /(\d+)\s*×\s*(\d+)\s*px/.exec(text);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : null;
}

/**
 * The texts of an SVG as the reader sees them: one string per <text> element, its lines joined
 * by spaces (parsed by the page's DOMParser). Also reports parse errors and forbidden elements.
 */
export async function inspectSvg(page: Page, svg: string): Promise<{ parseError: string | null; root: string; foreignObjects: number; scripts: number; eventAttributes: number; texts: string[]; width: string | null; height: string | null }> {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const error = doc.querySelector('parsererror');
    const all = [...doc.getElementsByTagName('*')];
    return {
      parseError: error ? (error.textContent ?? 'parse error') : null,
      root: doc.documentElement.nodeName,
      foreignObjects: doc.getElementsByTagName('foreignObject').length,
      scripts: doc.getElementsByTagName('script').length,
      eventAttributes: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
      texts: [...doc.getElementsByTagName('text')].map((t) => {
        const spans = [...t.getElementsByTagName('tspan')];
        return (spans.length ? spans.map((s) => s.textContent ?? '') : [t.textContent ?? '']).join(' ').replace(/\s+/g, ' ').trim();
      }),
      width: doc.documentElement.getAttribute('width'),
      height: doc.documentElement.getAttribute('height'),
    };
  }, svg);
}

/** Whether a title appears among texts (lines joined by spaces, or a word broken across lines). */
export function hasText(texts: readonly string[], title: string): boolean {
  const want = title.replace(/\s+/g, ' ').trim();
  return texts.some((t) => t === want || t.replace(/\s+/g, '') === want.replace(/\s+/g, ''));
}

/** Whether a title appears anywhere in the texts (e.g. "Research · 20K"). */
export function mentions(texts: readonly string[], title: string): boolean {
  const want = title.replace(/\s+/g, ' ').trim();
  return texts.some((t) => t.includes(want)) || hasText(texts, title);
}

/**
 * A double-click as a person makes it: two clicks at one spot, each sent after the page has
 * handled the previous one. (Playwright's mouse.dblclick fires all four events at once; when the
 * first click re-renders the canvas, React Flow can then see the second press on the pane.)
 */
export async function doubleClickAt(page: Page, at: Point): Promise<void> {
  await page.mouse.move(at.x, at.y);
  await page.mouse.down({ clickCount: 1 });
  await page.mouse.up({ clickCount: 1 });
  await page.mouse.down({ clickCount: 2 });
  await page.mouse.up({ clickCount: 2 });
}
