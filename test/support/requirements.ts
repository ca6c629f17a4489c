// The test suites that need a program from outside npm (Debian's chromium, socat, mosquitto, gtkwave, tmux): on a machine
// without one, `npm test` skips those suites and names them at the end, with the one command that installs
// what they need; under CI (CI=true) a missing program fails the run instead, so nothing is silently left out.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Requirement { program: string; debianPackage: string; present(): boolean; suites: string[] }

const onPath = (name: string) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
/** `TEST_WITHOUT=chromium,socat` pretends those are missing: how to see what a fresh machine does. */
const pretendMissing = (name: string) => (process.env.TEST_WITHOUT ?? '').split(',').map((s) => s.trim()).includes(name);

export const requirements: Requirement[] = [
  { program: 'chromium', debianPackage: 'chromium', present: () => existsSync('/usr/bin/chromium'), suites: ['test/web/**/*.test.ts'] },
  {
    program: 'socat', debianPackage: 'socat', present: () => onPath('socat'),
    suites: ['test/bench/bench-board-cli.test.ts', 'test/bench/serial-line.test.ts', 'test/bench/bench-rig.test.ts', 'test/net/serial-pty.test.ts', 'test/bench/bench-board-80x24.test.ts', 'test/bench/genuine/**/*.test.ts'],
  },
  { program: 'mosquitto', debianPackage: 'mosquitto', present: () => onPath('mosquitto'), suites: ['test/net/mqtt.test.ts', 'test/net/node-recovery-text.test.ts', 'test/net/node-audit.test.ts'] },
  { program: 'vcd2fst', debianPackage: 'gtkwave', present: () => onPath('vcd2fst') && onPath('fst2vcd'), suites: ['test/report/vcd-gtkwave.test.ts'] },
  { program: 'tmux', debianPackage: 'tmux', present: () => onPath('tmux'), suites: ['test/scripts/terminal-80x24.test.ts', 'test/bench/bench-board-80x24.test.ts'] },
];

export const missing = () => requirements.filter((r) => pretendMissing(r.program) || !r.present());
export const underCi = () => /^(1|true|yes)$/i.test(process.env.CI ?? '');

/** The one command that installs every missing program. */
export const installCommand = (list: Requirement[]) => `sudo apt-get install -y ${list.map((r) => r.debianPackage).join(' ')}`;

/** The suites to leave out on this machine (none under CI: there a missing program is an error). */
export const skippedSuites = () => (underCi() ? [] : missing().flatMap((r) => r.suites));
