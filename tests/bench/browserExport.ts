/**
 * PNG export of a 200-stage diagram in Chromium, both ways, in one run: our path (native SVG
 * rasterised on a canvas) and html-to-image's capture of the same diagram on screen.
 */
import { launchBrowser, startPreview } from '../e2e/harness';
import { serializeDocument } from '../../src/model/serialize';
import { layoutDocument } from '../../src/layout/layoutDocument';
import { generateJourney } from './generate';

const RUNS = 3;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchBrowserExport(stages = 200): Promise<void> {
  const server = await startPreview();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('.react-flow__node-stage');
    const doc = layoutDocument(generateJourney(stages));
    await page.getByTestId('open-file-input').setInputFiles({ name: 'bench.json', mimeType: 'application/json', buffer: Buffer.from(serializeDocument(doc)) });
    await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node-stage').length === n, stages, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Fit', exact: true }).click();

    const time = async (scope: 'Whole diagram' | 'Current view') => {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.keyboard.press('Control+e');
        await page.getByRole('radio', { name: 'PNG image' }).check();
        await page.getByRole('radio', { name: scope }).check();
        await page.getByLabel('Scale').selectOption('2');
        const start = Date.now();
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Download PNG' }).click()]);
        await download.path();
        samples.push(Date.now() - start);
        await page.getByRole('button', { name: 'Close' }).click();
      }
      return median(samples);
    };
    const ours = await time('Whole diagram');
    const theirs = await time('Current view');
    console.log(`\nPNG export in Chromium, ${stages} stages, 2× (median of ${RUNS})`);
    console.log(`  native SVG → canvas        ${ours.toFixed(0).padStart(7)} ms`);
    console.log(`  html-to-image toPng        ${theirs.toFixed(0).padStart(7)} ms`);
    console.log(`  ratio (html-to-image/ours) ${(theirs / ours).toFixed(1).padStart(7)}×`);
  } finally {
    await browser.close();
    await server.close();
  }
}
