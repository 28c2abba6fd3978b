import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Result {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; any: { data?: { messageKey?: string } | null }[] }[];
}

/**
 * axe-core's WCAG 2.2 A and AA rules (names, contrast, roles, labels) over what is on screen now.
 * Text the same colour as its background (1:1, such as white on white) axe only marks "needs review":
 * it is reported here as a failure, since nobody can read it.
 */
export async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate<{ violations: Result[]; incomplete: Result[] }>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }).then((r) => ({ violations: r.violations, incomplete: r.incomplete }))`,
  );
  const unreadable = found.incomplete
    .filter((result) => result.id === 'color-contrast')
    .map((result) => ({ ...result, help: `${result.help} (text the colour of its background)`, nodes: result.nodes.filter((node) => node.any.some((check) => check.data?.messageKey === 'equalRatio')) }))
    .filter((result) => result.nodes.length > 0);
  return [...found.violations, ...unreadable].map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
