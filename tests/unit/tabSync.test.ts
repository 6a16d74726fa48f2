import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createTabSync, createTabId, resolveConflict, type ChannelLike, type RemoteSave } from '../../src/library/tabSync';
import { createLibrary } from '../../src/library/libraryRepository';
import { createMemoryBackend } from '../../src/library/idbBackend';
import { PRESETS } from '../../src/presets/catalog';

/** Channels on one in-process hub: a message reaches every other channel, as BroadcastChannel does. */
function createHub() {
  const channels = new Set<{ listeners: Set<(e: MessageEvent) => void> }>();
  return (): ChannelLike => {
    const self = { listeners: new Set<(e: MessageEvent) => void>() };
    channels.add(self);
    return {
      postMessage: (data) => {
        for (const other of channels) if (other !== self) other.listeners.forEach((l) => l(new MessageEvent('message', { data })));
      },
      addEventListener: (_type, l) => self.listeners.add(l),
      removeEventListener: (_type, l) => self.listeners.delete(l),
      close: () => channels.delete(self),
    };
  };
}

describe('tab sync messages', () => {
  it('delivers a save announced by one tab to the others', () => {
    const open = createHub();
    const [a, b, c] = [createTabSync(open()), createTabSync(open()), createTabSync(open())];
    const seenB: RemoteSave[] = [];
    const seenC: RemoteSave[] = [];
    b.onRemoteSave((s) => seenB.push(s), 'tab-b');
    c.onRemoteSave((s) => seenC.push(s), 'tab-c');
    a.announceSaved('doc-1', 7, 'tab-a');
    expect(seenB).toEqual([{ id: 'doc-1', revision: 7, tabId: 'tab-a' }]);
    expect(seenC).toEqual(seenB);
  });

  it('ignores its own tab id, malformed messages, and stops after unsubscribing', () => {
    const open = createHub();
    const sender = open();
    const receiver = createTabSync(open());
    const seen: RemoteSave[] = [];
    const stop = receiver.onRemoteSave((s) => seen.push(s), 'me');
    createTabSync(sender).announceSaved('doc-1', 2, 'me');
    for (const junk of [null, 'saved', { type: 'library:saved', id: 'doc-1', revision: '3', tabId: 'x' }, { type: 'other', id: 'doc-1', revision: 3, tabId: 'x' }, { type: 'library:saved', id: 'doc-1', revision: 1.5, tabId: 'x' }]) {
      sender.postMessage(junk);
    }
    expect(seen).toEqual([]);
    createTabSync(sender).announceSaved('doc-1', 3, 'other');
    stop();
    createTabSync(sender).announceSaved('doc-1', 4, 'other');
    expect(seen.map((s) => s.revision)).toEqual([3]);
  });

  it('is a no-op without BroadcastChannel', () => {
    const sync = createTabSync(null);
    expect(() => sync.announceSaved('doc-1', 1, 'a')).not.toThrow();
    expect(typeof sync.onRemoteSave(() => undefined)).toBe('function');
  });

  it('works over a real BroadcastChannel', async () => {
    const name = `tab-sync-test-${createTabId()}`;
    const [x, y] = [new BroadcastChannel(name), new BroadcastChannel(name)];
    try {
      const received = new Promise<RemoteSave>((resolve) => createTabSync(y as unknown as ChannelLike).onRemoteSave(resolve, 'y'));
      createTabSync(x as unknown as ChannelLike).announceSaved('doc-9', 12, 'x');
      expect(await received).toEqual({ id: 'doc-9', revision: 12, tabId: 'x' });
    } finally {
      x.close();
      y.close();
    }
  });

  it('makes distinct tab ids', () => {
    expect(new Set(Array.from({ length: 50 }, createTabId)).size).toBe(50);
  });
});

describe('resolveConflict', () => {
  const revision = fc.integer({ min: 0, max: 1_000_000 });

  it('never acts on a remote revision that is not newer', () => {
    fc.assert(fc.property(revision, fc.nat(1000), fc.boolean(), (remote, gap, dirty) => resolveConflict(remote + gap, remote, dirty) === 'ignore'));
  });

  it('silently follows a newer copy only when there are no unsaved edits', () => {
    fc.assert(
      fc.property(revision, fc.integer({ min: 1, max: 1000 }), fc.boolean(), (local, gap, dirty) => {
        const action = resolveConflict(local, local + gap, dirty);
        return dirty ? action === 'warn' : action === 'reload';
      }),
    );
  });
});

describe('two tabs on one library', () => {
  it('a clean tab reloads the newer copy; a dirty tab is warned and cannot overwrite it', async () => {
    const library = createLibrary(createMemoryBackend());
    const open = createHub();
    const [tabA, tabB] = [createTabSync(open()), createTabSync(open())];
    const [first, second] = PRESETS.map((p) => p.document);
    const created = await library.create(first!);
    if (!created.ok) throw new Error(created.message);
    const entry = created.entry;

    const inB: RemoteSave[] = [];
    tabB.onRemoteSave((s) => inB.push(s), 'B');
    const saved = await library.save(entry.id, second!, { baseRevision: entry.revision });
    if (!saved.ok) throw new Error(saved.message);
    tabA.announceSaved(entry.id, saved.entry.revision, 'A');

    const remote = inB[0]!;
    expect(resolveConflict(entry.revision, remote.revision, false)).toBe('reload');
    const reloaded = await library.open(remote.id);
    expect('document' in reloaded && reloaded.document.title).toBe(second!.title);

    expect(resolveConflict(entry.revision, remote.revision, true)).toBe('warn');
    const overwrite = await library.save(entry.id, first!, { baseRevision: entry.revision });
    expect(overwrite).toMatchObject({ ok: false, reason: 'conflict', current: { revision: remote.revision } });
  });
});
