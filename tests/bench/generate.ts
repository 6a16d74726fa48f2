/** Synthetic journeys for benchmarks: a marketing chain handing off to a sales chain, with side branches. */
import type { FunnelDocument } from '../../src/model/schema';

export function generateJourney(stages: number): FunnelDocument {
  const nodes: FunnelDocument['nodes'] = [];
  const edges: FunnelDocument['edges'] = [];
  const half = Math.floor(stages / 2);
  for (let i = 0; i < stages; i++) {
    const phase = i < half ? 'marketing' : 'sales';
    nodes.push({ id: `s${i}`, kind: 'stage', phase, title: `Stage ${i + 1} of the journey`, description: 'A generated stage.', laneId: `lane-${phase}` });
    // Mostly a chain, with every fifth stage branching from two back, so the graph is not a line.
    if (i > 0) edges.push({ id: `e${i}`, source: `s${i % 5 === 0 && i > 1 ? i - 2 : i - 1}`, target: `s${i}`, kind: i === half ? 'handoff' : 'flow' });
  }
  return {
    format: 'funnel-diagram',
    version: 1,
    title: `Generated journey (${stages} stages)`,
    description: '',
    metadata: {},
    settings: { direction: 'LR', showStepNumbers: false, showMetrics: true, showDescriptions: false },
    lanes: [
      { id: 'lane-marketing', title: 'Marketing', phase: 'marketing' },
      { id: 'lane-sales', title: 'Sales', phase: 'sales' },
    ],
    nodes,
    edges,
    callouts: [],
  };
}
