/**
 * The order in which a diagram is presented (in the app and in the training deck): the
 * facilitator's saved order if there is one, otherwise the journey order along the flow.
 */
import type { FunnelDocument, StageNode } from './schema';
import { journeyOrder } from './journeyOrder';

export type PresentationStep = { kind: 'overview' } | { kind: 'stage'; stage: StageNode; index: number; total: number };

/** Stage ids to present, in order. Unknown ids in a saved order are skipped. */
export function presentationOrder(doc: FunnelDocument): string[] {
  const stages = new Set(doc.nodes.filter((n) => n.kind === 'stage').map((n) => n.id));
  const saved = doc.settings.presentationOrder;
  if (!saved) return journeyOrder(doc);
  const seen = new Set<string>();
  return saved.filter((id) => stages.has(id) && !seen.has(id) && (seen.add(id), true));
}

/** The overview first, then one step per stage. */
export function presentationSteps(doc: FunnelDocument): PresentationStep[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const order = presentationOrder(doc);
  return [
    { kind: 'overview' },
    ...order.map((id, index): PresentationStep => ({ kind: 'stage', stage: byId.get(id) as StageNode, index, total: order.length })),
  ];
}

/** Moves one stage earlier (-1) or later (+1) in the saved order, starting from the current order. */
export function moveInOrder(doc: FunnelDocument, stageId: string, delta: -1 | 1): FunnelDocument {
  const order = presentationOrder(doc);
  const i = order.indexOf(stageId);
  const j = i + delta;
  if (i === -1 || j < 0 || j >= order.length) return doc;
  const next = [...order];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return { ...doc, settings: { ...doc.settings, presentationOrder: next } };
}

/** Skips a stage in presentations, or brings it back at its journey position. */
export function setSkipped(doc: FunnelDocument, stageId: string, skipped: boolean): FunnelDocument {
  const order = presentationOrder(doc);
  if (skipped) return { ...doc, settings: { ...doc.settings, presentationOrder: order.filter((id) => id !== stageId) } };
  if (order.includes(stageId)) return doc;
  const rank = new Map(journeyOrder(doc).map((id, i) => [id, i]));
  // Keep the facilitator's order for the others; the returning stage goes before the first one that comes later in the journey.
  const at = order.findIndex((id) => rank.get(id)! > rank.get(stageId)!);
  const inserted = at === -1 ? [...order, stageId] : [...order.slice(0, at), stageId, ...order.slice(at)];
  return { ...doc, settings: { ...doc.settings, presentationOrder: inserted } };
}

/** Restores the default (journey) order. */
export function resetOrder(doc: FunnelDocument): FunnelDocument {
  const { presentationOrder: _dropped, ...settings } = doc.settings;
  return { ...doc, settings };
}
