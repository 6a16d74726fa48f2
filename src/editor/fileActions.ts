import { parseDocumentText } from '../model/parseDocument';
import { serializeDocument } from '../model/serialize';
import type { EditorStore } from '../store/editorStore';
import { downloadBlob, fileNameFromTitle } from '../export/download';
import { useUi } from './uiStore';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export function saveDocumentFile(store: EditorStore): void {
  const doc = store.getState().document;
  downloadBlob(new Blob([serializeDocument(doc)], { type: 'application/json' }), fileNameFromTitle(doc.title, 'json'));
}

/**
 * Opens a diagram file. On any problem the current diagram is left exactly as it was and the
 * user is told what is wrong; on success the previous diagram stays one undo away.
 */
export async function openDocumentFile(store: EditorStore, file: File): Promise<boolean> {
  const { notify } = useUi.getState();
  if (file.size > MAX_FILE_BYTES) {
    notify({ tone: 'error', message: `"${file.name}" is too large to open (${Math.round(file.size / 1024 / 1024)} MB; the limit is 20 MB).` });
    return false;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    notify({ tone: 'error', message: `"${file.name}" could not be read.` });
    return false;
  }
  const result = parseDocumentText(text);
  if (!result.ok) {
    const detail = 'problems' in result.error ? result.error.problems.slice(0, 8).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)) : undefined;
    notify({ tone: 'error', message: `Could not open "${file.name}". ${result.error.message} Your current diagram is unchanged.`, detail });
    return false;
  }
  store.getState().loadDocument(result.document);
  notify({ tone: 'info', message: `Opened "${result.document.title}". Press Ctrl+Z to go back to your previous diagram.` });
  return true;
}
