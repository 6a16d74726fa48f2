import { describe, it, expect } from 'vitest';
import { SHORTCUTS, findShortcut, matchesKey } from '../../src/editor/shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it('maps Ctrl and Cmd alike to Mod', () => {
    expect(findShortcut(key('z', { ctrlKey: true }))?.action).toBe('undo');
    expect(findShortcut(key('z', { metaKey: true }))?.action).toBe('undo');
  });
  it('tells undo from redo by Shift, and accepts Ctrl+Y for redo', () => {
    expect(findShortcut(key('Z', { ctrlKey: true, shiftKey: true }))?.action).toBe('redo');
    expect(findShortcut(key('y', { ctrlKey: true }))?.action).toBe('redo');
  });
  it('does not fire single-letter shortcuts with a modifier held', () => {
    expect(matchesKey(key('n', { ctrlKey: true }), 'N')).toBe(false);
    expect(matchesKey(key('n', { altKey: true }), 'N')).toBe(false);
    expect(findShortcut(key('n'))?.action).toBe('addNote');
  });
  it('gives every binding to exactly one action', () => {
    const bindings = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(bindings).size).toBe(bindings.length);
  });
});
