import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MAX_CANVAS_AREA, MAX_CANVAS_SIDE, clampScale, loadExportOptions, saveExportOptions, DEFAULT_EXPORT_OPTIONS } from '../../src/export/exportOptions';
import { cropSvg } from '../../src/export/cropSvg';
import { fileNameFromTitle } from '../../src/export/download';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('clampScale', () => {
  it('keeps the requested scale when the image fits', () => {
    expect(clampScale(1000, 500, 4)).toEqual({ scale: 4, clamped: false });
  });
  it('never produces an image beyond the canvas limits, and says when it lowered the scale', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 1, max: 60_000 }), fc.constantFrom(1, 2, 3, 4), (w, h, s) => {
        const r = clampScale(w, h, s);
        expect(Math.round(w * r.scale)).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
        expect(Math.round(h * r.scale)).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
        expect(Math.round(w * r.scale) * Math.round(h * r.scale)).toBeLessThanOrEqual(MAX_CANVAS_AREA);
        expect(r.clamped).toBe(r.scale < s);
        expect(r.scale).toBeGreaterThan(0);
      }),
    );
  });
});

describe('remembered export options', () => {
  it('round-trips the user choices', () => {
    const storage = memoryStorage();
    const chosen = { ...DEFAULT_EXPORT_OPTIONS, format: 'svg' as const, scale: 4 as const, background: 'transparent' as const, theme: 'dark' as const, padding: 40 };
    saveExportOptions(storage, chosen);
    expect(loadExportOptions(storage, 'light')).toEqual(chosen);
  });
  it('falls back field by field on garbage and follows the app theme until one is chosen', () => {
    const storage = memoryStorage({ 'funnel-editor:export-options': JSON.stringify({ format: 'gif', scale: 9, padding: 16 }) });
    const loaded = loadExportOptions(storage, 'dark');
    expect(loaded.format).toBe(DEFAULT_EXPORT_OPTIONS.format);
    expect(loaded.scale).toBe(DEFAULT_EXPORT_OPTIONS.scale);
    expect(loaded.padding).toBe(16);
    expect(loaded.theme).toBe('dark');
    expect(loadExportOptions(memoryStorage({ 'funnel-editor:export-options': '{not json' }), 'light')).toEqual({ ...DEFAULT_EXPORT_OPTIONS, theme: 'light' });
  });
});

describe('cropSvg', () => {
  it('re-frames only the root element', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="500" height="300" viewBox="-24 -24 500 300"><rect width="10" height="10"/></svg>';
    const out = cropSvg(svg, { x: 100, y: 50, width: 200.4, height: 80 });
    expect(out.svg).toContain('viewBox="100 50 200.4 80"');
    expect(out.svg).toContain('<rect width="10" height="10"/>');
    expect([out.width, out.height]).toEqual([200, 80]);
  });
});

describe('fileNameFromTitle', () => {
  it('makes a safe file name from any title', () => {
    expect(fileNameFromTitle('Buyer journey: marketing feeds sales', 'png')).toBe('buyer-journey-marketing-feeds-sales.png');
    fc.assert(fc.property(fc.string(), (title) => { expect(fileNameFromTitle(title, 'svg')).toMatch(/^[a-z0-9-]+\.svg$/); }));
  });
});
