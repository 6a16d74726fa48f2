import { useEffect } from 'react';
import { create } from 'zustand';
import { saveDraft, type SaveResult } from '../store/autosave';
import type { EditorStore } from '../store/editorStore';

export const AUTOSAVE_DELAY_MS = 400;

/** The latest autosave outcome, for the status bar and the warning banner. */
export const useSaveStatus = create<{ result: SaveResult | null }>()(() => ({ result: null }));

/** Saves the document shortly after each change, and at once when the page is hidden or closed. */
export function useAutosave(store: EditorStore, storage: Storage | null) {
  useEffect(() => {
    if (!storage) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending = false;
    const flush = () => {
      clearTimeout(timer);
      if (!pending) return;
      pending = false;
      useSaveStatus.setState({ result: saveDraft(storage, store.getState().document) });
    };
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.document === prev.document) return;
      pending = true;
      clearTimeout(timer);
      timer = setTimeout(flush, AUTOSAVE_DELAY_MS);
    });
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      flush();
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [store, storage]);
}
