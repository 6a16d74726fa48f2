/**
 * The editor in a real browser: what the user sees and does, found by role and label wherever the
 * app offers one. Each test gets a fresh browser context (an empty library), so it starts from the
 * default preset, saved as the first diagram of the library.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { E2ETest } from './types';
import {
  BUYER_JOURNEY_MARKETING,
  BUYER_JOURNEY_SALES,
  BUYER_JOURNEY_STAGES,
  DEFAULT_TITLE,
  assert,
  box,
  centre,
  currentDocId,
  diagramTitle,
  dragMouse,
  edgeCount,
  expectEqual,
  fail,
  inspector,
  listedTitles,
  liveDiagrams,
  oneLine,
  openEditor,
  openFile,
  openMyDiagrams,
  poll,
  readBackup,
  readLibrary,
  renameInline,
  sorted,
  stageByTitle,
  stageIdsByTitle,
  stageTitles,
  waitForDiagram,
  waitForOtherDocument,
  waitForSavedStage,
  waitForStableViewport,
} from './helpers';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const presetPath = (id: string) => join(ROOT, 'presets', `${id}.json`);
const readPreset = (id: string) => JSON.parse(readFileSync(presetPath(id), 'utf8')) as { title: string; nodes: { id: string; kind: string; title?: string }[]; edges: unknown[] };

const titleField = (page: Page) => inspector(page).getByLabel('Title', { exact: true });

async function stageCount(page: Page): Promise<number> {
  return page.locator('.react-flow__node-stage').count();
}

export const tests: E2ETest[] = [
  {
    name: 'default preset shows the 12 process stages in a marketing lane above a sales lane',
    async run({ page, url }) {
      await openEditor(page, url);
      await expectEqual(() => stageTitles(page).then(sorted), sorted(BUYER_JOURNEY_STAGES), 'the stage titles');
      for (const title of BUYER_JOURNEY_STAGES) {
        const stage = await stageByTitle(page, title);
        assert(await stage.isVisible(), `stage "${title}" is not visible`);
      }
      const marketing = page.locator('.react-flow__node-stage [data-phase="marketing"]');
      const sales = page.locator('.react-flow__node-stage [data-phase="sales"]');
      await expectEqual(() => marketing.count(), 5, 'the number of marketing stages');
      await expectEqual(() => sales.count(), 7, 'the number of sales stages');
      const marketingTitles = await marketing.evaluateAll((els) => els.map((el) => (el.querySelector('.stage-title') as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
      assert(JSON.stringify(sorted(marketingTitles)) === JSON.stringify(sorted(BUYER_JOURNEY_MARKETING)), `marketing stages are ${JSON.stringify(marketingTitles)}`);
      const salesTitles = await sales.evaluateAll((els) => els.map((el) => (el.querySelector('.stage-title') as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
      assert(JSON.stringify(sorted(salesTitles)) === JSON.stringify(sorted(BUYER_JOURNEY_SALES)), `sales stages are ${JSON.stringify(salesTitles)}`);

      const legend = page.getByRole('group', { name: 'Legend' });
      await legend.getByText('Marketing', { exact: true }).waitFor();
      await legend.getByText('Sales', { exact: true }).waitFor();

      await poll(() => edgeCount(page), (n) => n >= 13, 'at least 13 edges');

      // Lanes: every marketing stage inside the marketing band, every sales stage inside the sales band, marketing on top.
      const marketingLane = await box(page.getByTestId('lane-lane-marketing'));
      const salesLane = await box(page.getByTestId('lane-lane-sales'));
      assert(marketingLane.y + marketingLane.height <= salesLane.y + 1, `the marketing lane (${JSON.stringify(marketingLane)}) is not above the sales lane (${JSON.stringify(salesLane)})`);
      const inside = (b: { x: number; y: number; width: number; height: number }, lane: typeof b) =>
        b.x >= lane.x - 1 && b.y >= lane.y - 1 && b.x + b.width <= lane.x + lane.width + 1 && b.y + b.height <= lane.y + lane.height + 1;
      let lowestMarketing = -Infinity;
      for (const stage of await marketing.all()) {
        const b = await box(stage);
        assert(inside(b, marketingLane), `marketing stage ${await stage.getAttribute('data-testid')} is outside the marketing lane`);
        lowestMarketing = Math.max(lowestMarketing, b.y + b.height);
      }
      for (const stage of await sales.all()) {
        const b = await box(stage);
        assert(inside(b, salesLane), `sales stage ${await stage.getAttribute('data-testid')} is outside the sales lane`);
        assert(b.y > lowestMarketing, `sales stage ${await stage.getAttribute('data-testid')} is not below every marketing stage`);
      }
    },
  },

  {
    name: 'renaming a stage inline shows the new title on the canvas and in the inspector',
    async run({ page, url }) {
      await openEditor(page, url);
      const research = await stageByTitle(page, 'Research');
      await research.locator('.stage-title').dblclick();
      const editor = page.getByRole('textbox', { name: 'Stage title' });
      await editor.waitFor();
      await expectEqual(() => editor.inputValue(), 'Research', 'the inline editor to start with the old title');
      await editor.fill('Market research');
      await editor.press('Enter');
      await editor.waitFor({ state: 'detached' });
      const renamed = await stageByTitle(page, 'Market research');
      assert((await stageIdsByTitle(page, 'Research')).length === 0, 'the old title is still on the canvas');
      await renamed.click();
      await expectEqual(() => titleField(page).inputValue(), 'Market research', "the inspector's Title field");
    },
  },

  {
    name: 'a stage added from the toolbar can be connected by dragging between handles',
    async run({ page, url }) {
      await openEditor(page, url);
      const edgesBefore = await poll(() => edgeCount(page), (n) => n >= 13, 'the preset edges');
      const stagesBefore = await stageCount(page);
      await page.getByRole('button', { name: 'Add marketing stage' }).click();
      // A new stage opens with its title ready to type.
      const editor = page.getByRole('textbox', { name: 'Stage title' });
      await editor.waitFor();
      await editor.fill('Webinar');
      await editor.press('Enter');
      await editor.waitFor({ state: 'detached' });
      await expectEqual(() => stageCount(page), stagesBefore + 1, 'the stage count');
      const added = await stageByTitle(page, 'Webinar');
      const addedId = (await added.getAttribute('data-testid'))!.replace(/^stage-/, '');
      const target = await stageByTitle(page, 'Follow-up');

      const from = await centre(added.getByLabel('Connect from bottom'));
      const to = await centre(target.getByLabel('Connect from top'));
      await dragMouse(page, from, to, 20);

      await expectEqual(() => edgeCount(page), edgesBefore + 1, 'the edge count after connecting');
      await page.getByRole('group', { name: `Edge from ${addedId} to follow-up` }).waitFor({ state: 'attached' });
    },
  },

  {
    name: 'undo and redo step through a rename and a drag (one step per drag)',
    async run({ page, url }) {
      await openEditor(page, url);
      await renameInline(page, 'Research', 'Market research');
      const stage = await stageByTitle(page, 'Measurement');
      const start = await box(stage);
      const grab = { x: start.x + start.width / 2, y: start.y + start.height * 0.8 };
      await dragMouse(page, grab, { x: grab.x + 150, y: grab.y });
      const moved = await poll(() => box(stage), (b) => Math.abs(b.x - start.x - 150) <= 10 && Math.abs(b.y - start.y) <= 5, 'the stage to move 150 px right');

      const xOf = async () => Math.round((await box(stage)).x);
      const hasTitle = async (title: string) => (await stageIdsByTitle(page, title)).length === 1;

      // Focus is wherever the drag left it; shortcuts are global.
      await page.keyboard.press('Control+z');
      await poll(xOf, (x) => Math.abs(x - start.x) <= 1, 'the first undo to put the stage back');
      assert(await hasTitle('Market research'), 'the first undo also undid the rename: a drag must be one step');

      await page.keyboard.press('Control+z');
      await poll(() => hasTitle('Research'), Boolean, 'the second undo to restore the title "Research"');
      assert(Math.abs((await xOf()) - start.x) <= 1, 'the second undo moved the stage');

      await page.keyboard.press('Control+Shift+Z');
      await poll(() => hasTitle('Market research'), Boolean, 'Ctrl+Shift+Z to redo the rename');
      assert(Math.abs((await xOf()) - start.x) <= 1, 'redoing the rename also redid the drag');

      await page.keyboard.press('Control+y');
      await poll(xOf, (x) => Math.abs(x - moved.x) <= 1, 'Ctrl+Y to redo the drag');
      assert(await hasTitle('Market research'), 'the title changed on redoing the drag');

      // Nothing left to redo; the toolbar agrees.
      assert(await page.getByRole('button', { name: 'Redo' }).isDisabled(), 'Redo is still enabled with nothing left to redo');
      assert(await page.getByRole('button', { name: 'Undo' }).isEnabled(), 'Undo is disabled after edits');
    },
  },

  {
    name: 'edits survive a reload (autosave)',
    async run({ page, url }) {
      await openEditor(page, url);
      const id = currentDocId(page);
      await renameInline(page, 'Closing', 'Signing the deal');
      await waitForSavedStage(page, 'Signing the deal');
      // Saved to the library itself: no backup copy is left for a reload to recover from.
      assert((await readBackup(page, id)) === null, 'a backup of unsaved changes is left after the save completed');
      await page.reload();
      await openEditor(page, page.url());
      assert(currentDocId(page) === id, `the reload opened another diagram (${currentDocId(page)} instead of ${id})`);
      await stageByTitle(page, 'Signing the deal');
      assert((await stageIdsByTitle(page, 'Closing')).length === 0, 'the old title came back after reload');
      await expectEqual(() => stageCount(page), 12, 'the stage count after reload');
    },
  },

  {
    name: 'opening a broken file shows what is wrong and leaves the diagram and the library unchanged',
    async run({ page, url }) {
      await openEditor(page, url);
      const id = currentDocId(page);
      const libraryBefore = await readLibrary(page);
      assert(libraryBefore.length === 1, `a fresh browser should have one diagram, not ${libraryBefore.length}`);
      const before = await stageTitles(page);
      const titleBefore = await diagramTitle(page).inputValue();
      const edgesBefore = await edgeCount(page);
      const aida = readPreset('aida');
      const duplicate = { ...aida, nodes: aida.nodes.map((n) => (n.kind === 'note' ? { ...n, id: 'attention' } : n)) };
      const cases = [
        { file: 'broken.json', contents: '{ "format": "funnel-diagram", "version": 1, "nodes": [', expect: /not valid JSON/i },
        { file: 'future.json', contents: JSON.stringify({ ...aida, version: 99 }), expect: /newer version/i },
        { file: 'duplicate.json', contents: JSON.stringify(duplicate), expect: /duplicate id "attention"/i },
      ];
      for (const c of cases) {
        await openFile(page, c.file, c.contents);
        const alert = page.getByRole('alert').filter({ hasText: c.file });
        await alert.waitFor();
        const message = oneLine(await alert.innerText());
        assert(c.expect.test(message), `the message for ${c.file} does not match ${c.expect}: "${message}"`);
        assert(/nothing was changed|unchanged/i.test(message), `the message for ${c.file} does not say that nothing was changed: "${message}"`);
        await expectEqual(() => stageTitles(page), before, `the stage titles after opening ${c.file}`);
        assert(currentDocId(page) === id, `opening ${c.file} navigated away from the diagram`);
        assert((await edgeCount(page)) === edgesBefore, `the edges changed after opening ${c.file}`);
        assert((await diagramTitle(page).inputValue()) === titleBefore, `the diagram title changed after opening ${c.file}`);
        // Errors stay until dismissed.
        await alert.getByRole('button', { name: 'Dismiss message' }).click();
        await alert.waitFor({ state: 'detached' });
      }
      assert(await page.getByRole('button', { name: 'Undo' }).isDisabled(), 'a failed open recorded an undo step');
      await expectEqual(() => readLibrary(page), libraryBefore, 'the library after the failed opens');
    },
  },

  {
    name: 'opening a preset from the gallery opens a new diagram; the previous one stays in My diagrams with its edits',
    async run({ page, url }) {
      await openEditor(page, url);
      const firstId = currentDocId(page);
      // An edit made just before switching (within the autosave delay) must not be lost either.
      await renameInline(page, 'Research', 'Market research');
      const sales = readPreset('sales-process');
      const salesTitles = sales.nodes.filter((n) => n.kind === 'stage').map((n) => n.title!);
      await page.getByRole('button', { name: 'Presets' }).click();
      const gallery = page.getByRole('dialog', { name: 'Presets' });
      await gallery.waitFor();
      await gallery.getByRole('button', { name: `Open preset ${sales.title}` }).click();
      await gallery.waitFor({ state: 'detached' });
      const salesId = await waitForOtherDocument(page, firstId);
      await expectEqual(() => stageTitles(page).then(sorted), sorted(salesTitles), 'the stages of the sales preset');
      await expectEqual(() => diagramTitle(page).inputValue(), sales.title, 'the diagram title');
      await page.getByRole('status').filter({ hasText: 'Your previous diagram is still in My diagrams' }).waitFor();
      await waitForStableViewport(page);
      // A diagram of its own, with a history of its own: undo cannot reach the previous diagram.
      assert(await page.getByRole('button', { name: 'Undo' }).isDisabled(), 'Undo is enabled in the newly opened preset');

      await openMyDiagrams(page);
      await expectEqual(() => listedTitles(page).then(sorted), sorted([DEFAULT_TITLE, sales.title]), 'the diagrams listed in My diagrams');
      await page.getByRole('link', { name: `Open ${DEFAULT_TITLE}` }).click();
      await poll(async () => page.url(), (u) => u.endsWith(`#/d/${firstId}`), `the URL to open the previous diagram ${firstId}`);
      await stageByTitle(page, 'Market research');
      await waitForDiagram(page);
      assert((await stageIdsByTitle(page, 'Research')).length === 0, 'the previous diagram lost its rename');
      await expectEqual(() => stageTitles(page).then((t) => t.length), BUYER_JOURNEY_STAGES.length, 'the stage count of the previous diagram');
      const stored = await liveDiagrams(page);
      assert(stored.length === 2 && stored.some((e) => e.id === salesId), `the library holds ${JSON.stringify(stored)}`);
    },
  },

  {
    name: 'open a valid file, delete a stage with its edges, copy/paste and duplicate',
    async run({ page, url }) {
      await openEditor(page, url);
      const firstId = currentDocId(page);
      await page.getByTestId('open-file-input').setInputFiles(presetPath('aida'));
      // The file becomes a new diagram of the library; the one that was open stays there.
      const aidaId = await waitForOtherDocument(page, firstId);
      await page.getByRole('status').filter({ hasText: 'Imported "AIDA" as a new diagram' }).waitFor();
      await expectEqual(() => stageTitles(page).then(sorted), sorted(['Attention', 'Interest', 'Desire', 'Action']), 'the AIDA stages');
      await expectEqual(() => diagramTitle(page).inputValue(), 'AIDA', 'the diagram title');
      await expectEqual(() => edgeCount(page), 3, 'the AIDA edges');
      await waitForStableViewport(page);
      await expectEqual(
        async () => (await liveDiagrams(page)).map((e) => [e.id, e.title]).sort(),
        [[firstId, DEFAULT_TITLE], [aidaId, 'AIDA']].sort(),
        'the library after opening the file',
      );

      // Delete: Interest has two edges (from Attention, to Desire); both go with it.
      const interest = await stageByTitle(page, 'Interest');
      await interest.click();
      await expectEqual(() => titleField(page).inputValue(), 'Interest', 'the selected stage in the inspector');
      await page.keyboard.press('Delete');
      await expectEqual(() => stageTitles(page).then(sorted), sorted(['Attention', 'Desire', 'Action']), 'the stages after Delete');
      await expectEqual(() => edgeCount(page), 1, 'the edges after Delete');
      await page.getByRole('group', { name: 'Edge from desire to action' }).waitFor({ state: 'attached' });

      // Copy and paste.
      const attention = await stageByTitle(page, 'Attention');
      await attention.click();
      await expectEqual(() => titleField(page).inputValue(), 'Attention', 'the selected stage in the inspector');
      await page.keyboard.press('Control+c');
      await page.keyboard.press('Control+v');
      await expectEqual(async () => (await stageIdsByTitle(page, 'Attention')).length, 2, 'the number of "Attention" stages after paste');
      await expectEqual(() => stageCount(page), 4, 'the stage count after paste');

      // Duplicate (the pasted copy is selected).
      await page.keyboard.press('Control+d');
      await expectEqual(async () => (await stageIdsByTitle(page, 'Attention')).length, 3, 'the number of "Attention" stages after Ctrl+D');
      await expectEqual(() => stageCount(page), 5, 'the stage count after Ctrl+D');
      const ids = await stageIdsByTitle(page, 'Attention');
      assert(new Set(ids).size === 3, `copies share an id: ${JSON.stringify(ids)}`);
    },
  },

  {
    name: 'dropping a .json file on the window opens it as a new diagram; a broken one changes nothing',
    async run({ page, url }) {
      await openEditor(page, url);
      const firstId = currentDocId(page);
      const drop = async (name: string, contents: string) => {
        const dataTransfer = await page.evaluateHandle(
          ({ name, contents }) => {
            const dt = new DataTransfer();
            dt.items.add(new File([contents], name, { type: 'application/json' }));
            return dt;
          },
          { name, contents },
        );
        await page.dispatchEvent('.react-flow__pane', 'dragover', { dataTransfer });
        const overlay = page.getByText('Drop a .json diagram to open it as a new diagram');
        await overlay.waitFor();
        await page.dispatchEvent('.react-flow__pane', 'drop', { dataTransfer });
        await overlay.waitFor({ state: 'detached' });
      };

      await drop('broken.json', '{ "format": "funnel-diagram", ');
      const alert = page.getByRole('alert').filter({ hasText: 'broken.json' });
      await alert.waitFor();
      assert(/not valid JSON.*nothing was changed/i.test(oneLine(await alert.innerText())), `the message for a broken dropped file: "${oneLine(await alert.innerText())}"`);
      assert(currentDocId(page) === firstId, 'dropping a broken file opened another diagram');
      await expectEqual(() => stageTitles(page).then(sorted), sorted(BUYER_JOURNEY_STAGES), 'the stages after dropping a broken file');
      assert((await liveDiagrams(page)).length === 1, 'dropping a broken file added a diagram');

      await drop('aida.json', readFileSync(presetPath('aida'), 'utf8'));
      const aidaId = await waitForOtherDocument(page, firstId);
      await expectEqual(() => stageTitles(page).then(sorted), sorted(['Attention', 'Interest', 'Desire', 'Action']), 'the stages of the dropped file');
      await expectEqual(() => diagramTitle(page).inputValue(), 'AIDA', 'the diagram title of the dropped file');
      await expectEqual(
        async () => (await liveDiagrams(page)).map((e) => [e.id, e.title]).sort(),
        [[firstId, DEFAULT_TITLE], [aidaId, 'AIDA']].sort(),
        'the library after dropping a file',
      );
    },
  },

  {
    name: 'stage titles are plain text, never HTML',
    async run({ page, url }) {
      await openEditor(page, url);
      const payload = '<img src=x onerror="window.__xss=1">';
      await renameInline(page, 'Research', payload);
      const stage = await stageByTitle(page, payload);
      assert((await stage.locator('img').count()) === 0, 'the title was parsed as HTML');
      await stage.click();
      await expectEqual(() => titleField(page).inputValue(), payload, "the inspector's Title field");
      // By the time the diagram is saved (≥ 400 ms later) a broken image would have fired onerror.
      await waitForSavedStage(page, payload);
      const noScript = async (where: string) => {
        assert((await page.locator('img[src="x"]').count()) === 0, `${where}: an <img src="x"> element exists in the page`);
        const xss = await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
        assert(xss === undefined, `${where}: window.__xss is ${String(xss)}: the title ran as HTML`);
      };
      await noScript('in the editor');
      // My diagrams draws a thumbnail of the saved diagram, titles included.
      await openMyDiagrams(page);
      await page.getByTestId('library-entry').locator('img').first().waitFor();
      await page.getByTestId('library-entry').locator('img').first().evaluate((img) => (img as HTMLImageElement).decode().catch(() => undefined));
      await noScript('in My diagrams');
    },
  },

  {
    name: 'dark mode follows the system and the theme toggle switches to light',
    contextOptions: { colorScheme: 'dark' },
    async run({ page, url }) {
      await openEditor(page, url);
      const app = page.locator('[data-theme]').first();
      await expectEqual(() => app.getAttribute('data-theme'), 'dark', 'the theme with a dark system preference');
      await page.getByRole('button', { name: 'Switch to light theme' }).click();
      await expectEqual(() => app.getAttribute('data-theme'), 'light', 'the theme after toggling');
      await page.getByRole('button', { name: 'Switch to dark theme' }).waitFor();
      // The choice is remembered over the system preference.
      await page.reload();
      await openEditor(page, page.url());
      await expectEqual(() => page.locator('[data-theme]').first().getAttribute('data-theme'), 'light', 'the theme after reload');
    },
  },

  {
    name: 'every control in the toolbar and inspector has an accessible name',
    async run({ page, url }) {
      await openEditor(page, url);
      const problems: string[] = [];
      const scan = async (state: string) => {
        const unnamed = await page
          .locator('button, select, input, textarea')
          .filter({ visible: true })
          .evaluateAll((els) => {
            const text = (node: Node): string => {
              if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
              if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true') return '';
              if (node instanceof HTMLImageElement) return node.alt;
              return [...node.childNodes].map(text).join('');
            };
            const nameOf = (el: Element): string => {
              const labelledBy = el.getAttribute('aria-labelledby');
              if (labelledBy) {
                const t = labelledBy.split(/\s+/).map((id) => { const ref = document.getElementById(id); return ref ? text(ref) : ''; }).join(' ').trim();
                if (t) return t;
              }
              const aria = el.getAttribute('aria-label')?.trim();
              if (aria) return aria;
              const labels = (el as HTMLInputElement).labels;
              if (labels && labels.length) {
                const t = [...labels].map(text).join(' ').trim();
                if (t) return t;
              }
              if (el instanceof HTMLButtonElement) return text(el).trim();
              if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type)) return el.value.trim();
              return '';
            };
            return els.filter((el) => !nameOf(el)).map((el) => el.outerHTML.slice(0, 160));
          });
        for (const html of unnamed) problems.push(`${state}: ${html}`);
      };
      const controls = () => page.locator('button, select, input, textarea').filter({ visible: true }).count();

      await scan('nothing selected');
      assert((await controls()) > 15, 'too few controls found: is the toolbar there?');

      const stage = await stageByTitle(page, 'Research');
      await stage.click();
      await titleField(page).waitFor();
      await scan('stage selected');

      // Selected from the keyboard: on a short edge, its rate pill covers the middle of the line.
      const edge = page.getByRole('group', { name: 'Edge from research to segmentation' });
      await edge.focus();
      await page.keyboard.press('Enter');
      await inspector(page).getByLabel('Edge kind').waitFor();
      await scan('edge selected');

      await page.getByRole('button', { name: 'Add note' }).click();
      await inspector(page).getByLabel('Note text').waitFor();
      await page.keyboard.press('Escape');
      await scan('note selected');

      if (problems.length) fail(`controls without an accessible name:\n${problems.join('\n')}`);
    },
  },
];
