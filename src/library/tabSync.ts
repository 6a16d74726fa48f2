/**
 * Cross-tab notice of library saves over BroadcastChannel. The channel is injectable so tests
 * pass a fake; where BroadcastChannel is missing, announcing and listening are no-ops.
 */
import { isRecord } from '../model/migrations';

export const TAB_SYNC_CHANNEL = 'funnel-editor-library';
const SAVED = 'library:saved';

export interface RemoteSave {
  id: string;
  revision: number;
  tabId: string;
}

/** The part of BroadcastChannel this helper uses. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface TabSync {
  /** Tells other tabs that entry `id` now has `revision`, written by tab `tabId`. */
  announceSaved(id: string, revision: number, tabId: string): void;
  /**
   * Calls `callback` for each save announced by another tab. Messages from `ownTabId` and
   * malformed messages (another build, another app) are ignored. Returns an unsubscribe function.
   */
  onRemoteSave(callback: (save: RemoteSave) => void, ownTabId?: string): () => void;
  close(): void;
}

export function createTabSync(channel: ChannelLike | null = openChannel()): TabSync {
  return {
    announceSaved(id, revision, tabId) {
      channel?.postMessage({ type: SAVED, id, revision, tabId });
    },
    onRemoteSave(callback, ownTabId) {
      if (!channel) return () => undefined;
      const listener = (event: MessageEvent) => {
        const save = toRemoteSave(event.data);
        if (save && save.tabId !== ownTabId) callback(save);
      };
      channel.addEventListener('message', listener);
      return () => channel.removeEventListener('message', listener);
    },
    close() {
      channel?.close();
    },
  };
}

/** A random id for this tab, to tell its own announcements apart. */
export function createTabId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export type ConflictAction = 'reload' | 'warn' | 'ignore';

/**
 * What a tab does when another tab saved the document it has open.
 * - `ignore`: the remote revision is not newer than ours (an echo, or an old message).
 * - `reload`: it is newer and we have no unsaved edits, so we silently follow the newer copy.
 * - `warn`: it is newer and we have unsaved edits. Never overwrite either side silently: show a
 *   warning and let the user choose (reload theirs, or keep ours: saving it then gets
 *   `reason: 'conflict'`, and the user can save it as a new copy).
 */
export function resolveConflict(localRevision: number, remoteRevision: number, localDirty: boolean): ConflictAction {
  if (!(remoteRevision > localRevision)) return 'ignore';
  return localDirty ? 'warn' : 'reload';
}

function toRemoteSave(data: unknown): RemoteSave | null {
  if (!isRecord(data) || data.type !== SAVED) return null;
  const { id, revision, tabId } = data;
  if (typeof id !== 'string' || typeof tabId !== 'string' || typeof revision !== 'number' || !Number.isInteger(revision)) return null;
  return { id, revision, tabId };
}

function openChannel(): ChannelLike | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(TAB_SYNC_CHANNEL);
}
