import { createContext, useContext, useEffect, useState } from 'react';
import type { LiveSession, LiveStatus, PeerState, SessionState } from '../../collab/liveSession';

export interface LiveInfo {
  session: LiveSession;
  room: string;
  link: string;
  serverUrl: string;
}

export const LiveContext = createContext<LiveInfo | null>(null);

export function useLive(): LiveInfo | null {
  return useContext(LiveContext);
}

export function usePeers(session: LiveSession | undefined): PeerState[] {
  const [peers, setPeers] = useState<PeerState[]>([]);
  useEffect(() => session?.onPeers(setPeers), [session]);
  return peers;
}

export function useLiveStatus(session: LiveSession | undefined): LiveStatus | null {
  const [status, setStatus] = useState<LiveStatus | null>(() => session?.getStatus() ?? null);
  useEffect(() => {
    if (!session) return;
    setStatus(session.getStatus());
    // y-websocket reports every reconnect attempt as 'connecting' and a failed attempt not at all, so once the
    // connection is lost the banner keeps saying "offline" until it is back (syncing, then live).
    return session.onStatus((next) => setStatus((prev) => (prev === 'disconnected' && next === 'connecting' ? prev : next)));
  }, [session]);
  return status;
}

export function useSessionState(session: LiveSession | undefined): SessionState | null {
  const [state, setState] = useState<SessionState | null>(() => session?.getSession() ?? null);
  useEffect(() => {
    if (!session) return;
    setState(session.getSession());
    return session.onSessionChange(setState);
  }, [session]);
  return state;
}

export function useLiveHistory(session: LiveSession | undefined): { canUndo: boolean; canRedo: boolean } | null {
  const read = () => (session ? { canUndo: session.canUndo(), canRedo: session.canRedo() } : null);
  const [state, setState] = useState(read);
  useEffect(() => {
    if (!session) return;
    setState({ canUndo: session.canUndo(), canRedo: session.canRedo() });
    return session.onHistoryChange(() => setState({ canUndo: session.canUndo(), canRedo: session.canRedo() }));
  }, [session]);
  return state;
}
