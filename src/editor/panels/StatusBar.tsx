import { useSaveStatus } from '../useAutosave';
import { useEditorStoreApi } from '../storeContext';
import { saveDocumentFile } from '../fileActions';

/** Autosave state. A failed save is a persistent warning with a way to keep a copy. */
export function StatusBar() {
  const result = useSaveStatus((s) => s.result);
  const store = useEditorStoreApi();
  if (result && !result.ok) {
    return (
      <footer className="status status-error" role="alert">
        Your changes are not being saved: {result.reason}. The last saved copy is intact.
        <button onClick={() => saveDocumentFile(store)}>Download a copy</button>
      </footer>
    );
  }
  return (
    <footer className="status" aria-live="polite">
      {result ? `All changes saved in this browser at ${new Date(result.savedAt).toLocaleTimeString()}` : 'Changes are saved in this browser automatically'}
    </footer>
  );
}
