/**
 * Helpers behind the library repository: record shapes, reading stored bodies, locking and
 * storage-error wording. Pure apart from `crypto.getRandomValues` and the optional Web Locks API.
 */
import { z } from 'zod';
import { isRecord } from '../model/migrations';
import { parseDocument, type ParseResult } from '../model/parseDocument';
import { CURRENT_VERSION } from '../model/schema';
import type { QuarantineRecord, StoredEntry } from './types';

export const storedEntrySchema: z.ZodType<StoredEntry> = z.object({
  id: z.string().min(1),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  revision: z.number().int().min(1),
  thumbnailSvg: z.string().optional(),
  deletedAt: z.number().optional(),
  bodyKey: z.string().min(1),
});

/**
 * Parses a stored body (JSON text, or an object written by an older build) through
 * parseDocument, so old format versions are migrated. `migratedFrom` is the stored version
 * when it was older than the current one.
 */
export function parseStoredBody(raw: unknown): { parsed: ParseResult; migratedFrom?: number } {
  let json: unknown = raw;
  if (typeof raw === 'string') {
    try {
      json = JSON.parse(raw);
    } catch (err) {
      return { parsed: { ok: false, error: { kind: 'notFunnelDocument', message: `the stored data is not valid JSON (${(err as Error).message})` } } };
    }
  }
  const parsed = parseDocument(json);
  const version = isRecord(json) ? json.version : undefined;
  if (parsed.ok && typeof version === 'number' && version < CURRENT_VERSION) return { parsed, migratedFrom: version };
  return { parsed };
}

export function toQuarantineRecord(key: string, value: unknown): QuarantineRecord {
  const r = isRecord(value) ? value : {};
  return {
    key,
    entryId: typeof r.entryId === 'string' ? r.entryId : '',
    raw: 'raw' in r ? r.raw : value,
    message: typeof r.message === 'string' ? r.message : '',
    quarantinedAt: typeof r.quarantinedAt === 'number' ? r.quarantinedAt : 0,
  };
}

/** Random hex from getRandomValues, which (unlike randomUUID) also works outside secure contexts. */
export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Serializes tasks: a queue for this library instance, each task run inside
 * `navigator.locks.request(name)` when the browser has Web Locks, so two tabs cannot interleave
 * a revision check with a write.
 */
export function createDefaultLock(name: string) {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    const run = locks ? () => locks.request(name, task) as Promise<T> : task;
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}

/** Turns a storage exception (IndexedDB, quota, private mode…) into words for the user. */
export function describeStorageError(err: unknown): string {
  const name = isRecord(err) && typeof err.name === 'string' ? err.name : '';
  const message = isRecord(err) && typeof err.message === 'string' ? err.message : String(err);
  if (name === 'QuotaExceededError' || /quota/i.test(message)) {
    return 'browser storage is full (delete diagrams you no longer need, empty the trash, or free up disk space)';
  }
  if (name === 'SecurityError') return 'browser storage is blocked (private browsing or site settings)';
  if (name === 'InvalidStateError' || name === 'NotSupportedError' || name === 'NotAllowedError') {
    return 'browser storage is not available here (private browsing or site settings may block it)';
  }
  if (name === 'UnknownError') return 'the browser reported an internal storage error (try again, or restart the browser)';
  return `browser storage failed (${message || name || 'unknown error'})`;
}
