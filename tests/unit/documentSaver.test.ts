import { describe, it, expect, vi, afterEach } from 'vitest';
import { createLibrary } from '../../src/library/libraryRepository';
import { createMemoryBackend } from '../../src/library/idbBackend';
import { createDocumentSaver, readDraft, DRAFT_PREFIX, type SaveStatus } from '../../src/store/documentSaver';
import { PRESETS } from '../../src/presets/catalog';
import { updateNode } from '../../src/model/operations';
import type { FunnelDocument } from '../../src/model/schema';

const base = PRESETS[0]!.document;
const stageId = base.nodes.find((n) => n.kind === 'stage')!.id;
const renamed = (doc: FunnelDocument, title: string) => updateNode(doc, stageId, { title });
const titleOf = (doc: FunnelDocument) => (doc.nodes.find((n) => n.id === stageId) as { title: string }).title;

function memoryStorage() {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

async function setup(options: { failWrites?: () => boolean } = {}) {
  const backend = createMemoryBackend();
  const setMany = backend.setMany.bind(backend);
  backend.setMany = async (entries) => {
    if (options.failWrites?.()) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return setMany(entries);
  };
  const library = createLibrary(backend, { lock: (task) => task() });
  const created = await library.create(base);
  if (!created.ok) throw new Error(created.message);
  const statuses: SaveStatus[] = [];
  const storage = memoryStorage();
  const saver = createDocumentSaver({ library, entry: created.entry, draftStorage: storage, onStatus: (s) => statuses.push(s), delayMs: 50 });
  return { library, entry: created.entry, saver, statuses, storage };
}

afterEach(() => vi.useRealTimers());

describe('document saver', () => {
  it('saves the latest of several quick edits once, after the delay', async () => {
    vi.useFakeTimers();
    const { library, entry, saver, statuses } = await setup();
    saver.change(renamed(base, 'One'));
    saver.change(renamed(base, 'Two'));
    expect(statuses.at(-1)).toEqual({ state: 'pending' });
    await vi.advanceTimersByTimeAsync(60);
    await saver.flush();
    const opened = await library.open(entry.id);
    if ('error' in opened) throw new Error(opened.error.message);
    expect(titleOf(opened.document)).toBe('Two');
    expect(opened.entry.revision).toBe(entry.revision + 1);
    expect(statuses.at(-1)?.state).toBe('saved');
    expect(saver.isDirty()).toBe(false);
  });

  it('reports a failed write and keeps the last good copy readable', async () => {
    let fail = false;
    const { library, entry, saver, statuses } = await setup({ failWrites: () => fail });
    saver.change(renamed(base, 'Saved'));
    await saver.flush();
    fail = true;
    saver.change(renamed(base, 'Lost?'));
    await saver.flush();
    const last = statuses.at(-1);
    expect(last?.state).toBe('error');
    expect(last && 'message' in last ? last.message : '').toMatch(/full/);
    expect(saver.isDirty()).toBe(true);
    const opened = await library.open(entry.id);
    if ('error' in opened) throw new Error(opened.error.message);
    expect(titleOf(opened.document)).toBe('Saved');
    // Once storage works again the pending edit goes through.
    fail = false;
    await saver.flush();
    const again = await library.open(entry.id);
    if ('error' in again) throw new Error(again.error.message);
    expect(titleOf(again.document)).toBe('Lost?');
  });

  it('stops with a conflict instead of overwriting a copy saved elsewhere', async () => {
    const { library, entry, saver, statuses } = await setup();
    const other = await library.save(entry.id, renamed(base, 'From another tab'), { baseRevision: entry.revision });
    expect(other.ok).toBe(true);
    saver.change(renamed(base, 'Mine'));
    await saver.flush();
    expect(statuses.at(-1)?.state).toBe('conflict');
    const opened = await library.open(entry.id);
    if ('error' in opened) throw new Error(opened.error.message);
    expect(titleOf(opened.document)).toBe('From another tab');
  });

  it('leaves a synchronous backup when the page closes before the write, and clears it once saved', async () => {
    const { entry, saver, storage } = await setup();
    saver.change(renamed(base, 'Typed just before closing'));
    saver.flushSync();
    const draft = readDraft(storage, entry.id);
    expect(draft && titleOf(draft.document)).toBe('Typed just before closing');
    expect(draft?.revision).toBe(entry.revision);
    await saver.flush();
    expect(storage.data.has(DRAFT_PREFIX + entry.id)).toBe(false);
  });

  it('ignores a corrupted backup instead of failing to open the diagram', () => {
    const storage = memoryStorage();
    storage.setItem(DRAFT_PREFIX + 'x', '{"revision": 1, "document": {"format": "nope"}}');
    expect(readDraft(storage, 'x')).toBeNull();
    storage.setItem(DRAFT_PREFIX + 'y', 'not json');
    expect(readDraft(storage, 'y')).toBeNull();
  });
});
