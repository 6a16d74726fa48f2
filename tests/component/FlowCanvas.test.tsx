// @vitest-environment jsdom
import { describe, it, expect, beforeAll, afterEach } from 'vitest';
import { render, screen, cleanup, act } from '@testing-library/react';
import { App } from '../../src/editor/App';
import { createEditorStore } from '../../src/store/editorStore';
import { PRESETS, defaultDocument } from '../../src/presets/catalog';
import { installReactFlowMocks } from './reactFlowMocks';

beforeAll(installReactFlowMocks);
afterEach(cleanup);

describe('the editor canvas', () => {
  it.each(PRESETS.map((p) => [p.id, p.document] as const))('renders every node and edge of preset %s', async (_id, doc) => {
    const store = createEditorStore(doc);
    const { container } = render(<App store={store} />);
    await screen.findAllByTestId(/^stage-/);
    const stages = doc.nodes.filter((n) => n.kind === 'stage');
    expect(container.querySelectorAll('.react-flow__node-stage')).toHaveLength(stages.length);
    for (const stage of stages) expect(screen.getByTestId(`stage-${stage.id}`).textContent).toContain(stage.title.split(' ')[0]);
    expect(container.querySelectorAll('.react-flow__node-lane')).toHaveLength(doc.lanes.length);
    // Edges render only once React Flow has measured the nodes, which is what the mocks enable.
    expect(container.querySelectorAll('.react-flow__edge')).toHaveLength(doc.edges.length);
  });

  it('shows a renamed stage once the store changes', async () => {
    const store = createEditorStore(defaultDocument());
    render(<App store={store} />);
    await screen.findAllByTestId(/^stage-/);
    const first = store.getState().document.nodes.find((n) => n.kind === 'stage')!;
    act(() => store.getState().commit((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === first.id ? { ...n, title: 'Renamed in test' } : n)) })));
    expect(screen.getByTestId(`stage-${first.id}`).textContent).toContain('Renamed in test');
  });

  it('never renders label text as HTML', async () => {
    const doc = defaultDocument();
    const hostile = '<img src=x onerror="alert(1)">';
    const target = doc.nodes.find((n) => n.kind === 'stage')!;
    const store = createEditorStore({ ...doc, nodes: doc.nodes.map((n) => (n.id === target.id ? { ...n, title: hostile } : n)) });
    const { container } = render(<App store={store} />);
    await screen.findAllByTestId(/^stage-/);
    expect(container.querySelector('.react-flow__node img')).toBeNull();
    expect(screen.getByTestId(`stage-${target.id}`).textContent).toContain('<img');
  });
});
