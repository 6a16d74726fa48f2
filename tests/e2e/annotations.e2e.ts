/**
 * Annotations in a real browser (issue 3): sticky notes (add, type, resize, wrap), comments on
 * stages (badge, popover that travels with its stage), edge labels, moving a stage between
 * lanes, one undo step per change, and all of it surviving a reload. Also the context menus,
 * focus dimming and step numbers.
 */
import type { Locator, Page } from 'playwright-core';
import type { E2ETest } from './types';
import { BUYER_JOURNEY_STAGES, assert, box, dragMouse, expectEqual, fail, inspector, oneLine, openEditor, poll, stageByTitle, stageIdsByTitle, waitForStableViewport } from './helpers';
import {
  type Box,
  centreOf,
  closeContextMenu,
  contextMenuAt,
  emptyPanePoint,
  flowNode,
  flowPosition,
  leaveTextFields,
  nodeIds,
  pointOnEdge,
  waitForSaved,
  zoomToSpan,
  doubleClickAt,
} from './ann-helpers';

const MARKETING_RGB = 'rgb(37, 99, 235)';
const SALES_RGB = 'rgb(234, 88, 12)';
const NOTE_TEXT = 'Call every webinar lead within two days and log the outcome, so marketing learns which campaigns work';
const COMMENT = 'Check the budget with finance first';
const EDGE_LABEL = 'Qualified audience';
const EDGE = 'e-research-segmentation';

const near = (a: number, b: number, tolerance = 2) => Math.abs(a - b) <= tolerance;
const show = (b: Box) => `(${Math.round(b.x)}, ${Math.round(b.y)}, ${Math.round(b.width)}×${Math.round(b.height)})`;

/** What the test reads back from a note: its size in diagram units and on screen, and how its text fits. */
async function noteState(page: Page, id: string) {
  return page.getByTestId(`note-${id}`).evaluate((el) => {
    const text = el.querySelector('.note-text') as HTMLElement | null;
    const r = el.getBoundingClientRect();
    const t = text?.getBoundingClientRect();
    return {
      width: parseFloat((el as HTMLElement).style.width),
      height: parseFloat((el as HTMLElement).style.height),
      screen: { x: r.x, y: r.y, width: r.width, height: r.height },
      lines: text ? [...text.children].map((c) => c.textContent ?? '') : [],
      placeholder: Boolean(text?.querySelector('.placeholder')),
      scrollWidth: text?.scrollWidth ?? 0,
      clientWidth: text?.clientWidth ?? 0,
      textBottom: t ? t.bottom : 0,
      noteBottom: r.bottom,
    };
  });
}

/** The text fits the note: no line wider than the text box, nothing below the note's edge. */
function assertFits(state: Awaited<ReturnType<typeof noteState>>, when: string) {
  assert(state.scrollWidth <= state.clientWidth, `${when}: the note text overflows sideways (scrollWidth ${state.scrollWidth} > clientWidth ${state.clientWidth})`);
  assert(state.textBottom <= state.noteBottom + 1, `${when}: the note text runs below the note (${state.textBottom} > ${state.noteBottom})`);
}

async function accentColour(stage: Locator): Promise<string> {
  return stage.locator('.stage-accent').evaluate((el) => getComputedStyle(el).backgroundColor);
}

/** Grab point for dragging a stage: inside it, away from its title (double-click edits) and its side handles. */
function grabPoint(b: Box) {
  return { x: b.x + b.width * 0.3, y: b.y + b.height * 0.55 };
}

/** Zooms in on the left part of the diagram (Research … Strategy and the given extra box). */
async function zoomOnLeft(page: Page, extra?: Box) {
  const research = await box(await stageByTitle(page, 'Research'));
  const strategy = await box(await stageByTitle(page, 'Strategy'));
  const right = Math.max(strategy.x + strategy.width * 2, extra ? extra.x + extra.width + 10 : 0);
  await zoomToSpan(page, research.x, right, research.y + research.height / 2);
}

export const tests: E2ETest[] = [
  {
    name: 'annotations: a note (key N) takes text, resizes with its handle, wraps inside; undo/redo step by step; back after reload',
    async run({ page, url }) {
      await openEditor(page, url);
      const canvas = page.locator('.react-flow');
      const undoButton = page.getByRole('button', { name: 'Undo' });
      const redoButton = page.getByRole('button', { name: 'Redo' });
      assert(await undoButton.isDisabled(), 'Undo is enabled before any edit');

      // 1. Add a note with the N key and type in it.
      const notesBefore = await nodeIds(page, 'note');
      await page.keyboard.press('n');
      const noteEditor = canvas.getByRole('textbox', { name: 'Note text' });
      await noteEditor.waitFor();
      const noteId = (await poll(() => nodeIds(page, 'note'), (ids) => ids.length === notesBefore.length + 1, 'a new note on the canvas')).find((id) => !notesBefore.includes(id))!;
      const note = page.getByTestId(`note-${noteId}`);
      await page.keyboard.type(NOTE_TEXT);
      await page.keyboard.press('Enter');
      await noteEditor.waitFor({ state: 'detached' });
      const typed = await poll(() => noteState(page, noteId), (s) => oneLine(s.lines.join(' ')) === NOTE_TEXT, 'the note to show the typed text');
      assert(typed.lines.length >= 3, `the note text is not wrapped onto several lines: ${JSON.stringify(typed.lines)}`);
      assertFits(typed, 'after typing');

      // Zoom in so that the note is large enough to handle.
      await zoomOnLeft(page, typed.screen);
      const beforeResize = await noteState(page, noteId);

      // 2. Resize the note with its corner handle (it is still selected).
      const handle = flowNode(page, noteId).locator('.react-flow__resize-control.handle.bottom.right');
      await handle.waitFor();
      const grip = centreOf(await box(handle));
      const pane = await box(canvas);
      const dx = Math.min(140, pane.x + pane.width - grip.x - 30);
      const dy = Math.min(60, pane.y + pane.height - grip.y - 30);
      assert(dx > 40 && dy > 20, `no room to resize the note (handle at ${JSON.stringify(grip)})`);
      await dragMouse(page, grip, { x: grip.x + dx, y: grip.y + dy });
      const resized = await poll(
        () => noteState(page, noteId),
        (s) => s.screen.width > beforeResize.screen.width + dx * 0.7 && s.screen.height > beforeResize.screen.height + dy * 0.7,
        `the note to grow by about ${dx}×${dy} px from ${show(beforeResize.screen)}`,
      );
      assert(resized.width > beforeResize.width && resized.height > beforeResize.height, `the note's size in the diagram did not grow: ${beforeResize.width}×${beforeResize.height} → ${resized.width}×${resized.height}`);
      assert(oneLine(resized.lines.join(' ')) === NOTE_TEXT, `the resized note lost text: ${JSON.stringify(resized.lines)}`);
      assert(resized.lines.length < beforeResize.lines.length, `the wider note did not re-wrap its text into fewer lines (${beforeResize.lines.length} → ${resized.lines.length})`);
      assertFits(resized, 'after resizing');

      // Undo, one change per Ctrl+Z, newest first.
      await leaveTextFields(page);
      await page.keyboard.press('Control+z');
      const unresized = await poll(() => noteState(page, noteId), (s) => s.width === beforeResize.width && s.height === beforeResize.height, `undo 1: the note back to ${beforeResize.width}×${beforeResize.height}`);
      assert(oneLine(unresized.lines.join(' ')) === NOTE_TEXT, 'undo 1 also removed the note text');
      assertFits(unresized, 'after undoing the resize');
      await page.keyboard.press('Control+z');
      await poll(() => noteState(page, noteId), (s) => s.placeholder, 'undo 2: the note to be empty again');
      await page.keyboard.press('Control+z');
      await note.waitFor({ state: 'detached' });
      await expectEqual(() => nodeIds(page, 'note'), notesBefore, 'undo 3: the note gone');
      await poll(() => undoButton.isDisabled(), Boolean, 'Undo to be disabled after three undos (adding, typing and resizing are one step each)');

      // Redo all three.
      await page.keyboard.press('Control+Shift+Z');
      await note.waitFor();
      await page.keyboard.press('Control+y');
      await poll(() => noteState(page, noteId), (s) => oneLine(s.lines.join(' ')) === NOTE_TEXT && s.width === beforeResize.width, 'redo 2: the typed text at the first size');
      await page.keyboard.press('Control+y');
      await poll(() => redoButton.isDisabled(), Boolean, 'Redo to be disabled after redoing all three steps');
      const checkFinal = async (when: string) => {
        const n = await poll(() => noteState(page, noteId), (s) => s.width === resized.width && s.height === resized.height, `${when}: the note at ${resized.width}×${resized.height}`);
        assert(oneLine(n.lines.join(' ')) === NOTE_TEXT, `${when}: the note text is ${JSON.stringify(n.lines)}`);
        assertFits(n, when);
      };
      await checkFinal('after redo');

      // Reload: the note comes back from the library.
      await waitForSaved(page);
      await page.reload();
      await openEditor(page, page.url());
      await checkFinal('after reload');
    },
  },

  {
    name: 'annotations: comment badge and popover move with their stage, edge label, lane move; undo/redo step by step; back after reload',
    async run({ page, url }) {
      await openEditor(page, url);
      const canvas = page.locator('.react-flow');
      const undoButton = page.getByRole('button', { name: 'Undo' });
      const redoButton = page.getByRole('button', { name: 'Redo' });
      await zoomOnLeft(page);

      // 1. A comment on Strategy from its context menu.
      const strategy = await stageByTitle(page, 'Strategy');
      const strategyItems = await contextMenuAt(page, centreOf(await box(strategy)));
      assert(strategyItems.includes('Add comment'), `the stage menu has no "Add comment": ${JSON.stringify(strategyItems)}`);
      await page.getByRole('menuitem', { name: 'Add comment' }).click();
      const popover = page.getByRole('dialog', { name: 'Comments on Strategy' });
      await popover.waitFor();
      const newComment = popover.getByRole('textbox', { name: 'New comment' });
      await newComment.fill(COMMENT);
      await newComment.press('Enter');
      const badge = strategy.getByRole('button', { name: '1 comment on Strategy' });
      await badge.waitFor();
      await expectEqual(() => badge.innerText(), '1', 'the comment badge count');
      await expectEqual(() => popover.getByRole('textbox', { name: 'Comment 1' }).inputValue(), COMMENT, 'the comment in the popover');

      // 2. Drag Strategy: its badge and open popover travel with it.
      const stageBefore = await box(strategy);
      const badgeBefore = await box(badge);
      const popoverBefore = await box(popover);
      const strategyPosBefore = await flowPosition(page, 'strategy');
      const from = grabPoint(stageBefore);
      await dragMouse(page, from, { x: from.x + 20, y: from.y - 70 });
      const stageAfter = await poll(() => box(strategy), (b) => b.y < stageBefore.y - 40, 'Strategy to move up');
      const shift = { x: stageAfter.x - stageBefore.x, y: stageAfter.y - stageBefore.y };
      const badgeAfter = await box(badge);
      const popoverAfter = await box(popover);
      assert(near(badgeAfter.x - badgeBefore.x, shift.x) && near(badgeAfter.y - badgeBefore.y, shift.y), `the badge moved (${badgeAfter.x - badgeBefore.x}, ${badgeAfter.y - badgeBefore.y}), the stage (${shift.x}, ${shift.y})`);
      assert(near(popoverAfter.x - popoverBefore.x, shift.x) && near(popoverAfter.y - popoverBefore.y, shift.y), `the popover moved (${popoverAfter.x - popoverBefore.x}, ${popoverAfter.y - popoverBefore.y}), the stage (${shift.x}, ${shift.y})`);
      const strategyPosMoved = await flowPosition(page, 'strategy');

      // 3. Label the Research → Segmentation edge by double-clicking its line.
      await doubleClickAt(page, await pointOnEdge(page, EDGE, 0.25));
      const labelEditor = canvas.getByRole('textbox', { name: 'Edge label' });
      await labelEditor.waitFor();
      await labelEditor.fill(EDGE_LABEL);
      await labelEditor.press('Enter');
      await labelEditor.waitFor({ state: 'detached' });
      const edgeLabel = page.getByTestId(`edge-label-${EDGE}`);
      await poll(() => edgeLabel.innerText().then(oneLine), (t) => t.includes(EDGE_LABEL), 'the edge label on the canvas');
      assert(await edgeLabel.isVisible(), 'the edge label is not visible');

      // 4. Drag Segmentation (marketing) down into the Sales lane.
      const segmentation = page.getByTestId('stage-segmentation');
      assert((await segmentation.getAttribute('data-phase')) === 'marketing', 'Segmentation does not start as a marketing stage');
      const accentBefore = await accentColour(segmentation);
      assert(accentBefore === MARKETING_RGB, `the marketing accent colour is ${accentBefore}`);
      const segPosBefore = await flowPosition(page, 'segmentation');
      const salesLane = await box(page.getByTestId('lane-lane-sales'));
      const segBox = await box(segmentation);
      const grab = grabPoint(segBox);
      // Drop the stage's centre at the middle of the sales band.
      const targetY = salesLane.y + salesLane.height / 2 + (grab.y - (segBox.y + segBox.height / 2));
      await dragMouse(page, grab, { x: grab.x, y: targetY }, 16);
      await expectEqual(() => segmentation.getAttribute('data-phase'), 'sales', "Segmentation's phase after dropping it in the Sales lane");
      await expectEqual(() => accentColour(segmentation), SALES_RGB, "Segmentation's accent colour in the Sales lane");
      await expectEqual(() => segmentation.locator('.stage-phase').innerText().then((t) => t.toLowerCase()), 'sales', "Segmentation's phase label");
      const segPosMoved = await flowPosition(page, 'segmentation');

      // Undo, one change per Ctrl+Z, newest first.
      await leaveTextFields(page);
      const undo = () => page.keyboard.press('Control+z');

      await undo();
      await expectEqual(() => segmentation.getAttribute('data-phase'), 'marketing', 'undo 1: Segmentation back in marketing');
      await expectEqual(() => accentColour(segmentation), MARKETING_RGB, 'undo 1: the marketing accent colour');
      await expectEqual(() => flowPosition(page, 'segmentation'), segPosBefore, 'undo 1: Segmentation back in place');
      assert((await edgeLabel.innerText().catch(() => '')).includes(EDGE_LABEL), 'undo 1 also removed the edge label');

      await undo();
      await poll(async () => ((await edgeLabel.count()) ? oneLine(await edgeLabel.innerText()) : ''), (t) => !t.includes(EDGE_LABEL), 'undo 2: the edge label to go');
      assert(JSON.stringify(await flowPosition(page, 'strategy')) === JSON.stringify(strategyPosMoved), 'undo 2 also moved Strategy');

      await undo();
      await expectEqual(() => flowPosition(page, 'strategy'), strategyPosBefore, 'undo 3: Strategy back in place');
      await poll(() => box(badge), (b) => near(b.x, badgeBefore.x) && near(b.y, badgeBefore.y), 'undo 3: the badge back with Strategy');

      await undo();
      await badge.waitFor({ state: 'detached' });
      assert((await strategy.locator('.stage-callouts').count()) === 0, 'undo 4: Strategy still shows a comment badge');
      await poll(() => undoButton.isDisabled(), Boolean, 'Undo to be disabled after four undos (one step per change)');

      // Redo everything.
      for (let i = 0; i < 4; i++) await page.keyboard.press(i % 2 ? 'Control+y' : 'Control+Shift+Z');
      await poll(() => redoButton.isDisabled(), Boolean, 'Redo to be disabled after redoing all four steps');
      const checkFinal = async (when: string) => {
        await expectEqual(() => segmentation.getAttribute('data-phase'), 'sales', `${when}: Segmentation in sales`);
        await expectEqual(() => accentColour(segmentation), SALES_RGB, `${when}: Segmentation's accent colour`);
        await expectEqual(() => flowPosition(page, 'segmentation'), segPosMoved, `${when}: Segmentation's position`);
        await poll(() => edgeLabel.innerText().then(oneLine), (t) => t.includes(EDGE_LABEL), `${when}: the edge label`);
        await expectEqual(() => flowPosition(page, 'strategy'), strategyPosMoved, `${when}: Strategy's position`);
        await expectEqual(() => badge.innerText(), '1', `${when}: the comment badge`);
      };
      await checkFinal('after redo');

      // Reload: everything comes back from the library.
      await waitForSaved(page);
      await page.reload();
      await openEditor(page, page.url());
      await checkFinal('after reload');
      await badge.click();
      await expectEqual(() => popover.getByRole('textbox', { name: 'Comment 1' }).inputValue(), COMMENT, 'the comment after reload');
    },
  },

  {
    name: 'annotations: context menus list the actions for pane, edge, stage, note and lane; focus dims the rest',
    async run({ page, url }) {
      await openEditor(page, url);
      await zoomOnLeft(page);

      const paneItems = await contextMenuAt(page, await emptyPanePoint(page));
      for (const item of ['Add marketing stage here', 'Add sales stage here', 'Add note here', 'Add text here', 'Add lane', 'Auto layout', 'Select all']) {
        assert(paneItems.includes(item), `the pane menu lacks "${item}": ${JSON.stringify(paneItems)}`);
      }
      assert(!paneItems.includes('Delete'), `the pane menu offers Delete: ${JSON.stringify(paneItems)}`);
      await closeContextMenu(page);

      const edgeItems = await contextMenuAt(page, await pointOnEdge(page, EDGE, 0.25));
      assert(JSON.stringify(edgeItems) === JSON.stringify(['Add label', 'Make it a hand-off', 'Make it a feedback loop', 'Delete connection']), `the edge menu is ${JSON.stringify(edgeItems)}`);
      await inspector(page).getByLabel('Edge kind').waitFor(); // right-clicking selected the edge
      await closeContextMenu(page);

      const strategy = await stageByTitle(page, 'Strategy');
      const stageItems = await contextMenuAt(page, centreOf(await box(strategy)));
      for (const item of ['Rename', 'Add comment', 'Highlight', 'Focus: dim everything else', 'Move to lane "Sales"', 'Duplicate', 'Delete']) {
        assert(stageItems.includes(item), `the stage menu lacks "${item}": ${JSON.stringify(stageItems)}`);
      }
      assert(!stageItems.includes('Move to lane "Marketing"'), `the stage menu offers to move Strategy to its own lane: ${JSON.stringify(stageItems)}`);
      assert(!stageItems.some((i) => i.startsWith('Add label') || i.startsWith('Add marketing')), `the stage menu has pane or edge actions: ${JSON.stringify(stageItems)}`);

      // Focus: only Strategy and its direct neighbours stay lit.
      await page.getByRole('menuitem', { name: 'Focus: dim everything else' }).click();
      const lit = ['Segmentation', 'Strategy', 'Implementation'];
      const dimmedTitles = async () => {
        const out: string[] = [];
        for (const title of BUYER_JOURNEY_STAGES) {
          const cls = await (await stageByTitle(page, title)).getAttribute('class');
          if (cls?.split(/\s+/).includes('is-dimmed')) out.push(title);
        }
        return out;
      };
      await expectEqual(dimmedTitles, BUYER_JOURNEY_STAGES.filter((t) => !lit.includes(t)), 'the dimmed stages with the focus on Strategy');
      assert(await inspector(page).getByLabel('Focus: dim everything else').isChecked(), 'the inspector does not show the focus as on');
      const dimmedEdges = await page.locator('.diagram-edge.is-dimmed').count();
      assert(dimmedEdges > 5, `only ${dimmedEdges} edges are dimmed`);
      const again = await contextMenuAt(page, centreOf(await box(strategy)));
      assert(again.includes('Stop dimming the rest'), `the menu does not offer to stop dimming: ${JSON.stringify(again)}`);
      await page.getByRole('menuitem', { name: 'Stop dimming the rest' }).click();
      await expectEqual(dimmedTitles, [], 'the dimmed stages after stopping the focus');

      // A note's menu.
      const noteId = (await nodeIds(page, 'note'))[0]!;
      const noteBox = await box(page.getByTestId(`note-${noteId}`));
      // Notes may sit off screen after zooming; fit first.
      await page.getByRole('button', { name: 'Fit', exact: true }).click();
      await poll(() => box(page.getByTestId(`note-${noteId}`)), (b) => b.width < noteBox.width || b.x !== noteBox.x, 'the view to fit', 5_000).catch(() => undefined);
      await waitForStableViewport(page);
      const noteItems = await contextMenuAt(page, centreOf(await box(page.getByTestId(`note-${noteId}`))));
      assert(JSON.stringify(noteItems) === JSON.stringify(['Edit text', 'Duplicate', 'Delete']), `the note menu is ${JSON.stringify(noteItems)}`);
      await closeContextMenu(page);

      // A lane's menu (from its header).
      const laneItems = await contextMenuAt(page, centreOf(await box(page.getByTestId('lane-lane-sales').locator('.lane-header'))));
      assert(JSON.stringify(laneItems) === JSON.stringify(['Delete lane (keeps its stages)']), `the lane menu is ${JSON.stringify(laneItems)}`);
      await closeContextMenu(page);
    },
  },

  {
    name: 'annotations: a read-only shared link shows edge labels and comments but offers no way to edit them',
    contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
    async run({ page, url }) {
      await openEditor(page, url);
      await page.getByRole('toolbar', { name: 'Editor toolbar' }).getByRole('button', { name: 'Share' }).click();
      await page.getByRole('status').filter({ hasText: 'Read-only link copied' }).waitFor();
      const link = await page.evaluate(() => navigator.clipboard.readText());
      await page.goto(link);
      await page.getByRole('toolbar', { name: 'Shared diagram toolbar' }).getByText('Read-only shared copy').waitFor();
      await page.locator('.react-flow__node-stage').first().waitFor();
      await waitForStableViewport(page);
      const textboxes = () => page.locator('.react-flow').getByRole('textbox').count();

      // Edge labels (with their rates) are shown; double-clicking one opens no editor.
      const pill = page.getByTestId('edge-label-e-implementation-measurement');
      await expectEqual(() => pill.innerText().then(oneLine), 'Responses tracked · 25%', 'the edge label in the shared view');
      await doubleClickAt(page, centreOf(await box(pill)));
      await page.waitForTimeout(400);
      assert((await textboxes()) === 0, 'double-clicking an edge label in a read-only shared view opened an editor');

      // Comments can be read, not written.
      const research = await stageByTitle(page, 'Research');
      await research.getByRole('button', { name: '1 comment on Research' }).click();
      const popover = page.getByRole('dialog', { name: 'Comments on Research' });
      await popover.getByText('Sample figure: 20,000 people in the market studied.').waitFor();
      const fields = await popover.locator('input, textarea, button').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? el.textContent));
      assert(fields.length === 0, `the comments of a read-only shared view can be edited: ${JSON.stringify(fields)}`);
    },
  },

  {
    name: 'annotations: step numbers follow the journey order (Research = 1, Follow-up = 12)',
    async run({ page, url }) {
      await openEditor(page, url);
      assert((await page.locator('.stage-step').count()) === 0, 'step numbers are shown before turning them on');
      const toggle = inspector(page).getByLabel('Show step numbers');
      await toggle.check();
      const numbers = async () => {
        const out: Record<string, string> = {};
        for (const title of BUYER_JOURNEY_STAGES) {
          const ids = await stageIdsByTitle(page, title);
          if (ids.length !== 1) fail(`expected one stage titled ${title}`);
          const step = page.getByTestId(ids[0]!).locator('.stage-step');
          out[title] = (await step.count()) ? `${await step.innerText()}|${await step.getAttribute('aria-label')}` : '';
        }
        return out;
      };
      const expected = Object.fromEntries(BUYER_JOURNEY_STAGES.map((t, i) => [t, `${i + 1}|Step ${i + 1}`]));
      await expectEqual(numbers, expected, 'the step numbers');
      await toggle.uncheck();
      await poll(() => page.locator('.stage-step').count(), (n) => n === 0, 'the step numbers to go when turned off');
    },
  },
];
