/**
 * Where the app is, from the URL. Everything lives in the fragment, so the app is static files
 * and a share link's content never reaches a server.
 */
export type Route =
  | { kind: 'start' }
  | { kind: 'library' }
  | { kind: 'document'; id: string }
  | { kind: 'live'; room: string }
  | { kind: 'share'; fragment: string; embed: boolean };

export function parseRoute(location: { hash: string; search: string }): Route {
  const hash = location.hash.replace(/^#/, '');
  const embed = new URLSearchParams(location.search).has('embed');
  if (hash.startsWith('share=')) return { kind: 'share', fragment: hash, embed };
  if (hash === '/library') return { kind: 'library' };
  const doc = /^\/d\/([A-Za-z0-9_-]{1,100})$/.exec(hash);
  if (doc) return { kind: 'document', id: doc[1]! };
  const live = /^\/live\/([A-Za-z0-9_-]{4,64})$/.exec(hash);
  if (live) return { kind: 'live', room: live[1]! };
  return { kind: 'start' };
}

export function documentHash(id: string): string {
  return `#/d/${id}`;
}

export const LIBRARY_HASH = '#/library';

export function liveHash(room: string): string {
  return `#/live/${room}`;
}
