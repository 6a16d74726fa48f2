import { useCallback, useEffect, useRef, useState } from 'react';
import type { Library } from '../library/libraryRepository';
import type { LibraryEntry } from '../library/types';
import { PRESETS } from '../presets/catalog';
import { blankDocument } from './blankDocument';
import { documentHash } from './route';

function timeAgo(ms: number): string {
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const minutes = Math.round((ms - Date.now()) / 60000);
  if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return rtf.format(hours, 'hour');
  return rtf.format(Math.round(hours / 24), 'day');
}

/** The list of saved diagrams: create, open, rename, duplicate, delete (with undo), import. */
export function HomeScreen({ library, onImport }: { library: Library; onImport(file: File): Promise<void> }) {
  const [entries, setEntries] = useState<LibraryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<LibraryEntry | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    const listed = await library.list();
    if (listed.ok) setEntries(listed.entries);
    else setError(listed.message);
  }, [library]);
  useEffect(() => void refresh(), [refresh]);

  const run = async (work: () => Promise<{ ok: boolean; message?: string }>) => {
    const result = await work();
    if (!result.ok) setError(result.message ?? 'Something went wrong.');
    await refresh();
  };
  const create = async (doc = blankDocument()) => {
    const created = await library.create(doc);
    if (created.ok) location.hash = documentHash(created.entry.id);
    else setError(created.message);
  };

  return (
    <div className="home">
      <header className="home-header">
        <h1><span className="logo" aria-hidden="true">▼</span> My diagrams</h1>
        <div className="row">
          <button className="primary" onClick={() => void create()}>New blank diagram</button>
          <button onClick={() => fileInput.current?.click()}>Import .json…</button>
          <input ref={fileInput} type="file" accept=".json,application/json" hidden aria-label="Import diagram file" onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void onImport(file);
          }} />
        </div>
      </header>
      {error && <p className="field-error" role="alert">{error}</p>}
      {deleted && (
        <div className="toast toast-info" role="status">
          <div className="toast-message">Deleted "{deleted.title}".</div>
          <button onClick={() => void run(() => library.restore(deleted.id)).then(() => setDeleted(null))}>Undo</button>
        </div>
      )}
      <section aria-label="Saved diagrams">
        {entries === null ? <p role="status">Loading…</p> : entries.length === 0 ? <p className="hint">No diagrams yet. Start from a preset below.</p> : (
          <ul className="library-grid">
            {entries.map((entry) => (
              <li key={entry.id} className="library-card" data-testid="library-entry">
                <a href={documentHash(entry.id)} className="library-thumb" aria-label={`Open ${entry.title}`}>
                  {entry.thumbnailSvg ? <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(entry.thumbnailSvg)}`} alt="" /> : <span className="hint">No preview</span>}
                </a>
                {renaming === entry.id ? (
                  <input
                    autoFocus
                    aria-label="New title"
                    defaultValue={entry.title}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') setRenaming(null);
                      if (e.key === 'Enter') e.currentTarget.blur();
                    }}
                    onBlur={(e) => {
                      const title = e.currentTarget.value.trim();
                      setRenaming(null);
                      if (title && title !== entry.title) void run(() => library.rename(entry.id, title));
                    }}
                  />
                ) : (
                  <strong className="library-title">{entry.title}</strong>
                )}
                <span className="hint">Edited {timeAgo(entry.updatedAt)}</span>
                <div className="row">
                  <button onClick={() => setRenaming(entry.id)} aria-label={`Rename ${entry.title}`}>Rename</button>
                  <button onClick={() => void run(() => library.duplicate(entry.id))} aria-label={`Duplicate ${entry.title}`}>Duplicate</button>
                  <button className="danger" onClick={() => void run(async () => {
                    const result = await library.remove(entry.id);
                    if (result.ok) setDeleted(entry);
                    return result;
                  })} aria-label={`Delete ${entry.title}`}>Delete</button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Start from a preset">
        <h2>Start from a preset</h2>
        <ul className="library-grid presets">
          {PRESETS.map((p) => (
            <li key={p.id}>
              <button className="gallery-card" onClick={() => void create(p.document)} aria-label={`New diagram from preset ${p.document.title}`}>
                <strong>{p.document.title}</strong>
                <span>{p.document.description}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
