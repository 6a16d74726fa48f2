/**
 * Importing a file always adds a NEW library entry: it never replaces the open diagram or any
 * other entry, so an import can't destroy work.
 */
import { parseDocumentText, type ParseError } from '../model/parseDocument';
import type { FunnelDocument } from '../model/schema';
import type { Library } from './libraryRepository';
import type { LibraryEntry } from './types';

/** Larger files are refused before parsing (the same bound as a share link's content). */
export const MAX_IMPORT_CHARS = 5_000_000;

export type ImportError =
  | { kind: ParseError['kind']; message: string; parseError: ParseError }
  | { kind: 'tooLarge' | 'storage' | 'invalid'; message: string };

export type ImportResult = { ok: true; entry: LibraryEntry; document: FunnelDocument } | { ok: false; error: ImportError };

export async function importDocumentText(library: Pick<Library, 'create'>, text: string, fileName: string): Promise<ImportResult> {
  const name = `"${fileName}"`;
  if (text.length > MAX_IMPORT_CHARS) {
    return { ok: false, error: { kind: 'tooLarge', message: `Could not import ${name}: the file is too large (${text.length.toLocaleString('en')} characters; the limit is ${MAX_IMPORT_CHARS.toLocaleString('en')}).` } };
  }
  // Editors on Windows often save JSON with a byte order mark, which JSON.parse rejects.
  const parsed = parseDocumentText(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) {
    return { ok: false, error: { kind: parsed.error.kind, message: `Could not import ${name}. ${parsed.error.message}`, parseError: parsed.error } };
  }
  const created = await library.create(parsed.document);
  if (!created.ok) {
    const kind = created.reason === 'invalid' ? 'invalid' : 'storage';
    return { ok: false, error: { kind, message: `Could not import ${name}. ${created.message}` } };
  }
  return { ok: true, entry: created.entry, document: parsed.document };
}
