/**
 * Command-line arguments of the headless export, parsed without side effects so every case
 * can be tested directly. Errors are one short sentence, printed by the caller after "error: ".
 */
import { DIRECTIONS, type Direction } from '../model/schema';
import { PDF_PAGES, type PdfPage } from '../export/pdf/pages';

export const FORMATS = ['svg', 'png', 'json', 'pptx', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

export interface ExportOptions {
  /** A document path, or a preset id (resolved by the caller). */
  input: string;
  format: Format;
  out: string;
  scale: number;
  transparent: boolean;
  theme: 'light' | 'dark';
  /** Re-run the automatic layout in this direction; absent keeps the document's positions. */
  direction?: Direction;
  /** SVG/PNG: the diagram, or its main path as a funnel chart. */
  view?: 'graph' | 'funnel';
  /** PPTX: a training deck (one slide per stage) instead of the diagram on one slide. Set only when given. */
  deck?: true;
  /** PDF page: sized to the diagram (the default), or landscape A4 / Letter. Set only when given. */
  page?: PdfPage;
}

export type ParsedArgs = { ok: true; help: true } | { ok: true; help: false; options: ExportOptions } | { ok: false; error: string };

export const USAGE = `usage: npm run export -- <document.json | preset-id> --out FILE [--format svg|png|json|pptx|pdf]
       [--scale 1-4] [--transparent] [--theme light|dark] [--direction LR|TB]
       [--deck] [--page fit|a4|letter] [--view graph|funnel]

The format defaults to the extension of --out. --scale and --transparent apply to PNG
(--transparent also to SVG); --theme to SVG, PNG, PPTX and PDF; --direction re-lays the
diagram out. --deck makes a PPTX training deck (title, overview, one slide per stage with
speaker notes, summary) instead of one slide. --page sizes the PDF: fit (the diagram's own
size, the default), or landscape a4 or letter with the diagram fitted. --view funnel draws the
journey's main path as a funnel chart (SVG and PNG).`;

export const MIN_SCALE = 1;
export const MAX_SCALE = 4;

const VALUE_OPTIONS = new Set(['--format', '--out', '--scale', '--theme', '--direction', '--page', '--view']);
const FLAG_OPTIONS = new Set(['--transparent', '--deck', '--help', '-h']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (FLAG_OPTIONS.has(name)) {
      if (eq > 0) return fail(`${name} takes no value`);
      flags.add(name);
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) return fail(`unknown option ${JSON.stringify(name)} (see --help)`);
    if (values.has(name)) return fail(`${name} is given more than once`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) return fail(`${name} needs a value`);
    values.set(name, value);
  }
  if (flags.has('--help') || flags.has('-h')) return { ok: true, help: true };

  if (positional.length === 0) return fail('no input: give a document file or a preset id (see --help)');
  if (positional.length > 1) return fail(`only one input is allowed, got ${positional.length}: ${positional.join(' ')}`);
  const out = values.get('--out');
  if (!out) return fail('missing --out FILE');

  const format = values.get('--format') ?? formatFromExtension(out);
  if (!format) return fail(`missing --format: cannot tell it from ${JSON.stringify(out)}; use --format ${listChoices(FORMATS)}`);
  if (!isOneOf(FORMATS, format)) return fail(`unknown --format ${JSON.stringify(format)}; use ${listChoices(FORMATS)}`);

  const scaleText = values.get('--scale') ?? '1';
  const scale = Number(scaleText);
  if (!/^\d+(\.\d+)?$/.test(scaleText) || !Number.isFinite(scale) || scale < MIN_SCALE || scale > MAX_SCALE) {
    return fail(`--scale must be a number from ${MIN_SCALE} to ${MAX_SCALE}, got ${JSON.stringify(scaleText)}`);
  }

  const theme = values.get('--theme') ?? 'light';
  if (theme !== 'light' && theme !== 'dark') return fail(`unknown --theme ${JSON.stringify(theme)}; use light or dark`);

  const direction = values.get('--direction');
  if (direction !== undefined && !isOneOf(DIRECTIONS, direction)) return fail(`unknown --direction ${JSON.stringify(direction)}; use LR or TB`);

  const page = values.get('--page');
  if (page !== undefined && !isOneOf(PDF_PAGES, page)) return fail(`unknown --page ${JSON.stringify(page)}; use ${listChoices(PDF_PAGES)}`);
  // Options that would silently do nothing are mistakes worth pointing out.
  if (page !== undefined && format !== 'pdf') return fail(`--page applies to PDF only, not ${format}`);
  const deck = flags.has('--deck') ? (true as const) : undefined;
  if (deck && format !== 'pptx') return fail(`--deck applies to PPTX only, not ${format}`);

  const view = values.get('--view');
  if (view !== undefined && view !== 'graph' && view !== 'funnel') return fail(`unknown --view ${JSON.stringify(view)}; use graph or funnel`);
  if (view === 'funnel' && format !== 'svg' && format !== 'png') return fail(`--view funnel applies to SVG and PNG only, not ${format}`);

  const input = positional[0]!;
  return { ok: true, help: false, options: { input, format, out, scale, transparent: flags.has('--transparent'), theme, direction, deck, page, view } };
}

/** "a, b or c" */
function listChoices(list: readonly string[]): string {
  return list.length < 2 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
}

function formatFromExtension(file: string): string | undefined {
  const match = /\.([a-z]+)$/i.exec(file);
  const ext = match?.[1]?.toLowerCase();
  return ext && isOneOf(FORMATS, ext) ? ext : undefined;
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

function fail(error: string): ParsedArgs {
  return { ok: false, error };
}
