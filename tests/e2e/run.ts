/**
 * End-to-end runner: `npm run test:e2e` (builds first). Serves dist/ with `vite preview`, drives
 * Debian's Chromium through playwright-core, and runs every test exported by tests/e2e/*.e2e.ts,
 * each in a fresh browser context. A failing test leaves a screenshot in test-results/.
 *
 * Environment: E2E_FILTER=<substring> runs only matching tests; E2E_TIMEOUT_MS overrides the 30 s limit
 * (a test's own `timeoutMs` wins when it is longer).
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startPreview } from './harness';
import type { E2ETest } from './types';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const RESULTS = join(ROOT, 'test-results');
const TEST_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);
const ACTION_TIMEOUT_MS = 10_000;
const FILTER = process.env.E2E_FILTER ?? '';

interface Suite {
  file: string;
  tests: E2ETest[];
}

async function loadSuites(): Promise<Suite[]> {
  const files = readdirSync(HERE).filter((f) => f.endsWith('.e2e.ts')).sort();
  const suites: Suite[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(HERE, file)).href)) as { tests?: E2ETest[]; default?: E2ETest[] };
    const tests = mod.tests ?? mod.default;
    if (!Array.isArray(tests)) throw new Error(`${file} must export "tests": an array of { name, run(ctx) }`);
    suites.push({ file, tests });
  }
  return suites;
}

function fileSafe(name: string): string {
  return name.replace(/[^a-z0-9._-]+/gi, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'test';
}

function formatError(err: unknown): string {
  if (err instanceof Error) {
    // The message plus the first stack frame that points into a test file, if any.
    const frame = err.stack?.split('\n').find((l) => l.includes('.e2e.ts') || l.includes('helpers.ts'));
    return frame ? `${err.message}\n      ${frame.trim()}` : err.message;
  }
  return String(err);
}

class TimeoutError extends Error {}

async function runOne(browser: Browser, url: string, test: E2ETest): Promise<{ ok: boolean; ms: number; error?: string; screenshot?: string }> {
  const started = performance.now();
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pageErrors: string[] = [];
  const screenshotPath = join(RESULTS, `${fileSafe(test.name)}.png`);
  rmSync(screenshotPath, { force: true }); // no stale screenshot from an earlier run
  try {
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, ...test.contextOptions });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    // tsx (esbuild, keepNames) wraps named functions in test code with __name(); functions passed to
    // page.evaluate() run in the page, where that helper does not exist.
    await context.addInitScript('globalThis.__name ??= (target) => target;');
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const limit = Math.max(TEST_TIMEOUT_MS, test.timeoutMs ?? 0);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`timed out after ${limit / 1000} s`)), limit);
    });
    const run = test.run({ page, context, browser, url });
    run.catch(() => undefined); // if the timeout wins, the abandoned run must not become an unhandled rejection
    await Promise.race([run, timeout]);
    if (pageErrors.length) throw new Error(`uncaught error in the page: ${pageErrors.join(' | ')}`);
    return { ok: true, ms: performance.now() - started };
  } catch (err) {
    let screenshot: string | undefined;
    if (page && !page.isClosed()) {
      try {
        mkdirSync(RESULTS, { recursive: true });
        screenshot = screenshotPath;
        await page.screenshot({ path: screenshot, timeout: 5_000 });
      } catch {
        screenshot = undefined;
      }
    }
    const errors = pageErrors.length && !(err instanceof Error && err.message.startsWith('uncaught error')) ? `\n(uncaught errors in the page: ${pageErrors.join(' | ')})` : '';
    return { ok: false, ms: performance.now() - started, error: formatError(err) + errors, screenshot };
  } finally {
    clearTimeout(timer);
    await context?.close().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const suites = await loadSuites();
  const server = await startPreview();
  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;
  const t0 = performance.now();
  try {
    browser = await launchBrowser();
    for (const suite of suites) {
      for (const test of suite.tests) {
        if (FILTER && !test.name.includes(FILTER)) continue;
        const result = await runOne(browser, server.url, test);
        const time = `(${(result.ms / 1000).toFixed(1)} s)`;
        if (result.ok) {
          passed++;
          console.log(`✓ ${test.name} ${time}`);
        } else {
          failed++;
          console.log(`✗ ${test.name} ${time}`);
          console.log(`    ${result.error?.replace(/\n/g, '\n    ')}`);
          if (result.screenshot) console.log(`    screenshot: ${result.screenshot}`);
        }
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close().catch(() => undefined);
  }
  console.log(`(total ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
