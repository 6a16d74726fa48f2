import { useMemo } from 'react';
import { journeyOrder } from '../../model/journeyOrder';
import { moveInOrder, presentationOrder, resetOrder, setSkipped } from '../../model/presentation';
import { useEditor } from '../storeContext';

/** The facilitator's running order for presenting: reorder or skip stages. Saved in the document. */
export function PresentationOrder() {
  const { document, commit } = useEditor((s) => ({ document: s.document, commit: s.commit }));
  const { order, skipped, titles } = useMemo(() => {
    const current = presentationOrder(document);
    const inOrder = new Set(current);
    return {
      order: current,
      skipped: journeyOrder(document).filter((id) => !inOrder.has(id)),
      titles: new Map(document.nodes.flatMap((n) => (n.kind === 'stage' ? [[n.id, n.title] as const] : []))),
    };
  }, [document]);
  return (
    <details className="presentation-order">
      <summary>Presentation order ({order.length} stages)</summary>
      <ol>
        {order.map((id, i) => (
          <li key={id}>
            <span>{titles.get(id)}</span>
            <button aria-label={`Move ${titles.get(id)} earlier`} disabled={i === 0} onClick={() => commit((d) => moveInOrder(d, id, -1))}>↑</button>
            <button aria-label={`Move ${titles.get(id)} later`} disabled={i === order.length - 1} onClick={() => commit((d) => moveInOrder(d, id, 1))}>↓</button>
            <button aria-label={`Skip ${titles.get(id)}`} onClick={() => commit((d) => setSkipped(d, id, true))}>Skip</button>
          </li>
        ))}
      </ol>
      {skipped.length > 0 && (
        <p className="hint">
          Skipped:{' '}
          {skipped.map((id) => (
            <button key={id} aria-label={`Include ${titles.get(id)}`} onClick={() => commit((d) => setSkipped(d, id, false))}>+ {titles.get(id)}</button>
          ))}
        </p>
      )}
      {document.settings.presentationOrder && <button onClick={() => commit(resetOrder)}>Reset to journey order</button>}
    </details>
  );
}
