import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../../src/model/parseDocument';
import type { FunnelDocument, StageNode } from '../../src/model/schema';

const presetsDir = fileURLToPath(new URL('../../presets/', import.meta.url));
const presetFiles = fs
  .readdirSync(presetsDir)
  .filter((name) => name.endsWith('.json'))
  .sort();

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(presetsDir, file), 'utf8')) as unknown;
}

/** JSON paths of every `position` key anywhere in the value. */
function findPositionPaths(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => findPositionPaths(item, `${at}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => {
      const here = at ? `${at}.${key}` : key;
      return key === 'position' ? [here] : findPositionPaths(child, here);
    });
  }
  return [];
}

function load(file: string): FunnelDocument {
  const result = parseDocument(readJson(file));
  if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
  return result.document;
}

function stages(doc: FunnelDocument): StageNode[] {
  return doc.nodes.filter((n): n is StageNode => n.kind === 'stage');
}

describe('preset documents', () => {
  it('finds preset files', () => {
    expect(presetFiles.length).toBeGreaterThan(0);
  });

  describe.each(presetFiles)('%s', (file) => {
    it('parses as a valid funnel document', () => {
      const result = parseDocument(readJson(file));
      if (!result.ok) {
        // Make the reason visible in the test output.
        expect.fail(`${file} did not parse: ${result.error.message}`);
      }
      expect(result.ok).toBe(true);
    });

    it('has no position fields (auto-layout places nodes)', () => {
      expect(findPositionPaths(readJson(file))).toEqual([]);
    });

    it('uses icon names that look like lucide names', () => {
      for (const stage of stages(load(file))) {
        if (stage.icon !== undefined) expect(stage.icon, `icon of ${stage.id}`).toMatch(/^[a-z0-9-]+$/);
      }
    });

    it('never sends more than 100% of a stage along its outgoing edges', () => {
      const doc = load(file);
      for (const stage of stages(doc)) {
        const total = doc.edges
          .filter((e) => e.source === stage.id && e.conversionRate !== undefined)
          .reduce((sum, e) => sum + (e.conversionRate ?? 0), 0);
        expect(total, `outgoing rates of ${stage.id}`).toBeLessThanOrEqual(1 + 1e-9);
      }
    });

    it('has no conversion rate on feedback edges', () => {
      for (const edge of load(file).edges) {
        if (edge.kind === 'feedback') expect(edge.conversionRate, `edge ${edge.id}`).toBeUndefined();
      }
    });
  });
});

describe('buyer-journey preset', () => {
  const file = 'buyer-journey.json';

  it('exists', () => {
    expect(presetFiles).toContain(file);
  });

  it('has the expected title', () => {
    expect(load(file).title).toBe('Buyer journey: marketing feeds sales');
  });

  it('has 5 marketing and 7 sales stages', () => {
    const all = stages(load(file));
    expect(all).toHaveLength(12);
    expect(all.filter((s) => s.phase === 'marketing')).toHaveLength(5);
    expect(all.filter((s) => s.phase === 'sales')).toHaveLength(7);
  });

  it('hands off from marketing to Prospecting exactly once', () => {
    const doc = load(file);
    const byId = new Map(stages(doc).map((s) => [s.id, s]));
    const handoffs = doc.edges.filter((e) => e.kind === 'handoff');
    expect(handoffs).toHaveLength(1);
    const [handoff] = handoffs;
    expect(byId.get(handoff!.source)?.phase).toBe('marketing');
    const target = byId.get(handoff!.target);
    expect(target?.phase).toBe('sales');
    expect(target?.title).toBe('Prospecting');
  });

  it('loops back from measurement to research and from follow-up to prospecting', () => {
    const doc = load(file);
    const titleOf = new Map(stages(doc).map((s) => [s.id, s.title]));
    const feedback = doc.edges
      .filter((e) => e.kind === 'feedback')
      .map((e) => `${titleOf.get(e.source)} -> ${titleOf.get(e.target)}`);
    expect(feedback).toContain('Measurement -> Research');
    expect(feedback).toContain('Follow-up -> Prospecting');
  });
});
