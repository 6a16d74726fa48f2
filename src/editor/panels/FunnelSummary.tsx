import { useMemo } from 'react';
import { LOOP_RULE } from '../../metrics/computeFunnel';
import { validateMetrics } from '../../metrics/validateMetrics';
import { formatCompact, formatCurrency, formatPercent } from '../../metrics/format';
import { useEditor } from '../storeContext';
import { useFunnelMetrics } from '../useFunnelMetrics';

/** The numbers that matter at a glance: overall conversion, where it leaks most, what it earns. */
export function FunnelSummary() {
  const document = useEditor((s) => s.document);
  const metrics = useFunnelMetrics();
  const problems = useMemo(() => validateMetrics(document), [document]);
  if (!document.settings.showMetrics || metrics.firstStageId === undefined) return null;
  const title = (id: string) => {
    const n = document.nodes.find((x) => x.id === id);
    return n?.kind === 'stage' ? n.title : id;
  };
  const drop = metrics.biggestDropOff;
  return (
    <section className="funnel-summary" aria-label="Funnel summary">
      <dl>
        {metrics.overallConversion !== undefined && metrics.lastStageId && (
          <div>
            <dt>Overall conversion</dt>
            <dd title={`${metrics.entering !== undefined ? formatCompact(metrics.entering) : '?'} entering → ${title(metrics.lastStageId)}`} data-testid="overall-conversion">{formatPercent(metrics.overallConversion)}</dd>
          </div>
        )}
        {drop && (
          <div>
            <dt>Biggest drop-off</dt>
            <dd data-testid="biggest-drop-off">
              {title(drop.stageId)}: −{formatCompact(drop.absolute)} ({formatPercent(drop.relative)})
            </dd>
          </div>
        )}
        {metrics.customers !== undefined && (
          <div>
            <dt>{metrics.lastStageId ? title(metrics.lastStageId) : 'Result'}</dt>
            <dd>{formatCompact(metrics.customers)}</dd>
          </div>
        )}
        {metrics.forecastRevenue !== undefined && (
          <div>
            <dt>Forecast revenue</dt>
            <dd data-testid="forecast-revenue">{metrics.currency ? formatCurrency(metrics.forecastRevenue, metrics.currency) : formatCompact(metrics.forecastRevenue)}</dd>
          </div>
        )}
      </dl>
      {document.metadata.sampleData && <p className="hint">Sample numbers: type your own in the inspector.</p>}
      {problems.map((p) => <p key={p.path} className="field-error" role="alert">{p.message}</p>)}
      <details className="hint loop-rule"><summary>How are loops counted?</summary>{LOOP_RULE}</details>
    </section>
  );
}
