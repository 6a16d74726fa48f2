/**
 * The journey order of stages: a topological order along flow and hand-off edges. Feedback
 * loops are ignored, so a loop never repeats a stage. Among stages that are ready at the same
 * time, the one earlier in the document comes first, which keeps the order stable.
 */
import type { FunnelDocument } from './schema';

export function journeyOrder(doc: FunnelDocument): string[] {
  const stages = doc.nodes.filter((n) => n.kind === 'stage').map((n) => n.id);
  const index = new Map(stages.map((id, i) => [id, i]));
  const indegree = new Map(stages.map((id) => [id, 0]));
  const next = new Map<string, string[]>(stages.map((id) => [id, []]));
  for (const e of doc.edges) {
    if (e.kind === 'feedback' || !index.has(e.source) || !index.has(e.target) || e.source === e.target) continue;
    next.get(e.source)!.push(e.target);
    indegree.set(e.target, indegree.get(e.target)! + 1);
  }
  const ready = stages.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < stages.length) {
    if (ready.length === 0) {
      // Only a cycle of flow edges is left: break it at its earliest stage.
      const stuck = stages.find((id) => !done.has(id))!;
      indegree.set(stuck, 0);
      ready.push(stuck);
    }
    ready.sort((a, b) => index.get(a)! - index.get(b)!);
    const id = ready.shift()!;
    if (done.has(id)) continue;
    done.add(id);
    order.push(id);
    for (const t of next.get(id)!) {
      if (done.has(t)) continue;
      indegree.set(t, indegree.get(t)! - 1);
      if (indegree.get(t) === 0) ready.push(t);
    }
  }
  return order;
}

/** Step numbers (1-based) for display, keyed by stage id. */
export function stepNumbers(doc: FunnelDocument): Map<string, number> {
  return new Map(journeyOrder(doc).map((id, i) => [id, i + 1]));
}
