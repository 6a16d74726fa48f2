/**
 * Keyboard shortcuts: one table drives the handler, the help dialog and the README section.
 * "Mod" is Ctrl on Windows/Linux and Cmd on macOS.
 */
export type ShortcutAction =
  | 'undo' | 'redo' | 'copy' | 'paste' | 'duplicate' | 'delete' | 'selectAll' | 'edit' | 'escape'
  | 'addStage' | 'addNote' | 'addLabel' | 'autoLayout' | 'fitView' | 'save' | 'open' | 'gallery' | 'help' | 'export' | 'present';

export interface Shortcut {
  keys: string[];
  action: ShortcutAction;
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Mod+Z'], action: 'undo', description: 'Undo' },
  { keys: ['Mod+Shift+Z', 'Mod+Y'], action: 'redo', description: 'Redo' },
  { keys: ['Mod+C'], action: 'copy', description: 'Copy the selection' },
  { keys: ['Mod+V'], action: 'paste', description: 'Paste' },
  { keys: ['Mod+D'], action: 'duplicate', description: 'Duplicate the selection' },
  { keys: ['Delete', 'Backspace'], action: 'delete', description: 'Delete the selection' },
  { keys: ['Mod+A'], action: 'selectAll', description: 'Select everything' },
  { keys: ['Enter'], action: 'edit', description: 'Edit the selected stage, note, label or edge label' },
  { keys: ['Escape'], action: 'escape', description: 'Stop editing, close a dialog, clear the selection' },
  { keys: ['S'], action: 'addStage', description: 'Add a stage' },
  { keys: ['N'], action: 'addNote', description: 'Add a sticky note' },
  { keys: ['T'], action: 'addLabel', description: 'Add a text label' },
  { keys: ['L'], action: 'autoLayout', description: 'Auto layout' },
  { keys: ['F'], action: 'fitView', description: 'Fit the diagram in view' },
  { keys: ['Mod+S'], action: 'save', description: 'Save as a .json file' },
  { keys: ['Mod+O'], action: 'open', description: 'Open a .json file' },
  { keys: ['G'], action: 'gallery', description: 'Open the preset gallery' },
  { keys: ['Mod+E'], action: 'export', description: 'Export (PNG, SVG, JSON…)' },
  { keys: ['F5'], action: 'present', description: 'Present stage by stage' },
  { keys: ['?'], action: 'help', description: 'Show keyboard shortcuts' },
];

export interface KeyInfo {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Whether a key event matches a binding such as "Mod+Shift+Z". */
export function matchesKey(event: KeyInfo, binding: string): boolean {
  const parts = binding.split('+');
  const key = parts[parts.length - 1]!;
  const wantMod = parts.includes('Mod');
  const wantShift = parts.includes('Shift');
  const mod = event.ctrlKey || event.metaKey;
  if (mod !== wantMod || event.altKey) return false;
  // "?" is typed with Shift on most layouts, so Shift is not part of its identity.
  if (key !== '?' && event.shiftKey !== wantShift) return false;
  return event.key.toLowerCase() === key.toLowerCase();
}

export function findShortcut(event: KeyInfo): Shortcut | undefined {
  return SHORTCUTS.find((s) => s.keys.some((k) => matchesKey(event, k)));
}

/** "Mod+Z" → "Ctrl+Z" or "⌘Z". */
export function displayKey(binding: string, mac: boolean): string {
  return mac ? binding.replace('Mod+', '⌘').replace('Shift+', '⇧') : binding.replace('Mod', 'Ctrl');
}
