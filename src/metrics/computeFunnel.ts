/**
 * Funnel math: how many people reach each stage, how many move along each edge, where the
 * funnel leaks most and what the customers at the end are worth.
 *
 * Volumes propagate in one pass over the journey order ({@link journeyOrder}):
 * - A stage with an explicit `volume` keeps it (an override: incoming flows still show on their
 *   edges but do not change it).
 * - Any other stage gets the sum, over its counted incoming edges, of source volume × rate. An
 *   edge without a `conversionRate`, or whose source has no volume, contributes nothing; if
 *   nothing contributes, the stage's volume is `undefined` ("unknown", not 0).
 *
 * Loop rule (also exported as {@link LOOP_RULE} for the UI):
 * - Feedback edges never move volume. They are left out entirely: no flow, no effect on the
 *   target's volume or the source's drop-off.
 * - A cycle made of flow or hand-off edges is broken the way journeyOrder breaks it: an edge into
 *   a stage that comes earlier in the journey order (already processed) is ignored the same way.
 * So every stage is visited once and the computation always terminates.
 *
 * Volumes stay unrounded floats; rounding is for display only (see format.ts). Values the schema
 * would reject are not clamped (validateMetrics reports them), except that a NaN or infinite
 * volume or rate counts as not set, so one bad input cannot poison every number downstream.
 */
import { journeyOrder } from '../model/journeyOrder';
import type { DiagramEdge, FunnelDocument, StageNode } from '../model/schema';

/** One sentence for the UI that explains how loops are treated in the numbers. */
export const LOOP_RULE =
  'Feedback edges (loops back to an earlier step) do not move any volume and are left out of the numbers. ' +
  'If flow or hand-off edges form a cycle, the edge that leads back to an earlier step is ignored, so every step is counted once.';

export interface StageMetrics {
  /** People entering the stage; `undefined` when unknown (no explicit volume and no rated inflow). */
  volume: number | undefined;
  /** True when `volume` is the stage's own explicit `volume`, false when computed or unknown. */
  explicit: boolean;
  /** Sum of the flows on the stage's counted outgoing edges (0 when it has none with a flow). */
  outflow: number;
  /**
   * People who enter but do not move on: volume − outflow. `undefined` when the volume is
   * unknown, when the stage has no counted outgoing edge (the end of a path is a result, not a
   * leak), or when one of its counted outgoing edges has no rate (the loss is then unknown).
   * Negative only if the outgoing rates add up to more than 100% (validateMetrics reports it).
   */
  dropOff: number | undefined;
  /** dropOff / volume (0–1); `undefined` when dropOff is unknown or the volume is 0. */
  dropOffRate: number | undefined;
}

export interface EdgeMetrics {
  /** People moving along the edge: source volume × rate; `undefined` when either is unknown or the edge is ignored. */
  flow: number | undefined;
  /** Why the edge is left out of the numbers: a feedback edge, or the edge that closes a flow cycle. */
  ignored?: 'feedback' | 'cycle';
}

export interface DropOff {
  stageId: string;
  /** People lost at the stage. */
  absolute: number;
  /** Share (0–1) of the stage's volume that is lost. */
  relative: number;
}

export interface FunnelMetrics {
  stages: Map<string, StageMetrics>;
  edges: Map<string, EdgeMetrics>;
  /** First stage in journey order that has a volume. */
  firstStageId: string | undefined;
  /** Last stage in journey order that has a volume (may equal firstStageId). */
  lastStageId: string | undefined;
  /** People entering the journey: the typed volumes of the entry stages (those with no rated inflow), summed. */
  entering: number | undefined;
  /** Volume of the last stage / everyone entering (0–1 for a leaking funnel); `undefined` if either is missing, the first and last stage are the same, or nobody enters. */
  overallConversion: number | undefined;
  /** Stage that loses the most people (ties: the earlier one in journey order); `undefined` when no stage loses anyone. */
  biggestDropOff: DropOff | undefined;
  /** Volume of the last stage. */
  customers: number | undefined;
  /** customers × metadata.valuePerCustomer; `undefined` when either is missing. */
  forecastRevenue: number | undefined;
  /** metadata.currency (ISO 4217), if set. */
  currency: string | undefined;
}

/** Computes volumes, flows, drop-offs and the forecast for a document (pure, one pass). */
export function computeFunnel(doc: FunnelDocument): FunnelMetrics {
  const order = journeyOrder(doc);
  const position = new Map(order.map((id, i) => [id, i]));
  const stageById = new Map(doc.nodes.filter((n): n is StageNode => n.kind === 'stage').map((s) => [s.id, s]));

  const edges = new Map<string, EdgeMetrics>();
  const incoming = new Map<string, DiagramEdge[]>(order.map((id) => [id, []]));
  const outgoing = new Map<string, DiagramEdge[]>(order.map((id) => [id, []]));
  for (const e of doc.edges) {
    const from = position.get(e.source);
    const to = position.get(e.target);
    if (from === undefined || to === undefined) continue; // not between two stages
    if (e.kind === 'feedback') {
      edges.set(e.id, { flow: undefined, ignored: 'feedback' });
    } else if (to <= from) {
      edges.set(e.id, { flow: undefined, ignored: 'cycle' });
    } else {
      edges.set(e.id, { flow: undefined });
      incoming.get(e.target)!.push(e);
      outgoing.get(e.source)!.push(e);
    }
  }

  const stages = new Map<string, StageMetrics>();
  for (const id of order) {
    const explicitVolume = finiteOrUndefined(stageById.get(id)?.volume);
    let volume = explicitVolume;
    if (volume === undefined) {
      for (const e of incoming.get(id)!) {
        const flow = edges.get(e.id)!.flow;
        if (flow !== undefined) volume = (volume ?? 0) + flow;
      }
    }
    let outflow = 0;
    let allKnown = true;
    for (const e of outgoing.get(id)!) {
      const rate = finiteOrUndefined(e.conversionRate);
      const flow = volume !== undefined && rate !== undefined ? volume * rate : undefined;
      edges.set(e.id, { flow });
      if (flow === undefined) allKnown = false;
      else outflow += flow;
    }
    const dropOff = volume !== undefined && allKnown && outgoing.get(id)!.length > 0 ? volume - outflow : undefined;
    const dropOffRate = dropOff !== undefined && volume! > 0 ? dropOff / volume! : undefined;
    stages.set(id, { volume, explicit: explicitVolume !== undefined, outflow, dropOff, dropOffRate });
  }

  const withVolume = order.filter((id) => stages.get(id)!.volume !== undefined);
  const firstStageId = withVolume[0];
  const lastStageId = withVolume[withVolume.length - 1];
  const customers = lastStageId === undefined ? undefined : stages.get(lastStageId)!.volume;
  // Everyone who enters the journey: the typed volumes of the stages nothing flows into. With one
  // entry this is the first stage; with several (channels feeding one funnel) it is their sum.
  const entries = withVolume.filter((id) => stages.get(id)!.explicit && !incoming.get(id)!.some((e) => edges.get(e.id)?.flow !== undefined));
  const entering = entries.length ? entries.reduce((sum, id) => sum + stages.get(id)!.volume!, 0) : undefined;
  const overallConversion = entering !== undefined && customers !== undefined && firstStageId !== lastStageId && entering > 0 ? customers / entering : undefined;
  const valuePerCustomer = finiteOrUndefined(doc.metadata.valuePerCustomer);

  return {
    stages,
    edges,
    firstStageId,
    lastStageId,
    entering,
    overallConversion,
    biggestDropOff: findBiggestDropOff(order, stages),
    customers,
    forecastRevenue: customers !== undefined && valuePerCustomer !== undefined ? customers * valuePerCustomer : undefined,
    currency: doc.metadata.currency,
  };
}

/** NaN or ±Infinity (possible in live edits before validation) count as "not set". */
function finiteOrUndefined(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function findBiggestDropOff(order: readonly string[], stages: ReadonlyMap<string, StageMetrics>): DropOff | undefined {
  let best: DropOff | undefined;
  for (const stageId of order) {
    const m = stages.get(stageId)!;
    if (m.dropOff === undefined || m.dropOff <= 0) continue;
    if (best && m.dropOff <= best.absolute) continue;
    best = { stageId, absolute: m.dropOff, relative: m.dropOffRate ?? 0 };
  }
  return best;
}
