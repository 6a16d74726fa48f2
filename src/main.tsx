import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { App } from './editor/App';
import { createEditorStore } from './store/editorStore';
import { restoreDraft } from './store/autosave';
import { defaultDocument } from './presets/catalog';
import { useUi } from './editor/uiStore';
import { loadFonts } from './editor/fonts';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const storage = browserStorage();
const restored = storage ? restoreDraft(storage) : { kind: 'none' as const };
const store = createEditorStore(restored.kind === 'restored' ? restored.document : defaultDocument());
if (restored.kind === 'unreadable') {
  useUi.getState().notify({
    tone: 'error',
    message: `Your last autosaved diagram could not be read (${restored.message}). ${restored.keptAs ? `It was kept in browser storage as "${restored.keptAs}" and not deleted.` : ''} The default preset is open instead.`,
  });
}

// Text is measured with Arimo's metrics; start drawing once the face is there (or failed).
void loadFonts().catch(() => undefined).finally(() => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} storage={storage} />
  </StrictMode>,
));
