import { useShallow } from 'zustand/react/shallow';
import { useMemo } from 'react';
import { PRESETS } from '../../presets/catalog';
import { renderSvg } from '../../render/renderSvg';
import { useEditorStoreApi } from '../storeContext';
import { useUi } from '../uiStore';
import { Dialog } from './Dialog';
import { useShell } from '../../app/shellActions';

/** Opening a preset replaces the canvas; the previous diagram stays one undo away, and we say so. */
export function PresetGallery({ theme }: { theme: 'light' | 'dark' }) {
  const store = useEditorStoreApi();
  const shell = useShell();
  const { openDialog, notify } = useUi(useShallow((s) => ({ openDialog: s.openDialog, notify: s.notify })));
  const thumbs = useMemo(() => new Map(PRESETS.map((p) => [p.id, `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSvg(p.document, { theme, padding: 16 }).svg)}`])), [theme]);
  return (
    <Dialog title="Presets" wide onClose={() => openDialog(null)}>
      <ul className="gallery">
        {PRESETS.map((p) => (
          <li key={p.id}>
            <button
              className="gallery-card"
              aria-label={`Open preset ${p.document.title}`}
              onClick={() => {
                openDialog(null);
                if (shell) {
                  // A preset becomes a new diagram in the library; the open one stays where it is.
                  void shell.createFrom(p.document);
                  return;
                }
                store.getState().loadDocument(p.document);
                notify({ tone: 'info', message: `Opened "${p.document.title}". Press Ctrl+Z to go back to your previous diagram.` });
              }}
            >
              <img src={thumbs.get(p.id)} alt="" />
              <strong>{p.document.title}</strong>
              <span>{p.document.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
