import { memo } from 'react';
import { NodeResizer, type NodeProps, type Node } from '@xyflow/react';
import { NOTE, NOTE_FILL } from '../../layout/constants';
import { updateNode } from '../../model/operations';
import type { DiagramNodeData } from '../toFlow';
import { useEditor } from '../storeContext';
import { InlineEditor } from './InlineEditor';

function NoteNodeView({ id, data, selected }: NodeProps<Node<DiagramNodeData, 'note'>>) {
  const { node, geometry, dimmed } = data;
  const editing = useEditor((s) => s.editingId === id);
  const { commit, setEditing, beginGesture, endGesture } = useEditor((s) => ({ commit: s.commit, setEditing: s.setEditing, beginGesture: s.beginGesture, endGesture: s.endGesture }));
  if (node.kind !== 'note') return null;
  return (
    <div
      className={`note-node${selected ? ' is-selected' : ''}${dimmed ? ' is-dimmed' : ''}`}
      style={{ width: geometry.width, height: geometry.height, background: NOTE_FILL[node.color], padding: NOTE.padding, borderRadius: NOTE.radius }}
      data-testid={`note-${id}`}
    >
      <NodeResizer
        isVisible={selected && !editing}
        minWidth={80}
        minHeight={50}
        onResizeStart={() => beginGesture()}
        onResize={(_e, p) => commit((d) => updateNode(d, id, { position: { x: Math.round(p.x), y: Math.round(p.y) }, size: { width: Math.round(p.width), height: Math.round(p.height) } }))}
        onResizeEnd={() => endGesture()}
      />
      {editing ? (
        <InlineEditor
          label="Note text"
          multiline
          initial={node.text}
          style={{ fontSize: NOTE.fontSize, lineHeight: `${NOTE.lineHeight}px`, height: '100%' }}
          onCommit={(text) => {
            setEditing(null);
            if (text !== node.text) commit((d) => updateNode(d, id, { text }));
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <div className="note-text" style={{ fontSize: NOTE.fontSize, lineHeight: `${NOTE.lineHeight}px` }}>
          {geometry.text.lines.length ? geometry.text.lines.map((line, i) => <div key={i}>{line || '\u00a0'}</div>) : <div className="placeholder">Double-click to write</div>}
        </div>
      )}
    </div>
  );
}

export const NoteNode = memo(NoteNodeView);
