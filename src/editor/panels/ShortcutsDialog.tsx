import { SHORTCUTS, displayKey } from '../shortcuts';
import { useUi } from '../uiStore';
import { Dialog } from './Dialog';

export function ShortcutsDialog() {
  const openDialog = useUi((s) => s.openDialog);
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return (
    <Dialog title="Keyboard shortcuts" onClose={() => openDialog(null)}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>{s.keys.map((k) => <kbd key={k}>{displayKey(k, mac)}</kbd>)}</td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
