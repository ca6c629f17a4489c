// `npm start` in a real 80×24 terminal (tmux, read back with capture-pane): the latest fault's reason is shown in
// full, wrapped on lines of its own, and the `?` help pages through every key without a line cut short.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyHelp } from '../../views/terminal/keys';

const TMUX = '/usr/bin/tmux';
const socket = `views-${process.pid}`;
const tmux = (...args: string[]) => execFileSync(TMUX, ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'bay').replace(/\n+$/, '').split('\n');

/** Waits (wall clock: npm start runs in real time) until the screen shows `text`; returns its lines. */
async function until(test: (lines: string[]) => boolean, what: string, ms = 20_000): Promise<string[]> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    const lines = screen();
    if (test(lines)) return lines;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the 80×24 screen never showed ${what}:\n${screen().join('\n')}`);
}

describe.skipIf(!existsSync(TMUX))('npm start at 80×24 in tmux', () => {
  afterEach(() => { spawnSync(TMUX, ['-L', socket, 'kill-server']); });

  it("shows the latest fault's reason in full, and pages the help so that every key is shown whole", async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'tty-')), 'audit.jsonl');
    tmux('new-session', '-d', '-s', 'bay', '-x', '80', '-y', '24', `${process.execPath} --import tsx scripts/start.ts --speed 50 --audit-log ${log}`);
    await until((l) => l.some((x) => x.startsWith('Airlk A ')), 'the airlocks');
    // Jam airlock A's outer door, then ask for it: the deadline is missed, and the fault says why.
    tmux('send-keys', '-t', 'bay', 'j', 'a', '2');
    const lines = await until((l) => l.some((x) => x.startsWith('Why: ')), 'a Why: line', 30_000);
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
    const at = lines.findIndex((x) => x.startsWith('Why: '));
    const why = [lines[at], ...lines.slice(at + 1).filter((x, i, all) => all.slice(0, i + 1).every((y) => y.startsWith('     ')))].map((x) => x.trim()).join(' ');
    expect(why).toMatch(/^Why: \d\d:\d\d\.\d airlock A: FAULT: deadline missed: [a-z ]*door did not finish opening outer within \d+ s$/);
    expect(why).not.toContain('…');
    expect(lines.some((x) => x.startsWith('Keys: A 1234 B qwer C asdf D zxcv | deck A R X | l leak j jam ! reset ? help'))).toBe(true);

    // The help: page after page, until it closes; together the pages hold every word of every key's help.
    tmux('send-keys', '-t', 'bay', '?');
    const shown: string[] = [];
    for (let page = 1; ; page++) {
      const help = await until((l) => l.some((x) => x.includes(`— help ${page}/`)), `help page ${page}`);
      for (const line of help) expect([...line].length, line).toBeLessThanOrEqual(80);
      shown.push(...help);
      const [, of] = /help \d+\/(\d+)/.exec(help.find((x) => x.includes('— help '))!)!;
      if (page === Number(of)) break;
      tmux('send-keys', '-t', 'bay', '?');
    }
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    const seen = new Set(words(shown.join(' ')));
    for (const word of words(keyHelp)) expect(seen.has(word), word).toBe(true);
    tmux('send-keys', '-t', 'bay', 'Escape');
    await until((l) => !l.some((x) => x.includes('— help')), 'the help closed');
  }, 90_000);
});
