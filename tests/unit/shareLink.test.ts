import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import LZString from 'lz-string';
import { parseDocument } from '../../src/model/parseDocument';
import { EDGE_KINDS, NOTE_COLORS, PHASES, type FunnelDocument } from '../../src/model/schema';
import { PRESETS } from '../../src/presets/catalog';
import {
  MAX_SHARE_DOCUMENT_CHARS, SHARE_URL_LIMIT, decodeShareLink, encodeShareLink, measureDecompressedLength,
} from '../../src/library/shareLink';

const BASE = 'https://funnel.example/editor/?lang=de';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const text = (minLength: number, maxLength: number) => fc.string({ unit: 'binary', minLength, maxLength });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Random documents that parseDocument accepts: unicode text everywhere, references that resolve. */
const documentArb: fc.Arbitrary<FunnelDocument> = fc
  .record({
    title: text(1, 60),
    description: text(0, 80),
    direction: fc.constantFrom('LR', 'TB'),
    lanes: fc.array(fc.record({ title: text(1, 30), phase: maybe(fc.constantFrom(...PHASES)) }), { maxLength: 3 }),
    stages: fc.array(
      fc.record({ title: text(1, 50), description: text(0, 80), phase: fc.constantFrom(...PHASES), volume: maybe(fc.nat(1_000_000)), lane: fc.nat() }),
      { minLength: 1, maxLength: 8 },
    ),
    notes: fc.array(fc.record({ text: text(0, 80), color: fc.constantFrom(...NOTE_COLORS) }), { maxLength: 3 }),
    edges: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), kind: fc.constantFrom(...EDGE_KINDS), percent: maybe(fc.nat(100)), label: maybe(text(0, 30)) }), { maxLength: 10 }),
    callouts: fc.array(fc.record({ on: fc.nat(), text: text(1, 40) }), { maxLength: 3 }),
  })
  .map((r) => {
    const stageId = (i: number) => `stage-${i % r.stages.length}`;
    // Valid documents only: a stage may not send out more than 100% in total, so a rate that
    // would push its source past that is left off.
    const sent = new Map<string, number>();
    const rateFor = (e: { from: number; kind: string; percent?: number }) => {
      if (e.percent === undefined || e.kind === 'feedback') return e.percent;
      const total = (sent.get(stageId(e.from)) ?? 0) + e.percent;
      if (total > 100) return undefined;
      sent.set(stageId(e.from), total);
      return e.percent;
    };
    const raw = {
      format: 'funnel-diagram',
      version: 1,
      title: r.title,
      description: r.description,
      settings: { direction: r.direction },
      lanes: r.lanes.map((l, i) => ({ id: `lane-${i}`, title: l.title, ...(l.phase ? { phase: l.phase } : {}) })),
      nodes: [
        ...r.stages.map((s, i) => ({
          id: `stage-${i}`, kind: 'stage', title: s.title, description: s.description, phase: s.phase,
          ...(s.volume === undefined ? {} : { volume: s.volume }),
          ...(r.lanes.length ? { laneId: `lane-${s.lane % r.lanes.length}` } : {}),
        })),
        ...r.notes.map((n, i) => ({ id: `note-${i}`, kind: 'note', text: n.text, color: n.color })),
      ],
      edges: r.edges.map((e, i) => ({ e, percent: rateFor(e), i })).map(({ e, percent, i }) => ({
        id: `edge-${i}`, source: stageId(e.from), target: stageId(e.to), kind: e.kind,
        ...(percent === undefined ? {} : { conversionRate: percent / 100 }),
        ...(e.label === undefined ? {} : { label: e.label }),
      })),
      callouts: r.callouts.map((c, i) => ({ id: `callout-${i}`, nodeId: stageId(c.on), text: c.text })),
    };
    const parsed = parseDocument(raw);
    if (!parsed.ok) throw new Error(`the arbitrary made an invalid document: ${parsed.error.message}`);
    return parsed.document;
  });

function linkOf(doc: FunnelDocument): string {
  const encoded = encodeShareLink(doc, BASE);
  if (!encoded.ok) throw new Error(`too large: ${encoded.length}`);
  return encoded.url;
}

const presetDoc = PRESETS[0]!.document;
const presetLink = linkOf(presetDoc);
const payloadStart = presetLink.indexOf('v1.') + 3;

/** A payload of lz-string codes that each repeat the previous entry plus one: n codes expand to about n²/2 "a"s. */
function lzBomb(codes: number): string {
  const out: number[] = [];
  let current = 0;
  let filled = 0;
  const write = (value: number, bitCount: number) => {
    for (let i = 0; i < bitCount; i++) {
      current = (current << 1) | ((value >> i) & 1);
      if (++filled === 6) [out[out.length], current, filled] = [current, 0, 0];
    }
  };
  write(0, 2);
  write('a'.charCodeAt(0), 8);
  let [dictSize, numBits, enlargeIn] = [4, 3, 4];
  for (let k = 0; k < codes; k++) {
    write(dictSize++, numBits);
    if (--enlargeIn === 0) [enlargeIn, numBits] = [2 ** numBits, numBits + 1];
  }
  write(2, numBits);
  if (filled > 0) out.push(current << (6 - filled));
  return out.map((v) => ALPHABET[v]).join('');
}

describe('share link round trip', () => {
  it('decodes every random valid document to an equal document', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const encoded = encodeShareLink(doc, BASE);
        expect(encoded.ok && encoded.url.startsWith(`${BASE}#share=v1.`)).toBe(true);
        expect(encoded.ok && encoded.length).toBe(encoded.ok && encoded.url.length);
        expect(decodeShareLink(linkOf(doc))).toEqual({ ok: true, document: doc });
      }),
      { numRuns: 150 },
    );
  });

  it.each(PRESETS.map((p) => [p.id, p.document] as const))('round-trips the %s preset (without its $schema)', (_id, doc) => {
    const { $schema: _schema, ...rest } = doc;
    expect(decodeShareLink(linkOf(doc))).toEqual({ ok: true, document: rest });
  });

  it('accepts a fragment, a bare share=, whitespace, percent-encoding and spaces for "+"', () => {
    const fragment = presetLink.slice(presetLink.indexOf('#'));
    const payload = presetLink.slice(payloadStart);
    expect(payload).toMatch(/[+$]/);
    for (const form of [fragment, fragment.slice(1), `  ${presetLink}\n`, `#share=v1.${encodeURIComponent(payload)}`, fragment.replace(/\+/g, ' ')]) {
      expect(decodeShareLink(form)).toEqual(decodeShareLink(presetLink));
    }
    expect(decodeShareLink(presetLink).ok).toBe(true);
  });

  it('replaces an existing fragment of the base URL', () => {
    expect(linkOf(presetDoc)).toBe(encodeShareLink(presetDoc, `${BASE}#old=1`).ok && (encodeShareLink(presetDoc, `${BASE}#old=1`) as { url: string }).url);
  });
});

describe('share link limits', () => {
  it('refuses to encode a document whose link would pass the URL limit', () => {
    let seed = 0x9e3779b9;
    const next = () => ((seed ^= seed << 13), (seed ^= seed >>> 17), (seed ^= seed << 5), seed >>> 0);
    const noise = (n: number) => Array.from({ length: n }, () => ALPHABET[next() % 64]).join('');
    const big = { ...presetDoc, nodes: Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, kind: 'stage' as const, phase: 'marketing' as const, title: `S${i}`, description: noise(1500) })), edges: [], callouts: [] };
    const encoded = encodeShareLink(big, BASE);
    expect(encoded).toMatchObject({ ok: false, reason: 'tooLarge', limit: SHARE_URL_LIMIT });
    expect(!encoded.ok && encoded.length).toBeGreaterThan(SHARE_URL_LIMIT);
  });

  it('refuses a payload longer than the limit before decompressing it', () => {
    expect(decodeShareLink(`#share=v1.${'A'.repeat(SHARE_URL_LIMIT + 1)}`)).toMatchObject({ ok: false, kind: 'tooLarge' });
  });

  it('refuses a decompression bomb that fits in a short link', () => {
    const link = `${BASE}#share=v1.${lzBomb(10_000)}`;
    expect(link.length).toBeLessThan(SHARE_URL_LIMIT);
    expect(decodeShareLink(link)).toMatchObject({ ok: false, kind: 'tooLarge', message: expect.stringContaining('expands') });
  });

  it('measures exactly what lz-string would decompress', () => {
    const smallBomb = lzBomb(1500);
    const expanded = LZString.decompressFromEncodedURIComponent(smallBomb);
    expect(expanded).toMatch(/^a+$/);
    expect(measureDecompressedLength(smallBomb, MAX_SHARE_DOCUMENT_CHARS)).toBe(expanded.length);
    expect(measureDecompressedLength(smallBomb, expanded.length - 1)).toBe('tooLarge');
    const repetitive = fc.tuple(text(1, 8), fc.integer({ min: 1, max: 400 })).map(([s, n]) => s.repeat(n));
    fc.assert(
      fc.property(fc.oneof(text(1, 300), repetitive), (s) => {
        expect(measureDecompressedLength(LZString.compressToEncodedURIComponent(s), MAX_SHARE_DOCUMENT_CHARS)).toBe(s.length);
      }),
    );
  });
});

describe('damaged share links', () => {
  const damagedKinds = new Set(['malformed', 'invalidDocument', 'tooLarge']);

  it('never returns a different document from a truncated link', () => {
    const original = decodeShareLink(presetLink);
    // Every cut near the end (where only padding may be lost), then a sample of the rest.
    for (let cut = presetLink.length - 1; cut >= payloadStart; cut -= cut > presetLink.length - 12 ? 1 : 11) {
      const result = decodeShareLink(presetLink.slice(0, cut));
      if (result.ok) expect(result).toEqual(original);
      else expect(result.kind).toBe('malformed');
    }
    expect(decodeShareLink(presetLink.slice(0, payloadStart + 40))).toMatchObject({ ok: false, kind: 'malformed' });
  });

  it('reports a character no share link contains as malformed', () => {
    fc.assert(
      fc.property(fc.integer({ min: payloadStart, max: presetLink.length - 1 }), fc.constantFrom('!', '*', '~', '<', '"', '(', '.', 'é', '\u0000', '%'), (at, bad) => {
        expect(decodeShareLink(presetLink.slice(0, at) + bad + presetLink.slice(at + 1))).toMatchObject({ ok: false, kind: 'malformed' });
      }),
    );
  });

  it('handles any in-alphabet tampering without throwing, and measures consistently', () => {
    fc.assert(
      fc.property(fc.integer({ min: payloadStart, max: presetLink.length - 1 }), fc.constantFrom(...ALPHABET), (at, c) => {
        const tampered = presetLink.slice(0, at) + c + presetLink.slice(at + 1);
        const result = decodeShareLink(tampered);
        if (result.ok) expect(parseDocument(result.document).ok).toBe(true);
        else expect(damagedKinds).toContain(result.kind);
        const payload = tampered.slice(payloadStart);
        const size = measureDecompressedLength(payload, MAX_SHARE_DOCUMENT_CHARS);
        if (typeof size === 'number' && size > 0) expect(LZString.decompressFromEncodedURIComponent(payload).length).toBe(size);
      }),
      { numRuns: 200 },
    );
  });

  it('tells an unknown format version from a missing one', () => {
    const payload = presetLink.slice(payloadStart);
    expect(decodeShareLink(`#share=v2.${payload}`)).toMatchObject({ ok: false, kind: 'unsupportedVersion', message: expect.stringContaining('v2') });
    expect(decodeShareLink(`#share=v0.${payload}`)).toMatchObject({ ok: false, kind: 'unsupportedVersion' });
    expect(decodeShareLink(`#share=${payload}`)).toMatchObject({ ok: false, kind: 'malformed' });
    expect(decodeShareLink(`#share=V1.${payload}`)).toMatchObject({ ok: false, kind: 'malformed' });
  });

  it('passes the parser’s message through for a document it rejects', () => {
    const tooNew = { ...presetDoc, version: 99 };
    const result = decodeShareLink(`#share=v1.${LZString.compressToEncodedURIComponent(JSON.stringify(tooNew))}`);
    const expected = parseDocument(tooNew);
    expect(result).toMatchObject({ ok: false, kind: 'invalidDocument', parseError: { kind: 'versionTooNew' } });
    expect(!result.ok && !expected.ok && result.message).toContain(!expected.ok && expected.error.message);
  });
});
