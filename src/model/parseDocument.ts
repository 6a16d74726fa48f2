import type { z } from 'zod';
import { CURRENT_VERSION, FORMAT, documentSchema, type FunnelDocument } from './schema';
import { checkGraph } from './graphRules';
import { isRecord, migrateDocument } from './migrations';
import { validateMetrics } from '../metrics/validateMetrics';

export interface Problem {
  /** JSON path such as `nodes[3].title`; empty for the document itself. */
  path: string;
  message: string;
}

export type ParseError =
  | { kind: 'notFunnelDocument'; message: string }
  | { kind: 'versionTooNew'; version: number; supported: number; message: string }
  | { kind: 'migrationFailed'; message: string }
  | { kind: 'invalid'; problems: Problem[]; message: string }
  | { kind: 'brokenGraph'; problems: Problem[]; message: string };

export type ParseResult = { ok: true; document: FunnelDocument } | { ok: false; error: ParseError };

/**
 * Turns unknown input (parsed JSON from a file, link, autosave or preset) into a valid document.
 * Steps, in order: envelope check, version check, migrations, schema validation, graph rules.
 */
export function parseDocument(input: unknown): ParseResult {
  if (!isRecord(input) || input.format !== FORMAT) {
    return fail({ kind: 'notFunnelDocument', message: `This is not a funnel diagram: expected "format": "${FORMAT}".` });
  }
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return fail({ kind: 'invalid', problems: [{ path: 'version', message: 'must be a whole number' }], message: 'The document is invalid: version must be a whole number.' });
  }
  if (version > CURRENT_VERSION) {
    return fail({
      kind: 'versionTooNew',
      version,
      supported: CURRENT_VERSION,
      message: `This diagram was saved by a newer version of the editor (format version ${version}; this editor reads up to ${CURRENT_VERSION}).`,
    });
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrateDocument(input, CURRENT_VERSION);
  } catch (err) {
    return fail({ kind: 'migrationFailed', message: `Could not upgrade this diagram from version ${version}: ${(err as Error).message}` });
  }
  const parsed = documentSchema.safeParse(migrated);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(toProblem);
    return fail({ kind: 'invalid', problems, message: `The document is invalid: ${summarize(problems)}` });
  }
  const graphProblems = checkGraph(parsed.data);
  if (graphProblems.length > 0) {
    return fail({ kind: 'brokenGraph', problems: graphProblems, message: `The diagram's graph is broken: ${summarize(graphProblems)}` });
  }
  // Funnel numbers that cannot add up (a stage sending out more than everyone it has).
  const metricProblems = validateMetrics(parsed.data).map(({ path, message }) => ({ path, message }));
  if (metricProblems.length > 0) {
    return fail({ kind: 'invalid', problems: metricProblems, message: `The document is invalid: ${summarize(metricProblems)}` });
  }
  return { ok: true, document: parsed.data };
}

/** Parses JSON text first, so a syntax error is reported like every other problem. */
export function parseDocumentText(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return fail({ kind: 'notFunnelDocument', message: `This file is not valid JSON (${(err as Error).message}).` });
  }
  return parseDocument(json);
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

function toProblem(issue: z.core.$ZodIssue): Problem {
  const path = formatPath(issue.path);
  let message = issue.message;
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) message = `is required (${issue.expected})`;
  if (issue.code === 'unrecognized_keys') message = `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_union' && 'discriminator' in issue) message = 'unknown node kind; use "stage", "note" or "label"';
  return { path, message };
}

function summarize(problems: Problem[]): string {
  const shown = problems.slice(0, 3).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  return shown.join('; ') + more;
}

function fail(error: ParseError): ParseResult {
  return { ok: false, error };
}
