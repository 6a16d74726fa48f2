import { copyTextToClipboard } from '../../export/clipboard';
import { useUi } from '../uiStore';
import { useLive, useLiveStatus, usePeers, useSessionState } from './liveContext';

const STATUS_TEXT = {
  connecting: 'Connecting to the live session…',
  syncing: 'Joining…',
  live: 'Live',
  disconnected: 'Offline: keep editing; your changes merge when the connection is back',
} as const;

/** Who is here, whether we are connected, and the facilitator's controls. */
export function LiveBar() {
  const live = useLive();
  const status = useLiveStatus(live?.session);
  const peers = usePeers(live?.session);
  const session = useSessionState(live?.session);
  const notify = useUi((s) => s.notify);
  if (!live || !status) return null;
  const facilitator = live.session.isFacilitator();
  return (
    <div className={`live-bar${status === 'disconnected' ? ' is-offline' : ''}`} role="status" aria-label="Live session">
      <span className="live-dot" aria-hidden="true" />
      <span data-testid="live-status" data-status={status}>{STATUS_TEXT[status]}</span>
      <ul className="participants" aria-label="Participants">
        {peers.map((p) => (
          <li key={p.clientId} style={{ background: p.user.color }}>{p.user.name}</li>
        ))}
      </ul>
      {session?.readOnly && <span className="badge">{facilitator ? 'Others can only watch' : 'The facilitator has made this read-only'}</span>}
      <div className="end">
        {facilitator && (
          <label className="checkbox">
            <input type="checkbox" checked={Boolean(session?.readOnly)} onChange={(e) => live.session.setReadOnly(e.target.checked)} /> Read-only for others
          </label>
        )}
        <button
          onClick={() =>
            void copyTextToClipboard(live.link).then(
              () => notify({ tone: 'info', message: 'Session link copied. Anyone with it can join and edit.' }),
              () => notify({ tone: 'info', message: 'Share this link to invite people:', detail: [live.link] }),
            )
          }
        >
          Copy invite link
        </button>
      </div>
    </div>
  );
}
