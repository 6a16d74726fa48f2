/** What an end-to-end test module exports: `export const tests: E2ETest[]` (or a default export). */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export interface E2EContext {
  /** A page in a fresh browser context (empty localStorage), not yet navigated. */
  page: Page;
  context: BrowserContext;
  browser: Browser;
  /** The preview server's root URL, e.g. http://127.0.0.1:4173/ */
  url: string;
}

export interface E2ETest {
  name: string;
  /** Extra options for this test's browser context (e.g. colorScheme). */
  contextOptions?: BrowserContextOptions;
  /** A longer time limit for this test (ms); the runner's limit applies when it is larger. */
  timeoutMs?: number;
  run(ctx: E2EContext): Promise<void>;
}
