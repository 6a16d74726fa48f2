import { memo } from 'react';
import type { NodeProps, Node } from '@xyflow/react';
import { LANE, PHASE_COLORS } from '../../layout/constants';
import type { LaneNodeData } from '../toFlow';

/** A titled band behind its stages; dragged by its header, it carries its stages along. */
function LaneNodeView({ data, selected }: NodeProps<Node<LaneNodeData, 'lane'>>) {
  const { lane, geometry } = data;
  const color = lane.color ?? (lane.phase ? PHASE_COLORS[lane.phase] : '#64748b');
  return (
    <div className={`lane-node${selected ? ' is-selected' : ''}`} style={{ width: geometry.width, height: geometry.height, ['--lane-color' as string]: color }} data-testid={`lane-${lane.id}`}>
      <div className="lane-header" style={{ height: LANE.headerSize, fontSize: LANE.titleSize }} title="Drag to move the lane with its stages">
        {lane.title}
      </div>
    </div>
  );
}

export const LaneNode = memo(LaneNodeView);
