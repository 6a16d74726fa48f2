import { create } from 'zustand';
import type { SaveStatus } from '../store/documentSaver';

/** The open diagram's autosave state, shown in the status bar. */
export const useSaveStatus = create<{ status: SaveStatus | null; persistent: boolean }>()(() => ({ status: null, persistent: true }));
