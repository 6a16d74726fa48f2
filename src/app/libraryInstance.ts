import { createLibrary, type Library } from '../library/libraryRepository';
import { createIdbBackend, createMemoryBackend } from '../library/idbBackend';

let instance: { library: Library; persistent: boolean } | null = null;

/**
 * The browser's diagram library. Where IndexedDB is unavailable (some private modes), a
 * session-only library is used and the UI says so.
 */
export async function getLibrary(): Promise<{ library: Library; persistent: boolean }> {
  if (instance) return instance;
  const persistent = createLibrary(createIdbBackend());
  const probe = await persistent.list();
  instance = probe.ok ? { library: persistent, persistent: true } : { library: createLibrary(createMemoryBackend()), persistent: false };
  return instance;
}
