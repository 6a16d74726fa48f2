import { describe, it, expect } from 'vitest';
import { PRESETS } from '../../src/presets/catalog';
import { deckOutline, type DeckSlide } from '../../src/export/pptx/buildDeck';
import { parseDocument } from '../../src/model/parseDocument';
import { setSkipped, moveInOrder } from '../../src/model/presentation';
import type { FunnelDocument, StageNode } from '../../src/model/schema';

type StageSlide = Extract<DeckSlide, { kind: 'stage' }>;
const stageSlides = (deck: DeckSlide[]) => deck.filter((s): s is StageSlide => s.kind === 'stage');
const stagesOf = (doc: FunnelDocument) => doc.nodes.filter((n): n is StageNode => n.kind === 'stage');

function documentFrom(raw: unknown): FunnelDocument {
  const parsed = parseDocument(raw);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.document;
}

/** Three stages a → b → c with a note joined to b and callouts on a and c. */
const small = documentFrom({
  format: 'funnel-diagram',
  version: 1,
  title: 'Small funnel',
  description: 'Three steps to a sale.',
  nodes: [
    { id: 'a', kind: 'stage', phase: 'marketing', title: 'Attract', description: 'Bring people in.' },
    { id: 'b', kind: 'stage', phase: 'marketing', title: 'Convince', description: 'Show the value.' },
    { id: 'c', kind: 'stage', phase: 'sales', title: 'Close', description: '' },
    { id: 'n', kind: 'note', text: 'Ask for a demo date.' },
    { id: 'loose', kind: 'note', text: 'Not joined to anything.' },
  ],
  edges: [
    { id: 'ab', source: 'a', target: 'b' },
    { id: 'bc', source: 'b', target: 'c', kind: 'handoff' },
    { id: 'nb', source: 'n', target: 'b' },
  ],
  callouts: [
    { id: 'k1', nodeId: 'a', text: 'Mostly paid search.' },
    { id: 'k2', nodeId: 'c', text: 'Needs a signature.' },
  ],
});

describe('deckOutline', () => {
  it.each(PRESETS.map((p) => [p.id, p.document] as const))('%s: title, overview, one slide per stage, summary', (_id, doc) => {
    const deck = deckOutline(doc);
    const stages = stagesOf(doc);
    expect(deck).toHaveLength(3 + stages.length);
    expect(deck[0]).toMatchObject({ kind: 'title', title: doc.title });
    expect(deck[1]!.kind).toBe('overview');
    expect(deck.at(-1)!.kind).toBe('summary');
    // Every stage exactly once, each slide named after its own stage.
    const slides = stageSlides(deck);
    expect(new Set(slides.map((s) => s.stageId))).toEqual(new Set(stages.map((s) => s.id)));
    for (const slide of slides) expect(slide.title).toBe(stages.find((s) => s.id === slide.stageId)!.title);
    expect(slides.map((s) => s.step)).toEqual(slides.map((_s, i) => i + 1));
  });

  it.each(PRESETS.map((p) => [p.id, p.document] as const))('%s: stage slides follow the flow, and the summary lists them in that order', (_id, doc) => {
    const slides = stageSlides(deckOutline(doc));
    const position = new Map(slides.map((s, i) => [s.stageId, i]));
    // Journey order: every flow or hand-off edge between stages points forwards in the deck.
    for (const e of doc.edges) {
      if (e.kind === 'feedback' || !position.has(e.source) || !position.has(e.target)) continue;
      expect(position.get(e.source)!).toBeLessThan(position.get(e.target)!);
    }
    const summary = deckOutline(doc).at(-1)!;
    expect(summary.kind === 'summary' && summary.items).toEqual(slides.map((s) => s.title));
  });

  it.each(PRESETS.map((p) => [p.id, p.document] as const))("%s: every callout is a bullet on its own stage's slide only", (_id, doc) => {
    const slides = stageSlides(deckOutline(doc));
    expect(doc.callouts.length).toBeGreaterThan(0);
    for (const callout of doc.callouts) {
      const holders = slides.filter((s) => s.bullets.includes(callout.text));
      expect(holders.map((s) => s.stageId)).toEqual([callout.nodeId]);
    }
  });

  it('puts the description and the bullets in the speaker notes', () => {
    const deck = deckOutline(small);
    const [attract, convince, close] = stageSlides(deck);
    expect(attract!.notes).toContain('Bring people in.');
    expect(attract!.notes).toContain('Mostly paid search.');
    expect(convince!.bullets).toEqual(['Ask for a demo date.']);
    expect(convince!.notes).toContain('Ask for a demo date.');
    expect(close!.description).toBe('');
    expect(close!.bullets).toEqual(['Needs a signature.']);
    expect(deck.flatMap((s) => (s.kind === 'stage' ? s.bullets : []))).not.toContain('Not joined to anything.');
    expect(deck[0]).toMatchObject({ subtitle: 'Three steps to a sale.' });
  });

  it('follows a saved order, and skipped stages get no slide', () => {
    const journey = stageSlides(deckOutline(small)).map((s) => s.title);
    expect(journey).toEqual(['Attract', 'Convince', 'Close']);

    const reordered = moveInOrder(setSkipped(small, 'b', true), 'c', -1);
    const deck = deckOutline(reordered);
    expect(stageSlides(deck).map((s) => s.title)).toEqual(['Close', 'Attract']);
    expect(stageSlides(deck).map((s) => [s.step, s.total])).toEqual([[1, 2], [2, 2]]);
    expect(deck).toHaveLength(3 + 2);
    const summary = deck.at(-1)!;
    expect(summary.kind === 'summary' && summary.items).toEqual(['Close', 'Attract']);
  });
});
