import { useCallback, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EDGE_KINDS } from '../../model/schema';
import { addLane, removeLane, setFocus, updateEdge, updateNode } from '../../model/operations';
import { useEditorStoreApi } from '../storeContext';
import { useUi, type ContextMenuState } from '../uiStore';
import type { Commands } from '../useCommands';

interface Item {
  label: string;
  run(): void;
  danger?: boolean;
}

/** Right-click menu with the actions that fit what was clicked. */
export function ContextMenu({ commands }: { commands: Commands }) {
  const { menu, openContextMenu, openCallouts } = useUi(useShallow((s) => ({ menu: s.contextMenu, openContextMenu: s.openContextMenu, openCallouts: s.openCallouts })));
  const close = useCallback(() => openContextMenu(null), [openContextMenu]);
  const store = useEditorStoreApi();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector('button')?.focus();
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close();
    };
    window.addEventListener('pointerdown', onDown, true);
    return () => window.removeEventListener('pointerdown', onDown, true);
  }, [menu, close]);
  if (!menu) return null;
  const items = menuItems(menu, store, commands, openCallouts);
  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label="Context menu"
      style={{ left: Math.min(menu.x, innerWidth - 230), top: Math.min(menu.y, innerHeight - items.length * 32 - 16) }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const buttons = [...(ref.current?.querySelectorAll('button') ?? [])];
          const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
          buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
        }
      }}
    >
      {items.map((item) => (
        <button
          key={item.label}
          role="menuitem"
          className={item.danger ? 'danger' : undefined}
          onClick={() => {
            close();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}

function menuItems(menu: ContextMenuState, store: ReturnType<typeof useEditorStoreApi>, commands: Commands, openCallouts: (id: string) => void): Item[] {
  const s = store.getState();
  const at = { x: Math.round(menu.flowX), y: Math.round(menu.flowY) };
  const { target } = menu;
  if (target.type === 'pane') {
    return [
      { label: 'Add marketing stage here', run: () => s.addStage('marketing', at) },
      { label: 'Add sales stage here', run: () => s.addStage('sales', at) },
      { label: 'Add note here', run: () => s.addNote(at) },
      { label: 'Add text here', run: () => s.addLabel(at) },
      { label: 'Add lane', run: () => s.commit((d) => addLane(d, `Lane ${d.lanes.length + 1}`).document) },
      ...(s.clipboard ? [{ label: 'Paste', run: commands.paste }] : []),
      { label: 'Auto layout', run: commands.autoLayout },
      { label: 'Select all', run: commands.selectAll },
    ];
  }
  if (target.type === 'lane') {
    return [{ label: 'Delete lane (keeps its stages)', danger: true, run: () => s.commit((d) => removeLane(d, target.id)) }];
  }
  if (target.type === 'edge') {
    const edge = s.document.edges.find((e) => e.id === target.id);
    if (!edge) return [];
    return [
      { label: edge.label ? 'Edit label' : 'Add label', run: () => s.setEditing(edge.id) },
      ...EDGE_KINDS.filter((k) => k !== edge.kind).map((kind) => ({
        label: `Make it ${kind === 'handoff' ? 'a hand-off' : kind === 'feedback' ? 'a feedback loop' : 'a flow'}`,
        run: () => s.commit((d) => updateEdge(d, edge.id, { kind })),
      })),
      { label: 'Delete connection', danger: true, run: () => s.commit((d) => ({ ...d, edges: d.edges.filter((e) => e.id !== edge.id) })) },
    ];
  }
  const node = s.document.nodes.find((n) => n.id === target.id);
  if (!node) return [];
  const common: Item[] = [
    { label: 'Duplicate', run: commands.duplicate },
    { label: 'Delete', danger: true, run: commands.delete },
  ];
  if (node.kind !== 'stage') return [{ label: 'Edit text', run: () => s.setEditing(node.id) }, ...common];
  const focused = s.document.settings.focusNodeId === node.id;
  return [
    { label: 'Rename', run: () => s.setEditing(node.id) },
    { label: 'Add comment', run: () => openCallouts(node.id) },
    { label: node.highlighted ? 'Remove highlight' : 'Highlight', run: () => s.commit((d) => updateNode(d, node.id, { highlighted: node.highlighted ? undefined : true })) },
    { label: focused ? 'Stop dimming the rest' : 'Focus: dim everything else', run: () => s.commit((d) => setFocus(d, focused ? null : node.id)) },
    ...s.document.lanes.filter((l) => l.id !== node.laneId).map((lane) => ({
      label: `Move to lane "${lane.title}"`,
      run: () => s.commit((d) => updateNode(d, node.id, { laneId: lane.id, ...(lane.phase ? { phase: lane.phase } : {}) })),
    })),
    ...common,
  ];
}
