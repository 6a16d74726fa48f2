import { ViewportPortal } from '@xyflow/react';
import type { PeerState } from '../../collab/liveSession';
import { useGeometry } from '../useGeometry';

/** Other participants' pointers and selections, drawn in diagram coordinates. */
export function PeerCursors({ peers }: { peers: PeerState[] }) {
  const geometry = useGeometry();
  const boxes = new Map(geometry.nodes.map((n) => [n.id, n]));
  return (
    <ViewportPortal>
      {peers.flatMap((peer) =>
        peer.selection.flatMap((id) => {
          const box = boxes.get(id);
          return box ? [<div key={`${peer.clientId}-${id}`} className="peer-selection" style={{ transform: `translate(${box.x - 4}px, ${box.y - 4}px)`, width: box.width + 8, height: box.height + 8, borderColor: peer.user.color }} />] : [];
        }),
      )}
      {peers.map((peer) =>
        peer.cursor ? (
          <div key={peer.clientId} className="peer-cursor" data-testid="peer-cursor" style={{ transform: `translate(${peer.cursor.x}px, ${peer.cursor.y}px)`, color: peer.user.color }}>
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true"><path d="M1 1 L7 16 L9.5 9.5 L16 7 Z" fill="currentColor" stroke="#fff" strokeWidth="1.2" /></svg>
            <span style={{ background: peer.user.color }}>{peer.user.name}</span>
          </div>
        ) : null,
      )}
    </ViewportPortal>
  );
}
