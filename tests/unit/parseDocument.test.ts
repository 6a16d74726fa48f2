import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { formatPath, parseDocument, parseDocumentText, type ParseError, type ParseResult } from '../../src/model/parseDocument';
import { CURRENT_VERSION, FORMAT } from '../../src/model/schema';
import { serializeDocument } from '../../src/model/serialize';

/**
 * Every file in tests/fixtures/bad-documents is `<name>.<error kind>.json`. Documents that fail
 * with problems also have `<name>.<error kind>.problems.json`: the JSON path of each expected
 * problem and words its message must mention. Add a case by adding files; nothing is listed here.
 */
const ERROR_KINDS: ReadonlyArray<ParseError['kind']> = ['notFunnelDocument', 'versionTooNew', 'migrationFailed', 'invalid', 'brokenGraph'];
const fixturesDir = fileURLToPath(new URL('../fixtures/bad-documents/', import.meta.url));
const fixtureFiles = fs.readdirSync(fixturesDir).sort();
const DOCUMENT = /^(?<name>[\w-]+)\.(?<kind>\w+)\.json$/;
const PROBLEMS = /^(?<base>[\w-]+\.\w+)\.problems\.json$/;

interface ExpectedProblem {
  path: string;
  mentions: string[];
}

interface BadDocument {
  file: string;
  kind: ParseError['kind'];
  text: string;
  problems: ExpectedProblem[] | undefined;
}

const badDocuments: BadDocument[] = fixtureFiles
  .filter((file) => !PROBLEMS.test(file))
  .map((file) => {
    const kind = DOCUMENT.exec(file)?.groups?.kind as ParseError['kind'];
    const problemsFile = path.join(fixturesDir, file.replace(/\.json$/, '.problems.json'));
    return {
      file,
      kind,
      text: fs.readFileSync(path.join(fixturesDir, file), 'utf8'),
      problems: fs.existsSync(problemsFile) ? (JSON.parse(fs.readFileSync(problemsFile, 'utf8')) as ExpectedProblem[]) : undefined,
    };
  });

function expectError(result: ParseResult): ParseError {
  if (result.ok) throw new Error('expected the document to be rejected, but it parsed');
  return result.error;
}

/** Messages are shown to people; zod internals and JS artefacts must not leak into them. */
function expectReadable(message: string): void {
  expect(message.trim().length).toBeGreaterThan(0);
  expect(message).not.toMatch(/\[object Object\]|undefined is not|NaN|ZodError|^\s*\{/);
}

describe('bad-document fixtures', () => {
  it('are all named <name>.<error kind>.json, with a problems file only next to a document', () => {
    for (const file of fixtureFiles) {
      const problems = PROBLEMS.exec(file);
      if (problems) {
        expect(fixtureFiles, `${file} has no document`).toContain(`${problems.groups!.base}.json`);
        continue;
      }
      const kind = DOCUMENT.exec(file)?.groups?.kind;
      expect(ERROR_KINDS, `${file}: unknown error kind "${kind}"`).toContain(kind);
    }
  });

  it('cover every error kind that a file can trigger', () => {
    const covered = new Set(badDocuments.map((d) => d.kind));
    // A migration can only fail for a version with no step, which the version checks reject first.
    for (const kind of ERROR_KINDS.filter((k) => k !== 'migrationFailed')) expect(covered, `no fixture for ${kind}`).toContain(kind);
  });

  it('give every invalid and brokenGraph document its expected problems', () => {
    for (const doc of badDocuments) {
      if (doc.kind === 'invalid' || doc.kind === 'brokenGraph') expect(doc.problems, `${doc.file} needs a .problems.json`).toBeDefined();
    }
  });

  describe.each(badDocuments.map((d) => [d.file, d] as const))('%s', (_file, doc) => {
    it(`is rejected as ${doc.kind}`, () => {
      const error = expectError(parseDocumentText(doc.text));
      expect(error.kind).toBe(doc.kind);
      expectReadable(error.message);
    });

    it('is rejected the same way when already parsed from JSON', () => {
      let json: unknown;
      try {
        json = JSON.parse(doc.text);
      } catch {
        return; // bad JSON text only reaches parseDocumentText
      }
      expect(parseDocument(json)).toEqual(parseDocumentText(doc.text));
    });

    if (doc.problems) {
      const expected = doc.problems;
      it(`reports the problems at ${expected.map((p) => p.path || '(document)').join(', ')}`, () => {
        const error = expectError(parseDocumentText(doc.text));
        if (error.kind !== 'invalid' && error.kind !== 'brokenGraph') throw new Error(`expected problems, got ${error.kind}`);
        expect(error.problems.map((p) => p.path).sort()).toEqual(expected.map((p) => p.path).sort());
        for (const want of expected) {
          const problem = error.problems.find((p) => p.path === want.path)!;
          expectReadable(problem.message);
          for (const word of want.mentions) expect(problem.message, `message at ${want.path || '(document)'}`).toContain(word);
          // The summary names where each problem is, so a user can find it in the file.
          if (want.path) expect(error.message).toContain(want.path);
        }
      });
    }
  });
});

describe('parseDocument envelope', () => {
  it.each([
    ['a number', 1],
    ['a string', FORMAT],
    ['null', null],
    ['undefined', undefined],
    ['true', true],
    ['an array holding a document', [{ format: FORMAT, version: CURRENT_VERSION, title: 'T', nodes: [] }]],
    ['an object without a format', { version: CURRENT_VERSION, title: 'T', nodes: [] }],
    ['an object with another format', { format: 'tldraw', version: CURRENT_VERSION, title: 'T', nodes: [] }],
  ])('rejects %s as notFunnelDocument', (_label, input) => {
    const error = expectError(parseDocument(input));
    expect(error.kind).toBe('notFunnelDocument');
    expect(error.message).toContain(FORMAT);
  });

  it('reports a JSON syntax error as notFunnelDocument with the parser detail', () => {
    const error = expectError(parseDocumentText('{"format": '));
    expect(error.kind).toBe('notFunnelDocument');
    expect(error.message).toMatch(/JSON/);
  });

  it('names the version it found and the one it supports when a file is too new', () => {
    const newer = CURRENT_VERSION + 3;
    const error = expectError(parseDocument({ format: FORMAT, version: newer, title: 'T', nodes: [] }));
    if (error.kind !== 'versionTooNew') throw new Error(`got ${error.kind}`);
    expect(error.version).toBe(newer);
    expect(error.supported).toBe(CURRENT_VERSION);
    expect(error.message).toContain(String(newer));
  });

  it.each([[-1], [1.5], ['1'], [null]])('rejects version %j as invalid at path "version"', (version) => {
    const error = expectError(parseDocument({ format: FORMAT, version, title: 'T', nodes: [] }));
    if (error.kind !== 'invalid') throw new Error(`got ${error.kind}`);
    expect(error.problems.map((p) => p.path)).toEqual(['version']);
  });

  it('never throws, whatever JSON it is given', () => {
    const anything = fc.oneof(fc.jsonValue(), fc.record({ format: fc.constant(FORMAT), version: fc.jsonValue(), nodes: fc.jsonValue() }, { requiredKeys: ['format'] }));
    fc.assert(
      fc.property(anything, (input) => {
        const result = parseDocument(input);
        if (!result.ok) expect(ERROR_KINDS).toContain(result.error.kind);
      }),
    );
  });
});

describe('parseDocument defaults', () => {
  const minimal = {
    format: FORMAT,
    version: CURRENT_VERSION,
    title: 'Minimal',
    nodes: [
      { id: 's', kind: 'stage', phase: 'marketing', title: 'Stage' },
      { id: 't', kind: 'stage', phase: 'sales', title: 'Target' },
      { id: 'n', kind: 'note', text: 'A note' },
      { id: 'l', kind: 'label', text: 'A label' },
    ],
  };

  function parse(input: unknown) {
    const result = parseDocument(input);
    if (!result.ok) throw new Error(result.error.message);
    return result.document;
  }

  it('fills in every omitted field', () => {
    const doc = parse({ ...minimal, edges: [{ id: 'e', source: 's', target: 't' }] });
    expect(doc.description).toBe('');
    expect(doc.metadata).toEqual({});
    expect(doc.lanes).toEqual([]);
    expect(doc.callouts).toEqual([]);
    expect(doc.settings).toMatchObject({ direction: 'LR', showStepNumbers: false, showMetrics: true, showDescriptions: false });
    expect(doc.edges[0]!.kind).toBe('flow');
    const [stage, , note, label] = doc.nodes;
    expect(stage).toMatchObject({ kind: 'stage', description: '' });
    expect(note).toMatchObject({ kind: 'note', color: 'yellow' });
    expect(label).toMatchObject({ kind: 'label', variant: 'heading' });
  });

  it('defaults a missing edges list to empty', () => {
    expect(parse(minimal).edges).toEqual([]);
  });

  it('fills in settings left out of a partial settings object', () => {
    const full = parse(minimal).settings;
    const partial = parse({ ...minimal, settings: { direction: 'TB' } }).settings;
    expect(partial).toEqual({ ...full, direction: 'TB' });
  });

  it('gives the same document whether defaults are omitted or written out', () => {
    const filled = parse(minimal);
    const { $schema: _schemaUrl, ...saved } = JSON.parse(serializeDocument(filled)) as Record<string, unknown>;
    expect(Object.keys(saved).sort()).toEqual(Object.keys(filled).sort());
    expect(parse(saved)).toEqual(filled);
  });

  it('does not mutate its input', () => {
    const input = structuredClone(minimal);
    parse(input);
    expect(input).toEqual(minimal);
  });
});

describe('formatPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(formatPath(['nodes', 1, 'color'])).toBe('nodes[1].color');
    expect(formatPath(['settings', 'presentationOrder', 0])).toBe('settings.presentationOrder[0]');
    expect(formatPath([])).toBe('');
  });
});
