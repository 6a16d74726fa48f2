/**
 * The bundled presets, read from presets/*.json at build time. Each goes through parseDocument
 * like any other input; a broken preset fails the preset tests, never a user's session.
 */
import { parseDocument } from '../model/parseDocument';
import type { FunnelDocument } from '../model/schema';

export const DEFAULT_PRESET_ID = 'buyer-journey';

/** Gallery order: the default first, then the processes, funnels and comparisons. */
const ORDER = ['buyer-journey', 'marketing-process', 'sales-process', 'channels-to-customer', 'tofu-mofu-bofu', 'aida', 'lead-stages', 'sales-vs-marketing'];

const files = import.meta.glob<unknown>('../../presets/*.json', { eager: true, import: 'default' });

export interface PresetEntry {
  id: string;
  document: FunnelDocument;
}

export const PRESETS: readonly PresetEntry[] = Object.entries(files)
  .map(([path, raw]) => {
    const id = path.replace(/^.*\/(.+)\.json$/, '$1');
    const parsed = parseDocument(raw);
    if (!parsed.ok) throw new Error(`Preset ${id} is broken: ${parsed.error.message}`);
    return { id, document: parsed.document };
  })
  .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));

function rank(id: string): number {
  const i = ORDER.indexOf(id);
  return i === -1 ? ORDER.length : i;
}

export function findPreset(id: string): PresetEntry | undefined {
  return PRESETS.find((p) => p.id === id);
}

export function defaultDocument(): FunnelDocument {
  return findPreset(DEFAULT_PRESET_ID)!.document;
}
