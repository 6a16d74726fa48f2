import { useMemo } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Direction, Phase } from '../model/schema';
import { useEditorStoreApi } from './storeContext';
import { saveDocumentFile } from './fileActions';
import { useUi } from './uiStore';
import type { ShortcutAction } from './shortcuts';
import { useLive } from './live/liveContext';

export type Commands = Record<ShortcutAction, () => void> & {
  addStageIn(phase: Phase): void;
  layout(direction: Direction): void;
};

/** Every user action in one place, shared by the toolbar, the menus and the keyboard. */
export function useCommands(openFilePicker: () => void): Commands {
  const store = useEditorStoreApi();
  const flow = useReactFlow();
  const live = useLive();
  return useMemo(() => {
    const centre = () => {
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      const point = pane ? { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 } : { x: innerWidth / 2, y: innerHeight / 2 };
      const p = flow.screenToFlowPosition(point);
      // Nudge each new item so repeated adds do not stack exactly.
      const jitter = (store.getState().document.nodes.length % 5) * 20;
      return { x: Math.round(p.x - 110 + jitter), y: Math.round(p.y - 40 + jitter) };
    };
    const s = () => store.getState();
    const addStageIn = (phase: Phase) => s().addStage(phase, centre());
    const layout = (direction: Direction) => {
      s().autoLayout(direction);
      requestAnimationFrame(() => void flow.fitView({ padding: 0.1, duration: 200 }));
    };
    return {
      addStageIn,
      layout,
      // In a live session, undo takes back only this participant's own changes.
      undo: () => (live ? live.session.undo() : s().undo()),
      redo: () => (live ? live.session.redo() : s().redo()),
      copy: () => s().copySelection(),
      paste: () => s().paste(),
      duplicate: () => s().duplicateSelection(),
      delete: () => s().deleteSelection(),
      selectAll: () => s().select({ nodeIds: s().document.nodes.map((n) => n.id), edgeIds: s().document.edges.map((e) => e.id) }),
      edit: () => {
        const { nodeIds, edgeIds } = s().selection;
        const only = nodeIds.length === 1 && edgeIds.length === 0 ? nodeIds[0] : edgeIds.length === 1 && nodeIds.length === 0 ? edgeIds[0] : undefined;
        if (only) s().setEditing(only);
      },
      escape: () => {
        if (useUi.getState().dialog) useUi.getState().openDialog(null);
        else if (s().editingId) s().setEditing(null);
        else s().select({});
      },
      addStage: () => {
        const selected = s().document.nodes.find((n) => n.id === s().selection.nodeIds[0]);
        addStageIn(selected?.kind === 'stage' ? selected.phase : 'marketing');
      },
      addNote: () => s().addNote(centre()),
      addLabel: () => s().addLabel(centre()),
      autoLayout: () => layout(s().document.settings.direction),
      fitView: () => void flow.fitView({ padding: 0.1, duration: 200 }),
      save: () => saveDocumentFile(store),
      open: openFilePicker,
      gallery: () => useUi.getState().openDialog('gallery'),
      help: () => useUi.getState().openDialog('shortcuts'),
      export: () => useUi.getState().openDialog('export'),
      present: () => useUi.getState().setPresenting(true),
    };
  }, [store, flow, openFilePicker, live]);
}
