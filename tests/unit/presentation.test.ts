import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { parseDocument } from '../../src/model/parseDocument';
import { journeyOrder } from '../../src/model/journeyOrder';
import { moveInOrder, presentationOrder, presentationSteps, resetOrder, setSkipped } from '../../src/model/presentation';
import { presentationFrame } from '../../src/editor/present/presentationFrame';
import { cameraFor } from '../../src/editor/present/cameraFor';
import type { FunnelDocument } from '../../src/model/schema';

const dir = new URL('../../presets/', import.meta.url);
const presets = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => {
  const r = parseDocument(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
  if (!r.ok) throw new Error(r.error.message);
  return [f, r.document] as const;
});
const buyer = presets.find(([f]) => f === 'buyer-journey.json')![1];
const titleOf = (doc: FunnelDocument, id: string) => doc.nodes.find((n) => n.id === id && n.kind === 'stage')?.kind === 'stage' ? (doc.nodes.find((n) => n.id === id) as { title: string }).title : undefined;

describe('journey order', () => {
  it('visits every stage exactly once, following flow edges and ignoring loops', () => {
    for (const [, doc] of presets) {
      const order = journeyOrder(doc);
      const stages = doc.nodes.filter((n) => n.kind === 'stage').map((n) => n.id);
      expect(new Set(order)).toEqual(new Set(stages));
      expect(order).toHaveLength(stages.length);
      const at = new Map(order.map((id, i) => [id, i]));
      for (const e of doc.edges) {
        if (e.kind !== 'feedback' && at.has(e.source) && at.has(e.target)) expect(at.get(e.source)!).toBeLessThan(at.get(e.target)!);
      }
    }
  });
  it('puts marketing before sales in the buyer journey, from research to follow-up', () => {
    const titles = journeyOrder(buyer).map((id) => titleOf(buyer, id));
    expect(titles[0]).toBe('Research');
    expect(titles.at(-1)).toBe('Follow-up');
    expect(titles.indexOf('Implementation')).toBeLessThan(titles.indexOf('Prospecting'));
  });
  it('terminates on a cycle made of flow edges', () => {
    const doc: FunnelDocument = { ...buyer, edges: [...buyer.edges.map((e) => ({ ...e, kind: 'flow' as const }))] };
    expect(journeyOrder(doc)).toHaveLength(12);
  });
});

describe('presentation order', () => {
  it('starts with an overview, then one step per stage', () => {
    const steps = presentationSteps(buyer);
    expect(steps[0]).toEqual({ kind: 'overview' });
    expect(steps.slice(1).map((s) => (s.kind === 'stage' ? s.stage.id : ''))).toEqual(journeyOrder(buyer));
  });
  it('moves, skips and restores stages, and the order is saved in the document', () => {
    const [first, second] = journeyOrder(buyer);
    const moved = moveInOrder(buyer, second!, -1);
    expect(presentationOrder(moved).slice(0, 2)).toEqual([second, first]);
    expect(moved.settings.presentationOrder).toEqual(presentationOrder(moved));
    const skipped = setSkipped(moved, first!, true);
    expect(presentationOrder(skipped)).not.toContain(first);
    expect(presentationSteps(skipped)).toHaveLength(12); // overview + 11 stages
    const back = setSkipped(skipped, first!, false);
    expect(presentationOrder(back)).toContain(first);
    expect(presentationOrder(resetOrder(back))).toEqual(journeyOrder(buyer));
  });
  it('ignores saved ids that no longer exist', () => {
    const doc = { ...buyer, settings: { ...buyer.settings, presentationOrder: ['gone', ...journeyOrder(buyer)] } };
    expect(presentationOrder(doc)).toEqual(journeyOrder(buyer));
  });
});

describe('presentation frames', () => {
  const steps = presentationSteps(buyer);
  it('shows everything on the overview', () => {
    expect(presentationFrame(buyer, steps, 0, 'reveal')).toEqual({ hidden: [], dimmed: [], focusId: null });
  });
  it('hides (reveal) or dims (focus) exactly the stages not reached yet', () => {
    const order = journeyOrder(buyer);
    for (let k = 1; k < steps.length; k++) {
      const reveal = presentationFrame(buyer, steps, k, 'reveal');
      const focus = presentationFrame(buyer, steps, k, 'focus');
      expect(reveal.focusId).toBe(order[k - 1]);
      expect(new Set(reveal.hidden)).toEqual(new Set(order.slice(k)));
      expect(new Set(focus.dimmed)).toEqual(new Set(order.slice(k)));
      expect(focus.hidden).toEqual([]);
    }
  });
});

describe('cameraFor', () => {
  it('centres the focused box on the screen', () => {
    const screen = { width: 1600, height: 700 };
    const focus = { x: 2000, y: 300, width: 196, height: 60 };
    const cam = cameraFor({ width: 3000, height: 800 }, screen, focus);
    expect((focus.x + focus.width / 2) * cam.scale + cam.x).toBeCloseTo(screen.width / 2);
    expect((focus.y + focus.height / 2) * cam.scale + cam.y).toBeCloseTo(screen.height / 2);
  });
  it('fits the whole picture for the overview', () => {
    const cam = cameraFor({ width: 3000, height: 800 }, { width: 1600, height: 700 }, null);
    expect(3000 * cam.scale).toBeLessThanOrEqual(1600);
    expect(800 * cam.scale).toBeLessThanOrEqual(700);
  });
});
