import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { parseDocument, parseDocumentText } from '../../src/model/parseDocument';
import { renderSvg } from '../../src/render/renderSvg';
import { parseArgs } from '../../src/cli/parseArgs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const presetsDir = path.join(root, 'presets');
const presetIds = fs.readdirSync(presetsDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
/** Each case starts Node with tsx; on a busy machine that alone can take several seconds. */
const CHILD_TIMEOUT = 60_000;
const preset = presetIds.includes('buyer-journey') ? 'buyer-journey' : presetIds[0]!;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'funnel-cli-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI as a child process, as a user would (async, so independent cases run in parallel). */
function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', ...args], { cwd: root, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Size the SVG renderer gives the preset, which the PNG must match at the given scale. */
function expectedSize(id: string): { width: number; height: number } {
  const result = parseDocumentText(fs.readFileSync(path.join(presetsDir, `${id}.json`), 'utf8'));
  if (!result.ok) throw new Error(result.error.message);
  const { width, height } = renderSvg(result.document);
  return { width, height };
}

function pngHeader(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('export CLI: success', () => {
  it.concurrent('writes an SVG', async () => {
    const out = path.join(dir, 'out.svg');
    const r = await run(preset, '--format', 'svg', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { width, height } = expectedSize(preset);
    expect(r.stdout.trim()).toBe(`wrote ${out} (${width}×${height}, ${r.stdout.match(/, ([\d.]+ [KM]?B)\)/)?.[1]})`);
    const svg = fs.readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(`width="${width}" height="${height}"`);
  }, CHILD_TIMEOUT);

  it.concurrent.each([1, 2])('writes a PNG at scale %i sized from the diagram bounds', async (scale) => {
    const out = path.join(dir, `out-${scale}.png`);
    const r = await run(preset, '--format', 'png', '--scale', String(scale), '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { width, height } = expectedSize(preset);
    expect(pngHeader(out)).toEqual({ width: Math.round(width * scale), height: Math.round(height * scale) });
    expect(r.stdout).toContain(`(${Math.round(width * scale)}×${Math.round(height * scale)}, `);
    const png = PNG.sync.read(fs.readFileSync(out));
    expect(png.data[3]).toBe(255); // opaque background in the corner
  }, CHILD_TIMEOUT);

  it.concurrent('writes a PNG with a transparent background when asked', async () => {
    const out = path.join(dir, 'out-transparent.png');
    const r = await run(preset, '--out', out, '--transparent', '--theme', 'dark');
    expect(r.code).toBe(0);
    const png = PNG.sync.read(fs.readFileSync(out));
    expect(png.data[3]).toBe(0); // top-left corner alpha
    expect(png.data.some((v, i) => i % 4 === 3 && v === 255)).toBe(true);
  }, CHILD_TIMEOUT);

  it.concurrent('writes JSON that parses back into the same, laid-out document', async () => {
    const out = path.join(dir, 'out.json');
    const r = await run(path.join(presetsDir, `${preset}.json`), '--format', 'json', '--out', out, '--direction', 'TB');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const reparsed = parseDocument(JSON.parse(fs.readFileSync(out, 'utf8')));
    if (!reparsed.ok) expect.fail(reparsed.error.message);
    const original = parseDocumentText(fs.readFileSync(path.join(presetsDir, `${preset}.json`), 'utf8'));
    if (!original.ok) expect.fail(original.error.message);
    expect(reparsed.document.settings.direction).toBe('TB');
    expect(reparsed.document.nodes.every((n) => n.position)).toBe(true);
    expect(reparsed.document.nodes.map(({ position: _p, ...rest }) => rest)).toEqual(original.document.nodes);
    expect(reparsed.document.edges).toEqual(original.document.edges);
  }, CHILD_TIMEOUT);
});

describe('export CLI: bad input', () => {
  /** Each case gets its own folder, so parallel cases never see each other's files. */
  const caseDir = (name: string) => {
    const d = path.join(dir, name.replace(/[^a-z0-9]+/gi, '-'));
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  const invalidJson = (d: string) => {
    const file = path.join(d, 'invalid.json');
    fs.writeFileSync(file, '{ "format": "funnel-diagram", ');
    return file;
  };
  const invalidDocument = (d: string) => {
    const file = path.join(d, 'invalid-doc.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'funnel-diagram', version: 1, title: '', nodes: [] }));
    return file;
  };

  const cases: Array<[string, (d: string) => string[], RegExp]> = [
    ['a missing file', (d) => [path.join(d, 'missing.json'), '--out', path.join(d, 'out.svg')], /not found|no such/],
    ['an unknown preset', (d) => ['no-such-preset', '--out', path.join(d, 'out.svg')], /no such file or preset/],
    ['invalid JSON', (d) => [invalidJson(d), '--out', path.join(d, 'out.svg')], /not valid JSON/],
    ['an invalid document', (d) => [invalidDocument(d), '--out', path.join(d, 'out.png')], /title: the document needs a title/],
    ['an unknown option', (d) => [preset, '--out', path.join(d, 'out.svg'), '--colour', 'red'], /unknown option "--colour"/],
    ['a scale above 4', (d) => [preset, '--out', path.join(d, 'out.png'), '--scale', '5'], /--scale must be a number from 1 to 4/],
    ['a scale that is not a number', (d) => [preset, '--out', path.join(d, 'out.png'), '--scale', 'big'], /--scale/],
    ['no --out', () => [preset, '--format', 'svg'], /missing --out/],
    ['an unknown format', (d) => [preset, '--format', 'docx', '--out', path.join(d, 'out.docx')], /unknown --format/],
    ['an output folder that does not exist', (d) => [preset, '--out', path.join(d, 'nope', 'out.svg')], /cannot write/],
  ];

  it.concurrent.each(cases)('rejects %s with one error line, exit 1 and no file', async (name, args, message) => {
    const d = caseDir(name);
    const argv = args(d);
    const before = fs.readdirSync(d);
    const r = await run(...argv);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(message);
    expect(fs.readdirSync(d)).toEqual(before);
  }, CHILD_TIMEOUT);

  it.concurrent('leaves an existing output file untouched when the export fails', async () => {
    const d = caseDir('keep');
    const out = path.join(d, 'keep.svg');
    fs.writeFileSync(out, 'previous');
    const r = await run(invalidDocument(d), '--out', out);
    expect(r.code).toBe(1);
    expect(fs.readFileSync(out, 'utf8')).toBe('previous');
    expect(fs.readdirSync(d).sort()).toEqual(['invalid-doc.json', 'keep.svg']);
  }, CHILD_TIMEOUT);
});

describe('parseArgs', () => {
  it('reads every option, in either --name value or --name=value form', () => {
    const parsed = parseArgs(['doc.json', '--out=x.png', '--scale', '2.5', '--transparent', '--theme=dark', '--direction', 'TB']);
    expect(parsed).toEqual({
      ok: true,
      help: false,
      options: { input: 'doc.json', format: 'png', out: 'x.png', scale: 2.5, transparent: true, theme: 'dark', direction: 'TB' },
    });
  });

  it('defaults to scale 1, the light theme and the document direction', () => {
    const parsed = parseArgs(['aida', '--out', 'a.svg']);
    expect(parsed.ok && !parsed.help && parsed.options).toMatchObject({ format: 'svg', scale: 1, theme: 'light', transparent: false, direction: undefined });
  });

  it.each([
    [['a', '--out', 'x.txt'], /cannot tell/],
    [['a', 'b', '--out', 'x.svg'], /only one input/],
    [['--out', 'x.svg'], /no input/],
    [['a', '--out', 'x.svg', '--scale', '0.5'], /--scale/],
    [['a', '--out', 'x.svg', '--scale', 'Infinity'], /--scale/],
    [['a', '--out', 'x.svg', '--theme', 'blue'], /--theme/],
    [['a', '--out', 'x.svg', '--direction', 'RL'], /--direction/],
    [['a', '--out'], /--out needs a value/],
    [['a', '--out', 'x.svg', '--out', 'y.svg'], /more than once/],
    [['a', '--out', 'x.svg', '--transparent=yes'], /takes no value/],
  ])('rejects %j', (argv, message) => {
    const parsed = parseArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('asks for help with --help', () => {
    expect(parseArgs(['--help'])).toEqual({ ok: true, help: true });
  });
});
