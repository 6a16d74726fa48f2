import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../../src/cli/parseArgs';
import { parseDocumentText } from '../../src/model/parseDocument';
import { deckOutline } from '../../src/export/pptx/buildDeck';
import { PAGE_SIZES } from '../../src/export/pdf/exportPdf';
import { renderSvg } from '../../src/render/renderSvg';
import { THEMES } from '../../src/render/theme';
import { readPptx, textRuns } from './pptxFiles';

const root = fileURLToPath(new URL('../../', import.meta.url));
const preset = 'buyer-journey';
/** Each case starts Node with tsx; on a busy machine that alone can take several seconds. */
const CHILD_TIMEOUT = 90_000;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'funnel-cli-slides-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', ...args], { cwd: root, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

function loadPreset(id: string) {
  const parsed = parseDocumentText(fs.readFileSync(path.join(root, 'presets', `${id}.json`), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.document;
}

function mediaBox(file: string): { width: number; height: number } {
  const m = /\/MediaBox \[([-\d. ]+)\]/.exec(fs.readFileSync(file).toString('latin1'));
  const [x0, y0, x1, y1] = m![1]!.trim().split(/\s+/).map(Number);
  return { width: x1! - x0!, height: y1! - y0! };
}

describe('export CLI: slides and PDF', () => {
  it.concurrent('writes the diagram on one PowerPoint slide', async () => {
    const out = path.join(dir, 'diagram.pptx');
    const r = await run(preset, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(1 slide, [\\d.]+ KB\\)\\n$`));
    const slides = await readPptx(fs.readFileSync(out));
    expect(slides).toHaveLength(1);
    const doc = loadPreset(preset);
    const titles = doc.nodes.flatMap((n) => (n.kind === 'stage' ? [n.title] : []));
    expect(titles.every((t) => textRuns(slides[0]!.doc).join(' ').includes(t))).toBe(true);
  }, CHILD_TIMEOUT);

  it.concurrent('writes a training deck with --deck, in the chosen theme', async () => {
    const out = path.join(dir, 'deck.pptx');
    const r = await run(preset, '--out', out, '--deck', '--theme', 'dark');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const expected = deckOutline(loadPreset(preset)).length;
    expect(r.stdout).toContain(`(${expected} slides, `);
    const slides = await readPptx(fs.readFileSync(out));
    expect(slides).toHaveLength(expected);
    const background = slides[0]!.doc.getElementsByTagName('p:bg')[0]?.getElementsByTagName('a:srgbClr')[0]?.getAttribute('val');
    expect(`#${background}`.toLowerCase()).toBe(THEMES.dark.background);
    expect(slides.every((s) => s.notes !== undefined)).toBe(true);
  }, CHILD_TIMEOUT);

  it.concurrent('writes a landscape Letter PDF with --page letter, whatever the extension', async () => {
    const out = path.join(dir, 'journey.bin');
    const r = await run(preset, '--format', 'pdf', '--page', 'letter', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Letter landscape');
    expect(fs.readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const box = mediaBox(out);
    expect(box.width).toBeCloseTo(PAGE_SIZES.letter.width, 1);
    expect(box.height).toBeCloseTo(PAGE_SIZES.letter.height, 1);
  }, CHILD_TIMEOUT);

  it.concurrent('sizes the PDF page to the diagram by default', async () => {
    const out = path.join(dir, 'aida.pdf');
    const r = await run('aida', '--out', out);
    expect(r.code).toBe(0);
    const svg = renderSvg(loadPreset('aida'));
    const box = mediaBox(out);
    expect(Math.abs(box.width - svg.width * 0.75)).toBeLessThan(1);
    expect(Math.abs(box.height - svg.height * 0.75)).toBeLessThan(1);
  }, CHILD_TIMEOUT);
});

describe('export CLI: bad slide and PDF options', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown page size', ['--out', 'out.pdf', '--page', 'a3'], /unknown --page "a3"; use fit, a4 or letter/],
    ['--page for a PPTX', ['--out', 'out.pptx', '--page', 'a4'], /--page applies to PDF only/],
    ['--deck for a PNG', ['--out', 'out.png', '--deck'], /--deck applies to PPTX only/],
    ['--deck with a value', ['--out', 'out.pptx', '--deck=yes'], /--deck takes no value/],
  ];

  it.concurrent.each(cases)('rejects %s with one error line, exit 1 and no file', async (name, args, message) => {
    const d = path.join(dir, name.replace(/[^a-z0-9]+/gi, '-'));
    fs.mkdirSync(d, { recursive: true });
    const argv = args.map((a) => (a.startsWith('out.') ? path.join(d, a) : a));
    const r = await run(preset, ...argv);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(message);
    expect(fs.readdirSync(d)).toEqual([]);
  }, CHILD_TIMEOUT);

  it.concurrent('leaves an existing deck untouched when the export fails', async () => {
    const d = path.join(dir, 'keep');
    fs.mkdirSync(d, { recursive: true });
    const bad = path.join(d, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ format: 'funnel-diagram', version: 1, title: 'x', nodes: [{ id: 'a', kind: 'stage' }] }));
    const out = path.join(d, 'deck.pptx');
    fs.writeFileSync(out, 'previous');
    const r = await run(bad, '--out', out, '--deck');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*bad\.json/);
    expect(fs.readFileSync(out, 'utf8')).toBe('previous');
    expect(fs.readdirSync(d).sort()).toEqual(['bad.json', 'deck.pptx']);
  }, CHILD_TIMEOUT);
});

describe('parseArgs: slides and PDF', () => {
  it('tells PPTX and PDF from the extension and reads --deck and --page', () => {
    expect(parseArgs(['a', '--out', 'x.pptx', '--deck'])).toMatchObject({ ok: true, options: { format: 'pptx', deck: true, page: undefined } });
    expect(parseArgs(['a', '--out', 'x.PDF', '--page=letter'])).toMatchObject({ ok: true, options: { format: 'pdf', page: 'letter', deck: undefined } });
    expect(parseArgs(['a', '--out', 'x.pdf'])).toMatchObject({ ok: true, options: { format: 'pdf', page: undefined } });
  });

  it('names every format when it cannot tell one', () => {
    const parsed = parseArgs(['a', '--out', 'x.key']);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/svg, png, json, pptx or pdf/);
  });
});

describe('export CLI: funnel view', () => {
  it('draws the funnel chart for --view funnel, and refuses it for other formats', async () => {
    const { execFileSync, spawnSync } = await import('node:child_process');
    const os = await import('node:os');
    const fsm = await import('node:fs');
    const pathm = await import('node:path');
    const dir = fsm.mkdtempSync(pathm.join(os.tmpdir(), 'funnel-view-'));
    const out = pathm.join(dir, 'funnel.svg');
    execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', 'buyer-journey', '--view', 'funnel', '--out', out]);
    const svg = fsm.readFileSync(out, 'utf8');
    // Funnel bands carry their stage ids; the graph view has none.
    expect(svg).toContain('data-stage-id="research"');
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', 'buyer-journey', '--view', 'funnel', '--out', pathm.join(dir, 'x.pdf')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--view funnel applies to SVG and PNG only/);
    expect(fsm.existsSync(pathm.join(dir, 'x.pdf'))).toBe(false);
  }, 60_000);
});
