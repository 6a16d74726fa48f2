import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FONT_FAMILY, measureTextWidth, wrapText, type FontWeight } from '../../src/layout/measureText';

const ELLIPSIS = '\u2026';

/** Words as wrapText sees them: separated by spaces, tabs and newlines (not by no-break spaces). */
function words(text: string): string[] {
  return text.split(/[ \t\r\n]+/).filter((w) => w.length > 0);
}

const weight = fc.constantFrom<FontWeight>(400, 700);
const fontSize = fc.constantFrom(10, 12, 13, 14, 16, 22, 9.5, 17.25);

/**
 * Characters the wrapping properties draw from: narrow and wide letters, accents (precomposed and
 * combining), punctuation, a no-break space, symbols outside the table, an emoji ZWJ sequence and
 * a flag, plus the separators (space, tab, newlines).
 */
const PIECES = [
  'a', 'e', 'i', 'l', 'm', 'W', 'M', 'Z', '0', '7', 'é', 'ß', 'Ł', 'e\u0301', '-', '.', ',', '—', '…',
  '“', '€', '\u00a0', '✓', '漢', '👩\u200d💻', '🇫🇷',
];
const SEPARATORS = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n'];
/** The widest single piece (an emoji) is 1.25em, so any maxWidth >= that holds every character. */
const EM = 1.25;

const text = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...PIECES), weight: 4 }, { arbitrary: fc.constantFrom(...SEPARATORS), weight: 1 }), {
    maxLength: 80,
  })
  .map((parts) => parts.join(''));

describe('measureTextWidth', () => {
  it('matches the Arial/Arimo advance widths', () => {
    // H e l l o ␠ W o r l d = 722+556+222+222+556+278+944+556+333+222+556 = 5167 / 1000 em
    expect(measureTextWidth('Hello World', 14, 400)).toBeCloseTo(72.338, 9);
    expect(measureTextWidth('', 14, 400)).toBe(0);
    expect(measureTextWidth('i', 1000, 400)).toBeCloseTo(222, 9);
    expect(measureTextWidth('W', 1000, 700)).toBeCloseTo(944, 9);
  });

  it('is additive', () => {
    const additive = (a: string, b: string, size: number, w: FontWeight) => {
      expect(measureTextWidth(a + b, size, w)).toBeCloseTo(measureTextWidth(a, size, w) + measureTextWidth(b, size, w), 9);
    };
    // Any text without emoji sequences (joiners, flags) ...
    const plain = fc.string({ unit: 'binary' }).map((s) => s.replace(/\u200d|[\u{1f1e6}-\u{1f1ff}]/gu, ''));
    fc.assert(fc.property(plain, plain, fontSize, weight, additive));
    // ... and text split between whole characters, emoji sequences included.
    fc.assert(fc.property(text, text, fontSize, weight, additive));
  });

  it('measures an emoji sequence or flag as one emoji', () => {
    expect(measureTextWidth('👩\u200d💻', 16, 400)).toBe(measureTextWidth('👩', 16, 400));
    expect(measureTextWidth('🇫🇷🇩🇪', 16, 400)).toBe(2 * measureTextWidth('🇫🇷', 16, 400));
    expect(measureTextWidth('🇫🇷', 16, 400)).toBe(20);
  });

  it('scales linearly with the font size', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), weight, (s, w) => {
        expect(measureTextWidth(s, 28, w)).toBeCloseTo(2 * measureTextWidth(s, 14, w), 9);
      }),
    );
  });

  it('makes bold wider than regular', () => {
    expect(measureTextWidth('Lead qualification', 14, 700)).toBeGreaterThan(measureTextWidth('Lead qualification', 14, 400));
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]+$/), (s) => {
        expect(measureTextWidth(s, 14, 700)).toBeGreaterThanOrEqual(measureTextWidth(s, 14, 400));
      }),
    );
  });

  it('gives invisible characters no width and unknown ones an estimate', () => {
    expect(measureTextWidth('e\u0301', 14, 400)).toBe(measureTextWidth('e', 14, 400));
    expect(measureTextWidth('a\u00adb', 14, 400)).toBe(measureTextWidth('ab', 14, 400));
    expect(measureTextWidth('a\u200bb', 14, 400)).toBe(measureTextWidth('ab', 14, 400));
    expect(measureTextWidth('漢', 10, 400)).toBe(10);
    expect(measureTextWidth('\u0416', 14, 400)).toBeGreaterThan(0); // Cyrillic: not in the table, fallback width
  });

  it('names Arimo first in the font stack', () => {
    expect(FONT_FAMILY.split(',')[0]).toBe('Arimo');
  });
});

describe('wrapText', () => {
  it('returns no lines for empty or blank text', () => {
    expect(wrapText('', 100, 14, 400)).toEqual([]);
    expect(wrapText('   \n \t ', 100, 14, 400)).toEqual([]);
    expect(wrapText('hello', 100, 14, 400, 0)).toEqual([]);
  });

  it('keeps text that fits on one line, collapsing and trimming spaces', () => {
    expect(wrapText('  Lead   scoring  ', 500, 14, 400)).toEqual(['Lead scoring']);
    expect(wrapText('a\tb', 500, 14, 400)).toEqual(['a b']);
  });

  it('wraps greedily at spaces', () => {
    const size = 14;
    const maxWidth = measureTextWidth('The quick brown', size, 400);
    expect(wrapText('The quick brown fox jumps over the lazy dog', maxWidth, size, 400)).toEqual([
      'The quick brown',
      'fox jumps over',
      'the lazy dog',
    ]);
    // A line exactly as wide as maxWidth fits.
    expect(wrapText('The quick brown', maxWidth, size, 400)).toEqual(['The quick brown']);
    expect(wrapText('The quick brown', maxWidth - 0.001, size, 400)).toEqual(['The quick', 'brown']);
  });

  it('does not break at no-break spaces', () => {
    const maxWidth = Math.max(measureTextWidth('Revenue', 14, 400), measureTextWidth('100\u00a0000', 14, 400));
    expect(wrapText('Revenue 100\u00a0000', maxWidth, 14, 400)).toEqual(['Revenue', '100\u00a0000']);
  });

  it('respects explicit newlines, including blank lines and CRLF', () => {
    expect(wrapText('Awareness\nInterest', 1000, 14, 400)).toEqual(['Awareness', 'Interest']);
    expect(wrapText('a\r\n\r\nb\rc', 1000, 14, 400)).toEqual(['a', '', 'b', 'c']);
    expect(wrapText('one two\nthree', measureTextWidth('three', 14, 400), 14, 400)).toEqual(['one', 'two', 'three']);
  });

  it('breaks a word longer than the line between characters', () => {
    const word = 'Supercalifragilisticexpialidocious';
    const maxWidth = 60;
    const lines = wrapText(`A ${word} a`, maxWidth, 14, 700);
    expect(lines[0]).toBe('A');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.slice(1).join('')).toBe(`${word} a`);
    for (const line of lines) expect(measureTextWidth(line, 14, 700)).toBeLessThanOrEqual(maxWidth);
    // The last piece stays open for the following words.
    expect(lines[lines.length - 1]).toBe('ocious a');
  });

  it('never splits a letter from its accent or an emoji sequence', () => {
    const lines = wrapText('e\u0301e\u0301e\u0301👩\u200d💻🇫🇷', 1, 14, 400);
    expect(lines).toEqual(['e\u0301', 'e\u0301', 'e\u0301', '👩\u200d💻', '🇫🇷']);
  });

  it('gives each character its own line when the width is narrower than one character', () => {
    expect(wrapText('abc', 0, 14, 400)).toEqual(['a', 'b', 'c']);
  });

  it('ends truncated text with an ellipsis that still fits', () => {
    const size = 13;
    const maxWidth = 100;
    const long = 'Qualified leads are handed over to sales within two business days of the first meeting';
    const full = wrapText(long, maxWidth, size, 400);
    expect(full.length).toBeGreaterThan(3);
    const cut = wrapText(long, maxWidth, size, 400, 2);
    expect(cut).toHaveLength(2);
    expect(cut[0]).toBe(full[0]);
    expect(cut[1]?.endsWith(ELLIPSIS)).toBe(true);
    expect(cut[1]?.endsWith(` ${ELLIPSIS}`)).toBe(false);
    for (const line of cut) expect(measureTextWidth(line, size, 400)).toBeLessThanOrEqual(maxWidth);
  });

  it('adds no ellipsis when the text fits in maxLines exactly', () => {
    const maxWidth = measureTextWidth('alpha beta', 14, 400);
    expect(wrapText('alpha beta gamma', maxWidth, 14, 400, 2)).toEqual(['alpha beta', 'gamma']);
    // "alpha beta…" is too wide, so characters go until "…" fits: a 556 + t 278 + e 556 >= … 1000.
    expect(wrapText('alpha beta gamma delta', maxWidth, 14, 400, 1)).toEqual([`alpha b${ELLIPSIS}`]);
  });

  it('truncates at explicit newlines too', () => {
    expect(wrapText('one\ntwo\nthree', 1000, 14, 400, 2)).toEqual(['one', `two${ELLIPSIS}`]);
    expect(wrapText('one\n\nthree', 1000, 14, 400, 2)).toEqual(['one', ELLIPSIS]);
  });

  describe('properties', () => {
    it('never produces a line wider than maxWidth', () => {
      fc.assert(
        fc.property(
          text,
          fontSize,
          weight,
          fc.double({ min: EM, max: 30, noNaN: true }),
          fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
          (s, size, w, widthInEm, maxLines) => {
            const maxWidth = widthInEm * size;
            const lines = wrapText(s, maxWidth, size, w, maxLines);
            for (const line of lines) {
              expect(measureTextWidth(line, size, w)).toBeLessThanOrEqual(maxWidth);
              expect(line).toBe(line.replace(/^[ \t]+|[ \t]+$/g, ''));
              expect(line).not.toMatch(/ {2}|\t|\n|\r/);
            }
            if (maxLines !== undefined) expect(lines.length).toBeLessThanOrEqual(maxLines);
          },
        ),
      );
    });

    it('keeps every word intact and in order when nothing is truncated and every word fits', () => {
      fc.assert(
        fc.property(text, fontSize, weight, fc.double({ min: EM, max: 30, noNaN: true }), (s, size, w, widthInEm) => {
          const maxWidth = widthInEm * size;
          const input = words(s);
          fc.pre(input.every((word) => measureTextWidth(word, size, w) <= maxWidth));
          const lines = wrapText(s, maxWidth, size, w);
          expect(lines.flatMap((line) => words(line))).toEqual(input);
        }),
      );
    });

    it('wraps greedily: no line could also hold the first word of the next', () => {
      const paragraph = text.map((s) => s.replace(/[\r\n]+/g, ' '));
      fc.assert(
        fc.property(paragraph, fontSize, weight, fc.double({ min: EM, max: 30, noNaN: true }), (s, size, w, widthInEm) => {
          const maxWidth = widthInEm * size;
          fc.pre(words(s).every((word) => measureTextWidth(word, size, w) <= maxWidth));
          const lines = wrapText(s, maxWidth, size, w);
          for (let i = 0; i + 1 < lines.length; i++) {
            const next = words(lines[i + 1] ?? '')[0] ?? '';
            expect(measureTextWidth(`${lines[i]} ${next}`, size, w)).toBeGreaterThan(maxWidth);
          }
        }),
      );
    });

    it('loses no characters, even when long words are broken', () => {
      fc.assert(
        fc.property(text, fontSize, weight, fc.double({ min: EM, max: 30, noNaN: true }), (s, size, w, widthInEm) => {
          const lines = wrapText(s, widthInEm * size, size, w);
          expect(lines.join('').replace(/[ \t\r\n]/g, '')).toBe(s.replace(/[ \t\r\n]/g, ''));
        }),
      );
    });

    it('has one line per paragraph at least, and truncates only what does not fit', () => {
      fc.assert(
        fc.property(
          text,
          fontSize,
          weight,
          fc.double({ min: EM, max: 30, noNaN: true }),
          fc.integer({ min: 1, max: 6 }),
          (s, size, w, widthInEm, maxLines) => {
            const maxWidth = widthInEm * size;
            const full = wrapText(s, maxWidth, size, w);
            if (words(s).length > 0) expect(full.length).toBeGreaterThanOrEqual(s.split(/\r\n|\r|\n/).length);
            const cut = wrapText(s, maxWidth, size, w, maxLines);
            if (full.length <= maxLines) {
              expect(cut).toEqual(full);
            } else {
              expect(cut).toHaveLength(maxLines);
              expect(cut.slice(0, -1)).toEqual(full.slice(0, maxLines - 1));
              const last = cut[maxLines - 1] ?? '';
              expect(last.endsWith(ELLIPSIS)).toBe(true);
              // The truncated line is a prefix of the full line it replaces.
              expect((full[maxLines - 1] ?? '').startsWith(last.slice(0, -ELLIPSIS.length))).toBe(true);
            }
          },
        ),
      );
    });
  });
});
