/**
 * Shared browser set-up for the end-to-end tests and the screenshot script: Debian's Chromium
 * driven by playwright-core (no browser download), against the built app served by `vite preview`.
 * Playwright gives every launch a fresh, empty profile directory of its own.
 */
import { chromium, type Browser } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function startPreview(port = 0): Promise<{ url: string; close(): Promise<void> }> {
  // E2E_DIST lets parallel runs serve their own build (`vite build --outDir <dir>`).
  const outDir = process.env.E2E_DIST;
  const server: PreviewServer = await preview({ preview: { port, strictPort: false, host: '127.0.0.1', open: false }, logLevel: 'warn', ...(outDir ? { build: { outDir } } : {}) });
  const address = server.httpServer.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { url: `http://127.0.0.1:${actualPort}/`, close: () => server.close() };
}
