import { describe, it, expect } from 'vitest';
import type { DiagramEdge, FunnelDocument, StageNode } from '../../src/model/schema';
import { computeFunnel, LOOP_RULE } from '../../src/metrics/computeFunnel';
import { validateMetrics } from '../../src/metrics/validateMetrics';
import { mainPath } from '../../src/metrics/mainPath';
import { formatCompact, formatCurrency, formatPercent } from '../../src/metrics/format';
import { loadPreset, presetFiles } from './presetFiles';



type StageSpec = { id: string; volume?: number; title?: string };
type EdgeSpec = [source: string, target: string, rate?: number, kind?: DiagramEdge['kind']];

/** A document built directly (not parsed), so tests can also hold values the schema rejects. */
function makeDoc(stages: StageSpec[], edges: EdgeSpec[], metadata: FunnelDocument['metadata'] = {}): FunnelDocument {
  return {
    format: 'funnel-diagram',
    version: 1,
    title: 'Test',
    description: '',
    metadata,
    settings: { direction: 'LR', showStepNumbers: false, showMetrics: true, showDescriptions: false },
    lanes: [],
    nodes: stages.map((s): StageNode => ({ id: s.id, kind: 'stage', phase: 'marketing', title: s.title ?? s.id.toUpperCase(), description: '', volume: s.volume })),
    edges: edges.map(([source, target, conversionRate, kind = 'flow'], i) => ({ id: `e${i + 1}`, source, target, kind, conversionRate })),
    callouts: [],
  };
}

const volumeOf = (doc: FunnelDocument, id: string) => computeFunnel(doc).stages.get(id)?.volume;

describe('computeFunnel propagation', () => {
  it('multiplies volumes along a chain', () => {
    const entry = 8000;
    const [r1, r2] = [0.35, 0.2];
    const doc = makeDoc([{ id: 'a', volume: entry }, { id: 'b' }, { id: 'c' }], [['a', 'b', r1], ['b', 'c', r2]]);
    const m = computeFunnel(doc);
    expect(m.stages.get('a')).toMatchObject({ volume: entry, explicit: true });
    expect(m.stages.get('b')).toMatchObject({ volume: expect.closeTo(entry * r1), explicit: false });
    expect(m.stages.get('c')?.volume).toBeCloseTo(entry * r1 * r2);
    expect(m.edges.get('e2')?.flow).toBeCloseTo(entry * r1 * r2);
  });

  it('splits a stage across branches and reports what is left as drop-off', () => {
    const entry = 1000;
    const doc = makeDoc([{ id: 'a', volume: entry }, { id: 'won' }, { id: 'nurture' }], [['a', 'won', 0.3], ['a', 'nurture', 0.45]]);
    const m = computeFunnel(doc);
    expect(m.stages.get('won')?.volume).toBeCloseTo(entry * 0.3);
    expect(m.stages.get('nurture')?.volume).toBeCloseTo(entry * 0.45);
    const a = m.stages.get('a')!;
    expect(a.outflow).toBeCloseTo(entry * 0.75);
    expect(a.dropOff).toBeCloseTo(entry * 0.25);
    expect(a.dropOffRate).toBeCloseTo(0.25);
  });

  it('sums flows where branches merge', () => {
    const doc = makeDoc([{ id: 'ads', volume: 400 }, { id: 'seo', volume: 900 }, { id: 'aware' }], [['ads', 'aware', 0.5], ['seo', 'aware', 0.1]]);
    expect(volumeOf(doc, 'aware')).toBeCloseTo(400 * 0.5 + 900 * 0.1);
  });

  it('lets an explicit volume override the incoming flows', () => {
    const doc = makeDoc([{ id: 'a', volume: 1000 }, { id: 'b', volume: 700 }, { id: 'c' }], [['a', 'b', 0.5], ['b', 'c', 0.1]]);
    const m = computeFunnel(doc);
    expect(m.stages.get('b')).toMatchObject({ volume: 700, explicit: true });
    expect(m.edges.get('e1')?.flow).toBeCloseTo(500);
    expect(m.stages.get('c')?.volume).toBeCloseTo(70);
  });

  it('treats an edge without a rate as contributing nothing', () => {
    const doc = makeDoc([{ id: 'a', volume: 1000 }, { id: 'b' }, { id: 'c' }, { id: 'd', volume: 50 }, { id: 'm' }], [['a', 'b'], ['b', 'c', 0.5], ['a', 'm'], ['d', 'm', 0.5]]);
    const m = computeFunnel(doc);
    expect(m.stages.get('b')?.volume).toBeUndefined();
    expect(m.stages.get('c')?.volume).toBeUndefined();
    expect(m.edges.get('e1')?.flow).toBeUndefined();
    // Only the rated edge counts at a merge.
    expect(m.stages.get('m')?.volume).toBeCloseTo(25);
    // With an unknown share leaving, the loss at "a" is unknown rather than guessed.
    expect(m.stages.get('a')?.dropOff).toBeUndefined();
  });

  it('keeps volumes unrounded; rounding is for display', () => {
    const doc = makeDoc([{ id: 'a', volume: 1000 }, { id: 'b' }], [['a', 'b', 1 / 3]]);
    const b = volumeOf(doc, 'b')!;
    expect(Number.isInteger(b)).toBe(false);
    expect(b).toBeCloseTo(1000 / 3, 10);
    expect(formatCompact(12500)).toContain('12.5');
    expect(formatPercent(0.125)).toContain('12.5');
  });

  it('formats currency and survives a malformed currency code', () => {
    expect(formatCurrency(12500, 'EUR', 'en-US')).toBe('€12,500');
    expect(formatCurrency(12500.6, 'USD', 'en-US')).toBe('$12,501');
    expect(() => formatCurrency(5, 'E')).not.toThrow();
    expect(formatCurrency(5, 'E')).toContain('E');
  });
});

describe('computeFunnel loops', () => {
  it('ignores feedback edges entirely', () => {
    const chain: EdgeSpec[] = [['a', 'b', 0.5], ['b', 'c', 0.5]];
    const stages = [{ id: 'a', volume: 1000 }, { id: 'b' }, { id: 'c' }];
    const without = computeFunnel(makeDoc(stages, chain));
    const withLoop = computeFunnel(makeDoc(stages, [...chain, ['c', 'b', 0.9, 'feedback'], ['c', 'a', 0.5, 'feedback']]));
    for (const id of ['a', 'b', 'c']) expect(withLoop.stages.get(id)).toEqual(without.stages.get(id));
    expect(withLoop.edges.get('e3')).toEqual({ flow: undefined, ignored: 'feedback' });
  });

  it('terminates on cycles of flow edges and counts each stage once', () => {
    const doc = makeDoc([{ id: 'a', volume: 1000 }, { id: 'b' }, { id: 'c' }], [['a', 'b', 0.5], ['b', 'c', 0.5], ['c', 'b', 0.5], ['c', 'c', 0.5]]);
    const m = computeFunnel(doc);
    expect(m.stages.get('b')?.volume).toBeCloseTo(500);
    expect(m.stages.get('c')?.volume).toBeCloseTo(250);
    expect(m.edges.get('e3')?.ignored).toBe('cycle');
    expect(m.edges.get('e4')?.ignored).toBe('cycle');
  });

  it('terminates on a cycle with no way in', () => {
    const m = computeFunnel(makeDoc([{ id: 'x' }, { id: 'y' }], [['x', 'y', 0.5], ['y', 'x', 0.5]]));
    expect([...m.stages.values()].map((s) => s.volume)).toEqual([undefined, undefined]);
    expect(m.firstStageId).toBeUndefined();
  });

  it('explains the rule for the UI', () => {
    expect(LOOP_RULE).toMatch(/feedback/i);
    expect(LOOP_RULE).toMatch(/cycle/i);
  });
});

describe('computeFunnel summary numbers', () => {
  const [entry, r1, r2, r3] = [20000, 0.9, 0.1, 0.5];
  const value = 250;
  const doc = makeDoc(
    [{ id: 'orphan' }, { id: 'a', volume: entry }, { id: 'b' }, { id: 'c' }, { id: 'd' }, { id: 'unrated' }],
    [['a', 'b', r1], ['b', 'c', r2], ['c', 'd', r3], ['d', 'unrated']],
    { currency: 'EUR', valuePerCustomer: value },
  );
  const m = computeFunnel(doc);
  const customers = entry * r1 * r2 * r3;

  it('runs from the first to the last stage that has a volume', () => {
    expect(m.firstStageId).toBe('a');
    expect(m.lastStageId).toBe('d');
    expect(m.customers).toBeCloseTo(customers);
    expect(m.overallConversion).toBeCloseTo(r1 * r2 * r3);
  });

  it('forecasts revenue only when customers and their value are known', () => {
    expect(m.forecastRevenue).toBeCloseTo(customers * value);
    expect(m.currency).toBe('EUR');
    expect(computeFunnel({ ...doc, metadata: {} }).forecastRevenue).toBeUndefined();
    const noVolumes = makeDoc([{ id: 'a' }], [], { valuePerCustomer: value });
    expect(computeFunnel(noVolumes)).toMatchObject({ customers: undefined, forecastRevenue: undefined, overallConversion: undefined });
  });

  it('finds the stage that loses the most people', () => {
    const lostAtB = entry * r1 * (1 - r2);
    expect(lostAtB).toBeGreaterThan(entry * (1 - r1)); // the test data must make "b" the answer
    expect(m.biggestDropOff?.stageId).toBe('b');
    expect(m.biggestDropOff?.absolute).toBeCloseTo(lostAtB);
    expect(m.biggestDropOff?.relative).toBeCloseTo(1 - r2);
    // "d" has an unrated way out, so its loss is unknown and it cannot win.
    expect(m.stages.get('d')?.dropOff).toBeUndefined();
  });
});

describe('mainPath', () => {
  it('follows the largest flow and prefers the way to the end of the journey', () => {
    const doc = makeDoc(
      [{ id: 'a', volume: 1000 }, { id: 'side' }, { id: 'small' }, { id: 'big' }, { id: 'end' }],
      [['a', 'side', 0.6], ['a', 'small', 0.1], ['a', 'big', 0.2], ['small', 'end', 0.5], ['big', 'end', 0.5], ['end', 'a', 1, 'feedback']],
    );
    expect(mainPath(doc, computeFunnel(doc))).toEqual(['a', 'big', 'end']);
  });

  it('stops before repeating a stage and is empty without volumes', () => {
    const doc = makeDoc([{ id: 'a', volume: 10 }, { id: 'b' }], [['a', 'b', 0.5], ['b', 'a', 0.5]]);
    expect(mainPath(doc, computeFunnel(doc))).toEqual(['a', 'b']);
    const empty = makeDoc([{ id: 'a' }, { id: 'b' }], [['a', 'b', 0.5]]);
    expect(mainPath(empty, computeFunnel(empty))).toEqual([]);
  });
});

describe('computeFunnel on presets', () => {
  it.each(presetFiles)('%s computes finite numbers', (file) => {
    const doc = loadPreset(file);
    const m = computeFunnel(doc);
    const stageCount = doc.nodes.filter((n) => n.kind === 'stage').length;
    expect(m.stages.size).toBe(stageCount);
    const numbers = [
      ...[...m.stages.values()].flatMap((s) => [s.volume, s.outflow, s.dropOff, s.dropOffRate]),
      ...[...m.edges.values()].map((e) => e.flow),
      m.overallConversion,
      m.customers,
      m.forecastRevenue,
    ].filter((n) => n !== undefined);
    for (const n of numbers) expect(Number.isFinite(n)).toBe(true);
    expect(validateMetrics(doc)).toEqual([]);
  });
});

describe('validateMetrics', () => {
  it('names the edge and shows a bad rate as a percentage', () => {
    const doc = makeDoc([{ id: 'a', volume: 10 }, { id: 'b' }, { id: 'c' }], [['a', 'b', 0.2], ['a', 'c', 1.2]]);
    const problems = validateMetrics(doc);
    const bad = problems.find((p) => p.edgeId === 'e2');
    expect(bad?.path).toBe('edges[1].conversionRate');
    expect(bad?.message).toContain('"e2"');
    expect(bad?.message).toContain('120%');
    expect(problems.some((p) => p.edgeId === 'e1')).toBe(false);
  });

  it('rejects negative and non-numeric rates', () => {
    const doc = makeDoc([{ id: 'a' }, { id: 'b' }], [['a', 'b', -0.05], ['a', 'b', Number.NaN]]);
    const messages = validateMetrics(doc).map((p) => p.message);
    expect(messages.some((m) => m.includes('"e1"') && m.includes('-5%'))).toBe(true);
    expect(messages.some((m) => m.includes('"e2"') && m.includes('NaN'))).toBe(true);
  });

  it('names the stage whose outgoing rates add up to more than 100%', () => {
    const doc = makeDoc([{ id: 'closing', title: 'Closing' }, { id: 'x' }, { id: 'y' }, { id: 'z' }], [['closing', 'x', 0.7], ['closing', 'y', 0.6], ['closing', 'z', 0.9, 'feedback']]);
    const problems = validateMetrics(doc);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ nodeId: 'closing', path: 'nodes[0]' });
    expect(problems[0]?.message).toContain('"Closing"');
    expect(problems[0]?.message).toContain(`${Math.round((0.7 + 0.6) * 100)}%`);
  });

  it('does not report sums that only exceed 100% by floating-point error', () => {
    const doc = makeDoc([{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }], [['a', 'b', 0.33], ['a', 'c', 0.56], ['a', 'd', 0.11]]);
    expect(0.33 + 0.56 + 0.11).toBeGreaterThan(1); // the case this test is about
    expect(validateMetrics(doc)).toEqual([]);
  });

  it('reports negative and non-finite volumes with the value', () => {
    const doc = makeDoc([{ id: 'a', volume: -5, title: 'Visitors' }, { id: 'b', volume: Number.POSITIVE_INFINITY }], []);
    const problems = validateMetrics(doc);
    expect(problems.map((p) => p.nodeId)).toEqual(['a', 'b']);
    expect(problems[0]?.message).toMatch(/"Visitors".*-5/);
    expect(problems[1]?.message).toContain('Infinity');
    expect(problems[1]?.path).toBe('nodes[1].volume');
  });

  it('keeps computeFunnel finite when an input is not a number', () => {
    const doc = makeDoc([{ id: 'a', volume: Number.NaN }, { id: 'b', volume: 100 }, { id: 'c' }], [['a', 'c', 0.5], ['b', 'c', Number.NaN]]);
    const m = computeFunnel(doc);
    expect(m.stages.get('a')?.volume).toBeUndefined();
    expect(m.stages.get('c')?.volume).toBeUndefined();
  });
});

describe('overall conversion with several entry stages', () => {
  it('counts everyone who enters through any entry stage, not just the first one', () => {
    // Two channels feed one journey: 100 and 300 people, half of each move on, half of those buy.
    const doc = makeDoc(
      [{ id: 'ads', volume: 100 }, { id: 'seo', volume: 300 }, { id: 'lead' }, { id: 'customer' }],
      [['ads', 'lead', 0.5], ['seo', 'lead', 0.5], ['lead', 'customer', 0.5]],
    );
    const m = computeFunnel(doc);
    expect(m.customers).toBeCloseTo(100);
    expect(m.entering).toBeCloseTo(400);
    expect(m.overallConversion).toBeCloseTo(100 / 400);
  });

  it('does not count a stage whose typed volume overrides what flows into it as a new entry', () => {
    const doc = makeDoc([{ id: 'a', volume: 1000 }, { id: 'b', volume: 600 }, { id: 'c' }], [['a', 'b', 0.5], ['b', 'c', 0.5]]);
    const m = computeFunnel(doc);
    expect(m.entering).toBe(1000);
    expect(m.overallConversion).toBeCloseTo(300 / 1000);
  });
});
