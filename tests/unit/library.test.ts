import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { PRESETS } from '../../src/presets/catalog';
import { parseDocument } from '../../src/model/parseDocument';
import { CURRENT_VERSION, type FunnelDocument } from '../../src/model/schema';
import { toFileObject } from '../../src/model/serialize';
import { createLibrary } from '../../src/library/libraryRepository';
import { createIdbBackend, createMemoryBackend } from '../../src/library/idbBackend';
import { importDocumentText } from '../../src/library/importFile';
import type { LibraryBackend, LibraryEntry, OpenResult } from '../../src/library/types';

/** Presets in their stored form (the library writes the canonical `$schema`). */
const [docA, docB] = PRESETS.map((p) => {
  const stored = parseDocument(toFileObject(p.document));
  if (!stored.ok) throw new Error(stored.error.message);
  return stored.document;
}) as [FunnelDocument, FunnelDocument];
const v0Text = fs.readFileSync(new URL('../fixtures/migrations/v0-draft.json', import.meta.url), 'utf8');
let dbCount = 0;

function setup(backend: LibraryBackend) {
  let clock = 1_000;
  return { backend, library: createLibrary(backend, { now: () => (clock += 10) }) };
}

async function must<T extends { ok: boolean }>(result: Promise<T>): Promise<Extract<T, { ok: true }>> {
  const r = await result;
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

function opened(result: OpenResult) {
  if ('error' in result) throw new Error(result.error.message);
  return result;
}

/** Bodies are the only string values the library stores. */
async function bodyKeys(backend: LibraryBackend): Promise<string[]> {
  const keys = await backend.keys();
  const values = await Promise.all(keys.map((k) => backend.get(k)));
  return keys.filter((_, i) => typeof values[i] === 'string');
}

const ids = (entries: LibraryEntry[]) => entries.map((e) => e.id);

const backends: Array<[string, () => LibraryBackend]> = [
  ['in-memory', () => createMemoryBackend()],
  ['IndexedDB (fake-indexeddb)', () => createIdbBackend(`library-test-${++dbCount}`)],
];

describe.each(backends)('library on %s', (_name, makeBackend) => {
  it('creates, opens and lists entries newest first, without the trash', async () => {
    const { library } = setup(makeBackend());
    const a = (await must(library.create(docA, { thumbnailSvg: '<svg/>' }))).entry;
    const b = (await must(library.create(docB))).entry;
    expect(opened(await library.open(a.id)).document).toEqual(docA);
    expect(ids((await must(library.list())).entries)).toEqual([b.id, a.id]);

    const saved = (await must(library.save(a.id, docA, { baseRevision: a.revision }))).entry;
    expect(saved.revision).toBe(a.revision + 1);
    expect(saved.thumbnailSvg).toBe(a.thumbnailSvg);
    expect(ids((await must(library.list())).entries)).toEqual([a.id, b.id]);

    await must(library.remove(b.id));
    expect(ids((await must(library.list())).entries)).toEqual([a.id]);
    expect(ids((await must(library.listDeleted())).entries)).toEqual([b.id]);
    await must(library.restore(b.id));
    expect(ids((await must(library.list())).entries).sort()).toEqual([a.id, b.id].sort());
    expect((await must(library.listDeleted())).entries).toEqual([]);
  });

  it('renames both the entry and the document, as a new revision', async () => {
    const { library } = setup(makeBackend());
    const a = (await must(library.create(docA))).entry;
    const renamed = (await must(library.rename(a.id, '  Q3 pipeline — Ünïcødé 🚀 '))).entry;
    expect(renamed.title).toBe('Q3 pipeline — Ünïcødé 🚀');
    expect(renamed.revision).toBe(a.revision + 1);
    expect(opened(await library.open(a.id)).document.title).toBe(renamed.title);
    expect((await library.rename(a.id, '   ')).ok).toBe(false);
  });

  it('duplicates into a new entry and leaves the original alone', async () => {
    const { library, backend } = setup(makeBackend());
    const a = (await must(library.create(docA))).entry;
    const copy = (await must(library.duplicate(a.id))).entry;
    expect(copy.id).not.toBe(a.id);
    expect(copy.title).toBe(`${docA.title} (copy)`);
    expect(opened(await library.open(copy.id)).document).toEqual({ ...docA, title: copy.title });
    expect(opened(await library.open(a.id)).document).toEqual(docA);
    expect(await bodyKeys(backend)).toHaveLength(2);
  });

  it('refuses a save based on a stale revision and keeps the newer copy', async () => {
    const { library } = setup(makeBackend());
    const a = (await must(library.create(docA))).entry;
    const first = (await must(library.save(a.id, docB, { baseRevision: a.revision }))).entry;
    const stale = await library.save(a.id, docA, { baseRevision: a.revision });
    expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { id: a.id, revision: first.revision } });
    expect(opened(await library.open(a.id)).document).toEqual(docB);
  });

  it('refuses to save into an entry another tab moved to the trash', async () => {
    const { library } = setup(makeBackend());
    const a = (await must(library.create(docA))).entry;
    await must(library.remove(a.id));
    const result = await library.save(a.id, docB, { baseRevision: a.revision });
    expect(result).toMatchObject({ ok: false, reason: 'conflict', current: { id: a.id, deletedAt: expect.any(Number) } });
    expect(opened(await library.open(a.id)).document).toEqual(docA);
  });

  it('migrates an old-format body on open', async () => {
    const { library, backend } = setup(makeBackend());
    const a = (await must(library.create(docA))).entry;
    const [key] = await bodyKeys(backend);
    await backend.set(key as string, v0Text);
    const result = opened(await library.open(a.id));
    const expected = parseDocument(JSON.parse(v0Text));
    expect(expected.ok && expected.document).toEqual(result.document);
    expect(result.document.version).toBe(CURRENT_VERSION);
    expect(result.migratedFrom).toBe(JSON.parse(v0Text).version);
  });

  it('moves an unreadable body aside under a quarantine key, never deleting it', async () => {
    const { library, backend } = setup(makeBackend());
    const a = (await must(library.create(docA))).entry;
    const [key] = await bodyKeys(backend);
    const corrupt = (await backend.get(key as string) as string).slice(0, 200);
    await backend.set(key as string, corrupt);

    const first = await library.open(a.id);
    const error = 'error' in first ? first.error : null;
    expect(error?.kind).toBe('unreadable');
    const qKey = error?.kind === 'unreadable' ? error.quarantineKey : null;
    expect(qKey).toMatch(/^quarantine:/);
    expect(error?.message).toContain(qKey);
    expect(await backend.get(qKey as string)).toMatchObject({ entryId: a.id, raw: corrupt });
    expect((await library.listQuarantine()).ok && (await must(library.listQuarantine())).records.map((r) => r.raw)).toEqual([corrupt]);

    // Opening again reports the same kept copy instead of moving anything twice.
    const second = await library.open(a.id);
    expect('error' in second && second.error.kind === 'unreadable' && second.error.quarantineKey).toBe(qKey);
    expect(ids((await must(library.list())).entries)).toEqual([a.id]);

    // Saving over it repairs the entry; the quarantined data stays.
    await must(library.save(a.id, docB, { baseRevision: a.revision }));
    expect(opened(await library.open(a.id)).document).toEqual(docB);
    expect(await backend.get(qKey as string)).toMatchObject({ raw: corrupt });
    await must(library.remove(a.id));
    await must(library.purgeDeleted(0));
    expect(await backend.get(qKey as string)).toMatchObject({ raw: corrupt });
  });

  it('leaves a body from a newer editor in place', async () => {
    const { library, backend } = setup(makeBackend());
    const a = (await must(library.create(docA))).entry;
    const [key] = await bodyKeys(backend);
    const newer = JSON.stringify({ ...docA, version: CURRENT_VERSION + 1 });
    await backend.set(key as string, newer);
    const result = await library.open(a.id);
    expect('error' in result && result.error.kind).toBe('versionTooNew');
    expect(await backend.get(key as string)).toBe(newer);
  });

  it('purges old trash and sweeps orphaned bodies', async () => {
    const { library, backend } = setup(makeBackend());
    const a = (await must(library.create(docA))).entry;
    const b = (await must(library.create(docB))).entry;
    await must(library.remove(a.id));
    await backend.set('body:orphan:1:0', '{}');
    expect((await must(library.purgeDeleted(60_000))).purged).toEqual([]);
    expect((await must(library.purgeDeleted(0))).purged).toEqual([a.id]);
    expect((await must(library.listDeleted())).entries).toEqual([]);
    expect('error' in (await library.open(a.id))).toBe(true);
    expect(await bodyKeys(backend)).toHaveLength(1);
    expect(opened(await library.open(b.id)).document).toEqual(docB);
  });

  it('lets exactly one of two simultaneous saves from the same revision win', async () => {
    const { library } = setup(makeBackend());
    const a = (await must(library.create(docA))).entry;
    const results = await Promise.all([docA, docB].map((d) => library.save(a.id, d, { baseRevision: a.revision })));
    expect(results.map((r) => (r.ok ? 'ok' : r.reason)).sort()).toEqual(['conflict', 'ok']);
  });

  it('imports a file as a new entry, and names the file in errors', async () => {
    const { library } = setup(makeBackend());
    const a = (await must(library.create(docA))).entry;
    const imported = await importDocumentText(library, `\uFEFF${JSON.stringify(docA)}`, 'aida.json');
    expect(imported.ok && imported.entry.id).not.toBe(a.id);
    expect((await must(library.list())).entries).toHaveLength(2);
    const bad = await importDocumentText(library, '{"format":"funnel-diagram","version":1}', 'broken.json');
    expect(bad.ok ? null : bad.error).toMatchObject({ kind: 'invalid', message: expect.stringContaining('"broken.json"') });
    expect((await must(library.list())).entries).toHaveLength(2);
  });
});

function failing(backend: LibraryBackend, method: keyof LibraryBackend, name: string, partial = false): LibraryBackend {
  const error = new DOMException('The operation failed', name);
  return {
    ...backend,
    [method]: async (...args: unknown[]) => {
      // A non-atomic backend that writes the first pair before failing must not hurt either.
      if (partial && method === 'setMany') await backend.set(...((args[0] as [string, unknown][])[0] as [string, unknown]));
      throw error;
    },
  };
}

describe('storage failures', () => {
  it.each([false, true])('a failing setMany (quota; partial write %s) keeps the previous body readable', async (partial) => {
    const backend = createMemoryBackend();
    const a = (await must(setup(backend).library.create(docA))).entry;
    const { library } = setup(failing(backend, 'setMany', 'QuotaExceededError', partial));
    const result = await library.save(a.id, docB, { baseRevision: a.revision });
    expect(result).toMatchObject({ ok: false, reason: 'storage', message: expect.stringMatching(/storage is full/) });
    const after = opened(await library.open(a.id));
    expect(after.document).toEqual(docA);
    expect(after.entry.revision).toBe(a.revision);
    expect((await library.create(docB)).ok).toBe(false);
    expect((await must(library.list())).entries).toHaveLength(1);
  });

  it('turns a throwing backend into a message, not an exception', async () => {
    const blocked = setup(failing(createMemoryBackend(), 'keys', 'SecurityError')).library;
    expect(await blocked.list()).toMatchObject({ ok: false, reason: 'storage', message: expect.stringMatching(/blocked/) });
    const broken = setup(failing(createMemoryBackend(), 'get', 'UnknownError')).library;
    expect(await broken.open('any')).toMatchObject({ error: { kind: 'storage', message: expect.stringMatching(/internal storage error/) } });
  });

  it('reports a browser without IndexedDB as storage that is not available', async () => {
    const saved = globalThis.indexedDB;
    Reflect.deleteProperty(globalThis, 'indexedDB');
    try {
      const result = await createLibrary(createIdbBackend('no-idb')).list();
      expect(result).toMatchObject({ ok: false, reason: 'storage', message: expect.stringMatching(/not available/) });
    } finally {
      globalThis.indexedDB = saved;
    }
  });
});
