import { useCallback, useEffect, useMemo, useRef } from 'react';
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type EdgeChange,
  type NodeChange,
  type NodeMouseHandler,
  type OnConnect,
  type OnNodeDrag,
} from '@xyflow/react';
import type { Position } from '../model/schema';
import { stepNumbers } from '../model/journeyOrder';
import { computeFunnel } from '../metrics/computeFunnel';
import { PHASE_COLORS } from '../layout/constants';
import { useEditor, useEditorStoreApi } from './storeContext';
import { useGeometry } from './useGeometry';
import { LANE_PREFIX, toFlowEdges, toFlowNodes, type FlowEdge, type FlowNode } from './toFlow';
import { assignDroppedStagesToLanes, laneMemberIds } from './laneDrop';
import { StageNode } from './nodes/StageNode';
import { NoteNode } from './nodes/NoteNode';
import { LabelNode } from './nodes/LabelNode';
import { LaneNode } from './nodes/LaneNode';
import { DiagramEdge } from './edges/DiagramEdge';
import { useUi, type MenuTarget } from './uiStore';
import { useLive, usePeers } from './live/liveContext';
import { PeerCursors } from './live/PeerCursors';

// Declared once at module scope: new objects on each render would remount every node.
const nodeTypes = { stage: StageNode, note: NoteNode, label: LabelNode, lane: LaneNode };
const edgeTypes = { diagram: DiagramEdge };

export function FlowCanvas({ colorMode, readOnly = false }: { colorMode: 'light' | 'dark'; readOnly?: boolean }) {
  const store = useEditorStoreApi();
  const document = useEditor((s) => s.document);
  const selection = useEditor((s) => s.selection);
  const revision = useEditor((s) => s.revision);
  const snapToGrid = useUi((s) => s.snapToGrid);
  const geometry = useGeometry();
  const { fitView, screenToFlowPosition } = useReactFlow();
  const openContextMenu = useUi((s) => s.openContextMenu);
  const steps = useMemo(() => (document.settings.showStepNumbers ? stepNumbers(document) : new Map<string, number>()), [document]);
  const metrics = useMemo(() => (document.settings.showMetrics ? computeFunnel(document) : undefined), [document]);
  const nodes = useMemo(() => toFlowNodes(document, geometry, selection, steps, metrics, !readOnly), [document, geometry, selection, steps, metrics, readOnly]);
  const edges = useMemo(() => toFlowEdges(document, geometry, selection, !readOnly), [document, geometry, selection, readOnly]);
  const dragged = useRef<string[]>([]);
  const live = useLive();
  const peers = usePeers(live?.session);
  useEffect(() => {
    live?.session.setSelection([...selection.nodeIds]);
  }, [live, selection.nodeIds]);
  const lastCursor = useRef(0);
  const pendingCursor = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onPointerMove = useCallback(
    (e: React.PointerEvent) => {
      if (!live) return;
      const point = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const send = () => {
        pendingCursor.current = null;
        lastCursor.current = performance.now();
        live.session.setCursor(point);
      };
      // Cursors travel at most ~30 times a second; the last position of a burst is sent when the slot frees up.
      if (pendingCursor.current !== null) clearTimeout(pendingCursor.current);
      const wait = lastCursor.current + 33 - performance.now();
      if (wait <= 0) send();
      else pendingCursor.current = setTimeout(send, wait);
    },
    [live, screenToFlowPosition],
  );
  const onPointerLeave = useCallback(() => {
    if (pendingCursor.current !== null) clearTimeout(pendingCursor.current);
    pendingCursor.current = null;
    live?.session.setCursor(null);
  }, [live]);

  useEffect(() => {
    // A newly opened document is shown whole.
    if (revision > 0) requestAnimationFrame(() => void fitView({ padding: 0.1, duration: 200 }));
  }, [revision, fitView]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const state = store.getState();
      const moves = new Map<string, Position>();
      let selectionChanged = false;
      const nodeIds = new Set(state.selection.nodeIds);
      const laneIds = new Set(state.selection.laneIds);
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          if (change.id.startsWith(LANE_PREFIX)) {
            moveLane(change.id.slice(LANE_PREFIX.length), change.position, moves);
          } else {
            moves.set(change.id, { x: Math.round(change.position.x), y: Math.round(change.position.y) });
          }
        } else if (change.type === 'select') {
          selectionChanged = true;
          const set = change.id.startsWith(LANE_PREFIX) ? laneIds : nodeIds;
          const id = change.id.startsWith(LANE_PREFIX) ? change.id.slice(LANE_PREFIX.length) : change.id;
          if (change.selected) set.add(id);
          else set.delete(id);
        }
      }
      if (moves.size) state.dragNodes(moves);
      if (selectionChanged) state.select({ ...state.selection, nodeIds: [...nodeIds], laneIds: [...laneIds] });

      function moveLane(laneId: string, to: Position, into: Map<string, Position>) {
        const band = geometry.lanes.find((l) => l.id === laneId);
        if (!band) return;
        const dx = Math.round(to.x - band.x);
        const dy = Math.round(to.y - band.y);
        const members = new Set(laneMemberIds(state.document, laneId));
        for (const n of state.document.nodes) {
          if (members.has(n.id) && n.position) into.set(n.id, { x: n.position.x + dx, y: n.position.y + dy });
        }
      }
    },
    [store, geometry],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      const state = store.getState();
      const edgeIds = new Set(state.selection.edgeIds);
      let changed = false;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        changed = true;
        if (change.selected) edgeIds.add(change.id);
        else edgeIds.delete(change.id);
      }
      if (changed) state.select({ ...state.selection, edgeIds: [...edgeIds] });
    },
    [store],
  );

  const onConnect: OnConnect = useCallback((c) => store.getState().connect(c.source, c.target), [store]);
  const onNodeDragStart: OnNodeDrag<FlowNode> = useCallback(
    (_e, node) => {
      const { selection } = store.getState();
      dragged.current = selection.nodeIds.includes(node.id) ? selection.nodeIds : [node.id];
      store.getState().beginGesture();
    },
    [store],
  );
  const onNodeDragStop: OnNodeDrag<FlowNode> = useCallback(() => {
    const ids = dragged.current;
    store.getState().endGesture((doc) => assignDroppedStagesToLanes(doc, ids));
  }, [store]);
  const onNodeDoubleClick: NodeMouseHandler<FlowNode> = useCallback((_e, node) => {
    if (node.type !== 'lane' && !readOnly) store.getState().setEditing(node.id);
  }, [store, readOnly]);

  const showMenu = useCallback(
    (event: React.MouseEvent | MouseEvent, target: MenuTarget) => {
      event.preventDefault();
      const state = store.getState();
      if (target.type === 'node' && !state.selection.nodeIds.includes(target.id)) state.select({ nodeIds: [target.id] });
      if (target.type === 'edge' && !state.selection.edgeIds.includes(target.id)) state.select({ edgeIds: [target.id] });
      const flow = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      openContextMenu({ x: event.clientX, y: event.clientY, flowX: flow.x, flowY: flow.y, target });
    },
    [store, screenToFlowPosition, openContextMenu],
  );

  return (
    <ReactFlow<FlowNode, FlowEdge>
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      edgesReconnectable={false}
      onNodeContextMenu={(e, node) =>
        readOnly ? undefined :
        showMenu(e, node.id.startsWith(LANE_PREFIX) ? { type: 'lane', id: node.id.slice(LANE_PREFIX.length) } : { type: 'node', id: node.id })
      }
      onEdgeContextMenu={(e, edge) => (readOnly ? undefined : showMenu(e, { type: 'edge', id: edge.id }))}
      onPaneContextMenu={(e) => (readOnly ? undefined : showMenu(e, { type: 'pane' }))}
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onNodeDragStart={onNodeDragStart}
      onNodeDragStop={onNodeDragStop}
      onNodeDoubleClick={onNodeDoubleClick}
      onEdgeDoubleClick={(_e, edge) => (readOnly ? undefined : store.getState().setEditing(edge.id))}
      onPaneClick={() => store.getState().select({})}
      connectionMode={ConnectionMode.Loose}
      deleteKeyCode={null}
      selectionKeyCode="Shift"
      multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
      snapToGrid={snapToGrid}
      snapGrid={[10, 10]}
      zoomOnDoubleClick={false}
      minZoom={0.1}
      maxZoom={3}
      fitView
      fitViewOptions={{ padding: 0.1 }}
      colorMode={colorMode}
      aria-label="Diagram canvas"
      onPointerMove={onPointerMove}
      onPointerLeave={onPointerLeave}
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
      <MiniMap pannable zoomable ariaLabel="Mini map" nodeColor={(n) => miniMapColor(n as FlowNode)} />
      <Controls showInteractive={false} aria-label="Zoom controls" />
      {live && <PeerCursors peers={peers} />}
    </ReactFlow>
  );
}

function miniMapColor(node: FlowNode): string {
  if (node.type === 'lane') return 'transparent';
  const n = node.data.node;
  return n.kind === 'stage' ? (n.color ?? PHASE_COLORS[n.phase]) : '#cbd5e1';
}
