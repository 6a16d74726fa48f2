/**
 * Rebuild the README screenshots: `npm run screenshot` (builds first).
 * Opens the default preset in Chromium at a slide-friendly size and saves docs/*.png.
 */
import { launchBrowser, startPreview } from '../tests/e2e/harness';

const server = await startPreview();
const browser = await launchBrowser();
try {
  for (const theme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, colorScheme: theme, deviceScaleFactor: 1 });
    await page.goto(server.url);
    await page.waitForSelector('.react-flow__node-stage');
    await page.waitForTimeout(600);
    const file = theme === 'light' ? 'docs/screenshot.png' : 'docs/screenshot-dark.png';
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
