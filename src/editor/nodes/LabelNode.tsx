import { memo } from 'react';
import type { NodeProps, Node } from '@xyflow/react';
import { LABEL } from '../../layout/constants';
import { updateNode } from '../../model/operations';
import type { DiagramNodeData } from '../toFlow';
import { useEditor } from '../storeContext';
import { InlineEditor } from './InlineEditor';

function LabelNodeView({ id, data, selected }: NodeProps<Node<DiagramNodeData, 'label'>>) {
  const { node, geometry, dimmed } = data;
  const editing = useEditor((s) => s.editingId === id);
  const { commit, setEditing } = useEditor((s) => ({ commit: s.commit, setEditing: s.setEditing }));
  if (node.kind !== 'label') return null;
  const { text } = geometry;
  return (
    <div
      className={`label-node label-${node.variant}${selected ? ' is-selected' : ''}${dimmed ? ' is-dimmed' : ''}`}
      style={{ minWidth: geometry.width, height: geometry.height, padding: LABEL.padding, fontSize: text.fontSize, lineHeight: `${text.lineHeight}px`, fontWeight: text.fontWeight }}
      data-testid={`label-${id}`}
    >
      {editing ? (
        <InlineEditor
          label="Label text"
          initial={node.text}
          style={{ fontSize: text.fontSize, fontWeight: text.fontWeight, minWidth: 200 }}
          onCommit={(value) => {
            setEditing(null);
            if (value.trim() && value !== node.text) commit((d) => updateNode(d, id, { text: value.trim() }));
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        text.lines.map((line, i) => <div key={i}>{line}</div>)
      )}
    </div>
  );
}

export const LabelNode = memo(LabelNodeView);
