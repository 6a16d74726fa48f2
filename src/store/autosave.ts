/**
 * Local draft persistence. Pure logic over a Storage-like object, so it is tested without a
 * browser. A failed write keeps the previous good copy: the new value goes to a staging key
 * first and only replaces the draft once it is fully written.
 */
import { parseDocumentText } from '../model/parseDocument';
import { serializeDocument } from '../model/serialize';
import type { FunnelDocument } from '../model/schema';

export const DRAFT_KEY = 'funnel-editor:draft';
const STAGING_KEY = 'funnel-editor:draft:staging';
export const UNREADABLE_PREFIX = 'funnel-editor:unreadable:';

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SaveResult = { ok: true; savedAt: number } | { ok: false; reason: string };

export function saveDraft(storage: KeyValueStorage, doc: FunnelDocument, now = Date.now()): SaveResult {
  const text = serializeDocument(doc);
  try {
    storage.setItem(STAGING_KEY, text);
    storage.setItem(DRAFT_KEY, text);
    storage.removeItem(STAGING_KEY);
    return { ok: true, savedAt: now };
  } catch (err) {
    try {
      storage.removeItem(STAGING_KEY);
    } catch {
      // Nothing more can be done; the previous draft is untouched either way.
    }
    return { ok: false, reason: describeStorageError(err) };
  }
}

export type RestoreResult =
  | { kind: 'none' }
  | { kind: 'restored'; document: FunnelDocument }
  /** Saved data could not be read; it was kept aside under `keptAs` and not deleted. */
  | { kind: 'unreadable'; message: string; keptAs: string | null };

export function restoreDraft(storage: KeyValueStorage, now = Date.now()): RestoreResult {
  let text: string | null;
  try {
    text = storage.getItem(DRAFT_KEY);
  } catch (err) {
    return { kind: 'unreadable', message: describeStorageError(err), keptAs: null };
  }
  if (text === null) return { kind: 'none' };
  const parsed = parseDocumentText(text);
  if (parsed.ok) return { kind: 'restored', document: parsed.document };
  const keptAs = `${UNREADABLE_PREFIX}${now}`;
  try {
    storage.setItem(keptAs, text);
    storage.removeItem(DRAFT_KEY);
    return { kind: 'unreadable', message: parsed.error.message, keptAs };
  } catch {
    // Could not copy it aside: leave it where it is rather than lose it.
    return { kind: 'unreadable', message: parsed.error.message, keptAs: DRAFT_KEY };
  }
}

function describeStorageError(err: unknown): string {
  const name = err instanceof Error ? err.name : '';
  if (name === 'QuotaExceededError' || /quota/i.test(String(err))) return 'browser storage is full';
  if (name === 'SecurityError') return 'browser storage is blocked (private mode or site settings)';
  return `browser storage failed (${err instanceof Error ? err.message : String(err)})`;
}
