/**
 * Rebuilds the README screenshots: `npm run screenshot` (builds first).
 * Each picture comes from a fresh browser profile, so it shows what a first-time user sees.
 */
import type { Page } from 'playwright-core';
import { launchBrowser, startPreview } from '../tests/e2e/harness';

interface Shot {
  file: string;
  scheme: 'light' | 'dark';
  prepare?(page: Page): Promise<void>;
}

const SHOTS: Shot[] = [
  { file: 'docs/screenshot.png', scheme: 'light' },
  { file: 'docs/screenshot-dark.png', scheme: 'dark' },
  {
    file: 'docs/annotations.png',
    scheme: 'light',
    async prepare(page) {
      await page.getByLabel('Show step numbers').check();
      await page.getByText('Prospecting', { exact: true }).first().click();
      await page.getByLabel('Highlight').check();
      await page.getByRole('button', { name: /comments? on Prospecting/ }).click();
      await page.getByRole('button', { name: 'Fit', exact: true }).click();
    },
  },
  {
    file: 'docs/funnel-view.png',
    scheme: 'light',
    async prepare(page) {
      await page.getByRole('button', { name: 'Funnel', exact: true }).click();
      await page.getByTestId('funnel-view').waitFor();
    },
  },
  {
    file: 'docs/presentation.png',
    scheme: 'light',
    async prepare(page) {
      await page.keyboard.press('F5');
      await page.getByRole('dialog', { name: 'Presentation' }).waitFor();
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    },
  },
];

async function main() {
  const server = await startPreview();
  const browser = await launchBrowser();
  try {
    for (const shot of SHOTS) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, colorScheme: shot.scheme });
      await page.goto(server.url);
      await page.waitForSelector('.react-flow__node-stage');
      await shot.prepare?.(page);
      // Let fit-view and presentation transitions settle.
      await page.waitForTimeout(800);
      await page.screenshot({ path: shot.file });
      console.log(`wrote ${shot.file}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
