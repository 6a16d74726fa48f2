/**
 * Headless export: a document file or preset → SVG, PNG, normalised JSON, PPTX or vector PDF.
 *
 *   npm run export -- buyer-journey --out journey.png --scale 2
 *   npm run export -- buyer-journey --out training.pptx --deck
 *   npm run export -- buyer-journey --out journey.pdf --page a4
 *
 * Every failure prints one line starting with "error: " on stderr and exits 1, and never
 * leaves a partial file behind: output is written to a temporary file and renamed into place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocumentText } from '../model/parseDocument';
import { serializeDocument } from '../model/serialize';
import type { FunnelDocument } from '../model/schema';
import { ensurePositions, layoutDocument } from '../layout/layoutDocument';
import { renderSvg } from '../render/renderSvg';
import { renderFunnelSvg } from '../render/renderFunnelSvg';
import { parseArgs, USAGE, type ExportOptions } from './parseArgs';
import { rasterizeSvg } from './rasterize';

const PRESETS_DIR = fileURLToPath(new URL('../../presets/', import.meta.url));

/** An expected failure: its message is shown as is. */
class CliError extends Error {}

export interface ExportResult {
  bytes: number;
  width?: number;
  height?: number;
  /** What else to say about the file, e.g. "12 slides". */
  detail?: string;
}

/** Runs one export. Throws CliError for bad input. */
export async function runExport(options: ExportOptions): Promise<ExportResult> {
  const doc = loadDocument(options.input);
  const laidOut = options.direction ? layoutDocument(doc, { direction: options.direction }) : ensurePositions(doc);
  let data: string | Buffer;
  let size: { width: number; height: number } | undefined;
  let detail: string | undefined;
  if (options.format === 'json') {
    data = serializeDocument(laidOut);
  } else if (options.format === 'pptx') {
    // Loaded on demand: the slide and PDF libraries would slow every other export's start.
    const [{ exportPptx }, { deckOutline }] = await Promise.all([import('../export/pptx/exportPptx'), import('../export/pptx/buildDeck')]);
    data = Buffer.from(await exportPptx(laidOut, { mode: options.deck ? 'deck' : 'diagram', theme: options.theme }));
    const slides = options.deck ? deckOutline(laidOut).length : 1;
    detail = `${slides} ${slides === 1 ? 'slide' : 'slides'}`;
  } else if (options.format === 'pdf') {
    const { exportPdf } = await import('../export/pdf/exportPdf');
    const page = options.page ?? 'fit';
    data = Buffer.from(exportPdf(laidOut, { page, theme: options.theme }));
    detail = page === 'fit' ? 'page sized to the diagram' : `${page === 'a4' ? 'A4' : 'Letter'} landscape`;
  } else {
    const render = options.view === 'funnel' ? renderFunnelSvg : renderSvg;
    const rendered = render(laidOut, { theme: options.theme, background: options.transparent ? 'transparent' : 'theme' });
    if (options.format === 'svg') {
      data = rendered.svg;
      size = rendered;
    } else {
      const png = rasterizeSvg(rendered.svg, rendered.width, options.scale);
      data = png.png;
      size = png;
    }
  }
  writeAtomically(options.out, data);
  return { bytes: Buffer.byteLength(data), width: size?.width, height: size?.height, detail };
}

/** A path to an existing file, or else a preset id such as "buyer-journey". */
function resolveInput(input: string): string {
  if (fs.existsSync(input)) return input;
  if (/^[a-z0-9][a-z0-9-]*$/.test(input)) {
    const preset = path.join(PRESETS_DIR, `${input}.json`);
    if (fs.existsSync(preset)) return preset;
    throw new CliError(`no such file or preset: ${input} (presets: ${listPresets().join(', ')})`);
  }
  throw new CliError(`file not found: ${input}`);
}

function listPresets(): string[] {
  try {
    return fs.readdirSync(PRESETS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  } catch {
    return [];
  }
}

function loadDocument(input: string): FunnelDocument {
  const file = resolveInput(input);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${input}: ${describeFsError(err)}`);
  }
  const result = parseDocumentText(text);
  if (!result.ok) throw new CliError(`${input}: ${result.error.message}`);
  return result.document;
}

function writeAtomically(out: string, data: string | Buffer): void {
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, out);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${out}: ${describeFsError(err)}`);
  }
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return (err as Error).message;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  return kb < 10 ? `${kb.toFixed(1)} KB` : kb < 10240 ? `${Math.round(kb)} KB` : `${(kb / 1024).toFixed(1)} MB`;
}

/** One line, whatever the message holds, so scripts can rely on it. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`error: ${oneLine(parsed.error)}\n`);
    return 1;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const result = await runExport(parsed.options);
    const dims = result.width !== undefined ? `${result.width}×${result.height}, ` : '';
    const detail = result.detail ? `${result.detail}, ` : '';
    process.stdout.write(`wrote ${parsed.options.out} (${dims}${detail}${formatBytes(result.bytes)})\n`);
    return 0;
  } catch (err) {
    const message = err instanceof CliError ? err.message : `unexpected failure: ${(err as Error)?.message ?? String(err)}`;
    process.stderr.write(`error: ${oneLine(message)}\n`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
