import type { FunnelDocument } from './schema';

export interface GraphProblem {
  path: string;
  message: string;
}

/** Rules zod cannot express: unique ids and references that must resolve. */
export function checkGraph(doc: FunnelDocument): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first) problems.push({ path, message: `duplicate id "${id}" (already used at ${first})` });
    else seen.set(id, path);
  };
  doc.lanes.forEach((lane, i) => claim(lane.id, `lanes[${i}].id`));
  doc.nodes.forEach((node, i) => claim(node.id, `nodes[${i}].id`));
  doc.edges.forEach((edge, i) => claim(edge.id, `edges[${i}].id`));
  doc.callouts.forEach((callout, i) => claim(callout.id, `callouts[${i}].id`));

  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  const laneIds = new Set(doc.lanes.map((l) => l.id));
  doc.edges.forEach((edge, i) => {
    if (!nodeIds.has(edge.source)) problems.push({ path: `edges[${i}].source`, message: `edge "${edge.id}" starts at missing node "${edge.source}"` });
    if (!nodeIds.has(edge.target)) problems.push({ path: `edges[${i}].target`, message: `edge "${edge.id}" ends at missing node "${edge.target}"` });
  });
  doc.nodes.forEach((node, i) => {
    if (node.kind === 'stage' && node.laneId !== undefined && !laneIds.has(node.laneId)) {
      problems.push({ path: `nodes[${i}].laneId`, message: `stage "${node.id}" is in missing lane "${node.laneId}"` });
    }
  });
  doc.callouts.forEach((callout, i) => {
    if (!nodeIds.has(callout.nodeId)) problems.push({ path: `callouts[${i}].nodeId`, message: `callout "${callout.id}" is pinned to missing node "${callout.nodeId}"` });
  });
  return problems;
}
