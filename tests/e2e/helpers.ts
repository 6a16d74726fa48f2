/**
 * Small helpers for the end-to-end tests: condition polling (playwright-core has no `expect`),
 * opening the editor, and finding stages by title.
 */
import type { Locator, Page } from 'playwright-core';

export const DRAFT_KEY = 'funnel-editor:draft';

export const BUYER_JOURNEY_MARKETING = ['Research', 'Segmentation', 'Strategy', 'Implementation', 'Measurement'];
export const BUYER_JOURNEY_SALES = ['Prospecting', 'Preparation', 'Approach', 'Presentation', 'Handling objections', 'Closing', 'Follow-up'];
export const BUYER_JOURNEY_STAGES = [...BUYER_JOURNEY_MARKETING, ...BUYER_JOURNEY_SALES];

export function fail(message: string): never {
  throw new Error(message);
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message);
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * Calls `read` until `accept` holds for its result, and returns that result. Fails after
 * `timeout` ms with `what` and the last value seen (or the last error thrown by `read`).
 */
export async function poll<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: { value: T } | { error: unknown } | undefined;
  let delay = 25;
  for (;;) {
    try {
      const value = await read();
      last = { value };
      if (accept(value)) return value;
    } catch (error) {
      last = { error };
    }
    if (Date.now() > deadline) {
      const seen = !last ? 'nothing' : 'value' in last ? show(last.value) : `error: ${(last.error as Error)?.message ?? String(last.error)}`;
      fail(`timed out after ${timeout} ms waiting for ${what}; last seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 200);
  }
}

/** Polls until `read()` deep-equals (by JSON) `expected`. */
export async function expectEqual<T>(read: () => Promise<T>, expected: T, what: string, timeout?: number): Promise<T> {
  const want = show(expected);
  return poll(read, (v) => show(v) === want, `${what} to be ${want}`, timeout);
}

export const sorted = (xs: readonly string[]) => [...xs].sort((a, b) => a.localeCompare(b));

/** Normalises whitespace: a title drawn on several lines reads as one line. */
export const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Waits until the canvas has stopped moving (the fit-view animation after opening a document). */
export async function waitForStableViewport(page: Page): Promise<void> {
  let previous = '';
  let sameFor = 0;
  await poll(
    async () => {
      const transform = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
      sameFor = transform === previous ? sameFor + 1 : 0;
      previous = transform;
      return sameFor;
    },
    (n) => n >= 3,
    'the canvas viewport to stop moving',
  );
}

/** Opens the editor and waits until the diagram is drawn. */
export async function openEditor(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('toolbar', { name: 'Editor toolbar' }).waitFor();
  await page.locator('.react-flow__node-stage').first().waitFor({ state: 'visible' });
  await waitForStableViewport(page);
}

/** Titles of the stages on the canvas, in document order, each on one line. */
export async function stageTitles(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node-stage [data-testid^="stage-"]').evaluateAll((els) =>
    els.map((el) => ((el.querySelector('.stage-title') as HTMLElement | null)?.innerText ?? '').replace(/\s+/g, ' ').trim()),
  );
}

/**
 * Test ids of stages (`stage-<id>`) titled `title`. A title is drawn as measured lines, and a long
 * word may be broken mid-word, so lines match when joined by spaces or when all whitespace is ignored.
 */
export async function stageIdsByTitle(page: Page, title: string): Promise<string[]> {
  return page.locator('.react-flow__node-stage [data-testid^="stage-"]').evaluateAll(
    (els, wanted) =>
      els
        .filter((el) => {
          const lines = [...el.querySelectorAll('.stage-title > *')].map((line) => (line.textContent ?? '').trim());
          const want = wanted.replace(/\s+/g, ' ').trim();
          return lines.join(' ') === want || lines.join('').replace(/\s+/g, '') === want.replace(/\s+/g, '');
        })
        .map((el) => el.getAttribute('data-testid')!),
    title,
  );
}

/** The one stage node titled `title` (waits for it to exist). */
export async function stageByTitle(page: Page, title: string): Promise<Locator> {
  const ids = await poll(() => stageIdsByTitle(page, title), (ids) => ids.length === 1, `exactly one stage titled "${title}"`);
  return page.getByTestId(ids[0]!);
}

export async function edgeCount(page: Page): Promise<number> {
  return page.locator('.react-flow__edge').count();
}

export async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (!b) fail('element has no bounding box (not visible)');
  return b;
}

export async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const b = await box(locator);
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Drags with the real mouse, in small steps, as React Flow expects. */
export async function dragMouse(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 12): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + (to.x - from.x) * 0.1, from.y + (to.y - from.y) * 0.1, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/** Renames a stage the way a user does: double-click, type, Enter. */
export async function renameInline(page: Page, from: string, to: string): Promise<void> {
  const stage = await stageByTitle(page, from);
  await stage.locator('.stage-title').dblclick();
  const editor = page.getByRole('textbox', { name: 'Stage title' });
  await editor.waitFor();
  await editor.fill(to);
  await editor.press('Enter');
  await editor.waitFor({ state: 'detached' });
  await stageByTitle(page, to);
}

/** The inspector panel. */
export function inspector(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Inspector' });
}

/** Waits until the autosaved draft in localStorage has a stage titled `title`. */
export async function waitForDraftWithStage(page: Page, title: string): Promise<void> {
  await poll(
    () =>
      page.evaluate((key) => {
        const text = localStorage.getItem(key);
        if (text === null) return null;
        const doc = JSON.parse(text) as { nodes: { kind: string; title?: string }[] };
        return doc.nodes.filter((n) => n.kind === 'stage').map((n) => n.title ?? '');
      }, DRAFT_KEY),
    (titles) => titles !== null && titles.includes(title),
    `the autosaved draft (${DRAFT_KEY}) to have a stage titled ${JSON.stringify(title)}`,
  );
}
