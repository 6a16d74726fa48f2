/**
 * Share links: the whole document, lz-string-compressed, in the URL fragment
 * (`#share=v1.<payload>`). The fragment never reaches a server, so nothing is uploaded.
 *
 * Decompression bombs. lz-string is LZW: n codes can expand to about n²/2 characters, so a
 * payload that fits in a 32,000-character URL can expand to roughly 90 million characters, and
 * bounding the input alone cannot keep the output under a useful limit. Before decompressing,
 * `measureDecompressedLength` replays lz-string's decoder on lengths only (integers, no
 * strings) and stops as soon as the total passes the limit; only then does lz-string decode.
 */
import LZString from 'lz-string';
import { parseDocument, type ParseError } from '../model/parseDocument';
import type { FunnelDocument } from '../model/schema';

/** The longest whole URL we produce or accept: under what chat apps, mail clients and browsers keep intact. */
export const SHARE_URL_LIMIT = 32_000;
/** The most characters a link's payload may decompress to. */
export const MAX_SHARE_DOCUMENT_CHARS = 5_000_000;
export const SHARE_VERSION = 'v1';
const FRAGMENT_KEY = 'share=';
const URI_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const PAYLOAD_CHARS = /^[A-Za-z0-9+\-$]+$/;

export type EncodeShareResult =
  | { ok: true; url: string; length: number }
  /** `length`/`limit` are the URL's (or, for a document over MAX_SHARE_DOCUMENT_CHARS, its JSON's). */
  | { ok: false; reason: 'tooLarge'; length: number; limit: number };

export type ShareErrorKind = 'noShare' | 'malformed' | 'unsupportedVersion' | 'tooLarge' | 'invalidDocument';

export type DecodeShareResult =
  | { ok: true; document: FunnelDocument }
  | { ok: false; kind: ShareErrorKind; message: string; parseError?: ParseError };

/** Builds `<baseUrl without fragment>#share=v1.<payload>`. `$schema` is left out to save space. */
export function encodeShareLink(doc: FunnelDocument, baseUrl: string): EncodeShareResult {
  const { $schema: _schema, ...rest } = doc;
  const json = JSON.stringify(rest);
  if (json.length > MAX_SHARE_DOCUMENT_CHARS) return { ok: false, reason: 'tooLarge', length: json.length, limit: MAX_SHARE_DOCUMENT_CHARS };
  const url = `${baseUrl.split('#')[0]}#${FRAGMENT_KEY}${SHARE_VERSION}.${LZString.compressToEncodedURIComponent(json)}`;
  if (url.length > SHARE_URL_LIMIT) return { ok: false, reason: 'tooLarge', length: url.length, limit: SHARE_URL_LIMIT };
  return { ok: true, url, length: url.length };
}

/**
 * Reads a share link: a whole URL, a fragment (`#share=…`) or `share=…`. Surrounding whitespace
 * is ignored, percent-encoding (some chat apps add it) is undone, and spaces are read as `+`
 * (form decoding turns `+` into a space). Never throws.
 */
export function decodeShareLink(urlOrFragment: string): DecodeShareResult {
  const input = urlOrFragment.trim();
  const hashAt = input.indexOf('#');
  const fragment = hashAt >= 0 ? input.slice(hashAt + 1) : input;
  if (!fragment.startsWith(FRAGMENT_KEY)) return fail('noShare', 'This link does not contain a shared diagram.');
  let value = fragment.slice(FRAGMENT_KEY.length);
  if (value.includes('%')) {
    try {
      value = decodeURIComponent(value);
    } catch {
      return fail('malformed', 'The share link is damaged: it contains broken percent-encoding.');
    }
  }
  const match = /^v(\d+)\.(.*)$/s.exec(value.replace(/ /g, '+'));
  if (!match) return fail('malformed', 'The share link is damaged: it does not start with a format version such as "v1.".');
  const [, version, payload = ''] = match;
  if (`v${version}` !== SHARE_VERSION) {
    return fail('unsupportedVersion', `This share link uses format v${version}, which this editor cannot read (it reads ${SHARE_VERSION} links). It may come from a newer editor.`);
  }
  if (payload.length > SHARE_URL_LIMIT) {
    return fail('tooLarge', `The share link is too long (${payload.length} characters; the limit is ${SHARE_URL_LIMIT}).`);
  }
  if (!PAYLOAD_CHARS.test(payload)) {
    return fail('malformed', payload ? 'The share link is damaged: it contains characters a share link never has (it may have been altered).' : 'The share link is empty.');
  }
  const size = measureDecompressedLength(payload, MAX_SHARE_DOCUMENT_CHARS);
  if (size === 'tooLarge') {
    return fail('tooLarge', `The share link expands to more than ${MAX_SHARE_DOCUMENT_CHARS.toLocaleString('en')} characters, so it was not opened.`);
  }
  const damaged = 'The share link is damaged or incomplete (it may have been cut off when copied).';
  if (size === 'malformed' || size === 0) return fail('malformed', damaged);
  let text: string | null;
  try {
    text = LZString.decompressFromEncodedURIComponent(payload);
  } catch {
    text = null;
  }
  if (!text) return fail('malformed', damaged);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('malformed', 'The share link is damaged: its content is not valid JSON.');
  }
  const parsed = parseDocument(json);
  if (!parsed.ok) return { ok: false, kind: 'invalidDocument', message: `The shared diagram cannot be opened. ${parsed.error.message}`, parseError: parsed.error };
  return { ok: true, document: parsed.document };
}

/**
 * The length lz-string 1.5's `decompressFromEncodedURIComponent(payload)` would return,
 * computed by replaying its decoder on entry lengths only. Returns 'tooLarge' as soon as the
 * total passes `limit`, 'malformed' where the decoder would return "" or null (truncated or
 * invalid codes) or misbehave (an invalid first code), and 0 for an empty stream.
 * Expects a payload already checked against the URI alphabet.
 */
export function measureDecompressedLength(payload: string, limit: number): number | 'tooLarge' | 'malformed' {
  const charValue = (i: number) => (i < payload.length ? URI_ALPHABET.indexOf(payload.charAt(i)) : 0);
  let val = charValue(0);
  let position = 32;
  let index = 1;
  const read = (bitCount: number): number => {
    let bits = 0;
    for (let p = 0; p < bitCount; p++) {
      const bit = val & position;
      position >>= 1;
      if (position === 0) {
        position = 32;
        val = charValue(index++);
      }
      if (bit) bits += 2 ** p;
    }
    return bits;
  };
  const first = read(2);
  if (first === 2) return 0;
  if (first === 3) return 'malformed';
  read(first === 0 ? 8 : 16);
  const lengths: number[] = [0, 0, 0, 1];
  let enlargeIn = 4;
  let numBits = 3;
  let w = 1;
  let total = 1;
  for (;;) {
    if (index > payload.length) return 'malformed';
    let code = read(numBits);
    if (code === 2) return total;
    if (code < 2) {
      read(code === 0 ? 8 : 16);
      lengths.push(1);
      code = lengths.length - 1;
      enlargeIn--;
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: number;
    if (code < lengths.length) entry = lengths[code] as number;
    else if (code === lengths.length) entry = w + 1;
    else return 'malformed';
    total += entry;
    if (total > limit) return 'tooLarge';
    lengths.push(w + 1);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}

function fail(kind: ShareErrorKind, message: string): DecodeShareResult {
  return { ok: false, kind, message };
}
