import { memo } from 'react';
import { EdgeLabelRenderer, type EdgeProps, type Edge } from '@xyflow/react';
import { EDGE_LABEL, EDGE_STYLE } from '../../layout/constants';
import { edgeStroke } from '../../layout/edgeStroke';
import { updateEdge } from '../../model/operations';
import type { DiagramEdgeData } from '../toFlow';
import { useEditor } from '../storeContext';
import { InlineEditor } from '../nodes/InlineEditor';

/** Draws the shared geometry's path, so the canvas line is the exported line. */
function DiagramEdgeView({ id, data, selected }: EdgeProps<Edge<DiagramEdgeData, 'diagram'>>) {
  const editing = useEditor((s) => s.editingId === id);
  const { commit, setEditing, select } = useEditor((s) => ({ commit: s.commit, setEditing: s.setEditing, select: s.select }));
  if (!data) return null;
  const { edge, geometry, dimmed, editable } = data;
  const style = EDGE_STYLE[edge.kind];
  const stroke = edgeStroke(geometry);
  const cls = `diagram-edge edge-${edge.kind}${selected ? ' is-selected' : ''}${dimmed ? ' is-dimmed' : ''}`;
  return (
    <>
      <g className={cls}>
        <path d={geometry.path} className="edge-hit" fill="none" strokeWidth={16} />
        <path d={stroke.line} className="edge-line" fill="none" strokeWidth={style.width} strokeDasharray={style.dash} strokeLinecap={style.dash ? 'butt' : undefined} />
        <path d={stroke.arrow} className="edge-arrow" />
      </g>
      {/* The pill shows the label and, with numbers on, the rate: the same text the exports draw.
          A pill with only a rate lets clicks through to the line under it, so it never hides the edge. */}
      {(geometry.label.lines.length > 0 || editing) && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label edge-label-${edge.kind}${selected ? ' is-selected' : ''}${dimmed ? ' is-dimmed' : ''} nodrag nopan`}
            style={{ transform: `translate(-50%, -50%) translate(${geometry.labelAt.x}px, ${geometry.labelAt.y}px)`, fontSize: EDGE_LABEL.fontSize, lineHeight: `${EDGE_LABEL.lineHeight}px`, maxWidth: EDGE_LABEL.maxWidth, pointerEvents: edge.label || editing ? undefined : 'none' }}
            onDoubleClick={editable ? () => setEditing(id) : undefined}
            // The label covers short edges when zoomed out; clicking it selects its edge.
            onClick={(e) => {
              e.stopPropagation();
              select({ edgeIds: [id] });
            }}
            data-testid={`edge-label-${id}`}
          >
            {editing ? (
              <InlineEditor
                label="Edge label"
                initial={edge.label ?? ''}
                onCommit={(label) => {
                  setEditing(null);
                  const next = label.trim();
                  if (next !== (edge.label ?? '')) commit((d) => updateEdge(d, id, { label: next || undefined }));
                }}
                onCancel={() => setEditing(null)}
              />
            ) : (
              geometry.label.lines.map((line, i) => <div key={i}>{line}</div>)
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const DiagramEdge = memo(DiagramEdgeView);
