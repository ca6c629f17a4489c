// The web bench in a real browser (Debian's chromium): the page shows the bay as the simulator moves it and drives it.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caughtUp, click, launchChromium, openBench, runUntilText, screenshot } from './browser';

describe('the web bench page', () => {
  let browser: Browser;
  let open: Awaited<ReturnType<typeof openBench>> | undefined;
  beforeAll(async () => { browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); });
  afterEach(async () => { await open?.close(); open = undefined; });

  it('opens airlock B to the bay when its button 2 is clicked', async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    await click(page, '#airlock-B-button-2');
    await runUntilText(bench, page, '#airlock-B-state', 'opening outer', 5_000, 100);
    await runUntilText(bench, page, '#airlock-B-state', 'outer open friendly', 30_000);
    expect(await page.textContent('#airlock-B-outer')).toBe('open');
    expect(await page.textContent('#airlock-B-inner')).toBe('closed');
    await screenshot(page, 'airlock-b-open');
  });

  it('recalls airlock B and sounds the klaxon when red alert is requested', async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    await click(page, '#airlock-B-button-2');
    await runUntilText(bench, page, '#airlock-B-outer', /^[4-9]\d% opening$/, 10_000, 100);
    await click(page, '#deck-request-ready');
    await runUntilText(bench, page, '#deck-state', 'readying', 5_000, 100);
    await runUntilText(bench, page, '#airlock-B-flags', /^Recalled/, 5_000, 100);
    expect(await page.textContent('#airlock-B-goal')).toBe('inner open');
    expect(await page.textContent('#indicator-klaxon')).toBe('Klaxon ON');
    await runUntilText(bench, page, '#airlock-B-state', 'closing outer', 5_000, 100);
    await screenshot(page, 'red-alert-recall');
  });

  it('shows the bay turn hostile when a leak is injected', async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    expect(await page.textContent('#svg-bay-state')).toBe('friendly');
    await click(page, '#leak-toggle');
    await runUntilText(bench, page, '#svg-bay-state', 'hostile', 60_000);
    expect(await page.textContent('#leak-status')).toBe('Leaking 2 kPa/s');
    await runUntilText(bench, page, '#deck-goal', 'ready', 5_000);
    // A minute on, for the picture: the bay nearly empty.
    bench.advance(60_000);
    await caughtUp(bench, page);
    await screenshot(page, 'leak-hostile');
  });

  it("marks the airlock's current row and the last cell taken in its matrix", async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    await click(page, '#airlock-B-button-2');
    await runUntilText(bench, page, '#airlock-B-state', 'opening outer', 5_000, 100);
    const current = page.locator('#matrix-airlock-B tr.current th');
    expect(await current.textContent()).toBe('▶ now opening outer');
    expect(await page.locator('#matrix-airlock-B td.last').textContent()).toBe('◆ last: → depressurizing if bayHostile, else → opening outer');
    expect(await page.locator('#matrix-airlock-A tr.current th').textContent()).toBe('▶ now closed pressurized');
  });

  it('presses a button from the keyboard', async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    await page.focus('#airlock-C-button-3');
    await Promise.all([page.waitForResponse((r) => r.url().includes('/api/press')), page.keyboard.press('Enter')]);
    await runUntilText(bench, page, '#airlock-C-state', 'opening inner', 5_000, 100);
  });

  it('steps simulated time by one second while paused', async () => {
    open = await openBench(browser, { time: 'real', speed: 1 });
    const { bench, page } = open;
    await click(page, '#pause');
    await caughtUp(bench, page);
    expect(await page.textContent('#pause')).toBe('Resume');
    const before = bench.world.clock.now();
    await click(page, '#step');
    await caughtUp(bench, page);
    expect(bench.world.clock.now()).toBe(before + 1000);
    expect(await page.textContent('#clock')).toMatch(/PAUSED/);
  });

  it('sets the speed from the speed control', async () => {
    open = await openBench(browser);
    const { page } = open;
    await Promise.all([page.waitForResponse((r) => r.url().includes('/api/speed')), page.selectOption('#speed', '100')]);
    expect(open.bench.time.speed).toBe(100);
  });

  it('jams a door and says so in words', async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    await page.selectOption('#jam-choice', 'airlock D outer');
    await click(page, '#jam-toggle');
    await runUntilText(bench, page, '#jam-status', 'Jammed: airlock D outer door', 1_000, 100);
    expect(await page.textContent('#airlock-D-outer')).toBe('closed, JAMMED');
  });

  it('resets a faulted airlock from its matrix: it closes and rests with no goal, and opens when asked again (invariant 9)', async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    await page.selectOption('#jam-choice', 'airlock A outer');
    await click(page, '#jam-toggle');
    await click(page, '#airlock-A-button-2');
    await runUntilText(bench, page, '#airlock-A-state', 'faulted', 60_000);
    await click(page, '#jam-toggle');
    await click(page, '#reset-airlock-A');
    await runUntilText(bench, page, '#airlock-A-state', 'closed pressurized', 30_000);
    await click(page, '#airlock-A-button-2');
    await runUntilText(bench, page, '#airlock-A-state', 'outer open friendly', 30_000);
  });
});
