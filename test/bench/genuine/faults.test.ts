// Faults on the genuine StandardFirmata (an emulated Uno behind a pty), beside the simulated bay: a limit switch
// stuck open faults at the door's deadline and stops the motor at the chip; a chamber sensor pinned to the rail reads
// out of range and stops the vent. Takes about 12–20 s of wall time (each test boots the board, 2–4 s, then runs 3–5 s).
import { afterEach, describe, expect, it } from 'vitest';
import { loadBoard } from '../../../scripts/lib/board-file';
import { startEmulatedBench, type EmulatedBench } from './emulated-bench';

let bench: EmulatedBench | undefined;
afterEach(async () => { await bench?.close(); bench = undefined; });

const uno = loadBoard('arduino-uno');

describe('faults on a lone Uno running genuine StandardFirmata', () => {
  it('faults a door whose open limit switch is stuck open when its deadline passes, and stops its motor at the chip', async () => {
    // A 3 s door deadline instead of the bench's 15 s, so the test waits less; the door itself takes 1 s.
    bench = await startEmulatedBench({ board: { ...uno, deadlines: { ...uno.deadlines, 'airlock door': 3000 } }, start: 'relaxed' });
    const b = bench;
    await b.reaches('closed pressurized');
    b.rig.stick('airlock A inner door open limit', false);
    expect(await b.pressUntil('airlock A button 3', () => b.state() === 'opening inner')).toBe(true);
    const opened = b.reports.find((r) => r.to === 'opening inner')!.t;
    await b.waitFor('the inner door motor running at the chip', () => b.atAvr('airlock A inner door enable') === 1);
    await b.waitFor('the door open in the physics', () => b.bay.model.airlocks.A.inner.position > 0.99);
    await b.waitFor('a missed deadline', () => b.reports.some((r) => r.detail?.startsWith('deadline missed')), 20_000);
    const missed = b.reports.find((r) => r.detail?.startsWith('deadline missed'))!;
    expect(missed).toMatchObject({ machine: 'airlock A', kind: 'fault', detail: 'deadline missed: airlock door did not finish opening inner within 3 s' });
    // At the deadline, not before it (bar the timer's millisecond); a loaded machine may be a little late.
    expect(missed.t - opened).toBeGreaterThan(2990);
    expect(missed.t - opened).toBeLessThan(6000);
    expect(b.state()).not.toBe('opening inner');
    await b.waitFor('the inner door motor stopped at the chip', () => b.atAvr('airlock A inner door enable') === 0);
  });

  it('faults a chamber sensor pinned to the 5 V rail as out of range, and stops the vent at the chip', async () => {
    bench = await startEmulatedBench({ start: 'ready' });
    const b = bench;
    await b.reaches('closed pressurized');
    expect(await b.pressUntil('airlock A button 2', () => b.state() === 'depressurizing')).toBe(true);
    await b.waitFor('the vent on at the chip', () => b.atAvr('airlock A vent') === 1);
    b.bay.model.sensorFaults['airlock A chamber pressure'] = { kind: 'out of range' };
    // 5 V on A0 is 1023 counts, 120 kPa through the board's calibration: above any chamber's plausible 115 kPa.
    await b.waitFor('full scale on A0', () => b.session.device!.level(14) === 1023);
    await b.waitFor('an out-of-range fault', () => b.reports.some((r) => r.detail?.includes('out of range')));
    expect(b.reports.find((r) => r.detail?.includes('out of range'))).toMatchObject({ machine: 'airlock A', kind: 'fault', detail: 'sensor fault: airlock A chamber pressure: out of range (120.0)' });
    await b.waitFor('the vent off at the chip', () => b.atAvr('airlock A vent') === 0);
    expect(b.state()).not.toBe('opening outer');
    await b.waitFor('the outer door still shut', () => b.atAvr('airlock A outer door enable') === 0);
  });
});
