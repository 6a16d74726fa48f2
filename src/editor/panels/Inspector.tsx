import { EDGE_KINDS, NOTE_COLORS, PHASES, type DiagramEdge, type DiagramNode, type FunnelDocument, type Lane } from '../../model/schema';
import { updateEdge, updateLane, updateNode } from '../../model/operations';
import { PHASE_COLORS } from '../../layout/constants';
import { ICON_NAMES } from '../../render/icons';
import { useEditor } from '../storeContext';
import { CommitField } from './CommitField';
import { commitSettings } from './settingsActions';
import { CalloutList } from './CalloutList';
import { EdgeRateField, StageVolumeField } from './NumberFields';
import { PresentationOrder } from './PresentationOrder';
import { setFocus } from '../../model/operations';

const EDGE_KIND_LABEL = { flow: 'Flow', handoff: 'Hand-off', feedback: 'Feedback loop' } as const;

/** Edits whatever is selected; with nothing selected, the diagram's own settings. */
export function Inspector() {
  const { document, selection, commit } = useEditor((s) => ({ document: s.document, selection: s.selection, commit: s.commit }));
  const node = selection.nodeIds.length === 1 ? document.nodes.find((n) => n.id === selection.nodeIds[0]) : undefined;
  const edge = !node && selection.edgeIds.length === 1 ? document.edges.find((e) => e.id === selection.edgeIds[0]) : undefined;
  const lane = !node && !edge && selection.laneIds.length === 1 ? document.lanes.find((l) => l.id === selection.laneIds[0]) : undefined;
  const count = selection.nodeIds.length + selection.edgeIds.length;
  return (
    <aside className="inspector" aria-label="Inspector">
      {node ? (
        <NodeFields key={node.id} node={node} lanes={document.lanes} commit={commit} />
      ) : edge ? (
        <EdgeFields key={edge.id} edge={edge} commit={commit} />
      ) : lane ? (
        <LaneFields key={lane.id} lane={lane} commit={commit} />
      ) : count > 1 ? (
        <p className="hint">{count} items selected. Press Delete to remove them, or Ctrl+D to duplicate.</p>
      ) : (
        <DocumentFields />
      )}
    </aside>
  );
}

type Commit = (recipe: (d: FunnelDocument) => FunnelDocument) => void;

function NodeFields({ node, lanes, commit }: { node: DiagramNode; lanes: Lane[]; commit: Commit }) {
  const patch = (p: Parameters<typeof updateNode>[2]) => commit((d) => updateNode(d, node.id, p));
  if (node.kind === 'note') {
    return (
      <section>
        <h2>Note</h2>
        <label className="field">Text<CommitField label="Note text" multiline value={node.text} onCommit={(text) => patch({ text })} /></label>
        <fieldset className="field swatches">
          <legend>Colour</legend>
          {NOTE_COLORS.map((c) => (
            <button key={c} className={`swatch note-${c}`} aria-label={`${c} note`} aria-pressed={node.color === c} onClick={() => patch({ color: c })} />
          ))}
        </fieldset>
      </section>
    );
  }
  if (node.kind === 'label') {
    return (
      <section>
        <h2>Text label</h2>
        <label className="field">Text<CommitField label="Label text" value={node.text} validate={(v) => (v.trim() ? null : 'A label needs text')} onCommit={(text) => patch({ text })} /></label>
        <label className="field">
          Style
          <select aria-label="Label style" value={node.variant} onChange={(e) => patch({ variant: e.target.value as 'heading' | 'caption' })}>
            <option value="heading">Heading</option>
            <option value="caption">Caption</option>
          </select>
        </label>
      </section>
    );
  }
  return (
    <section>
      <h2>Stage</h2>
      <label className="field">Title<CommitField label="Title" value={node.title} validate={(v) => (v.trim() ? null : 'A stage needs a title')} onCommit={(title) => patch({ title: title.trim() })} /></label>
      <label className="field">Description<CommitField label="Description" multiline value={node.description} onCommit={(description) => patch({ description })} /></label>
      <label className="field">
        Phase
        <select aria-label="Phase" value={node.phase} onChange={(e) => patch({ phase: e.target.value as 'marketing' | 'sales' })}>
          {PHASES.map((p) => (
            <option key={p} value={p}>{p === 'marketing' ? 'Marketing' : 'Sales'}</option>
          ))}
        </select>
      </label>
      <label className="field">
        Lane
        <select aria-label="Lane" value={node.laneId ?? ''} onChange={(e) => {
          const lane = lanes.find((l) => l.id === e.target.value);
          patch({ laneId: lane?.id, ...(lane?.phase ? { phase: lane.phase } : {}) });
        }}>
          <option value="">No lane</option>
          {lanes.map((l) => <option key={l.id} value={l.id}>{l.title}</option>)}
        </select>
      </label>
      <div className="field row">
        <label>
          Colour <input type="color" aria-label="Colour" value={node.color ?? PHASE_COLORS[node.phase]} onChange={(e) => patch({ color: e.target.value })} />
        </label>
        {node.color && <button onClick={() => patch({ color: undefined })}>Use phase colour</button>}
      </div>
      <label className="field">
        Icon
        <select aria-label="Icon" value={node.icon ?? ''} onChange={(e) => patch({ icon: e.target.value || undefined })}>
          <option value="">No icon</option>
          {ICON_NAMES.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
      </label>
      <label className="field checkbox">
        <input type="checkbox" checked={Boolean(node.highlighted)} onChange={(e) => patch({ highlighted: e.target.checked || undefined })} /> Highlight
      </label>
      <FocusToggle nodeId={node.id} commit={commit} />
      <StageVolumeField node={node} commit={commit} />
      <h2>Comments</h2>
      <CalloutList nodeId={node.id} />
    </section>
  );
}

function EdgeFields({ edge, commit }: { edge: DiagramEdge; commit: Commit }) {
  const patch = (p: Partial<DiagramEdge>) => commit((d) => updateEdge(d, edge.id, p));
  return (
    <section>
      <h2>Connection</h2>
      <label className="field">Label<CommitField label="Edge label" value={edge.label ?? ''} placeholder="e.g. Qualified leads" onCommit={(label) => patch({ label: label.trim() || undefined })} /></label>
      <label className="field">
        Kind
        <select aria-label="Edge kind" value={edge.kind} onChange={(e) => patch({ kind: e.target.value as DiagramEdge['kind'] })}>
          {EDGE_KINDS.map((k) => <option key={k} value={k}>{EDGE_KIND_LABEL[k]}</option>)}
        </select>
      </label>
      <EdgeRateField edge={edge} commit={commit} />
    </section>
  );
}

function LaneFields({ lane, commit }: { lane: Lane; commit: Commit }) {
  const patch = (p: Partial<Lane>) => commit((d) => updateLane(d, lane.id, p));
  return (
    <section>
      <h2>Lane</h2>
      <label className="field">Title<CommitField label="Lane title" value={lane.title} validate={(v) => (v.trim() ? null : 'A lane needs a title')} onCommit={(title) => patch({ title: title.trim() })} /></label>
      <label className="field">
        Phase
        <select aria-label="Lane phase" value={lane.phase ?? ''} onChange={(e) => patch({ phase: (e.target.value || undefined) as Lane['phase'] })}>
          <option value="">Any</option>
          <option value="marketing">Marketing</option>
          <option value="sales">Sales</option>
        </select>
      </label>
    </section>
  );
}

function DocumentFields() {
  const { description, settings, commit, stages, edges } = useEditor((s) => ({
    description: s.document.description,
    settings: s.document.settings,
    commit: s.commit,
    stages: s.document.nodes.filter((n) => n.kind === 'stage').length,
    edges: s.document.edges.length,
  }));
  return (
    <section>
      <h2>Diagram</h2>
      <p className="hint">{stages} stages, {edges} connections. Select something to edit it; double-click a stage to rename it.</p>
      <label className="field">Description<CommitField label="Diagram description" multiline value={description} onCommit={(d) => commit((doc) => ({ ...doc, description: d }))} /></label>
      <label className="field checkbox">
        <input type="checkbox" checked={settings.showDescriptions} onChange={(e) => commitSettings(commit, { showDescriptions: e.target.checked })} /> Show stage descriptions
      </label>
      <label className="field checkbox">
        <input type="checkbox" checked={settings.showStepNumbers} onChange={(e) => commitSettings(commit, { showStepNumbers: e.target.checked })} /> Show step numbers
      </label>
      <label className="field checkbox">
        <input type="checkbox" checked={settings.showMetrics} onChange={(e) => commitSettings(commit, { showMetrics: e.target.checked })} /> Show numbers
      </label>
      <PresentationOrder />
    </section>
  );
}

function FocusToggle({ nodeId, commit }: { nodeId: string; commit: Commit }) {
  const focused = useEditor((s) => s.document.settings.focusNodeId === nodeId);
  return (
    <label className="field checkbox">
      <input type="checkbox" checked={focused} onChange={(e) => commit((d) => setFocus(d, e.target.checked ? nodeId : null))} /> Focus: dim everything else
    </label>
  );
}
