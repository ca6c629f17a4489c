// The strip charts and the scenario report in a real browser (Debian's chromium): the charts move as time runs,
// and a failing scenario's report shows the failed expectation and the pressure line crossing its bound.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import { writeReport } from '../../views/report/html';
import { parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';
import { click, launchChromium, openBench, runUntilText, screenshot } from './browser';
import type { WebBench } from '../../views/web/server';

/** Waits until the charts have been drawn up to the bench's present. */
async function chartsCaughtUp(bench: WebBench, page: Page): Promise<void> {
  await page.waitForFunction((t) => Number(document.getElementById('strip-charts')?.dataset.to ?? 0) >= t, bench.world.clock.now(), { timeout: 5000 });
}
const bayPoints = (page: Page) => page.getAttribute('#strip-charts .series[data-series="bay"] polyline', 'points');

describe('the strip charts', () => {
  let browser: Browser;
  let open: Awaited<ReturnType<typeof openBench>> | undefined;
  beforeAll(async () => { browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); });
  afterEach(async () => { await open?.close(); open = undefined; });

  it('move when time runs: the window slides, the bay line falls on red alert, the veto is marked with its reason', async () => {
    open = await openBench(browser);
    const { bench, page } = open;
    await chartsCaughtUp(bench, page);
    const before = await bayPoints(page);
    await click(page, '#airlock-B-button-2');
    await runUntilText(bench, page, '#airlock-B-outer', /^[4-9]\d% opening$/, 10_000, 100);
    await click(page, '#deck-request-ready');
    await runUntilText(bench, page, '#airlock-B-state', 'closing outer', 5_000, 100);
    await click(page, '#airlock-B-button-2');
    for (let i = 0; i < 30; i++) bench.advance(5000);
    await chartsCaughtUp(bench, page);
    const after = await bayPoints(page);
    expect(after).not.toBe(before);
    expect(await page.textContent('#chart-caption')).toMatch(/^From 00:00:3\d\.\d to 00:02:3\d\.\d/);
    // The bay's pressure fell: the last point is lower on the chart (larger y) than the first.
    const ys = after!.split(' ').map((p) => Number(p.split(',')[1]));
    expect(ys[ys.length - 1]).toBeGreaterThan(ys[0] + 50);
    expect(await page.locator('#strip-charts .band[data-machine="airlock B"] text').allTextContents()).toContain('inner open');
    expect(await page.textContent('#chart-markers')).toBe('none in this window'); // the veto was before the last 2 minutes
    await page.selectOption('#chart-window', '10');
    expect(await page.textContent('#chart-caption')).toMatch(/^From 00:00:00\.0 to /);
    expect(await page.textContent('#chart-markers')).toMatch(/airlock B: VETO: "ask open outer" refused in closing outer/);
    expect(await page.locator('#strip-charts .marker[data-kind="veto"] title').first().textContent()).toMatch(/airlock B: VETO/);
    await screenshot(page, 'strip-charts-page');
    await page.locator('.charts-panel').screenshot({ path: 'test-artifacts/web/strip-charts.png' });
  });
});

describe('the scenario report', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); });

  it('shows the failed expectation and the bay pressure line crossing its marked bound', async () => {
    const text = JSON.stringify({
      name: 'Red alert, expected too soon', start: 'relaxed',
      steps: [
        { at: 0, request: 'ready' },
        { at: '5s', expect: { pressures: { bay: { below: 50 } } } },
        { eventually: { states: { 'bay environment': 'hostile' } }, within: '3m' },
      ],
    }, null, 2);
    const scenario = parseScenario(text, 'too-soon.json');
    const result = runScenario(scenario, loadBoard('sim'), undefined, { sampleEveryMs: 250 });
    expect(result.ok).toBe(false);
    const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'report.html');
    writeReport(file, { scenario, result });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(pathToFileURL(file).href);
    expect(await page.textContent('#verdict')).toBe('FAILED: 1 problem(s)');
    const failed = page.locator('#expectations tr.failed');
    expect(await failed.count()).toBe(1);
    expect(await failed.textContent()).toMatch(/✘ FAIL.*too-soon\.json:\d+ steps\[1\].*expect.*bay pressure below 50 kPa, but it is/);
    expect(await page.locator('#expectations tr.passed').count()).toBe(1);
    expect(await page.textContent('#invariants')).toMatch(/no violation/);
    const crossing = await page.evaluate(() => {
      const line = document.querySelector('.threshold.failed line')!;
      const y = Number(line.getAttribute('y1'));
      const ys = document.querySelector('.series[data-series="bay"] polyline')!.getAttribute('points')!.split(' ').map((p) => Number(p.split(',')[1]));
      return { above: ys.some((v) => v < y), below: ys.some((v) => v > y), label: line.parentElement!.textContent };
    });
    expect(crossing).toEqual({ above: true, below: true, label: 'steps[1]: bay below 50 kPa' });
    await screenshot(page, 'scenario-report');
    await page.close();
  });
});
