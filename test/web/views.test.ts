// The web bench's views in a real browser (Debian's chromium): sensor truth beside physics, the jam selector, the
// charts' distinct series, and scrubbing back through the history.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caughtUp, click, launchChromium, openBench, runUntilText, screenshot } from './browser';

describe('the web bench views', () => {
  let browser: Browser;
  let open: Awaited<ReturnType<typeof openBench>> | undefined;
  beforeAll(async () => { browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); });
  afterEach(async () => { await open?.close(); open = undefined; });

  it('keeps the chosen door in the jam selector after jamming it', async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    await page.selectOption('#jam-choice', 'airlock C inner');
    await click(page, '#jam-toggle');
    await runUntilText(bench, page, '#jam-status', 'Jammed: airlock C inner door', 1_000, 100);
    bench.advance(2000);
    await caughtUp(bench, page);
    expect(await page.inputValue('#jam-choice')).toBe('airlock C inner');
    expect(await page.textContent('#jam-toggle')).toBe('Free door');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.inputValue('#jam-choice')).toBe('airlock C inner');
    expect(await page.textContent('#jam-toggle')).toBe('Free door');
  });

  it("shows airlock A's chamber sensor stuck at 50 kPa beside the 101.3 kPa physics holds, marked as differing", async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    expect(await page.textContent('#airlock-A-sensor')).toMatch(/^sensor 101\.\d kPa · controller 101\.\d kPa · = agrees with physics 101\.3 kPa$/);
    await page.selectOption('#sensor-signal', 'airlock A chamber pressure');
    await page.fill('#sensor-value', '50');
    await click(page, '#sensor-apply');
    await runUntilText(bench, page, '#airlock-A-sensor', /^sensor 50\.0 kPa · controller (50\.0 kPa|unknown) · ≠ DIFFERS from physics 101\.3 kPa$/, 1_000, 100);
    expect(await page.getAttribute('#airlock-A-sensor', 'class')).toContain('differs');
    expect(await page.locator('#sensor-airlock-A-chamber-pressure td').allTextContents()).toEqual(
      ['airlock A chamber pressure', '101.3 kPa', '50.0 kPa', expect.stringMatching(/^(50\.0 kPa|unknown)$/), '≠ differs']);
    // Judged stuck, the controller holds it unknown; the sensor still gives 50 and physics still holds 101.3.
    await runUntilText(bench, page, '#airlock-A-sensor', 'sensor 50.0 kPa · controller unknown · ≠ DIFFERS from physics 101.3 kPa', 10_000, 500);
    expect(await page.textContent('#sensor-bay-pressure')).toMatch(/=$/);
    await screenshot(page, 'sensor-truth');
  });

  it('refuses a stuck value the sensor cannot read (-999 kPa), saying why', async () => {
    open = await openBench(browser);
    const { page } = open;
    await page.selectOption('#sensor-signal', 'airlock A chamber pressure');
    await page.fill('#sensor-value', '-999');
    await click(page, '#sensor-apply');
    expect(await page.textContent('#message')).toBe('airlock A chamber pressure on board sim is an analog input that reads 0 to 120 (its calibration across the ADC): it cannot be stuck at -999; choose "out of range" to pin it to full scale');
    expect(await page.getAttribute('#message', 'class')).toBe('refused');
    expect(await page.textContent('#sensor-status')).toBe('Every sensor reads true');
  });
});
