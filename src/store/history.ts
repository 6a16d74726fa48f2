/**
 * Snapshot history. Documents are immutable, so a snapshot is a reference, not a copy.
 * A gesture (one drag) is recorded once, when it ends.
 */
export interface History<T> {
  past: readonly T[];
  future: readonly T[];
}

export const HISTORY_LIMIT = 200;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [] };
}

/** Records `previous` as an undo step; any redo steps are dropped. */
export function record<T>(history: History<T>, previous: T, limit = HISTORY_LIMIT): History<T> {
  const past = [...history.past, previous];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, future: [] };
}

export function undo<T>(history: History<T>, current: T): { history: History<T>; value: T } | null {
  const value = history.past[history.past.length - 1];
  if (value === undefined) return null;
  return { history: { past: history.past.slice(0, -1), future: [current, ...history.future] }, value };
}

export function redo<T>(history: History<T>, current: T): { history: History<T>; value: T } | null {
  const value = history.future[0];
  if (value === undefined) return null;
  return { history: { past: [...history.past, current], future: history.future.slice(1) }, value };
}
