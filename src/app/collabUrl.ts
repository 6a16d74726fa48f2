/**
 * Where the collaboration server is: `?collab=ws://host:port` in the page URL, else the build's
 * VITE_COLLAB_URL, else port 1234 on the host that served the app (what `npm start` runs).
 */
export function collabServerUrl(location: { search: string; hostname: string; protocol: string }, configured = import.meta.env.VITE_COLLAB_URL as string | undefined): string {
  const fromQuery = new URLSearchParams(location.search).get('collab');
  if (fromQuery && /^wss?:\/\//.test(fromQuery)) return fromQuery.replace(/\/$/, '');
  if (configured) return configured.replace(/\/$/, '');
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.hostname || 'localhost'}:1234`;
}

/** A room id that is hard to guess: whoever has the link can join. */
export function newRoomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const USER_KEY = 'funnel-editor:live-user';
const COLORS = ['#e11d48', '#7c3aed', '#0891b2', '#16a34a', '#ea580c', '#db2777', '#2563eb', '#ca8a04'];

export function savedUser(): { name: string; color: string } | null {
  try {
    const raw = JSON.parse(localStorage.getItem(USER_KEY) ?? 'null') as { name?: unknown; color?: unknown } | null;
    return raw && typeof raw.name === 'string' && typeof raw.color === 'string' ? { name: raw.name, color: raw.color } : null;
  } catch {
    return null;
  }
}

export function rememberUser(name: string): { name: string; color: string } {
  const user = { name: name.trim().slice(0, 40) || 'Guest', color: COLORS[Math.floor(Math.random() * COLORS.length)]! };
  try {
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  } catch {
    // A name not remembered is asked again next time; nothing else depends on it.
  }
  return user;
}
