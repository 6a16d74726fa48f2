import { memo } from 'react';
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { PHASE_COLORS, STAGE } from '../../layout/constants';
import { updateNode } from '../../model/operations';
import type { DiagramNodeData } from '../toFlow';
import { useEditor } from '../storeContext';
import { Icon } from './Icon';
import { InlineEditor } from './InlineEditor';
import { formatCompact } from '../../metrics/format';
import { useUi } from '../uiStore';
import { CalloutList } from '../panels/CalloutList';

const SIDES = [Position.Top, Position.Right, Position.Bottom, Position.Left] as const;

function StageNodeView({ id, data, selected }: NodeProps<Node<DiagramNodeData, 'stage'>>) {
  const { node, geometry, step, callouts, dimmed, numbers, editable } = data;
  const editing = useEditor((s) => s.editingId === id);
  const calloutsOpen = useUi((s) => s.calloutsFor === id);
  const openCallouts = useUi((s) => s.openCallouts);
  const { commit, setEditing } = useEditor((s) => ({ commit: s.commit, setEditing: s.setEditing }));
  if (node.kind !== 'stage') return null;
  const color = node.color ?? PHASE_COLORS[node.phase];
  const { text, detail } = geometry;
  return (
    <div
      className={`stage-node${selected ? ' is-selected' : ''}${node.highlighted ? ' is-highlighted' : ''}${dimmed ? ' is-dimmed' : ''}${numbers?.biggestDropOff ? ' is-leakiest' : ''}`}
      style={{ width: geometry.width, height: geometry.height, borderRadius: STAGE.radius, ['--stage-color' as string]: color }}
      data-testid={`stage-${id}`}
      data-phase={node.phase}
      title={node.description || undefined}
    >
      <div className="stage-accent" style={{ width: STAGE.accentWidth }} />
      <div className="stage-body" style={{ padding: STAGE.padding, paddingLeft: STAGE.padding + STAGE.accentWidth }}>
        <div className="stage-head" style={{ gap: STAGE.iconGap }}>
          {node.icon && (
            <span className="stage-icon">
              <Icon name={node.icon} size={STAGE.iconSize} color={color} />
            </span>
          )}
          {editing ? (
            <InlineEditor
              label="Stage title"
              initial={node.title}
              style={{ fontSize: STAGE.titleSize, lineHeight: `${STAGE.titleLineHeight}px` }}
              onCommit={(title) => {
                setEditing(null);
                if (title.trim() && title !== node.title) commit((d) => updateNode(d, id, { title: title.trim() }));
              }}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <div className="stage-title" style={{ fontSize: text.fontSize, lineHeight: `${text.lineHeight}px` }}>
              {text.lines.map((line, i) => (
                <div key={i}>{line}</div>
              ))}
            </div>
          )}
        </div>
        {detail.lines.length > 0 && (
          <div className="stage-detail" style={{ fontSize: detail.fontSize, lineHeight: `${detail.lineHeight}px`, marginTop: STAGE.detailGap }}>
            {detail.lines.map((line, i) => (
              <div key={i}>{line}</div>
            ))}
          </div>
        )}
        <div className="stage-footer" style={{ height: STAGE.footerHeight }}>
          <span className="stage-phase">{node.phase === 'marketing' ? 'Marketing' : 'Sales'}</span>
          {numbers?.volume !== undefined && (
            <span className={`stage-volume${numbers.explicit ? ' is-explicit' : ''}`} title={numbers.explicit ? 'Entering volume (typed in)' : 'Computed from the incoming flows'} data-testid={`volume-${id}`}>
              {formatCompact(numbers.volume)}
            </span>
          )}
        </div>
      </div>
      {step !== undefined && <span className="stage-step" aria-label={`Step ${step}`}>{step}</span>}
      {callouts > 0 && (
        <button
          className="stage-callouts nodrag"
          aria-label={`${callouts} comment${callouts === 1 ? '' : 's'} on ${node.title}`}
          aria-expanded={calloutsOpen}
          onClick={(e) => {
            e.stopPropagation();
            openCallouts(calloutsOpen ? null : id);
          }}
        >
          {callouts}
        </button>
      )}
      {calloutsOpen && (
        <div className="callout-popover nodrag nopan nowheel" role="dialog" aria-label={`Comments on ${node.title}`} onKeyDown={(e) => e.key === 'Escape' && openCallouts(null)}>
          <CalloutList nodeId={id} autoFocus readOnly={!editable} />
        </div>
      )}
      {SIDES.map((side) => (
        <Handle key={side} id={side} type="source" position={side} className="stage-handle" aria-label={`Connect from ${side}`} />
      ))}
    </div>
  );
}

export const StageNode = memo(StageNodeView);
