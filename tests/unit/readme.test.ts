import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { SHORTCUTS } from '../../src/editor/shortcuts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every keyboard shortcut the app handles, with its description', () => {
    for (const s of SHORTCUTS) {
      const row = `| ${s.keys.map((k) => `\`${k}\``).join(', ')} | ${s.description} |`;
      expect(readme, `missing row: ${row}`).toContain(row);
    }
  });
});
