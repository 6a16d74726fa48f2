/**
 * Small helpers for the end-to-end tests: condition polling (playwright-core has no `expect`),
 * opening the editor, finding stages by title, and reading the diagram library the way the app
 * stores it (IndexedDB, plus the localStorage backup of unsaved edits).
 */
import type { Locator, Page } from 'playwright-core';

/** The library's IndexedDB database and object store (src/library/idbBackend.ts). */
export const LIBRARY_DB = 'funnel-editor-library';
export const LIBRARY_STORE = 'library';
/** The synchronous backup of unsaved edits: `<prefix><diagram id>` in localStorage (src/store/documentSaver.ts). */
export const BACKUP_PREFIX = 'funnel-editor:unsaved:';
export const DEFAULT_TITLE = 'Buyer journey: marketing feeds sales';

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

/** The library id in an editor URL (`…#/d/<id>`), or null. */
export function docIdFromUrl(url: string): string | null {
  return /#\/d\/([A-Za-z0-9_-]+)$/.exec(url)?.[1] ?? null;
}

/** The id of the diagram open in `page` (fails if the URL is not an editor URL). */
export function currentDocId(page: Page): string {
  return docIdFromUrl(page.url()) ?? fail(`the page is not on a diagram (#/d/<id>): ${page.url()}`);
}

/** Waits until the URL is an editor URL other than `previousId`'s, and returns the new id. */
export async function waitForOtherDocument(page: Page, previousId: string | null): Promise<string> {
  const id = await poll(async () => docIdFromUrl(page.url()), (id) => id !== null && id !== previousId, `the URL to open a diagram other than ${previousId ?? '(none)'}`);
  return id!;
}

/**
 * Opens the editor and waits until the diagram is drawn. An empty fragment resolves to a diagram
 * of the library (`#/d/<id>`), so this also waits for that.
 */
export async function openEditor(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await poll(async () => docIdFromUrl(page.url()), Boolean, 'the URL to name a diagram (#/d/<id>)');
  await waitForDiagram(page);
}

/** Waits until the editor shows a diagram that has stages and the canvas has settled. */
export async function waitForDiagram(page: Page): Promise<void> {
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

/** The editor's diagram title field. */
export function diagramTitle(page: Page): Locator {
  return page.getByRole('toolbar', { name: 'Editor toolbar' }).getByLabel('Diagram title');
}

/** The autosave line in the status bar (only while there is no warning). */
export function saveStatus(page: Page): Locator {
  return page.locator('footer.status[data-save-state]');
}

/** Waits until the status bar says every change is saved in the browser. */
export async function waitForSaved(page: Page): Promise<void> {
  await page.locator('footer.status[data-save-state="saved"]').filter({ hasText: 'All changes saved in this browser' }).waitFor();
}

/** One library entry as stored in IndexedDB, with its body decoded (null where it is not readable JSON). */
export interface StoredDiagram {
  id: string;
  title: string;
  revision: number;
  deletedAt: number | null;
  bodyTitle: string | null;
  stages: string[] | null;
}

/**
 * Every entry of the library in `page`'s origin, read straight from IndexedDB (deleted ones
 * included), sorted by id. An origin that never opened the library has none: the database is
 * not created by looking.
 */
export async function readLibrary(page: Page): Promise<StoredDiagram[]> {
  return page.evaluate(
    async ({ dbName, storeName }) => {
      const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
        const request = indexedDB.open(dbName);
        let upgrading = false;
        request.onupgradeneeded = () => {
          // The library was never opened here: abort, so the database is not created empty.
          upgrading = true;
          request.transaction!.abort();
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => (upgrading ? resolve(null) : reject(request.error));
      });
      if (!db) return [];
      try {
        const { keys, values } = await new Promise<{ keys: IDBValidKey[]; values: unknown[] }>((resolve, reject) => {
          const store = db.transaction(storeName, 'readonly').objectStore(storeName);
          const k = store.getAllKeys();
          const v = store.getAll();
          v.onsuccess = () => resolve({ keys: k.result, values: v.result });
          v.onerror = () => reject(v.error);
        });
        const byKey = new Map(keys.map((key, i) => [String(key), values[i]]));
        const entries: StoredDiagram[] = [];
        for (const [key, value] of byKey) {
          if (!key.startsWith('entry:')) continue;
          const e = value as { id: string; title: string; revision: number; deletedAt?: number; bodyKey: string };
          let bodyTitle: string | null = null;
          let stages: string[] | null = null;
          try {
            const body = JSON.parse(byKey.get(e.bodyKey) as string) as { title: string; nodes: { kind: string; title?: string }[] };
            bodyTitle = body.title;
            stages = body.nodes.filter((n) => n.kind === 'stage').map((n) => n.title ?? '');
          } catch {
            // left as null: the test decides whether that is a failure
          }
          entries.push({ id: e.id, title: e.title, revision: e.revision, deletedAt: e.deletedAt ?? null, bodyTitle, stages });
        }
        return entries.sort((a, b) => a.id.localeCompare(b.id));
      } finally {
        db.close();
      }
    },
    { dbName: LIBRARY_DB, storeName: LIBRARY_STORE },
  );
}

/** Live (not deleted) entries of the library, sorted by id. */
export async function liveDiagrams(page: Page): Promise<StoredDiagram[]> {
  return (await readLibrary(page)).filter((e) => e.deletedAt === null);
}

/** The library entry `id`, or null. */
export async function storedDiagram(page: Page, id: string): Promise<StoredDiagram | null> {
  return (await readLibrary(page)).find((e) => e.id === id) ?? null;
}

/** Waits until the library copy of the open diagram has a stage titled `title` and the status bar says saved. */
export async function waitForSavedStage(page: Page, title: string): Promise<void> {
  const id = currentDocId(page);
  await poll(() => storedDiagram(page, id), (e) => Boolean(e?.stages?.includes(title)), `the library copy of ${id} to have a stage titled ${JSON.stringify(title)}`);
  await waitForSaved(page);
}

/** The localStorage backup of unsaved edits to diagram `id`, parsed, or null. */
export async function readBackup(page: Page, id: string): Promise<{ revision: number; stages: string[] } | null> {
  return page.evaluate((key) => {
    const text = localStorage.getItem(key);
    if (text === null) return null;
    const draft = JSON.parse(text) as { revision: number; document: { nodes: { kind: string; title?: string }[] } };
    return { revision: draft.revision, stages: draft.document.nodes.filter((n) => n.kind === 'stage').map((n) => n.title ?? '') };
  }, BACKUP_PREFIX + id);
}

/** Goes to My diagrams with the toolbar's logo button and waits for the list. */
export async function openMyDiagrams(page: Page): Promise<void> {
  await page.getByRole('toolbar', { name: 'Editor toolbar' }).getByRole('button', { name: 'My diagrams' }).click();
  await waitForHome(page);
}

/** Waits until the home view has loaded its list. */
export async function waitForHome(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'My diagrams', level: 1 }).waitFor();
  await page.getByRole('region', { name: 'Saved diagrams' }).getByText('Loading…').waitFor({ state: 'detached' });
}

/** Titles listed in My diagrams, in the order shown. */
export async function listedTitles(page: Page): Promise<string[]> {
  return page.getByTestId('library-entry').locator('.library-title').allInnerTexts();
}

/** Sets a file on the editor's hidden file input, as "Open…" does. */
export async function openFile(page: Page, name: string, contents: string): Promise<void> {
  await page.getByTestId('open-file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(contents, 'utf8') });
}

/**
 * Checks that `check` stays true for `ms`: for asserting that something does NOT happen after an
 * action that would make it happen at once (there is no event to wait for).
 */
export async function staysTrue(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!(await check())) fail(what);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!(await check())) fail(what);
}
