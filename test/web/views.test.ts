// The web bench's views in a real browser (Debian's chromium): sensor truth beside physics, the jam selector, the
// charts' distinct series, and scrubbing back through the history.
import { readFileSync } from 'node:fs';
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

  it('draws every chart series in a style of its own, labelled, and names every state band however narrow', async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    await click(page, '#airlock-B-button-2');
    await runUntilText(bench, page, '#airlock-B-state', 'outer open friendly', 30_000);
    await click(page, '#airlock-B-button-3');
    await runUntilText(bench, page, '#airlock-B-state', 'inner open', 30_000);
    bench.advance(20_000);
    await caughtUp(bench, page);
    await page.waitForFunction((t) => Number(document.getElementById('strip-charts')?.dataset.to ?? 0) >= t, bench.world.clock.now());
    const panels = await page.evaluate(() => Array.from(document.querySelectorAll('#strip-charts .panel')).map((panel) => ({
      title: panel.getAttribute('data-panel'),
      series: Array.from(panel.querySelectorAll('g.series')).map((g) => ({
        name: g.getAttribute('data-series'), style: `${g.getAttribute('data-colour')}|${g.getAttribute('data-dash')}|${g.getAttribute('data-shape')}`,
        marks: Array.from(g.querySelectorAll('circle, rect, path')).map((m) => Math.round(m.getBoundingClientRect().x)),
      })),
      legend: Object.fromEntries(Array.from(panel.querySelectorAll('g.legend-item')).map((g) => [g.textContent, `${g.getAttribute('data-colour')}|${g.getAttribute('data-dash')}|${g.getAttribute('data-shape')}`])),
    })));
    const doors = panels.find((p) => p.title === 'Doors (% open)')!;
    expect(doors.series.map((s) => s.name)).toEqual(['door E', 'A outer', 'A inner', 'B outer', 'B inner', 'C outer', 'C inner', 'D outer', 'D inner']);
    for (const panel of panels) {
      const styles = panel.series.map((s) => s.style);
      expect(new Set(styles).size, panel.title!).toBe(styles.length);
      for (const s of panel.series) expect(panel.legend[s.name!], `${panel.title}: ${s.name}`).toBe(s.style);
    }
    // Door E and D inner lie on the same line (closed); the colours differ, and their markers do not cover each other.
    const e = doors.series[0], dInner = doors.series[8];
    expect(e.style.split('|')[0]).not.toBe(dInner.style.split('|')[0]);
    expect(e.marks.length).toBeGreaterThan(3);
    expect(dInner.marks.filter((x) => e.marks.includes(x))).toEqual([]);
    const bands = await page.evaluate(() => Array.from(document.querySelectorAll('#strip-charts .band[data-machine="airlock B"] rect')).map((r) => ({
      state: r.getAttribute('data-state'), width: Number(r.getAttribute('width')) })));
    const labels = await page.locator('#strip-charts .band[data-machine="airlock B"] text').allTextContents();
    const narrow = bands.filter((b) => b.width < b.state!.length * 5.6 + 6);
    expect(narrow.length).toBeGreaterThan(0);
    for (const b of bands) expect(labels, b.state!).toContain(b.state);
    await page.locator('.charts-panel').screenshot({ path: 'test-artifacts/web/strip-charts-styles.png' });
  });

  it('downloads every pin of the last minutes as a VCD file, with the press of a button on it', async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    await click(page, '#airlock-B-button-2');
    bench.advance(5000);
    await caughtUp(bench, page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#vcd-download')]);
    expect(download.suggestedFilename()).toBe('launch-bay-6s.vcd');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toMatch(/\$timescale 1 ms \$end\n\$scope module sim \$end/);
    const id = /\$var wire 1 (\S+) airlock_B_button_2 \$end/.exec(text)![1];
    expect(text.match(/\$var /g)).toHaveLength(78);
    // Wired active low: pulled down by the press, up again 200 ms later.
    const changes = [...text.slice(text.indexOf('$enddefinitions')).matchAll(/^#(\d+)$|^([01])(\S+)$/gm)];
    let t = 0;
    const button: string[] = [];
    for (const m of changes) { if (m[1]) t = Number(m[1]); else if (m[3] === id) button.push(`${t}:${m[2]}`); }
    expect(button).toEqual(['0:1', expect.stringMatching(/^10[05]0:0$/), expect.stringMatching(/^1[12][05]0:1$/)]);
  });

  it('scrubs back through its history: the page shows airlock B as it was, then live again', async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    await click(page, '#airlock-B-button-2');
    await runUntilText(bench, page, '#airlock-B-state', 'opening outer', 5_000, 100);
    const opening = bench.world.clock.now();
    await runUntilText(bench, page, '#airlock-B-state', 'outer open friendly', 30_000);
    bench.advance(10_000);
    await caughtUp(bench, page);
    expect(await page.getAttribute('#scrub', 'max')).toBe(String(bench.world.clock.now()));
    await page.locator('#scrub').fill(String(Math.ceil(opening / 500) * 500));
    await page.waitForFunction(() => document.body.dataset.viewing !== undefined);
    expect(await page.textContent('#airlock-B-state')).toBe('opening outer');
    expect(await page.textContent('#airlock-B-outer')).toMatch(/^\d+% opening$/);
    expect(await page.textContent('#scrub-status')).toMatch(/^Showing 00:00:0\d\.\d, 00:00:\d\d\.\d ago: inputs still act on the live bench$/);
    expect(await page.textContent('#chart-caption')).toMatch(new RegExp(`to 00:00:${(Math.ceil(opening / 500) / 2).toFixed(1).padStart(4, '0')}`));
    // Time runs on while the past is shown; the page stays on the moment chosen.
    bench.advance(5_000);
    await caughtUp(bench, page);
    expect(await page.textContent('#airlock-B-state')).toBe('opening outer');
    await screenshot(page, 'scrubbed');
    await page.click('#scrub-live');
    expect(await page.textContent('#airlock-B-state')).toBe('outer open friendly');
    expect(await page.textContent('#scrub-status')).toBe('Live');
    bench.advance(1_000);
    await caughtUp(bench, page);
    expect(await page.inputValue('#scrub')).toBe(String(bench.world.clock.now()));
  });

  it('says "unknown" wherever a machine\'s state is not yet known', async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    Object.defineProperty(bench.world.controller.machines['airlock B']!, 'state', { value: undefined, configurable: true });
    bench.advance(1000);
    await caughtUp(bench, page);
    await runUntilText(bench, page, '#airlock-B-state', 'unknown', 1000, 500);
    expect(await page.locator('#svg-airlock-B .state').textContent()).toBe('unknown');
    expect(await page.textContent('#matrix-status-airlock-B')).toMatch(/^state unknown/);
    expect(await page.locator('#matrix-airlock-B tr.current').count()).toBe(0);
    expect(await page.textContent('body')).not.toContain('undefined');
  });
});
