// Small things a new user saw in the browser: the inner door's label under a vacuum airlock is readable, the
// clock never shows 60 seconds, and the buttons say what they ask for.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import { createSimWorld } from '../../sim/world';
import { caughtUp, launchChromium, openBench } from './browser';

describe('the web bench page, small things', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); });

  it('inks the inner door label dark on the cream ship interior, even under a vacuum airlock', async () => {
    const open = await openBench(browser, { world: (onReport) => createSimWorld({ board: loadBoard('sim'), emptyChambers: ['A'], onReport }) });
    try {
      const fills = await open.page.evaluate(() => Array.from(document.querySelectorAll('#schematic text'))
        .filter((t) => t.textContent?.startsWith('inner:')).map((t) => getComputedStyle(t).fill));
      expect(fills).toHaveLength(4);
      expect(new Set(fills).size).toBe(1);
      expect(fills[0]).not.toBe('rgb(241, 245, 249)');
    } finally { await open.close(); }
  });

  it('rolls the clock over to the next minute instead of showing 60 seconds', async () => {
    const open = await openBench(browser);
    try {
      open.bench.advance(58_950); // 1 s was advanced when it opened: 59.95 s
      await caughtUp(open.bench, open.page);
      expect(await open.page.textContent('#clock')).toMatch(/^t 00:01:00\.0 /);
    } finally { await open.close(); }
  });

  it('says in each button\'s tooltip which door it asks for', async () => {
    const open = await openBench(browser);
    try {
      expect(await open.page.getAttribute('#airlock-C-button-1', 'title')).toBe('Button 1: bay side, asks for the outer door');
      expect(await open.page.getAttribute('#airlock-C-button-4', 'title')).toBe('Button 4: ship side, asks for the inner door');
      expect(await open.page.locator('#svg-airlock-C .button-glyph title').allTextContents()).toContain('Airlock C button 3: inside, asks for the inner door');
    } finally { await open.close(); }
  });
});
