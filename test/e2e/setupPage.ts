import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Steps through the first-run setup, by role and accessible name, for the end-to-end tests. */

export function setupScreen(page: Page): Locator {
  return page.getByRole('region', { name: 'Set up ContactCap' });
}

export async function expectSetupStep(page: Page, title: string): Promise<void> {
  await expect.poll(() => setupScreen(page).getByRole('heading', { level: 3 }).textContent()).toBe(title);
}

/** The focused element's aria-label, or else its id ('' when nothing is focused). */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate<string>(`document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? ''`);
}

/** A new install opens the setup; the tests that are about the desk skip it. */
export async function skipSetup(page: Page): Promise<void> {
  // The first load of a page can be slow on a busy machine: wait as long as Playwright would.
  await setupScreen(page).waitFor();
  await setupScreen(page).getByRole('button', { name: 'Skip setup for now' }).click();
  await expect.poll(() => setupScreen(page).isVisible()).toBe(false);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.2 A and AA rules over what is on screen now (as in accessibility.test.ts). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate<Violation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }).then((r) => r.violations)`,
  );
  return found.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The whole of the element is inside the window: nothing to scroll to. */
export async function expectInView(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  expect(box, `${what} is not on screen`).not.toBeNull();
  if (!box || !size) return;
  expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height, `${what} is outside the ${size.width}×${size.height} window`).toBe(true);
}

/** The step's buttons fit at both laptop sizes a practice has: 1366×768 and 1280×720 (with a screenshot of the smaller, when asked for). */
export async function expectButtonsFit(page: Page, name?: string): Promise<void> {
  const original = page.viewportSize();
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(size);
    const buttons = setupScreen(page).locator('.setup-footer button');
    const count = await buttons.count();
    expect(count).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < count; i++) await expectInView(page, buttons.nth(i), `“${(await buttons.nth(i).textContent()) ?? ''}”`);
    if (name && size.width === 1280) await screenshot(page, `${name}-1280x720`);
  }
  if (original) await page.setViewportSize(original);
}

/** Saves a screenshot when CONTACTCAP_SCREENSHOTS names a folder (they are looked at by a person, not compared). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.CONTACTCAP_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`) });
}
