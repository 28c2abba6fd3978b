import type { Page } from 'playwright-core';

/** Where things are on screen, measured in the page (CSS pixels), for the layout tests. */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const SIZES = [
  { label: '1366×768', viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 },
  { label: '1280×720', viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 },
  // 200% zoom on a 1366 × 768 screen: half the CSS pixels each way, each drawn with two device pixels.
  { label: '200% zoom', viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 },
] as const;

export type Size = (typeof SIZES)[number];

/**
 * Runs in the page: the part of an element actually on screen, after the window
 * and every scrolling or clipping box around it have cut it (null when none is).
 */
const VISIBLE_PART = `(element) => {
  const full = element.getBoundingClientRect();
  let box = { left: full.left, top: full.top, right: full.right, bottom: full.bottom };
  const cut = (by) => {
    box = { left: Math.max(box.left, by.left), top: Math.max(box.top, by.top), right: Math.min(box.right, by.right), bottom: Math.min(box.bottom, by.bottom) };
  };
  cut({ left: 0, top: 0, right: innerWidth, bottom: innerHeight });
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    const style = getComputedStyle(parent);
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible') cut(parent.getBoundingClientRect());
  }
  if (box.right - box.left < 1 || box.bottom - box.top < 1) return null;
  return { visible: box, full: { left: full.left, top: full.top, right: full.right, bottom: full.bottom }, text: element.textContent.trim() };
}`;

export interface OnScreen {
  visible: Box;
  full: Box;
  /** Its text, spaces at the ends trimmed. */
  text: string;
}

/** The part of each element matching a CSS selector on screen now (null for those wholly off it). */
export function onScreenAll(page: Page, selector: string): Promise<(OnScreen | null)[]> {
  return page.evaluate<(OnScreen | null)[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].map(${VISIBLE_PART})`);
}

export async function onScreen(page: Page, selector: string): Promise<OnScreen | null> {
  const [first] = await onScreenAll(page, selector);
  return first ?? null;
}

/** Wholly on screen: nothing of it cut off by the window or by a scrolling box. */
export function whollyOnScreen(part: OnScreen | null): boolean {
  if (!part) return false;
  const { visible, full } = part;
  return Math.abs(visible.left - full.left) < 1 && Math.abs(visible.top - full.top) < 1 && Math.abs(visible.right - full.right) < 1 && Math.abs(visible.bottom - full.bottom) < 1;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}

/** What a click in the middle of the box would reach: the text of the nearest button or heading there. */
export function reachedAt(page: Page, box: Box, selector = 'button, h2'): Promise<string | null> {
  const x = (box.left + box.right) / 2;
  const y = (box.top + box.bottom) / 2;
  return page.evaluate<string | null>(`document.elementFromPoint(${String(x)}, ${String(y)})?.closest(${JSON.stringify(selector)})?.textContent?.trim() ?? null`);
}

export function sidewaysScroll(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate<{ scrollWidth: number; innerWidth: number }>(`({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })`);
}
