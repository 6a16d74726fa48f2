/**
 * Funnel numbers in a real browser (issue 6): a conversion rate typed in the inspector changes
 * the volumes downstream, the overall conversion and the rate shown on the edge; an invalid rate
 * is refused with a message and changes nothing; the funnel chart view and its SVG export.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { E2ETest } from './types';
import { assert, box, expectEqual, fail, inspector, oneLine, openEditor, poll } from './helpers';
import { ROOT, RESULTS, captureDownload, centreOf, emptyPanePoint, inspectSvg, mentions, parseCompact, pointOnEdge } from './ann-helpers';
import { parseDocument } from '../../src/model/parseDocument';
import { computeFunnel } from '../../src/metrics/computeFunnel';
import { mainPath } from '../../src/metrics/mainPath';

const EDGE = 'e-research-segmentation';
const WATCHED = ['segmentation', 'strategy', 'measurement', 'prospecting', 'follow-up'] as const;

/** Volumes shown on the canvas, by stage id, as numbers. */
async function volumes(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const id of WATCHED) out[id] = parseCompact(await page.getByTestId(`volume-${id}`).innerText());
  return out;
}

async function overall(page: Page): Promise<string> {
  return oneLine(await page.getByTestId('overall-conversion').innerText());
}

async function edgePill(page: Page): Promise<string> {
  return oneLine(await page.getByTestId(`edge-label-${EDGE}`).innerText());
}

/** The main path the funnel chart should show for the buyer-journey preset with one rate changed. */
function expectedMainPath(rate: number): string[] {
  const parsed = parseDocument(JSON.parse(readFileSync(join(ROOT, 'presets', 'buyer-journey.json'), 'utf8')));
  if (!parsed.ok) fail(`the preset does not parse: ${parsed.error.message}`);
  const doc = { ...parsed.document, edges: parsed.document.edges.map((e) => (e.id === EDGE ? { ...e, conversionRate: rate } : e)) };
  const titles = new Map(doc.nodes.flatMap((n) => (n.kind === 'stage' ? [[n.id, n.title] as const] : [])));
  return mainPath(doc, computeFunnel(doc)).map((id) => titles.get(id)!);
}

export const tests: E2ETest[] = [
  {
    name: 'funnel: a new conversion rate changes downstream volumes and the overall conversion; an invalid one is refused',
    async run({ page, url }) {
      await openEditor(page, url);
      const before = await volumes(page);
      const overallBefore = await overall(page);
      assert(before.segmentation === 14_000, `Segmentation starts at ${before.segmentation}, not 14K (20K × 70%)`);
      await expectEqual(() => edgePill(page), '70%', 'the rate shown on the Research → Segmentation edge');

      // Select the edge by clicking the rate shown on it (the click reaches the line underneath), and type a new rate.
      const pill = centreOf(await box(page.getByTestId(`edge-label-${EDGE}`)));
      await page.mouse.click(pill.x, pill.y);
      const rate = inspector(page).getByRole('textbox', { name: 'Conversion rate' });
      await expectEqual(() => rate.inputValue(), '70', 'the Conversion rate field of the selected edge');
      await rate.fill('35');
      await rate.press('Enter');

      const after = await poll(() => volumes(page), (v) => v.segmentation === 7_000, 'Segmentation to halve to 7K');
      for (const id of WATCHED) {
        // Every stage downstream of the edge halves (shown rounded: 1 decimal in thousands, whole people below 1000).
        const tolerance = before[id]! >= 1000 ? 60 : 1;
        assert(Math.abs(after[id]! - before[id]! / 2) <= tolerance, `${id}: ${before[id]} → ${after[id]}, expected about half`);
      }
      const overallAfter = await poll(() => overall(page), (t) => t !== overallBefore, 'the overall conversion to change');
      const pct = (t: string) => Number(t.replace('%', ''));
      assert(Math.abs(pct(overallAfter) - pct(overallBefore) / 2) <= 0.1, `the overall conversion went ${overallBefore} → ${overallAfter}, expected about half`);
      await expectEqual(() => edgePill(page), '35%', 'the rate shown on the edge');

      // 150% is refused: a message naming the value, and nothing changes.
      await rate.fill('150');
      await rate.press('Enter');
      const alert = inspector(page).getByRole('alert');
      await alert.waitFor();
      const message = oneLine(await alert.innerText());
      assert(message.includes('150'), `the message does not name the value: "${message}"`);
      assert((await rate.getAttribute('aria-invalid')) === 'true', 'the field is not marked invalid');
      await expectEqual(() => volumes(page), after, 'the volumes after the refused rate');
      assert((await overall(page)) === overallAfter, 'the overall conversion changed after the refused rate');
      assert((await edgePill(page)) === '35%', 'the edge rate changed after the refused rate');

      // Leaving the field (the inspector closes) does not sneak the refused value in either.
      const empty = await emptyPanePoint(page);
      await page.mouse.click(empty.x, empty.y);
      await rate.waitFor({ state: 'detached' });
      await expectEqual(() => volumes(page), after, 'the volumes after deselecting the edge');
      await expectEqual(() => edgePill(page), '35%', 'the edge rate after deselecting the edge');
      // One undo step: the valid change only.
      await page.keyboard.press('Control+z');
      await poll(() => volumes(page), (v) => v.segmentation === 14_000, 'undo to bring Segmentation back to 14K');
      assert(await page.getByRole('button', { name: 'Undo' }).isDisabled(), 'the refused rate left an undo step');
    },
  },

  {
    name: 'funnel: the Funnel view draws the main path, and its SVG export has the main-path stage titles',
    async run({ page, url }) {
      await openEditor(page, url);
      // Halve the first rate so the chart reflects an edit.
      const at = await pointOnEdge(page, EDGE, 0.25);
      await page.mouse.click(at.x, at.y);
      const rate = inspector(page).getByRole('textbox', { name: 'Conversion rate' });
      await rate.fill('35');
      await rate.press('Enter');
      await poll(() => page.getByTestId('volume-segmentation').innerText().then(parseCompact), (v) => v === 7_000, 'Segmentation at 7K');

      const views = page.getByRole('group', { name: 'View' });
      await views.getByRole('button', { name: 'Funnel' }).click();
      await expectEqual(() => views.getByRole('button', { name: 'Funnel' }).getAttribute('aria-pressed'), 'true', 'the Funnel button state');
      const chart = page.getByTestId('funnel-view').getByRole('img', { name: 'Funnel chart of Buyer journey: marketing feeds sales' });
      await chart.waitFor();
      assert((await page.locator('.react-flow').count()) === 0, 'the graph is still shown in the funnel view');
      // The picture is redrawn once the fonts are embedded; wait for that version to load.
      await poll(
        () => chart.evaluate((el) => ({ fonts: (el as HTMLImageElement).src.includes('%40font-face'), loaded: (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0 })),
        (s) => s.fonts && s.loaded,
        'the funnel picture with embedded fonts to load',
      );
      await page.screenshot({ path: join(RESULTS, 'funnel-view.png') });

      // Export: the dialog starts on the picture on screen (the funnel chart).
      await page.keyboard.press('Control+e');
      const dialog = page.getByRole('dialog', { name: 'Export' });
      await dialog.waitFor();
      await dialog.getByRole('radio', { name: 'SVG vector' }).check();
      const funnelChoice = dialog.getByRole('radio', { name: 'Funnel chart' });
      assert(await funnelChoice.isChecked(), 'the export dialog does not start on the funnel chart in the funnel view');
      await funnelChoice.check();
      const file = await captureDownload(page, () => dialog.getByRole('button', { name: 'Download SVG' }).click(), 'export', 'funnel');
      assert(file.name.endsWith('.svg'), `the funnel export is named ${file.name}`);
      const svgText = file.data.toString('utf8');
      const svg = await inspectSvg(page, svgText);
      assert(svg.parseError === null, `the funnel SVG does not parse: ${svg.parseError}`);
      assert(svg.foreignObjects === 0 && svg.scripts === 0, 'the funnel SVG has foreignObject or script elements');
      const expected = expectedMainPath(0.35);
      assert(expected.length >= 5 && expected[0] === 'Research', `unexpected main path ${JSON.stringify(expected)}`);
      const missing = expected.filter((t) => !mentions(svg.texts, t));
      assert(missing.length === 0, `main-path stages missing from the funnel SVG: ${JSON.stringify(missing)} (texts: ${JSON.stringify(svg.texts)})`);
      const bands = [...svgText.matchAll(/data-stage-id="([^"]+)"/g)].map((m) => m[1]);
      assert(bands.length === expected.length, `the funnel has ${bands.length} bands, the main path ${expected.length} stages`);
      assert(mentions(svg.texts, '7K') || mentions(svg.texts, '7,000'), `the funnel SVG does not show Segmentation's new volume: ${JSON.stringify(svg.texts)}`);
    },
  },
];
