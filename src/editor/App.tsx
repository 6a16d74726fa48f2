import { useCallback, useRef } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { EditorStore } from '../store/editorStore';
import { EditorStoreProvider } from './storeContext';
import { FlowCanvas } from './FlowCanvas';
import { Toolbar } from './panels/Toolbar';
import { Inspector } from './panels/Inspector';
import { Legend } from './panels/Legend';
import { PresetGallery } from './panels/PresetGallery';
import { ShortcutsDialog } from './panels/ShortcutsDialog';
import { Toasts } from './panels/Toasts';
import { StatusBar } from './panels/StatusBar';
import { useCommands } from './useCommands';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { useAutosave } from './useAutosave';
import { useFileDrop } from './useFileDrop';
import { openDocumentFile } from './fileActions';
import { useResolvedTheme, themeVariables } from './useTheme';
import { useUi } from './uiStore';
import { ExportDialog } from './panels/ExportDialog';
import { ContextMenu } from './panels/ContextMenu';
import { PresentationView } from './present/PresentationView';
import { FunnelView } from './FunnelView';
import { FunnelSummary } from './panels/FunnelSummary';

export function App({ store, storage }: { store: EditorStore; storage: Storage | null }) {
  return (
    <EditorStoreProvider store={store}>
      <ReactFlowProvider>
        <Editor store={store} storage={storage} />
      </ReactFlowProvider>
    </EditorStoreProvider>
  );
}

function Editor({ store, storage }: { store: EditorStore; storage: Storage | null }) {
  const theme = useResolvedTheme();
  const dialog = useUi((s) => s.dialog);
  const presenting = useUi((s) => s.presenting);
  const view = useUi((s) => s.view);
  const fileInput = useRef<HTMLInputElement>(null);
  const openFilePicker = useCallback(() => fileInput.current?.click(), []);
  const commands = useCommands(openFilePicker);
  useKeyboardShortcuts(commands, dialog === null && !presenting);
  useAutosave(store, storage);
  const dragging = useFileDrop(useCallback((file: File) => void openDocumentFile(store, file), [store]));

  return (
    <div className={`app theme-${theme}`} data-theme={theme} style={themeVariables(theme)}>
      <Toolbar commands={commands} resolvedTheme={theme} />
      <main className="workspace">
        <div className="canvas">
          {view === 'graph' ? <FlowCanvas colorMode={theme} /> : <FunnelView theme={theme} />}
          {view === 'graph' && <Legend />}
          <FunnelSummary />
        </div>
        <Inspector />
      </main>
      <StatusBar />
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Open diagram file"
        data-testid="open-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void openDocumentFile(store, file);
        }}
      />
      {dragging && <div className="drop-overlay">Drop a .json diagram to open it</div>}
      {dialog === 'gallery' && <PresetGallery theme={theme} />}
      {dialog === 'shortcuts' && <ShortcutsDialog />}
      {dialog === 'export' && <ExportDialog theme={theme} />}
      <ContextMenu commands={commands} />
      {presenting && <PresentationView theme={theme} />}
      <Toasts />
    </div>
  );
}
