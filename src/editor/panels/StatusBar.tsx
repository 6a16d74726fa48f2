import { useSaveStatus } from '../../app/saveStatus';
import { useEditorStoreApi } from '../storeContext';
import { saveDocumentFile } from '../fileActions';

/** Autosave state. A failed save is a persistent warning with a way to keep a copy. */
export function StatusBar() {
  const { status, persistent } = useSaveStatus();
  const store = useEditorStoreApi();
  const download = <button onClick={() => saveDocumentFile(store)}>Download a copy</button>;
  if (status?.state === 'error') {
    return (
      <footer className="status status-error" role="alert" data-save-state="error">
        Your latest changes are not saved: {status.message} The last saved copy is intact. {download}
      </footer>
    );
  }
  if (status?.state === 'conflict') {
    return (
      <footer className="status status-error" role="alert" data-save-state="conflict">
        {status.message} Autosave is paused so neither copy is overwritten. {download}
        <button onClick={() => location.reload()}>Load the other version</button>
      </footer>
    );
  }
  if (!persistent) {
    return (
      <footer className="status status-error" role="alert">
        This browser does not allow saving here (private mode?). Your diagram lives only in this tab. {download}
      </footer>
    );
  }
  const text = !status ? 'Saved in this browser' : status.state === 'pending' ? 'Saving…' : `All changes saved in this browser at ${new Date(status.savedAt).toLocaleTimeString()}`;
  return (
    <footer className="status" aria-live="polite" data-save-state={status?.state ?? 'saved'}>
      {text}
    </footer>
  );
}
