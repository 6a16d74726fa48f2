/**
 * Writes schema/funnel-diagram.schema.json from the zod document schema, so editors can
 * validate and autocomplete preset and user files. Run with `npm run schema`; a unit test
 * fails if the committed file drifts from what this produces.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { SCHEMA_URL, documentSchema } from '../src/model/schema';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema/funnel-diagram.schema.json', import.meta.url));

/** The JSON Schema as an object. `io: 'input'` makes fields with defaults optional, as in files. */
export function buildJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(documentSchema, { io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: SCHEMA_URL, title: 'Funnel diagram document', ...rest };
}

/** The file's exact text: two-space indentation and a final newline. */
export function renderJsonSchema(): string {
  return JSON.stringify(buildJsonSchema(), null, 2) + '\n';
}

function main(): void {
  fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
  fs.writeFileSync(SCHEMA_FILE, renderJsonSchema());
  console.log(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}

// Only write when run as a script, not when a test imports the builder.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
