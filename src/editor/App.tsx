import { useCallback, useEffect, useRef } from 'react';
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
import { useFileDrop } from './useFileDrop';
import { openDocumentFile } from './fileActions';
import { useResolvedTheme, themeVariables } from './useTheme';
import { useUi } from './uiStore';
import { ExportDialog } from './panels/ExportDialog';
import { ContextMenu } from './panels/ContextMenu';
import { PresentationView } from './present/PresentationView';
import { FunnelView } from './FunnelView';
import { FunnelSummary } from './panels/FunnelSummary';
import { ReadOnlyBar } from './panels/ReadOnlyBar';
import { useShell } from '../app/shellActions';
import { useLive, useSessionState } from './live/liveContext';
import { LiveBar } from './live/LiveBar';

export interface AppProps {
  store: EditorStore;
  /** A shared diagram: it can be viewed, presented and exported, but not edited. */
  readOnly?: { onMakeCopy?: () => void };
  /** Embedded in another page: the diagram only, no chrome. */
  embed?: boolean;
}

export function App(props: AppProps) {
  return (
    <EditorStoreProvider store={props.store}>
      <ReactFlowProvider>
        <Editor {...props} />
      </ReactFlowProvider>
    </EditorStoreProvider>
  );
}

function Editor({ store, readOnly: sharedReadOnly, embed }: AppProps) {
  const live = useLive();
  const liveState = useSessionState(live?.session);
  // In a live session the facilitator can make the diagram read-only for everyone else.
  const readOnly = sharedReadOnly ?? (live && liveState?.readOnly && !live.session.isFacilitator() ? { onMakeCopy: undefined } : undefined);
  const theme = useResolvedTheme();
  const dialog = useUi((s) => s.dialog);
  const presenting = useUi((s) => s.presenting);
  const view = useUi((s) => s.view);
  const shell = useShell();
  const setPresenting = useUi((s) => s.setPresenting);
  const followStep = live && !live.session.isFacilitator() ? liveState?.followStep ?? null : null;
  useEffect(() => {
    // When the facilitator starts presenting, participants' screens follow along.
    if (followStep !== null) setPresenting(true);
  }, [followStep !== null, setPresenting]); // eslint-disable-line react-hooks/exhaustive-deps
  const fileInput = useRef<HTMLInputElement>(null);
  const openFilePicker = useCallback(() => fileInput.current?.click(), []);
  const openFile = useCallback((file: File) => void (shell ? shell.openFile(file) : openDocumentFile(store, file)), [shell, store]);
  const commands = useCommands(openFilePicker);
  useKeyboardShortcuts(commands, dialog === null && !presenting, Boolean(readOnly));
  const dragging = useFileDrop(openFile, !readOnly);

  if (embed) {
    return (
      <div className={`app embed theme-${theme}`} data-theme={theme} style={themeVariables(theme)}>
        <main className="canvas">
          {view === 'graph' ? <FlowCanvas colorMode={theme} readOnly /> : <FunnelView theme={theme} />}
        </main>
      </div>
    );
  }

  return (
    <div className={`app theme-${theme}${readOnly ? ' read-only' : ''}`} data-theme={theme} style={themeVariables(theme)}>
      <div className="app-top">
        {live && <LiveBar />}
        {readOnly ? <ReadOnlyBar onMakeCopy={readOnly.onMakeCopy} commands={commands} resolvedTheme={theme} /> : <Toolbar commands={commands} resolvedTheme={theme} />}
      </div>
      <main className="workspace">
        <div className="canvas">
          {view === 'graph' ? <FlowCanvas colorMode={theme} readOnly={Boolean(readOnly)} /> : <FunnelView theme={theme} />}
          {view === 'graph' && <Legend />}
          <FunnelSummary />
        </div>
        {!readOnly && <Inspector />}
      </main>
      {!readOnly && <StatusBar />}
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
          if (file) openFile(file);
        }}
      />
      {dragging && <div className="drop-overlay">Drop a .json diagram to open it as a new diagram</div>}
      {dialog === 'gallery' && <PresetGallery theme={theme} />}
      {dialog === 'shortcuts' && <ShortcutsDialog />}
      {dialog === 'export' && <ExportDialog theme={theme} />}
      {!readOnly && <ContextMenu commands={commands} />}
      {presenting && <PresentationView theme={theme} />}
      <Toasts />
    </div>
  );
}
