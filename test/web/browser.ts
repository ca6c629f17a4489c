// Helpers for the web bench's browser tests: Debian's chromium through playwright-core, and simulated time driven by the test.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadBoard } from '../../boards/load';
import { startWebBench, type WebBench, type WebBenchOptions } from '../../views/web/server';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/web';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the web bench's browser tests need Debian's chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run installs it)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A bench on a free port whose time moves only when the test says, and a page open on it, built and live. */
export async function openBench(browser: Browser, options: Partial<WebBenchOptions> = {}): Promise<{ bench: WebBench; page: Page; close(): Promise<void> }> {
  const bench = await startWebBench({ board: loadBoard('sim'), port: 0, time: 'manual', publishMs: 20, ...options });
  // A second for every sensor to be read, as before anyone reaches a button.
  bench.advance(1000);
  const page = await browser.newPage({ viewport: { width: 1440, height: 1200 } });
  await page.goto(bench.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 5000 });
  return { bench, page, close: async () => { await page.close(); await bench.close(); } };
}

/** Clicks a control and waits for the bench to answer its input, so time moves only after the input is in. */
export async function click(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/') && r.request().method() === 'POST'), page.click(selector)]);
}

/** Waits until the page has drawn the bench's current moment. */
export async function caughtUp(bench: WebBench, page: Page): Promise<void> {
  await page.waitForFunction((t) => Number(document.body.dataset.t) >= t, bench.world.clock.now(), { timeout: 2000 });
}

/**
 * Moves simulated time on in steps until the text of `selector` on the page matches `expected`; fails, saying what
 * it reads, if it has not after `limitMs` of simulated time.
 */
export async function runUntilText(bench: WebBench, page: Page, selector: string, expected: string | RegExp, limitMs = 60_000, stepMs = 500): Promise<void> {
  const matches = (text: string) => (typeof expected === 'string' ? text.trim() === expected : expected.test(text));
  let text = '';
  for (let waited = 0; ; waited += stepMs) {
    await caughtUp(bench, page);
    text = (await page.locator(selector).first().textContent()) ?? '';
    if (matches(text)) return;
    if (waited >= limitMs) break;
    bench.advance(stepMs);
  }
  throw new Error(`after ${limitMs / 1000} s of simulated time, ${selector} reads ${JSON.stringify(text)}, not ${expected}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}/${name}.png`;
  await page.screenshot({ path });
  return path;
}
