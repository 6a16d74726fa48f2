import type { DiagramEdge, FunnelDocument, StageNode } from '../../model/schema';
import { updateEdge, updateNode } from '../../model/operations';
import { formatCompact } from '../../metrics/format';
import { useEditor } from '../storeContext';
import { CommitField } from './CommitField';
import { useFunnelMetrics } from '../useFunnelMetrics';

type Commit = (recipe: (d: FunnelDocument) => FunnelDocument) => void;

/** Parses "12 500", "12,500" or "12500" as a whole number of people; empty means "computed". */
export function parseVolume(text: string): number | null | 'invalid' {
  const cleaned = text.replace(/[\s,_']/g, '');
  if (cleaned === '') return null;
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return 'invalid';
  return Number(cleaned);
}

/** Parses a percentage such as "35", "35%" or "12.5"; empty means "no rate". */
export function parseRate(text: string): number | null | 'invalid' {
  const cleaned = text.replace(/[%\s]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return 'invalid';
  return Number(cleaned) / 100;
}

export function StageVolumeField({ node, commit }: { node: StageNode; commit: Commit }) {
  const metrics = useFunnelMetrics();
  const computed = metrics.stages.get(node.id)?.volume;
  return (
    <label className="field">
      Entering volume
      <CommitField
        label="Entering volume"
        value={node.volume === undefined ? '' : String(node.volume)}
        placeholder={computed !== undefined && node.volume === undefined ? `${formatCompact(computed)} (computed)` : 'e.g. 20000'}
        validate={(v) => (parseVolume(v) === 'invalid' ? `"${v}" is not a number of people` : null)}
        onCommit={(v) => {
          const volume = parseVolume(v);
          if (volume !== 'invalid') commit((d) => updateNode(d, node.id, { volume: volume ?? undefined }));
        }}
      />
      <span className="hint">Leave empty to compute it from the incoming flows.</span>
    </label>
  );
}

export function EdgeRateField({ edge, commit }: { edge: DiagramEdge; commit: Commit }) {
  const siblings = useEditor((s) => s.document.edges);
  if (edge.kind === 'feedback') return <p className="hint">Feedback loops carry no volume, so they have no conversion rate.</p>;
  const othersTotal = siblings.filter((e) => e.source === edge.source && e.id !== edge.id && e.kind !== 'feedback').reduce((sum, e) => sum + (e.conversionRate ?? 0), 0);
  return (
    <label className="field">
      Conversion rate (%)
      <CommitField
        label="Conversion rate"
        value={edge.conversionRate === undefined ? '' : String(Math.round(edge.conversionRate * 10000) / 100)}
        placeholder="e.g. 35"
        validate={(v) => {
          const rate = parseRate(v);
          if (rate === 'invalid') return `"${v}" is not a percentage`;
          if (rate === null) return null;
          if (rate < 0 || rate > 1) return `${v.replace('%', '')}% is not between 0% and 100%`;
          if (rate + othersTotal > 1 + 1e-9) return `With this rate the outgoing rates of this stage add up to ${Math.round((rate + othersTotal) * 1000) / 10}%; they can be at most 100%`;
          return null;
        }}
        onCommit={(v) => {
          const rate = parseRate(v);
          if (rate !== 'invalid') commit((d) => updateEdge(d, edge.id, { conversionRate: rate ?? undefined }));
        }}
      />
    </label>
  );
}
