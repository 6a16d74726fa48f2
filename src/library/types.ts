/**
 * The document library's data shapes. Metadata (`LibraryEntry`) lives under its own key, apart
 * from the document body, so listing the library never loads a diagram.
 */
import type { ParseError } from '../model/parseDocument';
import type { FunnelDocument } from '../model/schema';

export interface LibraryEntry {
  id: string;
  /** Always the document's own `title`: rename rewrites the body too, so the two never drift. */
  title: string;
  createdAt: number;
  updatedAt: number;
  /** Starts at 1 and goes up by one with every body write (save, rename). */
  revision: number;
  thumbnailSvg?: string;
  /** Set by `remove` (soft delete); `restore` clears it. */
  deletedAt?: number;
}

/** What is stored under `entry:<id>`: the entry plus the key of its current body. */
export interface StoredEntry extends LibraryEntry {
  bodyKey: string;
}

/**
 * A minimal async key-value store. `setMany` must be atomic: every pair lands or none does
 * (idb-keyval's `setMany` runs in one IndexedDB transaction). Errors are thrown as-is; the
 * library turns them into messages.
 */
export interface LibraryBackend {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
  setMany(entries: ReadonlyArray<readonly [string, unknown]>): Promise<void>;
}

export type FailureReason = 'notFound' | 'storage' | 'invalid' | 'unreadable';

/** Every library call resolves to a result; nothing is thrown past the API. */
export interface LibraryFailure {
  ok: false;
  reason: FailureReason;
  /** A full sentence for the user, e.g. "Could not save the diagram: browser storage is full." */
  message: string;
}

export type EntryResult = { ok: true; entry: LibraryEntry } | LibraryFailure;

export type SaveResult =
  | { ok: true; entry: LibraryEntry }
  /** `baseRevision` is stale (another tab saved) or the entry was deleted meanwhile (`current.deletedAt`). */
  | { ok: false; reason: 'conflict'; current: LibraryEntry; message: string }
  | LibraryFailure;

export type ListResult =
  | { ok: true; entries: LibraryEntry[]; /** keys of entry records that could not be read (left untouched) */ unreadableKeys: string[] }
  | LibraryFailure;

export type OpenError =
  | { kind: 'notFound'; message: string }
  /** Saved by a newer editor: left where it is (not quarantined), a newer editor can still open it. */
  | { kind: 'versionTooNew'; message: string; parseError: ParseError }
  /** The body is corrupt or missing. A corrupt body is kept under `quarantineKey`, never deleted. */
  | { kind: 'unreadable'; message: string; quarantineKey: string | null; parseError?: ParseError }
  | { kind: 'storage'; message: string };

export type OpenResult =
  /** `migratedFrom` is set when the stored body was in an older format version (upgraded in memory; the next save writes the current format). */
  | { entry: LibraryEntry; document: FunnelDocument; migratedFrom?: number }
  | { error: OpenError };

/** A body moved aside by `open` because it could not be read. */
export interface QuarantineRecord {
  key: string;
  entryId: string;
  /** The stored body exactly as it was found. */
  raw: unknown;
  message: string;
  quarantinedAt: number;
}
