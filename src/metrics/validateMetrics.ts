/**
 * Checks the numbers a funnel is computed from, with messages a person can act on. The zod
 * schema already rejects out-of-range values when a file is parsed; this serves the live editor
 * and what-if inputs, where a value can be anything a number field allows.
 *
 * Checks: every conversion rate is a finite number from 0% to 100%; the rates leaving one stage
 * (flow and hand-off edges, not feedback edges, which carry no volume) add up to at most 100%;
 * every explicit stage volume is a finite number that is not negative.
 */
import type { FunnelDocument } from '../model/schema';

export interface MetricProblem {
  /** JSON path of the offending value, e.g. `edges[3].conversionRate` (same style as parseDocument). */
  path: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
}

/** Sums that exceed 1 only by floating-point error (0.33 + 0.56 + 0.11) are not reported. */
const TOLERANCE = 1e-9;

export function validateMetrics(doc: FunnelDocument): MetricProblem[] {
  const problems: MetricProblem[] = [];
  const titles = new Map<string, string>();

  doc.nodes.forEach((node, i) => {
    if (node.kind !== 'stage') return;
    titles.set(node.id, node.title);
    const volume = node.volume;
    if (volume === undefined) return;
    const path = `nodes[${i}].volume`;
    const name = JSON.stringify(node.title);
    if (!Number.isFinite(volume)) {
      problems.push({ path, nodeId: node.id, message: `stage ${name} has a volume of ${String(volume)}; volumes must be finite numbers` });
    } else if (volume < 0) {
      problems.push({ path, nodeId: node.id, message: `stage ${name} has a volume of ${volume}; volumes must not be negative` });
    }
  });

  const outgoing = new Map<string, number>();
  doc.edges.forEach((edge, i) => {
    const rate = edge.conversionRate;
    if (rate === undefined) return;
    const path = `edges[${i}].conversionRate`;
    const name = JSON.stringify(edge.id);
    if (!Number.isFinite(rate)) {
      problems.push({ path, edgeId: edge.id, message: `edge ${name} has a conversion rate of ${String(rate)}; rates must be between 0% and 100%` });
      return;
    }
    if (rate < 0 || rate > 1) {
      problems.push({ path, edgeId: edge.id, message: `edge ${name} has a conversion rate of ${percentText(rate)}; rates must be between 0% and 100%` });
    }
    if (edge.kind !== 'feedback' && titles.has(edge.source)) outgoing.set(edge.source, (outgoing.get(edge.source) ?? 0) + rate);
  });

  for (const [stageId, total] of outgoing) {
    if (total <= 1 + TOLERANCE) continue;
    const index = doc.nodes.findIndex((n) => n.id === stageId);
    problems.push({
      path: `nodes[${index}]`,
      nodeId: stageId,
      message: `outgoing rates from ${JSON.stringify(titles.get(stageId))} add up to ${percentText(total)}; together they can be at most 100%`,
    });
  }
  return problems;
}

/**
 * A share as a percentage with at most one decimal (1.2 → "120%", 0.125 → "12.5%"). Not
 * locale-formatted on purpose: messages must read the same in logs, tests and every browser.
 */
function percentText(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
