import { useMemo, useState } from 'react';
import { addCallout, removeCallout, updateCallout } from '../../model/operations';
import { useEditor } from '../storeContext';
import { CommitField } from './CommitField';

/** The comments pinned to one stage: used in the node's popover and in the inspector. Read-only views list them as text. */
export function CalloutList({ nodeId, autoFocus, readOnly }: { nodeId: string; autoFocus?: boolean; readOnly?: boolean }) {
  const { all, commit } = useEditor((s) => ({ all: s.document.callouts, commit: s.commit }));
  const callouts = useMemo(() => all.filter((c) => c.nodeId === nodeId), [all, nodeId]);
  const [draft, setDraft] = useState('');
  const add = () => {
    const text = draft.trim();
    if (!text) return;
    commit((d) => addCallout(d, nodeId, text).document);
    setDraft('');
  };
  if (readOnly) {
    return (
      <div className="callout-list">
        {callouts.length === 0 ? <p className="hint">No comments.</p> : <ul>{callouts.map((c) => <li key={c.id}>{c.text}</li>)}</ul>}
      </div>
    );
  }
  return (
    <div className="callout-list">
      {callouts.length === 0 && <p className="hint">No comments yet.</p>}
      <ul>
        {callouts.map((c, i) => (
          <li key={c.id}>
            <CommitField label={`Comment ${i + 1}`} value={c.text} validate={(v) => (v.trim() ? null : 'A comment needs text')} onCommit={(text) => commit((d) => updateCallout(d, c.id, text.trim()))} />
            <button aria-label={`Delete comment ${i + 1}`} onClick={() => commit((d) => removeCallout(d, c.id))}>✕</button>
          </li>
        ))}
      </ul>
      <div className="row">
        <input
          aria-label="New comment"
          placeholder="Add a comment…"
          value={draft}
          autoFocus={autoFocus}
          maxLength={500}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Enter') add();
          }}
        />
        <button onClick={add} disabled={!draft.trim()}>Add comment</button>
      </div>
    </div>
  );
}
