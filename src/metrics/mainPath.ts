/**
 * The journey's main path, as the funnel view draws it: one stage after another along the way
 * most people go, towards the journey's end.
 */
import type { FunnelDocument } from '../model/schema';
import type { FunnelMetrics } from './computeFunnel';

/**
 * Stage ids of the main path. It starts at the first stage (in journey order) that has a volume
 * (`metrics.firstStageId`) and at each step follows one outgoing flow or hand-off edge, chosen by:
 * 1. edges from which the journey's last stage with a volume (`metrics.lastStageId`) can still
 *    be reached, so that a side branch (say 25% going to "Measurement") never hides the way to
 *    the customers that the summary numbers describe;
 * 2. then the largest flow (an edge without a known flow ranks below any known flow);
 * 3. then the target with the larger volume (a stage can have an explicit volume behind an edge
 *    without a rate), then the edge listed first in the document.
 * Edges computeFunnel ignores (feedback edges, edges closing a cycle) are never followed, nor an
 * edge with neither a flow nor a target volume. The path stops at a stage with nowhere to go or
 * before repeating a stage. Empty when no stage has a volume.
 */
export function mainPath(doc: FunnelDocument, metrics: FunnelMetrics): string[] {
  const start = metrics.firstStageId;
  if (start === undefined) return [];
  const counted = doc.edges.filter((e) => metrics.edges.has(e.id) && !metrics.edges.get(e.id)!.ignored);
  const toEnd = reachingStages(counted, metrics.lastStageId);
  const path = [start];
  const visited = new Set(path);
  let current = start;
  for (;;) {
    let best: { target: string; rank: [number, number, number] } | undefined;
    for (const e of counted) {
      if (e.source !== current || visited.has(e.target)) continue;
      const flow = metrics.edges.get(e.id)!.flow ?? -Infinity;
      const volume = metrics.stages.get(e.target)?.volume ?? -Infinity;
      if (flow === -Infinity && volume === -Infinity) continue;
      const rank: [number, number, number] = [toEnd.has(e.target) ? 1 : 0, flow, volume];
      if (!best || isGreater(rank, best.rank)) best = { target: e.target, rank };
    }
    if (!best) return path;
    path.push(best.target);
    visited.add(best.target);
    current = best.target;
  }
}

/** Stages from which `end` can be reached along the given edges (including `end` itself). */
function reachingStages(edges: FunnelDocument['edges'], end: string | undefined): Set<string> {
  const reached = new Set<string>();
  if (end === undefined) return reached;
  const into = new Map<string, string[]>();
  for (const e of edges) {
    const sources = into.get(e.target);
    if (sources) sources.push(e.source);
    else into.set(e.target, [e.source]);
  }
  const queue = [end];
  reached.add(end);
  for (let i = 0; i < queue.length; i++) {
    for (const source of into.get(queue[i]!) ?? []) {
      if (reached.has(source)) continue;
      reached.add(source);
      queue.push(source);
    }
  }
  return reached;
}

function isGreater(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  }
  return false;
}
