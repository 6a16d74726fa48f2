import { useShallow } from 'zustand/react/shallow';
import { useEditor, useEditorStoreApi } from '../storeContext';
import { useUi } from '../uiStore';
import type { Commands } from '../useCommands';
import { DIRECTIONS, type Direction } from '../../model/schema';
import { commitSettings } from './settingsActions';
import { CommitField } from './CommitField';
import { useShell } from '../../app/shellActions';
import { useLive, useLiveHistory } from '../live/liveContext';
import { addLane } from '../../model/operations';

export function Toolbar({ commands, resolvedTheme }: { commands: Commands; resolvedTheme: 'light' | 'dark' }) {
  const shell = useShell();
  const store = useEditorStoreApi();
  const live = useLive();

  const liveHistory = useLiveHistory(live?.session);
  const { localUndo, localRedo, direction, title, commit } = useEditor((s) => ({
    localUndo: s.history.past.length > 0,
    localRedo: s.history.future.length > 0,
    direction: s.document.settings.direction,
    title: s.document.title,
    commit: s.commit,
  }));
  const canUndo = liveHistory ? liveHistory.canUndo : localUndo;
  const canRedo = liveHistory ? liveHistory.canRedo : localRedo;
  const { snapToGrid, toggleSnap, setTheme, view, setView } = useUi(useShallow((s) => ({ snapToGrid: s.snapToGrid, toggleSnap: s.toggleSnap, setTheme: s.setTheme, view: s.view, setView: s.setView })));
  return (
    <header className="toolbar" role="toolbar" aria-label="Editor toolbar">
      <div className="toolbar-group brand">
        {shell?.goToLibrary ? (
          <button className="logo-button" onClick={shell.goToLibrary} aria-label="My diagrams" title="My diagrams">
            <span className="logo" aria-hidden="true">▼</span>
          </button>
        ) : (
          <span className="logo" aria-hidden="true">▼</span>
        )}
        <CommitField
          className="doc-title"
          label="Diagram title"
          value={title}
          validate={(v) => (v.trim() ? null : 'The diagram needs a title')}
          onCommit={(v) => commit((d) => ({ ...d, title: v.trim() }))}
        />
      </div>
      <div className="toolbar-group">
        <button onClick={commands.gallery} title="Presets (G)">Presets</button>
        <button onClick={commands.open} title="Open a .json file (Ctrl+O)">Open…</button>
        <button onClick={commands.save} title="Save as .json (Ctrl+S)">Save</button>
        <button onClick={commands.export} title="Export PNG, SVG, JSON (Ctrl+E)">Export…</button>
        <button onClick={commands.present} title="Present stage by stage (F5)">Present</button>
        {shell?.share && <button onClick={() => shell.share?.(store.getState().document)} title="Copy a read-only link to this diagram">Share</button>}
        {shell?.startLive && !live && <button onClick={() => shell.startLive?.(store.getState().document)} title="Edit together in real time: everyone with the link joins">Go live</button>}
      </div>
      <div className="toolbar-group">
        <button onClick={() => commands.addStageIn('marketing')} aria-label="Add marketing stage" title="Add a marketing stage (S)">+ Marketing</button>
        <button onClick={() => commands.addStageIn('sales')} aria-label="Add sales stage" title="Add a sales stage">+ Sales</button>
        <button onClick={commands.addNote} aria-label="Add note" title="Add a sticky note (N)">+ Note</button>
        <button onClick={commands.addLabel} aria-label="Add text" title="Add a text label (T)">+ Text</button>
        <button onClick={() => commit((d) => addLane(d, `Lane ${d.lanes.length + 1}`).document)} aria-label="Add lane" title="Add a lane">+ Lane</button>
      </div>
      <div className="toolbar-group">
        <button onClick={commands.undo} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">↶</button>
        <button onClick={commands.redo} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">↷</button>
      </div>
      <div className="toolbar-group">
        <button onClick={() => commands.layout(direction)} title="Auto layout (L)">Auto layout</button>
        <select
          aria-label="Layout direction"
          value={direction}
          onChange={(e) => {
            const next = e.target.value as Direction;
            commitSettings(commit, { direction: next });
            commands.layout(next);
          }}
        >
          {DIRECTIONS.map((d) => (
            <option key={d} value={d}>
              {d === 'LR' ? '→ Across' : '↓ Down'}
            </option>
          ))}
        </select>
        <button onClick={commands.fitView} title="Fit the diagram in view (F)">Fit</button>
        <button aria-pressed={snapToGrid} onClick={toggleSnap} title="Snap to grid">Snap</button>
      </div>
      <div className="toolbar-group segmented" role="group" aria-label="View">
        <button aria-pressed={view === 'graph'} onClick={() => setView('graph')} title="Edit the diagram">Diagram</button>
        <button aria-pressed={view === 'funnel'} onClick={() => setView('funnel')} title="Show the main path as a funnel chart">Funnel</button>
      </div>
      <div className="toolbar-group end">
        <button
          aria-label={resolvedTheme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          onClick={() => setTheme(resolvedTheme === 'dark' ? 'light' : 'dark')}
          title="Toggle light/dark theme"
        >
          {resolvedTheme === 'dark' ? '☀' : '☾'}
        </button>
        <button onClick={commands.help} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
      </div>
    </header>
  );
}
