import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract.ts';
import { TOPICS } from '../../shared/events.ts';
import { ROOT } from '../helpers/fixtures.ts';

describe('the HTTP API documentation', () => {
  const docs = readFileSync(path.join(ROOT, 'docs', 'api.md'), 'utf8');

  it('has a section, an input, a result and an example for every method in the contract', () => {
    for (const method of METHOD_NAMES) {
      const start = docs.indexOf(`\n## ${method}\n`);
      expect(start, `docs/api.md has no section for ${method}`).toBeGreaterThan(-1);
      const section = docs.slice(start + 1, docs.indexOf('\n## ', start + 1));
      expect(section, method).toContain('**Input:**');
      expect(section, method).toContain('**Result:**');
      expect(section, method).toContain(`$U/${method}`);
    }
  });

  it('names every push topic', () => {
    for (const topic of TOPICS) expect(docs).toContain(`\`${topic}\``);
  });
});
