/**
 * What a training deck says, slide by slide, decided without pptxgenjs so it can be tested and
 * reused: a title slide, the whole diagram, one slide per stage in presentation order, and a
 * closing summary. Each slide carries its speaker notes.
 */
import type { FunnelDocument, Phase, StageNode } from '../../model/schema';
import { presentationOrder } from '../../model/presentation';

export type DeckSlide =
  | { kind: 'title'; title: string; subtitle: string; notes: string }
  | { kind: 'overview'; title: string; notes: string }
  | {
      kind: 'stage';
      stageId: string;
      /** 1-based position in the presentation, and how many stages are presented. */
      step: number;
      total: number;
      title: string;
      phase: Phase;
      description: string;
      /** Callouts pinned to the stage, then notes connected to it, in document order. */
      bullets: string[];
      notes: string;
    }
  | { kind: 'summary'; title: string; items: string[]; notes: string };

export function deckOutline(doc: FunnelDocument): DeckSlide[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const stages = presentationOrder(doc).map((id) => byId.get(id) as StageNode);
  const stageSlides = stages.map((stage, i): DeckSlide => {
    const bullets = [...calloutsOf(doc, stage.id), ...attachedNotes(doc, stage.id)];
    return {
      kind: 'stage',
      stageId: stage.id,
      step: i + 1,
      total: stages.length,
      title: stage.title,
      phase: stage.phase,
      description: stage.description.trim(),
      bullets,
      notes: joinNotes([stage.title, stage.description.trim(), ...bullets.map((b) => `• ${b}`)]),
    };
  });
  const items = stages.map((s) => s.title);
  return [
    { kind: 'title', title: doc.title, subtitle: doc.description.trim(), notes: joinNotes([doc.title, doc.description.trim()]) },
    {
      kind: 'overview',
      title: 'Overview',
      notes: joinNotes([`The whole diagram: ${stages.length} ${stages.length === 1 ? 'stage' : 'stages'}.`, doc.description.trim()]),
    },
    ...stageSlides,
    { kind: 'summary', title: 'Summary', items, notes: joinNotes(['In order:', ...items.map((t, i) => `${i + 1}. ${t}`)]) },
  ];
}

function calloutsOf(doc: FunnelDocument, stageId: string): string[] {
  return doc.callouts.filter((c) => c.nodeId === stageId).map((c) => c.text.trim()).filter(Boolean);
}

/** Notes joined to the stage by an edge, in either direction. */
function attachedNotes(doc: FunnelDocument, stageId: string): string[] {
  const linked = new Set<string>();
  for (const e of doc.edges) {
    if (e.source === stageId) linked.add(e.target);
    if (e.target === stageId) linked.add(e.source);
  }
  return doc.nodes.filter((n) => n.kind === 'note' && linked.has(n.id)).map((n) => (n.kind === 'note' ? n.text.trim() : '')).filter(Boolean);
}

function joinNotes(parts: string[]): string {
  return parts.filter((p) => p !== '').join('\n\n');
}
