import type { FunnelDocument } from '../model/schema';

/** A new diagram: the two lanes and one stage in each, so the first step is obvious. */
export function blankDocument(): FunnelDocument {
  return {
    format: 'funnel-diagram',
    version: 1,
    title: 'Untitled funnel',
    description: '',
    metadata: { createdAt: new Date().toISOString() },
    settings: { direction: 'LR', showStepNumbers: false, showMetrics: true, showDescriptions: false },
    lanes: [
      { id: 'lane-marketing', title: 'Marketing', phase: 'marketing' },
      { id: 'lane-sales', title: 'Sales', phase: 'sales' },
    ],
    nodes: [
      { id: 'stage-1', kind: 'stage', phase: 'marketing', title: 'Awareness', description: '', laneId: 'lane-marketing' },
      { id: 'stage-2', kind: 'stage', phase: 'sales', title: 'Closing', description: '', laneId: 'lane-sales' },
    ],
    edges: [{ id: 'edge-1', source: 'stage-1', target: 'stage-2', kind: 'handoff' }],
    callouts: [],
  };
}
