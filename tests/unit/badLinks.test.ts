import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeShareLink, type ShareErrorKind } from '../../src/library/shareLink';

/** Each file holds one link; its name is `<name>.<expected error kind>.txt`. */
const dir = fileURLToPath(new URL('../fixtures/bad-links/', import.meta.url));
const cases = fs
  .readdirSync(dir)
  .filter((file) => file.endsWith('.txt'))
  .sort()
  .map((file) => {
    const match = /^(.+)\.([A-Za-z]+)\.txt$/.exec(file);
    if (!match) throw new Error(`${file}: name it <name>.<kind>.txt`);
    return { file, kind: match[2] as string, link: fs.readFileSync(path.join(dir, file), 'utf8') };
  });

const KINDS: readonly ShareErrorKind[] = ['noShare', 'malformed', 'unsupportedVersion', 'tooLarge', 'invalidDocument'];

describe('bad share link corpus', () => {
  it('covers every error kind, and only known kinds', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(KINDS));
  });

  it.each(cases)('$file is refused as $kind with a message', ({ link, kind }) => {
    const result = decodeShareLink(link);
    expect(result).toMatchObject({ ok: false, kind });
    expect(!result.ok && result.message.length).toBeGreaterThan(20);
  });
});
