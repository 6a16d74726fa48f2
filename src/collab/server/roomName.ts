/** Room ids are path segments: short, URL-safe, and safe to use as storage keys. */
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9_-]{4,64}$/;

/**
 * Reads the room id from a WebSocket upgrade URL (`/<room>` plus an optional query, which
 * y-websocket clients may append). Returns null when the path is not exactly one valid id.
 */
export function roomNameFromUrl(url: string | undefined): string | null {
  if (!url) return null;
  const path = url.split('?')[0] ?? '';
  const name = path.startsWith('/') ? path.slice(1) : '';
  return ROOM_NAME_PATTERN.test(name) ? name : null;
}
