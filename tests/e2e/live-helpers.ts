/**
 * Helpers for the live-session end-to-end tests (on top of the shared helpers.ts): the collaboration
 * server as a child process (so a test can SIGKILL it and start it again on the same port and data
 * folder), free ports, extra browser contexts for more participants, joining a room, the live bar,
 * stage titles by stage id, a per-client TCP relay that a test can cut, and clean-up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { fail, poll, waitForDiagram } from './helpers';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Spawning the server compiles TypeScript on the fly (tsx); on a busy 2-core machine that takes a while. */
const SERVER_START_TIMEOUT_MS = 25_000;
/** Waits that cross the network or a reconnect (y-websocket backs off up to 2.5 s in the app). */
export const SYNC_TIMEOUT_MS = 15_000;

export type LiveStatus = 'connecting' | 'syncing' | 'live' | 'disconnected';

// ---------------------------------------------------------------------------------------------
// Clean-up

/** Things to undo at the end of a test, run last-in first-out; every step runs even if one fails. */
export class Cleanup {
  private readonly steps: (() => unknown)[] = [];

  add(step: () => unknown): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch {
        // best effort: the remaining steps still run
      }
    }
  }
}

/** A fresh temporary folder (removed by `cleanup`). */
export function tempDir(cleanup: Cleanup, prefix = 'funnel-live-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanup.add(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A TCP port that was free a moment ago (bound on port 0, read, closed). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The collaboration server as a child process

/**
 * Every server process still running. A test that times out is abandoned by the runner, which may
 * exit before that test's clean-up runs: no server may outlive the runner.
 */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface ServerProcess {
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything it printed so far (for failure messages). */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/**
 * Starts `src/collab/server/main.ts` as a child process on `port` with `dataDir`, and waits for its
 * "listening" line. The process is SIGKILLed by `cleanup` if still running. Retries a few times
 * when the port is briefly not free again (just after a kill).
 */
export async function startServerProcess(cleanup: Cleanup, port: number, dataDir: string): Promise<ServerProcess> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await spawnServer(cleanup, port, dataDir);
    } catch (error) {
      lastError = error;
      if (!/EADDRINUSE|LOCK|lock/.test(String((error as Error).message))) break;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw lastError;
}

function spawnServer(cleanup: Cleanup, port: number, dataDir: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/collab/server/main.ts', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, COLLAB_PORT: undefined, COLLAB_HOST: undefined, COLLAB_DATA: undefined },
  });
  let output = '';
  running.add(child);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  }).then(() => void running.delete(child));
  cleanup.add(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  const server: ServerProcess = { port, dataDir, child, output: () => output, exited };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the collaboration server did not start within ${SERVER_START_TIMEOUT_MS / 1000} s; output:\n${output}`));
    }, SERVER_START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/collaboration server listening on ws:\/\//.test(output)) {
        clearTimeout(timer);
        resolve(server);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the collaboration server exited (${signal ?? code}) before it was ready; output:\n${output}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** SIGKILLs the server (no shutdown handler runs, nothing is flushed) and waits until it is gone. */
export async function killServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await server.exited;
}

export const collabParam = (port: number) => `?collab=${encodeURIComponent(`ws://127.0.0.1:${port}`)}`;

/** The app's URL with `?collab=` pointing at the server on `port`. */
export function appUrl(previewUrl: string, port: number): string {
  return previewUrl.replace(/\/?$/, '/') + collabParam(port);
}

// ---------------------------------------------------------------------------------------------
// A TCP relay in front of the server for one client: cutting it is a real network drop for that client only

export interface Relay {
  port: number;
  /** Whether it forwards: when false, it destroys every open connection and refuses new ones. */
  setOnline(online: boolean): Promise<void>;
}

export async function startRelay(cleanup: Cleanup, targetPort: () => number): Promise<Relay> {
  const sockets = new Set<Socket>();
  let online = true;
  let server: Server | null = null;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        if (!online) return client.destroy();
        const upstream = connect(targetPort(), '127.0.0.1');
        sockets.add(client);
        sockets.add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        const address = s.address();
        port = typeof address === 'object' && address ? address.port : port;
        server = s;
        resolve();
      });
    });
  const close = async () => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await open();
  cleanup.add(close);
  return {
    get port() {
      return port;
    },
    async setOnline(next: boolean) {
      online = next;
      // Offline: no listener at all, so reconnect attempts are refused at once, like a dead network.
      if (!next) await close();
      else if (!server) await open();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Participants

export interface Participant {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page so far. */
  errors: string[];
}

/** Listens for uncaught page errors (the runner does this for its own page only). */
export function watchErrors(page: Page, errors: string[] = []): string[] {
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Another browser context, set up like the runner's (viewport, timeouts, the __name shim); closed by `cleanup`. */
export async function newParticipant(browser: Browser, cleanup: Cleanup): Promise<Participant> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  cleanup.add(() => context.close());
  context.setDefaultTimeout(10_000);
  await context.addInitScript('globalThis.__name ??= (target) => target;');
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

export function assertNoPageErrors(...participants: { name: string; errors: string[] }[]): void {
  const found = participants.filter((p) => p.errors.length).map((p) => `${p.name}: ${p.errors.join(' | ')}`);
  if (found.length) fail(`uncaught error in a page: ${found.join('; ')}`);
}

/** The live bar. */
export function liveBar(page: Page): Locator {
  return page.getByRole('status', { name: 'Live session' });
}

export async function liveStatus(page: Page): Promise<string | null> {
  const status = page.getByTestId('live-status');
  if ((await status.count()) === 0) return null;
  return status.getAttribute('data-status', { timeout: 1_000 });
}

export async function waitForStatus(page: Page, wanted: LiveStatus | LiveStatus[], what: string, timeout = SYNC_TIMEOUT_MS): Promise<void> {
  const set = new Set(Array.isArray(wanted) ? wanted : [wanted]);
  await poll(() => liveStatus(page), (s) => s !== null && set.has(s as LiveStatus), `${what}: live status ${[...set].join(' or ')}`, timeout);
}

/** Names in the live bar's participant list (the others, not oneself). */
export async function participantNames(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Participants' }).getByRole('listitem').allInnerTexts();
}

/** Answers the "Your name" form if it shows, then waits for the room's editor to be live. */
async function answerNameAndWait(page: Page, name: string): Promise<void> {
  const nameField = page.getByLabel('Your name');
  const live = page.getByTestId('live-status');
  await poll(
    async () => (await nameField.isVisible()) || (await live.isVisible()),
    Boolean,
    'the "Your name" form or the live editor',
    SYNC_TIMEOUT_MS,
  );
  if (await nameField.isVisible()) {
    await nameField.fill(name);
    await page.getByRole('button', { name: 'Join' }).click();
  }
  await waitForStatus(page, 'live', `${name} joining the room`);
  await waitForDiagram(page);
}

/** Opens the app (the default preset) with `?collab=` pointing at port `port`. */
export async function openApp(page: Page, previewUrl: string, port: number): Promise<void> {
  await page.goto(appUrl(previewUrl, port));
  await waitForDiagram(page);
}

/**
 * The starter: clicks "Go live" in the open editor, answers the name form and waits until the room is
 * live. Returns the room id and its invite link (the same URL others open).
 */
export async function goLive(page: Page, name: string): Promise<{ room: string; link: string }> {
  await page.getByRole('toolbar', { name: 'Editor toolbar' }).getByRole('button', { name: 'Go live' }).click();
  const room = await poll(async () => /#\/live\/([A-Za-z0-9_-]+)$/.exec(page.url())?.[1] ?? null, Boolean, 'the URL to open a live room (#/live/<room>)', SYNC_TIMEOUT_MS);
  await answerNameAndWait(page, name);
  return { room: room!, link: page.url() };
}

/** A participant opens a room link (optionally against another server URL, e.g. a relay) and joins with `name`. */
export async function joinRoom(page: Page, link: string, name: string, viaPort?: number): Promise<void> {
  await page.goto(viaPort === undefined ? link : withCollabPort(link, viaPort));
  await answerNameAndWait(page, name);
}

/** The same room link, pointing at another collaboration server port. */
export function withCollabPort(link: string, port: number): string {
  const url = new URL(link);
  url.searchParams.set('collab', `ws://127.0.0.1:${port}`);
  return url.toString();
}

/** Waits until `page` lists each of `names` as a participant. */
export async function waitForParticipants(page: Page, names: string[], what: string): Promise<void> {
  await poll(() => participantNames(page), (list) => names.every((n) => list.includes(n)), `${what}: participants ${names.join(', ')}`, SYNC_TIMEOUT_MS);
}

// ---------------------------------------------------------------------------------------------
// Stages by id

export function stageNode(page: Page, stageId: string): Locator {
  return page.getByTestId(`stage-${stageId}`);
}

/** The title of stage `stageId` as drawn, on one line (null if the stage is not on the canvas). */
export async function stageTitle(page: Page, stageId: string): Promise<string | null> {
  const titles = await page
    .locator(`[data-testid="stage-${stageId}"] .stage-title`)
    .evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
  return titles[0] ?? null;
}

export async function waitForTitle(page: Page, stageId: string, title: string, what: string, timeout = SYNC_TIMEOUT_MS): Promise<void> {
  await poll(() => stageTitle(page, stageId), (t) => t === title, `${what}: stage ${stageId} titled ${JSON.stringify(title)}`, timeout);
}

/** The inline title editor. */
export function titleEditor(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Stage title' });
}

/** Double-clicks stage `stageId` and waits for the inline title editor. */
export async function openTitleEditor(page: Page, stageId: string): Promise<Locator> {
  await stageNode(page, stageId).locator('.stage-title').dblclick();
  const editor = titleEditor(page);
  await editor.waitFor();
  return editor;
}

/** Renames stage `stageId` inline (double-click, type, Enter) and waits until this page shows it. */
export async function renameStage(page: Page, stageId: string, to: string): Promise<void> {
  const editor = await openTitleEditor(page, stageId);
  await editor.fill(to);
  await editor.press('Enter');
  await editor.waitFor({ state: 'detached' });
  await waitForTitle(page, stageId, to, 'after renaming inline', 10_000);
}

/**
 * Arms a watch in `page` for stage `stageId` showing `title` (a MutationObserver, so the time is not
 * rounded to a polling interval), and returns a function that waits for it and gives Date.now() at
 * that moment. Arm it before the edit is made.
 */
export async function watchForTitle(page: Page, stageId: string, title: string, timeout = SYNC_TIMEOUT_MS): Promise<() => Promise<number>> {
  const key = `${stageId}\u0000${title}\u0000${Math.random()}`;
  await page.evaluate(
    ({ key, stageId, title, timeout }) => {
      const w = window as unknown as { __titleWatches?: Record<string, Promise<number>> };
      const read = () => {
        const el = document.querySelector(`[data-testid="stage-${stageId}"] .stage-title`) as HTMLElement | null;
        return el ? el.innerText.replace(/\s+/g, ' ').trim() : null;
      };
      const watch = new Promise<number>((resolve, reject) => {
        const done = (ok: boolean) => {
          observer.disconnect();
          clearTimeout(timer);
          if (ok) resolve(Date.now());
          else reject(new Error(`stage ${stageId} did not show ${JSON.stringify(title)} within ${timeout} ms (shows ${JSON.stringify(read())})`));
        };
        const observer = new MutationObserver(() => read() === title && done(true));
        const timer = setTimeout(() => done(false), timeout);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        if (read() === title) done(true);
      });
      watch.catch(() => undefined);
      (w.__titleWatches ??= {})[key] = watch;
    },
    { key, stageId, title, timeout },
  );
  return () => page.evaluate((key) => (window as unknown as { __titleWatches: Record<string, Promise<number>> }).__titleWatches[key]!, key);
}

/** Installs (once) a listener that records Date.now() of the last Enter keydown in the page. */
export async function recordEnterTimes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __lastEnter?: number; __enterHooked?: boolean };
    if (w.__enterHooked) return;
    w.__enterHooked = true;
    window.addEventListener('keydown', (e) => e.key === 'Enter' && (w.__lastEnter = Date.now()), true);
  });
}

export async function lastEnterTime(page: Page): Promise<number> {
  const t = await page.evaluate(() => (window as unknown as { __lastEnter?: number }).__lastEnter);
  return t ?? fail('no Enter key press was recorded');
}

/** Point in diagram (flow) coordinates under the screen point `p` of `page`. */
export async function toFlow(page: Page, p: { x: number; y: number }): Promise<{ x: number; y: number }> {
  return page.locator('.react-flow__viewport').evaluate((el, p) => {
    const m = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)\s*scale\((-?[\d.]+)\)/.exec((el as HTMLElement).style.transform);
    const pane = (el.closest('.react-flow') as HTMLElement).getBoundingClientRect();
    if (!m) throw new Error(`unexpected viewport transform ${(el as HTMLElement).style.transform}`);
    const [tx, ty, zoom] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return { x: (p.x - pane.left - tx) / zoom, y: (p.y - pane.top - ty) / zoom };
  }, p);
}

/** Peer cursors drawn in `page`: each one's name and its position in diagram coordinates. */
export async function peerCursors(page: Page): Promise<{ name: string; x: number; y: number }[]> {
  return page.getByTestId('peer-cursor').evaluateAll((els) =>
    els.map((el) => {
      const m = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec((el as HTMLElement).style.transform);
      return { name: (el.textContent ?? '').trim(), x: m ? Number(m[1]) : NaN, y: m ? Number(m[2]) : NaN };
    }),
  );
}

/** Summary of timing samples in ms. */
export function describeSamples(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return `min ${s[0]} ms, median ${median} ms, max ${s[s.length - 1]} ms (n=${s.length}: ${samples.join(', ')})`;
}

// ---------------------------------------------------------------------------------------------
// A room with two participants

export interface Room {
  /** The current server process (replaced by `restart`). */
  server: ServerProcess;
  port: number;
  dataDir: string;
  room: string;
  /** The invite link (A's URL after going live; its `?collab=` names the server). */
  link: string;
  a: { page: Page; context: BrowserContext };
  b: Participant;
  /** B's relay, when B joined through one. */
  relayB: Relay | null;
  /** Starts the server again on the same port and data folder. */
  restart(): Promise<ServerProcess>;
}

/**
 * A fresh server (free port, temporary data folder); A (the runner's page) opens the app and goes
 * live as `Alice`; B, a second browser context, opens the invite link and joins as `Bob` (directly,
 * or through a relay it can be cut off by); both see each other in the participant list.
 */
export async function openRoom(
  ctx: { page: Page; context: BrowserContext; browser: Browser; url: string },
  cleanup: Cleanup,
  options: { relayB?: boolean } = {},
): Promise<Room> {
  const port = await freePort();
  const dataDir = tempDir(cleanup);
  // The server compiles on start: load A's page and B's context meanwhile.
  const [server, , b] = await Promise.all([startServerProcess(cleanup, port, dataDir), openApp(ctx.page, ctx.url, port), newParticipant(ctx.browser, cleanup)]);
  const { room, link } = await goLive(ctx.page, 'Alice');
  const relayB = options.relayB ? await startRelay(cleanup, () => port) : null;
  await joinRoom(b.page, link, 'Bob', relayB?.port);
  await waitForParticipants(ctx.page, ['Bob'], 'A');
  await waitForParticipants(b.page, ['Alice'], 'B');
  const result: Room = {
    server,
    port,
    dataDir,
    room,
    link,
    a: { page: ctx.page, context: ctx.context },
    b,
    relayB,
    restart: async () => (result.server = await startServerProcess(cleanup, port, dataDir)),
  };
  return result;
}
