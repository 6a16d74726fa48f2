import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILE, buildJsonSchema, renderJsonSchema } from '../../scripts/writeSchema';
import { SCHEMA_URL, documentSchema } from '../../src/model/schema';

const presetsDir = fileURLToPath(new URL('../../presets/', import.meta.url));
const presetFiles = fs.readdirSync(presetsDir).filter((name) => name.endsWith('.json')).sort();

describe('published JSON Schema', () => {
  it('is committed exactly as `npm run schema` generates it (run it after changing schema.ts)', () => {
    expect(fs.existsSync(SCHEMA_FILE), `${SCHEMA_FILE} is missing`).toBe(true);
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(renderJsonSchema());
  });

  it('identifies itself with the URL serialized documents point at', () => {
    const schema = buildJsonSchema();
    expect(schema.$id).toBe(SCHEMA_URL);
    expect(typeof schema.title).toBe('string');
    expect(String(schema.$schema)).toMatch(/json-schema\.org/);
  });

  it('requires exactly the top-level fields that have no default and are not optional', () => {
    // io: 'input' must leave defaulted fields optional, or hand-written files would need them all.
    const shape = documentSchema.shape;
    const keys = Object.keys(shape) as Array<keyof typeof shape>;
    const mayBeOmitted = keys.filter((key) => shape[key].safeParse(undefined).success);
    const required = (buildJsonSchema().required as string[]).slice().sort();
    expect(mayBeOmitted.length).toBeGreaterThan(0);
    expect(required).toEqual(keys.filter((key) => !mayBeOmitted.includes(key)).sort());
  });

  it('forbids unknown top-level fields, like the parser does', () => {
    expect(buildJsonSchema().additionalProperties).toBe(false);
  });
});

describe.each(presetFiles)('preset %s', (file) => {
  it('points its $schema at the committed schema file', () => {
    const doc = JSON.parse(fs.readFileSync(path.join(presetsDir, file), 'utf8')) as { $schema?: unknown };
    expect(typeof doc.$schema).toBe('string');
    expect(path.resolve(presetsDir, doc.$schema as string)).toBe(path.resolve(SCHEMA_FILE));
  });
});
