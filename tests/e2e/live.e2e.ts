/**
 * Live sessions end to end (issue 8): two browser contexts, A (the runner's page, who clicks "Go live"
 * and so is the facilitator) and B (a second context that opens the invite link), in one room on a
 * real collaboration server. Each test starts its own server as a child process (free port, temporary
 * data folder) and kills it in `finally`, so a test can also SIGKILL it and start it again.
 *
 * Taking one participant offline: `context.setOffline(true)` alone does not close an open WebSocket in
 * Chromium (measured: the status stayed "live" for 10 s while remote edits silently stopped arriving),
 * but it does refuse new connections. So the offline test connects B through a TCP relay in the test
 * process and cuts it (every open connection destroyed, new ones refused), then also sets B's context
 * offline; the restart test uses setOffline only to keep A and B from reconnecting for a while.
 */
import type { Page } from 'playwright-core';
import type { E2ETest } from './types';
import { assert, BUYER_JOURNEY_STAGES, expectEqual, fail, poll, renameInline, sorted, stageByTitle, stageTitles, staysTrue, waitForDiagram } from './helpers';
import {
  Cleanup,
  SYNC_TIMEOUT_MS,
  appUrl,
  assertNoPageErrors,
  describeSamples,
  freePort,
  joinRoom,
  killServer,
  lastEnterTime,
  liveBar,
  liveStatus,
  newParticipant,
  openRoom,
  openTitleEditor,
  participantNames,
  peerCursors,
  recordEnterTimes,
  renameStage,
  stageNode,
  stageTitle,
  titleEditor,
  toFlow,
  waitForParticipants,
  waitForStatus,
  waitForTitle,
  watchForTitle,
} from './live-helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Both pages show the same stage titles (in document order). */
async function expectSameStages(pages: { name: string; page: Page }[], what: string): Promise<void> {
  await poll(
    async () => Promise.all(pages.map((p) => stageTitles(p.page))),
    (lists) => lists.every((l) => JSON.stringify(l) === JSON.stringify(lists[0])),
    `${what}: the same stage titles in ${pages.map((p) => p.name).join(', ')}`,
    SYNC_TIMEOUT_MS,
  );
}

/** Each page shows each stage with its title. */
async function expectTitles(pages: { name: string; page: Page }[], titles: Record<string, string>, what: string): Promise<void> {
  for (const { name, page } of pages) {
    for (const [stageId, title] of Object.entries(titles)) await waitForTitle(page, stageId, title, `${what} (${name})`);
  }
}

/** Moves the mouse in steps with pauses, the way a hand does (each step is its own pointer event). */
async function moveSlowly(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 6): Promise<void> {
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
    await sleep(60);
  }
}

/**
 * Waits until `page` draws exactly one peer cursor, named `name`, at `want` in diagram coordinates. The
 * app snaps cursor positions to its 10-unit grid (snap to grid is on), hence the 5-unit tolerance.
 */
async function expectPeerCursorAt(page: Page, name: string, want: { x: number; y: number }, who: string): Promise<void> {
  const cursors = await poll(
    () => peerCursors(page),
    (list) => list.some((c) => c.name === name && Math.abs(c.x - want.x) <= 5.01 && Math.abs(c.y - want.y) <= 5.01),
    `${who} to draw ${name}'s cursor at (${want.x.toFixed(1)}, ${want.y.toFixed(1)}) in diagram coordinates`,
    SYNC_TIMEOUT_MS,
  );
  assert(cursors.length === 1, `${who} draws ${cursors.length} peer cursors: ${JSON.stringify(cursors)}`);
}

export const tests: E2ETest[] = [
  {
    name: 'live: a rename in A appears in B (latency measured)',
    timeoutMs: 90_000,
    async run(ctx) {
      const cleanup = new Cleanup();
      try {
        const { a, b } = await openRoom(ctx, cleanup);
        // Both start from A's diagram: the default preset.
        await expectEqual(() => stageTitles(b.page).then(sorted), sorted(BUYER_JOURNEY_STAGES), 'the stage titles B received');
        await recordEnterTimes(a.page);
        await recordEnterTimes(b.page);

        const aToB: number[] = [];
        for (let i = 1; i <= 5; i++) {
          const title = `Research v${i}`;
          const shown = await watchForTitle(b.page, 'research', title);
          await renameStage(a.page, 'research', title);
          aToB.push((await shown()) - (await lastEnterTime(a.page)));
        }
        const bToA: number[] = [];
        for (let i = 1; i <= 3; i++) {
          const title = `Closing v${i}`;
          const shown = await watchForTitle(a.page, 'closing', title);
          await renameStage(b.page, 'closing', title);
          bToA.push((await shown()) - (await lastEnterTime(b.page)));
        }
        console.log(`    latency A→B (Enter in A until B draws the title): ${describeSamples(aToB)}`);
        console.log(`    latency B→A: ${describeSamples(bToA)}`);
        await expectSameStages([{ name: 'A', page: a.page }, { name: 'B', page: b.page }], 'after the renames');
        assertNoPageErrors({ name: 'B', errors: b.errors });
      } finally {
        await cleanup.run();
      }
    },
  },

  {
    name: 'live: concurrent renames of different stages both survive',
    timeoutMs: 90_000,
    async run(ctx) {
      const cleanup = new Cleanup();
      try {
        const { a, b } = await openRoom(ctx, cleanup);
        const both = [{ name: 'A', page: a.page }, { name: 'B', page: b.page }];

        // Round 1: both commit at the same moment.
        const [editA, editB] = await Promise.all([openTitleEditor(a.page, 'research'), openTitleEditor(b.page, 'prospecting')]);
        await Promise.all([editA.fill('Research by A'), editB.fill('Prospecting by B')]);
        await Promise.all([editA.press('Enter'), editB.press('Enter')]);
        await expectTitles(both, { research: 'Research by A', prospecting: 'Prospecting by B' }, 'after simultaneous renames');

        // Round 2: B is still typing when A's rename arrives; B's unfinished text survives it.
        const [editA2, editB2] = await Promise.all([openTitleEditor(a.page, 'strategy'), openTitleEditor(b.page, 'closing')]);
        await editB2.fill('Closing by B');
        await editA2.fill('Strategy by A');
        await editA2.press('Enter');
        await waitForTitle(b.page, 'strategy', 'Strategy by A', "A's rename reaching B while B types");
        assert(await editB2.isVisible(), "B's title editor closed when A's rename arrived");
        const typed = await editB2.inputValue();
        assert(typed === 'Closing by B', `B's half-typed title became ${JSON.stringify(typed)} when A's rename arrived`);
        await editB2.press('Enter');
        await expectTitles(both, { research: 'Research by A', prospecting: 'Prospecting by B', strategy: 'Strategy by A', closing: 'Closing by B' }, 'after the second round');
        await expectSameStages(both, 'after concurrent renames');
        assertNoPageErrors({ name: 'B', errors: b.errors });
      } finally {
        await cleanup.run();
      }
    },
  },

  {
    name: "live: B sees A's cursor, with A's name, where A points",
    timeoutMs: 90_000,
    async run(ctx) {
      const cleanup = new Cleanup();
      try {
        const { a, b } = await openRoom(ctx, cleanup);
        const pane = (await a.page.locator('.react-flow__pane').boundingBox()) ?? fail('no canvas pane in A');
        const at = (fx: number, fy: number) => ({ x: pane.x + pane.width * fx, y: pane.y + pane.height * fy });

        await a.page.mouse.move(at(0.2, 0.2).x, at(0.2, 0.2).y);
        // A hand-paced move (the app sends at most ~30 cursor updates a second).
        await moveSlowly(a.page, at(0.2, 0.2), at(0.45, 0.55));
        await expectPeerCursorAt(b.page, 'Alice', await toFlow(a.page, at(0.45, 0.55)), 'B');
        await moveSlowly(a.page, at(0.45, 0.55), at(0.7, 0.3)); // and it follows
        await expectPeerCursorAt(b.page, 'Alice', await toFlow(a.page, at(0.7, 0.3)), 'B');
        assert((await peerCursors(a.page)).length === 0, 'A draws a cursor of its own');

        // Leaving the canvas takes the cursor away.
        const toolbar = (await a.page.getByRole('toolbar', { name: 'Editor toolbar' }).boundingBox()) ?? fail('no toolbar');
        await a.page.mouse.move(toolbar.x + toolbar.width / 2, toolbar.y + toolbar.height / 2, { steps: 4 });
        await poll(() => peerCursors(b.page), (list) => list.length === 0, "Alice's cursor to disappear from B after A's pointer left the canvas", SYNC_TIMEOUT_MS);
        assertNoPageErrors({ name: 'B', errors: b.errors });
      } finally {
        await cleanup.run();
      }
    },
  },

  {
    name: "live: after a quick pointer move, A's cursor in B rests where A's pointer rests",
    timeoutMs: 90_000,
    async run(ctx) {
      const cleanup = new Cleanup();
      try {
        const { a, b } = await openRoom(ctx, cleanup);
        const pane = (await a.page.locator('.react-flow__pane').boundingBox()) ?? fail('no canvas pane in A');
        const at = (fx: number, fy: number) => ({ x: pane.x + pane.width * fx, y: pane.y + pane.height * fy });
        await a.page.mouse.move(at(0.2, 0.2).x, at(0.2, 0.2).y);
        await expectPeerCursorAt(b.page, 'Alice', await toFlow(a.page, at(0.2, 0.2)), 'B');
        await sleep(100);
        // One flick across the canvas, then the pointer rests. Real mouse moves are spread out by the
        // protocol round trips (more so on a busy machine), so the flick's pointer events are sent in one go.
        const from = at(0.2, 0.2);
        const to = at(0.6, 0.6);
        const path = Array.from({ length: 8 }, (_, i) => ({ x: from.x + ((to.x - from.x) * (i + 1)) / 8, y: from.y + ((to.y - from.y) * (i + 1)) / 8 }));
        await a.page.locator('.react-flow__pane').evaluate((pane, path) => {
          for (const p of path) pane.dispatchEvent(new PointerEvent('pointermove', { clientX: p.x, clientY: p.y, bubbles: true, pointerType: 'mouse', isPrimary: true }));
        }, path);
        await expectPeerCursorAt(b.page, 'Alice', await toFlow(a.page, to), 'B');
        assertNoPageErrors({ name: 'B', errors: b.errors });
      } finally {
        await cleanup.run();
      }
    },
  },

  {
    name: 'live: the server is killed and restarted; clients reconnect and the room was kept on disk',
    timeoutMs: 150_000,
    async run(ctx) {
      const cleanup = new Cleanup();
      try {
        const room = await openRoom(ctx, cleanup);
        const { a, b } = room;
        await renameStage(a.page, 'research', 'Research before crash');
        await renameStage(b.page, 'closing', 'Closing before crash');
        const edited = { research: 'Research before crash', closing: 'Closing before crash' };
        await expectTitles([{ name: 'A', page: a.page }, { name: 'B', page: b.page }], edited, 'before the crash');
        const before = await stageTitles(a.page);
        // The server appends each update to its store asynchronously (a SIGKILL a few ms after an edit can
        // lose it from disk; the clients still hold it and send it again when they reconnect): let it land.
        await sleep(1_000);

        await killServer(room.server);
        await Promise.all([waitForStatus(a.page, 'disconnected', 'A after the server died'), waitForStatus(b.page, 'disconnected', 'B after the server died')]);
        // Keep A and B away from the new server for a while, so that what a new participant gets can only come from disk.
        await Promise.all([a.context.setOffline(true), b.context.setOffline(true)]);
        await room.restart();

        const c = await newParticipant(ctx.browser, cleanup);
        await joinRoom(c.page, room.link, 'Carol');
        await expectTitles([{ name: 'C', page: c.page }], edited, 'a new participant after the restart');
        await expectEqual(() => stageTitles(c.page), before, "C's stage titles");
        for (const [name, page] of [['A', a.page], ['B', b.page]] as const) {
          const status = await liveStatus(page);
          assert(status === 'disconnected', `${name} is "${status}" while offline: C's content may not have come from disk`);
        }
        assert((await participantNames(c.page)).length === 0, `C sees participants while A and B are offline: ${await participantNames(c.page)}`);

        // Back online: A and B reconnect by themselves.
        await Promise.all([a.context.setOffline(false), b.context.setOffline(false)]);
        await Promise.all([waitForStatus(a.page, 'live', 'A after the restart'), waitForStatus(b.page, 'live', 'B after the restart')]);
        const all = [{ name: 'A', page: a.page }, { name: 'B', page: b.page }, { name: 'C', page: c.page }];
        await expectTitles(all, edited, 'after reconnecting');
        await waitForParticipants(a.page, ['Bob', 'Carol'], 'A after reconnecting');
        await waitForParticipants(c.page, ['Alice', 'Bob'], 'C after A and B reconnected');
        // A is still the facilitator (the role is kept in the room, by A's client id).
        await a.page.getByRole('checkbox', { name: 'Read-only for others' }).waitFor();
        assert((await c.page.getByRole('checkbox', { name: 'Read-only for others' }).count()) === 0, 'C has the facilitator switch');

        // The room works after the restart, for everyone.
        await renameStage(a.page, 'strategy', 'Strategy after restart');
        await renameStage(c.page, 'approach', 'Approach by Carol');
        await expectTitles(all, { ...edited, strategy: 'Strategy after restart', approach: 'Approach by Carol' }, 'edits after the restart');
        await expectSameStages(all, 'after the restart');
        assertNoPageErrors({ name: 'B', errors: b.errors }, { name: 'C', errors: c.errors });
      } finally {
        await cleanup.run();
      }
    },
  },

  {
    name: 'live: B goes offline, edits, comes back, and the edits merge both ways',
    timeoutMs: 120_000,
    async run(ctx) {
      const cleanup = new Cleanup();
      try {
        const room = await openRoom(ctx, cleanup, { relayB: true });
        const { a, b } = room;
        const relay = room.relayB!;

        await relay.setOnline(false); // B's connection is dropped, and reconnecting is refused
        await b.context.setOffline(true);
        await waitForStatus(b.page, 'disconnected', 'B after its network went away');
        await liveBar(b.page).getByText('Offline: keep editing').waitFor();
        // It stays "disconnected" (the offline banner) while B's reconnect attempts fail.
        await staysTrue(async () => (await liveStatus(b.page)) === 'disconnected', 3_000, "B's status left \"disconnected\" while it was still offline");
        await poll(() => participantNames(a.page), (names) => !names.includes('Bob'), 'A to see Bob leave', SYNC_TIMEOUT_MS);
        assert((await liveStatus(a.page)) === 'live', 'A is not live');

        await renameStage(b.page, 'segmentation', 'Segmentation offline by B');
        await renameStage(a.page, 'approach', 'Approach online by A');
        await staysTrue(async () => (await stageTitle(a.page, 'segmentation')) === 'Segmentation', 1_000, "B's offline edit reached A while B was offline");
        assert((await stageTitle(b.page, 'approach')) === 'Approach', "A's edit reached B while B was offline");

        await b.context.setOffline(false);
        await relay.setOnline(true);
        await waitForStatus(b.page, 'live', 'B back online');
        const both = [{ name: 'A', page: a.page }, { name: 'B', page: b.page }];
        await expectTitles(both, { segmentation: 'Segmentation offline by B', approach: 'Approach online by A' }, 'after B came back');
        await expectSameStages(both, 'after B came back');
        await waitForParticipants(a.page, ['Bob'], 'A after B came back');
        assertNoPageErrors({ name: 'B', errors: b.errors });
      } finally {
        await cleanup.run();
      }
    },
  },

  {
    name: "live: undo in A takes back only A's change",
    timeoutMs: 90_000,
    async run(ctx) {
      const cleanup = new Cleanup();
      try {
        const { a, b } = await openRoom(ctx, cleanup);
        const both = [{ name: 'A', page: a.page }, { name: 'B', page: b.page }];
        await renameStage(a.page, 'research', 'X by A');
        await waitForTitle(b.page, 'research', 'X by A', "A's rename in B");
        await renameStage(b.page, 'prospecting', 'Y by B');
        await waitForTitle(a.page, 'prospecting', 'Y by B', "B's rename in A");

        await a.page.keyboard.press('Control+z');
        await expectTitles(both, { research: 'Research', prospecting: 'Y by B' }, "after A's undo");
        await a.page.keyboard.press('Control+Shift+z');
        await expectTitles(both, { research: 'X by A', prospecting: 'Y by B' }, "after A's redo");
        await b.page.keyboard.press('Control+z');
        await expectTitles(both, { research: 'X by A', prospecting: 'Prospecting' }, "after B's undo");
        await expectSameStages(both, 'after undo and redo');
        assertNoPageErrors({ name: 'B', errors: b.errors });
      } finally {
        await cleanup.run();
      }
    },
  },

  {
    name: 'live: the facilitator makes the room read-only for the others, and editable again',
    timeoutMs: 90_000,
    async run(ctx) {
      const cleanup = new Cleanup();
      try {
        const { a, b } = await openRoom(ctx, cleanup);
        assert((await b.page.getByRole('checkbox', { name: 'Read-only for others' }).count()) === 0, 'B (not the facilitator) has the read-only switch');
        const readOnly = a.page.getByRole('checkbox', { name: 'Read-only for others' });
        await readOnly.check();

        const watching = b.page.getByRole('toolbar', { name: 'Shared diagram toolbar' }).getByText('Watching: the facilitator has made this read-only');
        await watching.waitFor({ timeout: SYNC_TIMEOUT_MS });
        await b.page.getByRole('toolbar', { name: 'Editor toolbar' }).waitFor({ state: 'detached' });
        await liveBar(a.page).getByText('Others can only watch').waitFor();

        // Double-click opens no editor; Delete deletes nothing.
        await stageNode(b.page, 'research').locator('.stage-title').dblclick();
        await staysTrue(async () => (await titleEditor(b.page).count()) === 0, 1_000, 'double-click opened the title editor in read-only B');
        await stageNode(b.page, 'research').click();
        await b.page.keyboard.press('Delete');
        await staysTrue(async () => (await stageNode(a.page, 'research').count()) === 1 && (await stageNode(b.page, 'research').count()) === 1, 1_000, 'Delete in read-only B removed a stage');

        // The facilitator still edits, and B watches it happen.
        await renameStage(a.page, 'strategy', 'Strategy while read-only');
        await waitForTitle(b.page, 'strategy', 'Strategy while read-only', "A's edit in read-only B");

        await readOnly.uncheck();
        await b.page.getByRole('toolbar', { name: 'Editor toolbar' }).waitFor({ timeout: SYNC_TIMEOUT_MS });
        await watching.waitFor({ state: 'detached' });
        await renameStage(b.page, 'measurement', 'Measurement by B again');
        await waitForTitle(a.page, 'measurement', 'Measurement by B again', "B's edit after read-only ended");
        await expectSameStages([{ name: 'A', page: a.page }, { name: 'B', page: b.page }], 'after read-only ended');
        assertNoPageErrors({ name: 'B', errors: b.errors });
      } finally {
        await cleanup.run();
      }
    },
  },

  {
    name: 'live: without a server, "Go live" says live sessions are unavailable and the diagram stays editable',
    async run({ page, url }) {
      const closedPort = await freePort(); // free a moment ago, nobody listens there
      await page.goto(appUrl(url, closedPort));
      await waitForDiagram(page);
      const before = page.url();
      await page.getByRole('toolbar', { name: 'Editor toolbar' }).getByRole('button', { name: 'Go live' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Live sessions are unavailable' });
      await alert.waitFor({ timeout: SYNC_TIMEOUT_MS });
      const text = await alert.innerText();
      assert(text.includes(`ws://127.0.0.1:${closedPort}`), `the message does not name the server: ${text}`);
      assert(page.url() === before, `the URL changed to ${page.url()}`);
      assert((await page.getByTestId('live-status').count()) === 0, 'a live bar is shown');
      assert((await page.getByLabel('Your name').count()) === 0, 'the name form is shown');
      await renameInline(page, 'Research', 'Still editable');
      await stageByTitle(page, 'Still editable');
    },
  },
];
