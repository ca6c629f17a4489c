// `npm run bench:board` in a real 80×24 terminal (tmux, read back with capture-pane), on the emulated Uno: the
// compact view fits, its keys line is the bench's own and whole, and `?` pages the bench's help to fit.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { benchKeyHelp, benchKeysHint } from '../../scripts/lib/bench-view';

const TMUX = '/usr/bin/tmux';
const socket = `bench-view-${process.pid}`;
const tmux = (...args: string[]) => execFileSync(TMUX, ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'bench').replace(/\n+$/, '').split('\n');

/** Waits (wall clock: the bench runs in real time) until the screen passes `test`; returns its lines. */
async function until(test: (lines: string[]) => boolean, what: string, ms = 60_000): Promise<string[]> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    const lines = screen();
    if (test(lines)) return lines;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the 80×24 screen never showed ${what}:\n${screen().join('\n')}`);
}

const fits = (lines: string[]) => {
  expect(lines.length).toBeLessThanOrEqual(24);
  for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
};

describe.skipIf(!existsSync(TMUX))('npm run bench:board at 80×24 in tmux', () => {
  afterEach(() => { spawnSync(TMUX, ['-L', socket, 'kill-server']); });

  it('shows the compact view with the bench\'s keys, and pages its help so that every word is shown', async () => {
    tmux('new-session', '-d', '-s', 'bench', '-x', '80', '-y', '24', `${process.execPath} --import tsx scripts/bench-board.ts --board arduino-uno --emulate`);
    const view = await until((l) => l.some((x) => x.startsWith('Airlk A ')), 'the airlocks');
    fits(view);
    expect(view).toContain(benchKeysHint);

    tmux('send-keys', '-t', 'bench', '?');
    const shown: string[] = [];
    for (let page = 1; ; page++) {
      const help = await until((l) => l.some((x) => x.includes(`— help ${page}/`)), `help page ${page}`);
      fits(help);
      shown.push(...help);
      const [, of] = /help \d+\/(\d+)/.exec(help.find((x) => x.includes('— help '))!)!;
      if (page === Number(of)) break;
      tmux('send-keys', '-t', 'bench', '?');
    }
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    const seen = new Set(words(shown.join(' ')));
    for (const word of words(benchKeyHelp)) expect(seen.has(word), word).toBe(true);
    tmux('send-keys', '-t', 'bench', 'Escape');
    await until((l) => !l.some((x) => x.includes('— help')) && l.some((x) => x.startsWith('Airlk A ')), 'the help closed');
  }, 120_000);
});
