import { useUi } from '../uiStore';
import { useEditorStoreApi } from '../storeContext';
import { renderSvg } from '../../render/renderSvg';
import { serializeDocument } from '../../model/serialize';
import { downloadBlob, fileNameFromTitle } from '../../export/download';
import { Dialog } from './Dialog';

/** Minimal export (SVG, JSON) until the full export dialog lands. */
export function ExportDialog({ theme }: { theme: 'light' | 'dark' }) {
  const store = useEditorStoreApi();
  const openDialog = useUi((s) => s.openDialog);
  const doc = store.getState().document;
  return (
    <Dialog title="Export" onClose={() => openDialog(null)}>
      <div className="row">
        <button onClick={() => downloadBlob(new Blob([renderSvg(doc, { theme }).svg], { type: 'image/svg+xml' }), fileNameFromTitle(doc.title, 'svg'))}>Download SVG</button>
        <button onClick={() => downloadBlob(new Blob([serializeDocument(doc)], { type: 'application/json' }), fileNameFromTitle(doc.title, 'json'))}>Download JSON</button>
      </div>
    </Dialog>
  );
}
