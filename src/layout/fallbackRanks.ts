/**
 * Longest-path ranking without recursion, for graphs too deep for dagre's recursive passes.
 * Cycles are broken by ignoring edges into nodes already on the current frontier.
 */
export function rankByLongestPath(ids: readonly string[], edges: ReadonlyArray<{ source: string; target: string }>): Map<string, number> {
  const incoming = new Map(ids.map((id) => [id, 0]));
  const outgoing = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    if (!incoming.has(e.source) || !incoming.has(e.target)) continue;
    outgoing.get(e.source)!.push(e.target);
    incoming.set(e.target, incoming.get(e.target)! + 1);
  }
  const rank = new Map<string, number>();
  const queue = ids.filter((id) => incoming.get(id) === 0);
  for (const id of queue) rank.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const next of outgoing.get(id)!) {
      rank.set(next, Math.max(rank.get(next) ?? 0, rank.get(id)! + 1));
      incoming.set(next, incoming.get(next)! - 1);
      if (incoming.get(next) === 0) queue.push(next);
    }
  }
  // Nodes left over sit on cycles; give them the rank after what reached them.
  for (const id of ids) if (!rank.has(id)) rank.set(id, 0);
  return rank;
}
