import { useEffect } from 'react';
import { findShortcut } from './shortcuts';
import type { Commands } from './useCommands';

/** Keys typed into a text field belong to the field, except Escape. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** What a read-only viewer may still do. */
const VIEWER_ACTIONS = new Set(['fitView', 'present', 'export', 'help', 'escape']);

export function useKeyboardShortcuts(commands: Commands, enabled = true, readOnly = false) {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (isTyping(event.target) && event.key !== 'Escape') return;
      const shortcut = findShortcut(event);
      if (!shortcut || (readOnly && !VIEWER_ACTIONS.has(shortcut.action))) return;
      // Buttons and links keep their own Enter and Space.
      if (shortcut.action === 'edit' && event.target instanceof HTMLElement && ['BUTTON', 'A'].includes(event.target.tagName)) return;
      event.preventDefault();
      commands[shortcut.action]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands, enabled, readOnly]);
}
