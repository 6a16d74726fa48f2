/**
 * What the audience sees at one step: which stages are hidden or dimmed, and the box to centre.
 * Pure, so the stepping rules are tested without a browser.
 */
import type { FunnelDocument } from '../../model/schema';
import type { PresentationStep } from '../../model/presentation';

export interface Frame {
  hidden: string[];
  dimmed: string[];
  focusId: string | null;
}

export function presentationFrame(doc: FunnelDocument, steps: readonly PresentationStep[], index: number, style: 'reveal' | 'focus'): Frame {
  const step = steps[index];
  if (!step || step.kind === 'overview') return { hidden: [], dimmed: [], focusId: null };
  const order = steps.flatMap((s) => (s.kind === 'stage' ? [s.stage.id] : []));
  const reached = new Set(order.slice(0, step.index + 1));
  // Stages not reached yet, including ones skipped in this presentation.
  const unreached = doc.nodes.filter((n) => n.kind === 'stage' && !reached.has(n.id)).map((n) => n.id);
  if (style === 'reveal') return { hidden: unreached, dimmed: [], focusId: step.stage.id };
  return { hidden: [], dimmed: unreached, focusId: step.stage.id };
}
