import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS, migrateDocument, type MigrationStep } from '../../src/model/migrations';
import { parseDocument } from '../../src/model/parseDocument';
import { CURRENT_VERSION, type FunnelDocument } from '../../src/model/schema';

const fixturePath = fileURLToPath(new URL('../fixtures/migrations/v0-draft.json', import.meta.url));

interface DraftNode {
  id: string;
  type: string;
  [key: string]: unknown;
}
interface DraftEdge {
  id: string;
  from: string;
  to: string;
  [key: string]: unknown;
}
interface DraftDocument {
  version: number;
  nodes: DraftNode[];
  edges: DraftEdge[];
  [key: string]: unknown;
}

function readFixture(): DraftDocument {
  return JSON.parse(fs.readFileSync(fixturePath, 'utf8')) as DraftDocument;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function parseOrThrow(input: unknown): FunnelDocument {
  const result = parseDocument(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

describe('version 0 draft fixture', () => {
  it('is still a version 0 document in the draft shape', () => {
    const draft = readFixture();
    expect(draft.version).toBe(0);
    expect(draft.nodes.some((n) => n.type === 'step')).toBe(true);
    expect(draft.nodes.every((n) => !('kind' in n))).toBe(true);
    expect(draft.edges.every((e) => typeof e.from === 'string' && typeof e.to === 'string' && !('source' in e))).toBe(true);
  });

  it('parses into a valid current-version document', () => {
    const doc = parseOrThrow(readFixture());
    expect(doc.version).toBe(CURRENT_VERSION);
  });

  it('keeps every step as a stage with the same fields', () => {
    const draft = readFixture();
    const doc = parseOrThrow(draft);
    const steps = draft.nodes.filter((n) => n.type === 'step');
    const stages = doc.nodes.filter((n) => n.kind === 'stage');
    expect(stages.map((s) => s.id)).toEqual(steps.map((s) => s.id));
    for (const step of steps) {
      const { type: _type, ...fields } = step;
      expect(doc.nodes.find((n) => n.id === step.id)).toMatchObject({ ...fields, kind: 'stage' });
    }
  });

  it('keeps the other nodes with their type as their kind', () => {
    const draft = readFixture();
    const doc = parseOrThrow(draft);
    expect(doc.nodes.map((n) => n.kind)).toEqual(draft.nodes.map((n) => (n.type === 'step' ? 'stage' : n.type)));
  });

  it('keeps every edge, with from/to as source/target and its other fields', () => {
    const draft = readFixture();
    const doc = parseOrThrow(draft);
    expect(doc.edges).toHaveLength(draft.edges.length);
    draft.edges.forEach((old, i) => {
      const { from, to, ...fields } = old;
      expect(doc.edges[i]).toMatchObject({ ...fields, source: from, target: to });
      expect(doc.edges[i]).not.toHaveProperty('from');
      expect(doc.edges[i]).not.toHaveProperty('to');
    });
  });

  it('keeps lanes and callouts', () => {
    const draft = readFixture();
    const doc = parseOrThrow(draft);
    expect(doc.lanes).toEqual(draft.lanes);
    expect(doc.callouts).toEqual(draft.callouts);
  });

  it('does not mutate the raw input', () => {
    const draft = deepFreeze(readFixture());
    expect(() => migrateDocument(draft, CURRENT_VERSION)).not.toThrow();
    expect(draft).toEqual(readFixture());
  });
});

describe('migrateDocument', () => {
  /** A pretend format 2 where stages carry `name` instead of `title`. */
  const renameTitle: MigrationStep = {
    id: '002-pretend-title-to-name',
    from: 1,
    migrate: (raw) => ({
      ...raw,
      nodes: (raw.nodes as Array<Record<string, unknown>>).map((n) => {
        if (n.kind !== 'stage') return n;
        const { title, ...rest } = n;
        return { ...rest, name: title };
      }),
    }),
  };
  const [draftToV1] = MIGRATIONS;

  it('applies steps in version order, each seeing the previous step\'s output', () => {
    // Listed out of order on purpose: steps are chosen by `from`, not by position.
    const steps = [renameTitle, draftToV1!];
    const draft = readFixture();
    const result = migrateDocument(draft, 2, steps) as { version: number; nodes: Array<Record<string, unknown>> };
    expect(result.version).toBe(2);
    // renameTitle only touches nodes whose kind is "stage", which only exists after step 001 ran.
    const renamed = result.nodes.filter((n) => n.kind === 'stage');
    expect(renamed.map((n) => n.name)).toEqual(draft.nodes.filter((n) => n.type === 'step').map((n) => n.title));
    expect(renamed.every((n) => !('title' in n))).toBe(true);
  });

  it('starts from the document\'s own version', () => {
    const v1 = migrateDocument(readFixture(), 1);
    let ranDraftStep = false;
    const spy: MigrationStep = { ...draftToV1!, migrate: (raw) => ((ranDraftStep = true), draftToV1!.migrate(raw)) };
    const v2 = migrateDocument(v1, 2, [spy, renameTitle]);
    expect(ranDraftStep).toBe(false);
    expect(v2.version).toBe(2);
  });

  it('sets the version after each step even if the step forgets to', () => {
    const forgetful: MigrationStep = { id: 'x', from: 1, migrate: (raw) => ({ ...raw, touched: true }) };
    expect(migrateDocument({ version: 1 }, 2, [forgetful])).toEqual({ version: 2, touched: true });
  });

  it('returns the document unchanged when it is already at the target version', () => {
    const doc = { version: 1, title: 'same' };
    expect(migrateDocument(doc, 1, [])).toBe(doc);
  });

  it('throws, naming the version, when a step is missing', () => {
    expect(() => migrateDocument(readFixture(), 2, [draftToV1!])).toThrow(/version 1/);
    expect(() => migrateDocument(readFixture(), 2, [renameTitle])).toThrow(/version 0/);
  });
});

describe('shipped migration steps', () => {
  it('have unique ids', () => {
    const ids = MIGRATIONS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('cover every version from 0 up to the current one exactly once, in order', () => {
    const froms = MIGRATIONS.map((s) => s.from);
    expect(froms).toEqual(Array.from({ length: CURRENT_VERSION }, (_, v) => v));
  });

  it('have ids that sort in the same order as the versions they lift', () => {
    const ids = MIGRATIONS.map((s) => s.id);
    expect(ids.slice().sort()).toEqual(ids);
  });
});
