/**
 * Export in a real browser (issue 4): PNG, SVG and JSON downloads from the Export dialog, their
 * sizes and contents, a transparent background, the "Current view" capture, the clipboard, and
 * the file name taken from the title. Downloads are kept in test-results/export/ for a look.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { E2ETest } from './types';
import { BUYER_JOURNEY_STAGES, assert, edgeCount, expectEqual, fail, openEditor, poll, sorted, stageTitles } from './helpers';
import { RESULTS, captureDownload, decodePng, distinctColours, hasText, inspectSvg, paneBox, parseSizeNote, pixel, pngSize } from './ann-helpers';
import { parseDocumentText } from '../../src/model/parseDocument';

const BASE_NAME = 'buyer-journey-marketing-feeds-sales';
const KEEP = 'export';

/** Opens the Export dialog with Ctrl+E. */
async function openExport(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.waitFor();
  return dialog;
}

/** The pixel size the dialog states under its preview ("6250 × 1530 px"). */
async function statedSize(dialog: Locator): Promise<{ width: number; height: number }> {
  return poll(async () => parseSizeNote(await dialog.locator('.export-preview').innerText()), (s) => s !== null, 'the size under the preview') as Promise<{ width: number; height: number }>;
}

async function chooseFormat(dialog: Locator, label: string, button: string): Promise<void> {
  await dialog.getByRole('radio', { name: label }).check();
  await dialog.getByRole('button', { name: button }).waitFor();
}

/** Clicks a Download button; the file is kept in test-results/export/ (with `variant` added to its name). */
async function download(page: Page, dialog: Locator, button: string, variant?: string) {
  const result = await captureDownload(page, () => dialog.getByRole('button', { name: button }).click(), KEEP, variant);
  await dialog.getByRole('status').filter({ hasText: /^Saved / }).waitFor();
  return result;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

export const tests: E2ETest[] = [
  {
    name: 'export: PNG (2×, stated size), SVG (safe, every title) and JSON (re-opens) download with the title as file name',
    async run({ page, url }) {
      await openEditor(page, url);
      const canvasTitles = sorted(await stageTitles(page));
      assert(JSON.stringify(canvasTitles) === JSON.stringify(sorted(BUYER_JOURNEY_STAGES)), `unexpected canvas: ${JSON.stringify(canvasTitles)}`);
      const canvasEdges = await edgeCount(page);
      const dialog = await openExport(page);

      // SVG.
      await chooseFormat(dialog, 'SVG vector', 'Download SVG');
      const svgSize = await statedSize(dialog);
      const svgFile = await download(page, dialog, 'Download SVG');
      assert(svgFile.name === `${BASE_NAME}.svg`, `the SVG is named ${svgFile.name}`);
      const svgText = svgFile.data.toString('utf8');
      const svg = await inspectSvg(page, svgText);
      assert(svg.parseError === null, `the SVG does not parse: ${svg.parseError}`);
      assert(svg.root === 'svg', `the SVG's root element is <${svg.root}>`);
      assert(svg.foreignObjects === 0, `the SVG has ${svg.foreignObjects} <foreignObject> elements`);
      assert(svg.scripts === 0 && svg.eventAttributes === 0, `the SVG has scripts (${svg.scripts}) or on* attributes (${svg.eventAttributes})`);
      const missing = BUYER_JOURNEY_STAGES.filter((t) => !hasText(svg.texts, t));
      assert(missing.length === 0, `stage titles missing from the SVG: ${JSON.stringify(missing)} (texts: ${JSON.stringify(svg.texts.slice(0, 40))})`);
      assert(Number(svg.width) === svgSize.width && Number(svg.height) === svgSize.height, `the SVG is ${svg.width}×${svg.height}, the dialog said ${svgSize.width} × ${svgSize.height}`);

      // PNG at the default 2×: its IHDR size is what the dialog states.
      await chooseFormat(dialog, 'PNG image', 'Download PNG');
      await expectEqual(() => dialog.getByRole('combobox', { name: 'Scale' }).inputValue(), '2', 'the default PNG scale');
      const pngStated = await statedSize(dialog);
      assert(pngStated.width === svgSize.width * 2 && pngStated.height === svgSize.height * 2, `the stated PNG size ${JSON.stringify(pngStated)} is not 2× the picture ${JSON.stringify(svgSize)}`);
      const pngFile = await download(page, dialog, 'Download PNG');
      assert(pngFile.name === `${BASE_NAME}.png`, `the PNG is named ${pngFile.name}`);
      const size = pngSize(pngFile.data);
      assert(size.width === pngStated.width && size.height === pngStated.height, `the PNG is ${size.width}×${size.height}, the dialog said ${pngStated.width} × ${pngStated.height}`);
      const png = decodePng(pngFile.data);
      assert(pixel(png, 0, 0)[3] === 255, `the PNG's corner is not opaque with the theme background: ${pixel(png, 0, 0)}`);
      assert(distinctColours(png) > 10, 'the PNG looks blank');

      // JSON: re-parses and holds what the canvas shows.
      await chooseFormat(dialog, 'JSON document', 'Download JSON');
      const jsonFile = await download(page, dialog, 'Download JSON');
      assert(jsonFile.name === `${BASE_NAME}.json`, `the JSON is named ${jsonFile.name}`);
      const parsed = parseDocumentText(jsonFile.data.toString('utf8'));
      if (!parsed.ok) fail(`the exported JSON does not re-open: ${parsed.error.message}`);
      const doc = parsed.document;
      const jsonTitles = sorted(doc.nodes.flatMap((n) => (n.kind === 'stage' ? [n.title] : [])));
      assert(JSON.stringify(jsonTitles) === JSON.stringify(canvasTitles), `the JSON's stages ${JSON.stringify(jsonTitles)} differ from the canvas ${JSON.stringify(canvasTitles)}`);
      assert(doc.edges.length === canvasEdges, `the JSON has ${doc.edges.length} edges, the canvas ${canvasEdges}`);
      assert(doc.title === 'Buyer journey: marketing feeds sales', `the JSON's title is ${doc.title}`);
      const notesOnCanvas = await page.locator('.react-flow__node-note').count();

      // Every edge pill the export draws (label and/or conversion rate) is on the canvas too, with the same text.
      for (const edge of doc.edges) {
        const drawn = Boolean(edge.label) || (doc.settings.showMetrics && edge.kind !== 'feedback' && edge.conversionRate !== undefined);
        if (!drawn) continue;
        const pill = page.getByTestId(`edge-label-${edge.id}`);
        assert((await pill.count()) === 1, `the export draws a label on edge ${edge.id} (${edge.source} → ${edge.target}), the canvas does not`);
        const text = (await pill.locator(':scope > div').allInnerTexts()).join(' ');
        assert(hasText(svg.texts, text), `the canvas label "${text}" on edge ${edge.id} is not in the SVG`);
      }
      assert(doc.nodes.filter((n) => n.kind === 'note').length === notesOnCanvas, 'the JSON and the canvas have different numbers of notes');

      // Render the SVG with librsvg, as another tool would, for a look (and to see it renders at all).
      if (onPath('rsvg-convert')) {
        const out = join(RESULTS, KEEP, `${BASE_NAME}.rsvg.png`);
        const svgPath = join(RESULTS, KEEP, `${BASE_NAME}.svg`);
        const run = spawnSync('rsvg-convert', ['-o', out, svgPath], { encoding: 'utf8', timeout: 20_000 });
        assert(run.status === 0, `rsvg-convert failed: ${run.stderr}`);
      } else {
        console.log('    (rsvg-convert is not on PATH: the SVG was not rendered with librsvg)');
      }
    },
  },

  {
    name: 'export: a PNG with a transparent background has see-through corners',
    async run({ page, url }) {
      await openEditor(page, url);
      const dialog = await openExport(page);
      await chooseFormat(dialog, 'PNG image', 'Download PNG');
      // 1× keeps the file small enough to decode quickly.
      await dialog.getByRole('combobox', { name: 'Scale' }).selectOption({ label: '1×' });
      await dialog.getByRole('combobox', { name: 'Background' }).selectOption({ label: 'Transparent' });
      const stated = await statedSize(dialog);
      const clear = await download(page, dialog, 'Download PNG', 'transparent');
      const png = decodePng(clear.data);
      assert(png.width === stated.width && png.height === stated.height, `the 1× PNG is ${png.width}×${png.height}, the dialog said ${stated.width} × ${stated.height}`);
      for (const [x, y] of [[0, 0], [png.width - 1, 0], [0, png.height - 1], [png.width - 1, png.height - 1]] as const) {
        assert(pixel(png, x, y)[3] === 0, `pixel (${x}, ${y}) of the transparent PNG has alpha ${pixel(png, x, y)[3]}`);
      }
      assert(distinctColours(png) > 10, 'the transparent PNG has nothing drawn on it');
    },
  },

  {
    name: 'export: "Current view" PNG is photographed from the screen and is not blank',
    async run({ page, url }) {
      await openEditor(page, url);
      const canvas = await paneBox(page);
      const dialog = await openExport(page);
      await chooseFormat(dialog, 'PNG image', 'Download PNG');
      await dialog.getByRole('combobox', { name: 'Scale' }).selectOption({ label: '1×' });
      await dialog.getByRole('radio', { name: 'Current view' }).check();
      const view = await download(page, dialog, 'Download PNG', 'current-view');
      const shot = decodePng(view.data);
      assert(Math.abs(shot.width - canvas.width) <= 2 && Math.abs(shot.height - canvas.height) <= 2, `the current-view PNG is ${shot.width}×${shot.height}, the canvas is ${canvas.width}×${canvas.height}`);
      assert(pixel(shot, 0, 0)[3] === 255, 'the current-view PNG has no background');
      assert(distinctColours(shot, 120) > 10, `the current-view PNG is blank (${distinctColours(shot, 120)} colours)`);
    },
  },

  {
    name: 'export: Copy PNG puts an image/png on the clipboard, Copy SVG puts <svg> text',
    contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
    async run({ page, url }) {
      await openEditor(page, url);
      const dialog = await openExport(page);
      await chooseFormat(dialog, 'PNG image', 'Download PNG');

      await dialog.getByRole('button', { name: 'Copy PNG' }).click();
      await dialog.getByRole('status').filter({ hasText: 'PNG copied' }).waitFor({ timeout: 20_000 });
      const image = await page.evaluate(async () => {
        const items = await navigator.clipboard.read();
        const item = items.find((i) => i.types.includes('image/png'));
        if (!item) return { types: items.flatMap((i) => i.types), bytes: [] as number[] };
        const bytes = new Uint8Array(await (await item.getType('image/png')).arrayBuffer());
        return { types: item.types, bytes: [...bytes.subarray(0, 32)], length: bytes.length };
      });
      assert(image.types.includes('image/png'), `the clipboard holds ${JSON.stringify(image.types)}, not image/png`);
      const head = Buffer.from(image.bytes);
      const size = pngSize(Buffer.concat([head, Buffer.alloc(8)]));
      assert(size.width > 1000 && size.height > 200, `the copied PNG is only ${size.width}×${size.height}`);

      await dialog.getByRole('button', { name: 'Copy SVG' }).click();
      await dialog.getByRole('status').filter({ hasText: 'SVG copied' }).waitFor();
      const text = await page.evaluate(() => navigator.clipboard.readText());
      assert(text.startsWith('<svg'), `the copied SVG text starts with ${JSON.stringify(text.slice(0, 40))}`);
      const svg = await inspectSvg(page, text);
      assert(svg.parseError === null && BUYER_JOURNEY_STAGES.every((t) => hasText(svg.texts, t)), 'the copied SVG does not parse or lacks stage titles');
    },
  },
];
