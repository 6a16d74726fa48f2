/** The preset files, found on disk (never a hard-coded list), and a loader that insists they parse. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../../src/model/parseDocument';
import type { FunnelDocument } from '../../src/model/schema';

export const presetsDir = fileURLToPath(new URL('../../presets/', import.meta.url));
export const presetFiles = fs.readdirSync(presetsDir).filter((name) => name.endsWith('.json')).sort();

export function loadPreset(file: string): FunnelDocument {
  const result = parseDocument(JSON.parse(fs.readFileSync(path.join(presetsDir, file), 'utf8')));
  if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
  return result.document;
}
