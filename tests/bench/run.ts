/**
 * `npm run bench`: prints timings; never fails on speed. Each figure is the median of several runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { benchBrowserExport } from './browserExport';
import { CHROMIUM } from '../e2e/harness';
import { join } from 'node:path';
import { parseDocument } from '../../src/model/parseDocument';
import { layoutDocument } from '../../src/layout/layoutDocument';
import { renderSvg } from '../../src/render/renderSvg';
import type { FunnelDocument } from '../../src/model/schema';
import { generateJourney } from './generate';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(runs: number, fn: () => unknown): number {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function row(label: string, ms: number, extra = ''): void {
  console.log(`${label.padEnd(44)} ${ms.toFixed(2).padStart(9)} ms${extra ? `  ${extra}` : ''}`);
}

async function main() {
  const presetDir = join(import.meta.dirname, '../../presets');
  const presets: Array<[string, FunnelDocument]> = readdirSync(presetDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const parsed = parseDocument(JSON.parse(readFileSync(join(presetDir, f), 'utf8')));
      if (!parsed.ok) throw new Error(`${f}: ${parsed.error.message}`);
      return [f.replace('.json', ''), parsed.document];
    });

  console.log('Layout (layoutDocument, median)');
  for (const [id, doc] of presets) row(`  preset ${id}`, time(15, () => layoutDocument(doc)));
  for (const n of [100, 500, 1000]) {
    const doc = generateJourney(n);
    row(`  generated ${n} stages`, time(n >= 500 ? 3 : 7, () => layoutDocument(doc)));
  }

  console.log('\nSVG render (renderSvg on laid-out documents, median)');
  for (const n of [100, 1000]) {
    const doc = layoutDocument(generateJourney(n));
    const svg = renderSvg(doc).svg;
    row(`  ${n} nodes`, time(n >= 1000 ? 5 : 11, () => renderSvg(doc)), `${Math.round(svg.length / 1024)} KB, ${Math.round(svg.length / n)} bytes/node`);
  }

  const mem = process.memoryUsage();
  console.log(`\nheap used ${Math.round(mem.heapUsed / 1024 / 1024)} MB, rss ${Math.round(mem.rss / 1024 / 1024)} MB`);
  // Needs the built app (npm run build) and Chromium; skipped with a note otherwise.
  if (existsSync(join(import.meta.dirname, '../../dist/index.html')) && existsSync(CHROMIUM)) await benchBrowserExport();
  else console.log('\n(browser export benchmark skipped: run `npm run build` first, and install Chromium)');
}

await main();
await import('./collab').then((m) => m.benchCollab());
