/**
 * The standard PDF fonts (Helvetica here) only have WinAnsi's 217 characters. jsPDF writes any
 * other character as two garbage bytes, so text is reduced to WinAnsi first: accents that the
 * set lacks are dropped from their letter, a few common symbols get ASCII stand-ins, and the
 * rest becomes "?".
 */

/** WinAnsi's characters beyond Latin-1 (its 0x80–0x9F block). */
const EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const STAND_INS: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '✓': 'v',
  '✔': 'v',
  '−': '-',
  '‐': '-',
  '‑': '-',
  'Ł': 'L',
  'ł': 'l',
  'Đ': 'D',
  'đ': 'd',
  'ı': 'i',
  '′': "'",
  '″': '"',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
};

/** Zero-width joiners and the emoji variation selector: nothing to draw. */
const IGNORED = new Set(['\u200b', '\u200c', '\u200d', '\ufe0f']);

function inWinAnsi(c: string): boolean {
  const code = c.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || EXTRAS.has(c);
}

export function toWinAnsi(text: string): string {
  let out = '';
  // Composed first, so "e" + combining acute becomes the "é" the font has.
  for (const c of text.normalize('NFC')) {
    if (inWinAnsi(c)) out += c;
    else if (STAND_INS[c] !== undefined) out += STAND_INS[c];
    else if (/\p{M}/u.test(c) || IGNORED.has(c)) continue;
    else {
      // "ő" → "o" + combining mark: keep the letter when it is in the set.
      const base = c.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base !== '' && [...base].every(inWinAnsi) ? base : '?';
    }
  }
  return out;
}
