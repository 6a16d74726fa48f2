import { createContext, useContext } from 'react';
import type { FunnelDocument } from '../model/schema';

/** What the editor asks of the surrounding app: files and presets become new library entries. */
export interface ShellActions {
  openFile(file: File): Promise<void>;
  createFrom(doc: FunnelDocument): Promise<void>;
  goToLibrary?(): void;
  share?(doc: FunnelDocument): void;
  startLive?(doc: FunnelDocument): void;
}

export const ShellContext = createContext<ShellActions | null>(null);

export function useShell(): ShellActions | null {
  return useContext(ShellContext);
}
