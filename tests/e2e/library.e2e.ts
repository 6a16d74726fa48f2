/**
 * The diagram library in a real browser: My diagrams (create, rename, delete with undo), autosave
 * that survives closing the tab and a full disk, two tabs on one diagram, read-only share links
 * (fresh browser, corrupted links, embed mode), and a corpus of bad files that must change nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FunnelDocument } from '../../src/model/schema';
import { encodeShareLink } from '../../src/library/shareLink';
import type { E2ETest } from './types';
import {
  BUYER_JOURNEY_STAGES,
  DEFAULT_TITLE,
  assert,
  currentDocId,
  diagramTitle,
  docIdFromUrl,
  edgeCount,
  expectEqual,
  fail,
  inspector,
  listedTitles,
  liveDiagrams,
  oneLine,
  openEditor,
  openMyDiagrams,
  poll,
  readBackup,
  readLibrary,
  renameInline,
  saveStatus,
  sorted,
  stageByTitle,
  stageIdsByTitle,
  stageTitles,
  staysTrue,
  storedDiagram,
  waitForDiagram,
  waitForHome,
  waitForOtherDocument,
  waitForSaved,
  waitForSavedStage,
  waitForStableViewport,
} from './helpers';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readPreset = (id: string) => JSON.parse(readFileSync(join(ROOT, 'presets', `${id}.json`), 'utf8')) as FunnelDocument;
const stagesOf = (doc: FunnelDocument) => doc.nodes.flatMap((n) => (n.kind === 'stage' ? [n.title] : []));
const AIDA_STAGES = ['Attention', 'Interest', 'Desire', 'Action'];

/** A share link made the way the app makes it (the same encoder, over a preset). */
function shareLinkFor(doc: FunnelDocument, baseUrl: string): string {
  const encoded = encodeShareLink(doc, baseUrl);
  if (!encoded.ok) fail(`could not encode a share link for "${doc.title}"`);
  return encoded.url;
}

/** Collects uncaught errors of a page the runner does not watch (a second tab, another context). */
function watchErrors(page: Page, label: string): () => void {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return () => assert(errors.length === 0, `uncaught error in ${label}: ${errors.join(' | ')}`);
}

/** A second browser, as someone else's: its own storage. Mirrors the runner's set-up. */
async function freshContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  context.setDefaultTimeout(10_000);
  await context.addInitScript('globalThis.__name ??= (target) => target;');
  return context;
}

/** Renames a stage inline and returns as soon as the edit is committed (no waiting afterwards). */
async function quickRename(page: Page, from: string, to: string): Promise<void> {
  const stage = await stageByTitle(page, from);
  await stage.locator('.stage-title').dblclick();
  const editor = page.getByRole('textbox', { name: 'Stage title' });
  await editor.fill(to);
  await editor.press('Enter');
}

async function hasStage(page: Page, title: string): Promise<boolean> {
  return (await stageIdsByTitle(page, title)).length === 1;
}

export const tests: E2ETest[] = [
  {
    name: 'library: create a blank and a preset diagram from My diagrams, rename one, reload; delete one and undo',
    async run({ page, url }) {
      await page.goto(`${url}#/library`);
      await waitForHome(page);
      // Going straight to My diagrams on a first visit creates nothing.
      await page.getByText('No diagrams yet').waitFor();
      assert((await liveDiagrams(page)).length === 0, 'opening My diagrams created a diagram');

      await page.getByRole('button', { name: 'New blank diagram' }).click();
      const blankId = await waitForOtherDocument(page, null);
      await expectEqual(() => stageTitles(page).then(sorted), sorted(['Awareness', 'Closing']), 'the stages of a new blank diagram');
      await expectEqual(() => diagramTitle(page).inputValue(), 'Untitled funnel', 'the title of a new blank diagram');
      await waitForDiagram(page);
      await openMyDiagrams(page);
      await expectEqual(() => listedTitles(page), ['Untitled funnel'], 'My diagrams after creating a blank diagram');

      await page.getByRole('button', { name: 'New diagram from preset AIDA' }).click();
      const aidaId = await waitForOtherDocument(page, blankId);
      await expectEqual(() => stageTitles(page).then(sorted), sorted(AIDA_STAGES), 'the stages of the new AIDA diagram');
      await waitForDiagram(page);
      await openMyDiagrams(page);
      await expectEqual(() => listedTitles(page).then(sorted), ['AIDA', 'Untitled funnel'], 'My diagrams after creating a preset diagram');

      // Rename from the home view.
      await page.getByRole('button', { name: 'Rename Untitled funnel' }).click();
      const field = page.getByRole('textbox', { name: 'New title' });
      await expectEqual(() => field.inputValue(), 'Untitled funnel', 'the rename field to start with the old title');
      await field.fill('Q3 pipeline');
      await field.press('Enter');
      await expectEqual(() => listedTitles(page).then(sorted), ['AIDA', 'Q3 pipeline'], 'My diagrams after the rename');

      await page.reload();
      await waitForHome(page);
      await expectEqual(() => listedTitles(page).then(sorted), ['AIDA', 'Q3 pipeline'], 'My diagrams after reload');
      // The entry and the document inside it both carry the new title.
      const renamed = (await liveDiagrams(page)).find((e) => e.id === blankId);
      assert(renamed?.title === 'Q3 pipeline' && renamed.bodyTitle === 'Q3 pipeline', `the stored renamed diagram is ${JSON.stringify(renamed)}`);

      // Delete, then Undo.
      await page.getByRole('button', { name: 'Delete AIDA' }).click();
      await expectEqual(() => listedTitles(page), ['Q3 pipeline'], 'My diagrams after deleting AIDA');
      const deletedNotice = page.getByRole('status').filter({ hasText: 'Deleted "AIDA".' });
      await deletedNotice.getByRole('button', { name: 'Undo' }).click();
      await deletedNotice.waitFor({ state: 'detached' });
      await expectEqual(() => listedTitles(page).then(sorted), ['AIDA', 'Q3 pipeline'], 'My diagrams after undoing the delete');
      await page.reload();
      await waitForHome(page);
      await expectEqual(() => listedTitles(page).then(sorted), ['AIDA', 'Q3 pipeline'], 'My diagrams after undoing the delete and reloading');
      const aida = (await liveDiagrams(page)).find((e) => e.id === aidaId);
      assert(JSON.stringify(aida?.stages) === JSON.stringify(AIDA_STAGES), `the restored AIDA diagram is stored as ${JSON.stringify(aida)}`);

      // The renamed diagram opens with its new title.
      await page.getByRole('link', { name: 'Open Q3 pipeline' }).click();
      await poll(async () => docIdFromUrl(page.url()), (id) => id === blankId, `the URL to open ${blankId}`);
      await expectEqual(() => diagramTitle(page).inputValue(), 'Q3 pipeline', 'the title of the renamed diagram in the editor');
      await expectEqual(() => stageTitles(page).then(sorted), sorted(['Awareness', 'Closing']), 'the stages of the renamed diagram');
    },
  },

  {
    name: 'library: an edit made just before the tab closes is there when the diagram is opened again',
    async run({ page, context, url }) {
      await openEditor(page, url);
      const id = currentDocId(page);
      const docUrl = page.url();
      await quickRename(page, 'Closing', 'Signing the deal');
      // The edit is registered and waiting for the autosave delay (400 ms)…
      await saveStatus(page).and(page.locator('[data-save-state="pending"]')).waitFor();
      // …and, deliberately without waiting for it, the tab closes. Only the page-hide handling
      // (the synchronous localStorage backup, and the write it starts) can keep the edit.
      await page.close();

      const again = await context.newPage();
      const noErrors = watchErrors(again, 'the reopened tab');
      await again.goto(docUrl);
      await waitForDiagram(again);
      await stageByTitle(again, 'Signing the deal');
      assert(!(await hasStage(again, 'Closing')), 'the old title is back after reopening');
      await expectEqual(() => stageTitles(again).then((t) => t.length), BUYER_JOURNEY_STAGES.length, 'the stage count after reopening');
      // The library itself now has it, as one diagram (not a recovered duplicate), and the backup is gone.
      await poll(() => storedDiagram(again, id), (e) => Boolean(e?.stages?.includes('Signing the deal')), 'the library copy to have the edit');
      await expectEqual(async () => (await liveDiagrams(again)).map((e) => e.id), [id], 'the diagrams in the library');
      await expectEqual(() => readBackup(again, id), null, 'the backup of unsaved changes to be cleared');
      noErrors();
    },
  },

  {
    name: 'library: when storage is full, a warning offers a download and the last saved copy stays intact',
    async run({ page, url }) {
      await openEditor(page, url);
      const id = currentDocId(page);
      await renameInline(page, 'Research', 'Saved research');
      await waitForSavedStage(page, 'Saved research');
      const good = (await storedDiagram(page, id)) ?? fail(`diagram ${id} is not in the library`);
      assert(good.stages?.includes('Closing'), `the saved copy is ${JSON.stringify(good)}`);

      // Every IndexedDB write now fails as on a full disk (the stub lives until the page unloads).
      await page.evaluate(() => {
        IDBObjectStore.prototype.put = function put() {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      });
      await renameInline(page, 'Closing', 'Unsaved closing');
      const warning = page.getByRole('alert').filter({ hasText: 'Your latest changes are not saved' });
      await warning.waitFor();
      const message = oneLine(await warning.innerText());
      assert(/storage is full/i.test(message), `the warning does not say storage is full: "${message}"`);
      assert(/last saved copy is intact/i.test(message), `the warning does not say the last saved copy is intact: "${message}"`);
      assert((await stageIdsByTitle(page, 'Unsaved closing')).length === 1, 'the unsaved edit disappeared from the canvas');

      // "Download a copy" hands over the current diagram, unsaved edit included.
      const [download] = await Promise.all([page.waitForEvent('download'), warning.getByRole('button', { name: 'Download a copy' }).click()]);
      const downloaded = JSON.parse(readFileSync(await download.path(), 'utf8')) as FunnelDocument;
      const downloadedStages = stagesOf(downloaded);
      assert(downloadedStages.includes('Unsaved closing') && downloadedStages.includes('Saved research'), `the downloaded copy has stages ${JSON.stringify(downloadedStages)}`);

      // The library still holds the last good copy, readable and untouched; the backup holds the edit.
      await expectEqual(() => storedDiagram(page, id), good, 'the library copy after the failed save');
      const backup = await readBackup(page, id);
      assert(backup?.revision === good.revision && backup.stages.includes('Unsaved closing'), `the backup of unsaved changes is ${JSON.stringify(backup)}`);

      // Reloading drops the stub (storage works again). The backup is based on the saved
      // revision, so the app recovers it into the library: the failed edit is not lost.
      await page.reload();
      await waitForDiagram(page);
      assert(currentDocId(page) === id, 'the reload opened another diagram');
      await stageByTitle(page, 'Unsaved closing');
      await stageByTitle(page, 'Saved research');
      await page.getByRole('status').filter({ hasText: 'Recovered the changes you made just before the page closed' }).waitFor();
      const recovered = await poll(() => storedDiagram(page, id), (e) => Boolean(e?.stages?.includes('Unsaved closing')), 'the library copy to have the recovered edit');
      assert(recovered!.revision === good.revision + 1, `the recovered copy is revision ${recovered!.revision}, expected ${good.revision + 1}`);
      await expectEqual(() => readBackup(page, id), null, 'the backup to be cleared after recovery');
      const all = await readLibrary(page);
      assert(all.length === 1 && all.every((e) => e.stages !== null), `the library is ${JSON.stringify(all)}`);
    },
  },

  {
    name: 'library: two tabs on one diagram follow each other, and simultaneous edits never overwrite each other',
    async run({ page, context, url }) {
      await openEditor(page, url);
      const id = currentDocId(page);
      const tabA = page;
      const tabB = await context.newPage();
      const noErrorsB = watchErrors(tabB, 'tab B');
      await openEditor(tabB, tabA.url());
      assert(currentDocId(tabB) === id, 'tab B opened another diagram');

      // A edits; B, with nothing unsaved, follows.
      await renameInline(tabA, 'Research', 'Research by A');
      await waitForSavedStage(tabA, 'Research by A');
      await stageByTitle(tabB, 'Research by A');
      await tabB.getByRole('status').filter({ hasText: 'Updated with the changes made in another tab' }).waitFor();
      assert((await tabB.getByRole('alert').count()) === 0, 'tab B shows a warning after following tab A');
      const base = (await storedDiagram(tabA, id))!;
      // Following is not editing: neither tab saves the adopted copy back (which would make the other follow again, for ever).
      await staysTrue(async () => (await storedDiagram(tabA, id))?.revision === base.revision, 1200, `idle tabs keep saving the diagram back and forth (revision ${base.revision} changed)`);

      // Both edit before either has saved: open both title editors, then commit them back to back.
      const edits = new Map([[tabA, 'Closing by A'], [tabB, 'Prospecting by B']]);
      await (await stageByTitle(tabA, 'Closing')).locator('.stage-title').dblclick();
      await (await stageByTitle(tabB, 'Prospecting')).locator('.stage-title').dblclick();
      await tabA.getByRole('textbox', { name: 'Stage title' }).fill(edits.get(tabA)!);
      await tabB.getByRole('textbox', { name: 'Stage title' }).fill(edits.get(tabB)!);
      await Promise.all([tabA.keyboard.press('Enter'), tabB.keyboard.press('Enter')]);

      // One of them reaches the library first; the other must not overwrite it.
      const saved = await poll(
        () => storedDiagram(tabA, id),
        (e) => e !== null && e.revision > base.revision,
        'one of the two edits to be saved',
      );
      const conflict = (p: Page) => p.getByRole('alert').filter({ hasText: 'changed in another tab' });
      const [aWarned, bWarned] = await poll(
        () => Promise.all([conflict(tabA).count(), conflict(tabB).count()]),
        ([a, b]) => a + b > 0,
        'a conflict warning in one of the tabs',
      );
      assert(aWarned + bWarned === 1, `both tabs show a conflict warning (A: ${aWarned}, B: ${bWarned})`);
      const winner = aWarned ? tabB : tabA;
      const loser = aWarned ? tabA : tabB;
      const winnerEdit = edits.get(winner)!;
      const loserEdit = edits.get(loser)!;
      assert(saved!.stages!.includes(winnerEdit) && !saved!.stages!.includes(loserEdit), `the library holds ${JSON.stringify(saved!.stages)}`);
      const message = oneLine(await conflict(loser).innerText());
      assert(/neither copy is overwritten/i.test(message), `the conflict warning does not say autosave is paused: "${message}"`);
      // Nothing was silently replaced: each tab still shows its own edit only.
      await waitForSaved(winner);
      assert((await hasStage(winner, winnerEdit)) && !(await hasStage(winner, loserEdit)), 'the winning tab does not show exactly its own edit');
      assert((await hasStage(loser, loserEdit)) && !(await hasStage(loser, winnerEdit)), 'the warned tab lost its edit or took the other one silently');
      // And the library stays at the winner's copy: the warned tab does not save over it.
      await staysTrue(async () => JSON.stringify(await storedDiagram(tabA, id)) === JSON.stringify(saved), 600, 'the library changed after the conflict warning');

      // "Load the other version": the warned tab shows the saved copy, and its own edit is kept as a separate diagram.
      await Promise.all([loser.waitForEvent('load'), conflict(loser).getByRole('button', { name: 'Load the other version' }).click()]);
      await waitForDiagram(loser);
      await stageByTitle(loser, winnerEdit);
      assert(!(await hasStage(loser, loserEdit)), 'the reloaded tab still shows its own edit instead of the saved copy');
      const recoveredTitle = `${DEFAULT_TITLE} (recovered copy)`;
      const kept = await poll(
        () => liveDiagrams(tabA),
        (entries) => entries.some((e) => e.title === recoveredTitle),
        `a diagram titled "${recoveredTitle}"`,
      );
      const copy = kept.find((e) => e.title === recoveredTitle)!;
      assert(copy.stages!.includes(loserEdit) && !copy.stages!.includes(winnerEdit), `the recovered copy has stages ${JSON.stringify(copy.stages)}`);
      assert(kept.find((e) => e.id === id)!.stages!.includes(winnerEdit), 'the original diagram lost the saved edit');
      noErrorsB();
    },
  },

  {
    name: 'share: the link opens read-only in another browser, and "Make a copy" saves an editable copy there only',
    async run({ page, context, browser, url }) {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
      await openEditor(page, url);
      await renameInline(page, 'Research', 'Shared research');
      await waitForSavedStage(page, 'Shared research');
      const sharedStages = sorted(await stageTitles(page));
      const libraryBefore = await readLibrary(page);

      await page.getByRole('toolbar', { name: 'Editor toolbar' }).getByRole('button', { name: 'Share' }).click();
      await page.getByRole('status').filter({ hasText: 'Read-only link copied' }).waitFor();
      const link = await page.evaluate(() => navigator.clipboard.readText());
      assert(link.startsWith(`${url}#share=v1.`), `the copied link is "${link.slice(0, 80)}…"`);

      const other = await freshContext(browser);
      try {
        const viewer = await other.newPage();
        const noErrors = watchErrors(viewer, 'the other browser');
        await viewer.goto(link);
        const bar = viewer.getByRole('toolbar', { name: 'Shared diagram toolbar' });
        await bar.getByText('Read-only shared copy').waitFor();
        await expectEqual(() => stageTitles(viewer).then(sorted), sharedStages, 'the stages of the shared diagram');
        await waitForStableViewport(viewer);
        assert((await viewer.getByRole('toolbar', { name: 'Editor toolbar' }).count()) === 0, 'the editing toolbar is shown for a shared link');
        assert((await inspector(viewer).count()) === 0, 'the inspector is shown for a shared link');
        assert((await viewer.locator('footer.status').count()) === 0, 'the autosave status is shown for a shared link');

        // Double-click (on a stage or an edge's label) does not edit, Delete does not delete.
        const stage = await stageByTitle(viewer, 'Shared research');
        await stage.locator('.stage-title').dblclick();
        // A text label (rate-only pills let clicks through to their line).
        await viewer.locator('[data-testid^="edge-label-"]').filter({ hasText: /[a-z]/i }).first().dblclick();
        assert((await viewer.getByRole('textbox').count()) === 0, 'double-clicking an edge label in a shared view opened an editor');
        await stage.click();
        await viewer.keyboard.press('Delete');
        await staysTrue(
          async () => (await viewer.getByRole('textbox').count()) === 0 && (await stageTitles(viewer)).length === sharedStages.length,
          500,
          'a read-only shared diagram could be edited (an inline editor opened or a stage was deleted)',
        );
        // Viewing saves nothing.
        assert((await liveDiagrams(viewer)).length === 0, 'viewing a shared link added a diagram to the library');

        await bar.getByRole('button', { name: 'Make a copy' }).click();
        const copyId = await waitForOtherDocument(viewer, null);
        await viewer.getByRole('status').filter({ hasText: `Saved "${DEFAULT_TITLE}" to your diagrams` }).waitFor();
        await inspector(viewer).waitFor();
        await expectEqual(() => stageTitles(viewer).then(sorted), sharedStages, 'the stages of the copy');
        await waitForStableViewport(viewer);
        const copies = await liveDiagrams(viewer);
        assert(copies.length === 1 && copies[0]!.id === copyId && copies[0]!.title === DEFAULT_TITLE, `the other browser's library is ${JSON.stringify(copies)}`);
        assert(JSON.stringify(sorted(copies[0]!.stages ?? [])) === JSON.stringify(sharedStages), `the saved copy has stages ${JSON.stringify(copies[0]!.stages)}`);

        // The copy is editable, and a reload opens the copy, not the link.
        await renameInline(viewer, 'Shared research', 'My own research');
        await waitForSavedStage(viewer, 'My own research');
        await viewer.reload();
        await waitForDiagram(viewer);
        assert(currentDocId(viewer) === copyId, `the reload opened ${viewer.url()}`);
        await stageByTitle(viewer, 'My own research');
        noErrors();
      } finally {
        await other.close();
      }
      // The sharer's library is exactly as it was.
      await expectEqual(() => readLibrary(page), libraryBefore, "the sharing browser's library");
      await stageByTitle(page, 'Shared research');
    },
  },

  {
    name: 'share: a corrupted, truncated or wrong-version link shows an error and no diagram',
    async run({ page, url }) {
      const good = shareLinkFor(readPreset('aida'), url);
      const payload = good.slice(good.indexOf('#share=v1.') + '#share=v1.'.length);
      const links: { what: string; kind: string; fragment: string }[] = [
        { what: 'garbage payload', kind: 'malformed', fragment: '#share=v1.garbage' },
        { what: 'a truncated real link', kind: 'malformed', fragment: `#share=v1.${payload.slice(0, Math.floor(payload.length * 0.6))}` },
        { what: 'a wrong version prefix', kind: 'unsupportedVersion', fragment: `#share=v9.${payload}` },
      ];
      // The shared corpus of bad links (unit-tested in tests/unit/badLinks.test.ts), except those that are not share links at all.
      const corpus = join(ROOT, 'tests', 'fixtures', 'bad-links');
      for (const file of readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort()) {
        const kind = /^.+\.([A-Za-z]+)\.txt$/.exec(file)?.[1] ?? fail(`${file}: expected <name>.<kind>.txt`);
        if (kind === 'noShare') continue;
        const text = readFileSync(join(corpus, file), 'utf8').trim();
        links.push({ what: file, kind, fragment: text.slice(text.indexOf('#')) });
      }
      assert(links.length > 10, `only ${links.length} bad links found`);
      const wording: Record<string, RegExp> = {
        malformed: /damaged|incomplete|empty/i,
        unsupportedVersion: /format v\d+.*cannot read/i,
        tooLarge: /too long|expands to more than/i,
        invalidDocument: /shared diagram cannot be opened\. \S/i,
      };

      // The good link opens, so the bad ones fail for their damage alone.
      await page.goto(`${url}#share=v1.${payload}`);
      await expectEqual(() => stageTitles(page).then(sorted), sorted(AIDA_STAGES), 'the stages of the intact link');

      for (const link of links) {
        await page.goto('about:blank');
        await page.goto(`${url}${link.fragment}`);
        const alert = page.getByRole('alert').filter({ hasText: 'This link cannot be opened' });
        await alert.waitFor();
        const message = oneLine(await alert.innerText());
        const expected = wording[link.kind] ?? fail(`no expected wording for kind ${link.kind}`);
        assert(expected.test(message), `${link.what}: the message does not match ${expected}: "${message}"`);
        assert((await page.locator('.react-flow__node').count()) === 0, `${link.what}: a diagram is shown`);
        assert((await page.getByRole('toolbar').count()) === 0, `${link.what}: a toolbar is shown`);
        await alert.getByRole('link', { name: 'Go to my diagrams' }).waitFor();
      }
      assert((await liveDiagrams(page)).length === 0, 'opening bad links added diagrams to the library');
    },
  },

  {
    name: 'share: ?embed shows the shared diagram on a bare canvas, without the toolbar',
    async run({ page, url }) {
      const link = shareLinkFor(readPreset('aida'), url);
      await page.goto(link.replace('#', '?embed#'));
      await expectEqual(() => stageTitles(page).then(sorted), sorted(AIDA_STAGES), 'the stages of the embedded diagram');
      await waitForStableViewport(page);
      await expectEqual(() => edgeCount(page), 3, 'the edges of the embedded diagram');
      assert((await page.getByRole('toolbar').count()) === 0, 'a toolbar is shown in embed mode');
      assert((await page.getByRole('button', { name: 'Make a copy' }).count()) === 0, '"Make a copy" is shown in embed mode');
      assert((await inspector(page).count()) === 0, 'the inspector is shown in embed mode');
      assert((await page.locator('footer').count()) === 0, 'a status bar is shown in embed mode');
      const canvas = await page.locator('.react-flow').boundingBox();
      assert(canvas && canvas.width >= 1400 && canvas.height >= 850, `the canvas does not fill the frame: ${JSON.stringify(canvas)}`);
      await (await stageByTitle(page, 'Interest')).locator('.stage-title').dblclick();
      await page.locator('[data-testid^="edge-label-"]').filter({ hasText: /[a-z]/i }).first().dblclick();
      await staysTrue(async () => (await page.getByRole('textbox').count()) === 0, 400, 'double-clicking a stage in embed mode opened an editor');
    },
  },

  {
    name: 'bad files: every document in tests/fixtures/bad-documents is refused with an alert, changing neither the diagram nor the library',
    async run({ page, url }) {
      const dir = join(ROOT, 'tests', 'fixtures', 'bad-documents');
      const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.problems.json')).sort();
      assert(files.length >= 20, `only ${files.length} bad documents found in ${dir}`);
      const wording: Record<string, RegExp> = {
        notFunnelDocument: /not a funnel diagram|not valid JSON/i,
        versionTooNew: /newer version/i,
        migrationFailed: /could not upgrade/i,
        invalid: /document is invalid/i,
        brokenGraph: /graph is broken/i,
      };

      await openEditor(page, url);
      const id = currentDocId(page);
      const libraryBefore = await readLibrary(page);
      const stagesBefore = await stageTitles(page);
      const edgesBefore = await edgeCount(page);
      const titleBefore = await diagramTitle(page).inputValue();
      const problems: string[] = [];

      for (const file of files) {
        const kind = /^[\w-]+\.(\w+)\.json$/.exec(file)?.[1] ?? fail(`${file}: expected <name>.<kind>.json`);
        const expected = wording[kind] ?? fail(`${file}: unknown error kind "${kind}"`);
        const problemsFile = join(dir, file.replace(/\.json$/, '.problems.json'));
        const paths = existsSync(problemsFile) ? (JSON.parse(readFileSync(problemsFile, 'utf8')) as { path: string }[]).map((p) => p.path).filter(Boolean) : [];

        await page.getByTestId('open-file-input').setInputFiles(join(dir, file));
        const alert = page.getByRole('alert').filter({ hasText: `"${file}"` });
        await alert.waitFor();
        const message = oneLine(await alert.innerText());
        if (!expected.test(message)) problems.push(`${file}: the message does not match ${expected}: "${message}"`);
        if (!/nothing was changed/i.test(message)) problems.push(`${file}: the message does not say nothing was changed: "${message}"`);
        for (const path of paths) if (!message.includes(path)) problems.push(`${file}: the message does not name ${path}: "${message}"`);
        if (docIdFromUrl(page.url()) !== id) problems.push(`${file}: the editor moved to ${page.url()}`);
        await alert.getByRole('button', { name: 'Dismiss message' }).click();
        await alert.waitFor({ state: 'detached' });
      }

      assert(currentDocId(page) === id, `the editor moved to ${page.url()}`);
      await expectEqual(() => stageTitles(page), stagesBefore, 'the stage titles after all the bad files');
      assert((await edgeCount(page)) === edgesBefore, 'the edges changed');
      assert((await diagramTitle(page).inputValue()) === titleBefore, 'the diagram title changed');
      assert(await page.getByRole('button', { name: 'Undo' }).isDisabled(), 'a refused file recorded an undo step');
      await expectEqual(() => readLibrary(page), libraryBefore, 'the library after all the bad files');
      if (problems.length) fail(`${problems.length} of ${files.length} bad documents were not handled as expected:\n${problems.join('\n')}`);
    },
  },
];
