import { useEditor } from '../storeContext';
import type { Commands } from '../useCommands';
import { useUi } from '../uiStore';

/** The top bar of a shared diagram: what it is, and how to get an editable copy. */
export function ReadOnlyBar({ onMakeCopy, commands, resolvedTheme }: { onMakeCopy?: () => void; commands: Commands; resolvedTheme: 'light' | 'dark' }) {
  const title = useEditor((s) => s.document.title);
  const setTheme = useUi((s) => s.setTheme);
  return (
    <header className="toolbar read-only-bar" role="toolbar" aria-label="Shared diagram toolbar">
      <div className="toolbar-group brand">
        <span className="logo" aria-hidden="true">▼</span>
        <strong className="doc-title-static">{title}</strong>
        <span className="badge">{onMakeCopy ? 'Read-only shared copy' : 'Watching: the facilitator has made this read-only'}</span>
      </div>
      <div className="toolbar-group">
        {onMakeCopy && <button className="primary" onClick={onMakeCopy}>Make a copy</button>}
        <button onClick={commands.present} title="Present stage by stage (F5)">Present</button>
        <button onClick={commands.export} title="Export (Ctrl+E)">Export…</button>
        <button onClick={commands.fitView}>Fit</button>
      </div>
      <div className="toolbar-group end">
        <button aria-label={resolvedTheme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'} onClick={() => setTheme(resolvedTheme === 'dark' ? 'light' : 'dark')}>
          {resolvedTheme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </header>
  );
}
