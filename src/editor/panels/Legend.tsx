import { useMemo } from 'react';
import { EDGE_STYLE, PHASE_COLORS } from '../../layout/constants';
import { useEditor } from '../storeContext';

/** Tells the phases and the edge kinds apart; only what the diagram uses is listed. */
export function Legend() {
  const document = useEditor((s) => s.document);
  const { phases, kinds } = useMemo(
    () => ({
      phases: [...new Set(document.nodes.flatMap((n) => (n.kind === 'stage' ? [n.phase] : [])))].sort(),
      kinds: [...new Set(document.edges.map((e) => e.kind))].sort(),
    }),
    [document],
  );
  if (phases.length === 0) return null;
  return (
    <div className="legend" role="group" aria-label="Legend">
      {phases.map((p) => (
        <span key={p} className="legend-item">
          <span className="legend-swatch" style={{ background: PHASE_COLORS[p] }} />
          {p === 'marketing' ? 'Marketing' : 'Sales'}
        </span>
      ))}
      {kinds.map((k) => (
        <span key={k} className="legend-item">
          <svg width="28" height="10" aria-hidden="true">
            <line x1="1" y1="5" x2="27" y2="5" className={`legend-line edge-${k}`} strokeWidth={EDGE_STYLE[k].width} strokeDasharray={EDGE_STYLE[k].dash} />
          </svg>
          {k === 'flow' ? 'Flow' : k === 'handoff' ? 'Hand-off' : 'Feedback loop'}
        </span>
      ))}
    </div>
  );
}
