/** View-only state (dialogs, theme, toasts). Never part of the document or its history. */
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type DialogName = 'gallery' | 'shortcuts' | 'export' | null;

export interface Toast {
  id: number;
  tone: 'info' | 'error';
  message: string;
  detail?: string[];
}

export type MenuTarget = { type: 'node' | 'edge' | 'lane'; id: string } | { type: 'pane' };

export interface ContextMenuState {
  /** Screen position of the menu. */
  x: number;
  y: number;
  /** Diagram position under the pointer, where "add here" places things. */
  flowX: number;
  flowY: number;
  target: MenuTarget;
}

interface UiState {
  theme: ThemeChoice;
  contextMenu: ContextMenuState | null;
  /** Presentation mode is on; `presentStyle` says whether unreached stages are hidden or dimmed. */
  presenting: boolean;
  /** The canvas shows the editable graph, or the journey's main path as a funnel chart. */
  view: 'graph' | 'funnel';
  setView(view: 'graph' | 'funnel'): void;
  presentStyle: 'reveal' | 'focus';
  setPresenting(on: boolean): void;
  setPresentStyle(style: 'reveal' | 'focus'): void;
  /** Stage whose comments popover is open. */
  calloutsFor: string | null;
  openContextMenu(menu: ContextMenuState | null): void;
  openCallouts(nodeId: string | null): void;
  snapToGrid: boolean;
  dialog: DialogName;
  toasts: Toast[];
  setTheme(theme: ThemeChoice): void;
  toggleSnap(): void;
  openDialog(dialog: DialogName): void;
  notify(toast: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
}

const THEME_KEY = 'funnel-editor:theme';
let toastId = 0;

function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export const useUi = create<UiState>()((set) => ({
  theme: typeof localStorage === 'undefined' ? 'system' : storedTheme(),
  snapToGrid: true,
  dialog: null,
  contextMenu: null,
  presenting: false,
  view: 'graph',
  setView: (view) => set({ view }),
  presentStyle: 'focus',
  setPresenting: (presenting) => set({ presenting, dialog: null, contextMenu: null }),
  setPresentStyle: (presentStyle) => set({ presentStyle }),
  calloutsFor: null,
  openContextMenu: (contextMenu) => set({ contextMenu }),
  openCallouts: (calloutsFor) => set({ calloutsFor }),
  toasts: [],
  setTheme: (theme) => {
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // The theme is a preference; failing to remember it is harmless.
    }
    set({ theme });
  },
  toggleSnap: () => set((s) => ({ snapToGrid: !s.snapToGrid })),
  openDialog: (dialog) => set({ dialog }),
  notify: (toast) => set((s) => ({ toasts: [...s.toasts.slice(-3), { ...toast, id: ++toastId }] })),
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));
