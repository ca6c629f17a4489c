// boards/sim.json with airlocks F and G wired like the others, on free pins: a ship with more than the four airlocks.
import { readFileSync } from 'node:fs';
import { loadMcu } from '../../boards/load';
import { validateBoard, type Board } from '../../firmware/board';

/** The board file's JSON (name `sim-six`), as a user would write it. */
export function sixAirlockJson(): { [field: string]: unknown } {
  const sim = JSON.parse(readFileSync('boards/sim.json', 'utf8'));
  const signals = { ...sim.signals };
  for (const [letter, base] of [['F', 110], ['G', 130]] as const) {
    const a = `airlock ${letter}`;
    for (let n = 1; n <= 4; n++) signals[`${a} button ${n}`] = { pin: base + n - 1, activeLow: true, pullUp: true };
    for (const [side, at] of [['outer', base + 4], ['inner', base + 8]] as const) {
      signals[`${a} ${side} door`] = { wiring: 'dir-enable', dir: at, enable: at + 1 };
      signals[`${a} ${side} door open limit`] = { pin: at + 2, activeLow: true, pullUp: true };
      signals[`${a} ${side} door closed limit`] = { pin: at + 3, activeLow: true, pullUp: true };
    }
    signals[`${a} chamber pressure`] = { wiring: 'analog', pin: base + 12, calibration: { raw: [0, 4095], value: [0, 120] } };
    signals[`${a} pump`] = { pin: base + 13 };
    signals[`${a} vent`] = { pin: base + 14 };
  }
  return { ...sim, name: 'sim-six', hosts: [...sim.hosts, 'airlock F', 'airlock G'], signals };
}

/** The same board, validated. */
export function sixAirlockBoard(): Board {
  return validateBoard(sixAirlockJson(), loadMcu('sim'), 'sim-six.json');
}
