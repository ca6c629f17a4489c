// The bench's full airlock A cycle on the genuine StandardFirmata (an emulated Uno behind a pty), with the rest of the
// bay from the simulator: out to the hostile bay through button 2, back in through button 3, both doors and the
// chamber's vent and pump, each checked on the AVR's own pins. Takes about 25 s of wall time (emulator boot and
// Firmata handshake about 4 s, the cycle about 15 s with the quick door and pump timings).
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulatedBench, type EmulatedBench } from './emulated-bench';

let bench: EmulatedBench | undefined;
afterEach(async () => { await bench?.close(); bench = undefined; });

describe('a lone Uno running genuine StandardFirmata, beside the simulated bay', () => {
  it('cycles airlock A out to the hostile bay and back, its outputs seen on the AVR pins', async () => {
    bench = await startEmulatedBench({ start: 'ready' });
    const b = bench;
    await b.waitFor("b.state() === 'closed pressurized'", () => b.state() === 'closed pressurized');
    // Every output is driven low at the chip once the controller has set its pins (a few Firmata messages later).
    const outputs = ['airlock A pump', 'airlock A vent', 'airlock A outer door enable', 'airlock A inner door enable'];
    await b.waitFor('outputs.every((o) => b.atAvr(o) === 0)', () => outputs.every((o) => b.atAvr(o) === 0));

    // Button 2: the bay is hostile (the simulated bay node says so), so the chamber is emptied first.
    expect(await b.pressUntil('airlock A button 2', () => b.state() === 'depressurizing')).toBe(true);
    await b.waitFor("b.atAvr('airlock A vent') === 1", () => b.atAvr('airlock A vent') === 1);
    await b.waitFor("airlock A pump at 0", () => b.atAvr('airlock A pump') === 0);
    // The outer door opens only when the chamber really matches the bay's vacuum.
    await b.waitFor("b.state() === 'opening outer'", () => b.state() === 'opening outer');
    expect(b.bay.model.airlocks.A.chamberKpa).toBeLessThan(10);
    await b.waitFor("b.atAvr('airlock A outer door enable') === 1 && b.atAvr('airlock A outer door dir') === 1", () => b.atAvr('airlock A outer door enable') === 1 && b.atAvr('airlock A outer door dir') === 1);
    await b.waitFor("airlock A vent at 0", () => b.atAvr('airlock A vent') === 0);
    await b.waitFor("b.state() === 'outer open hostile'", () => b.state() === 'outer open hostile');
    await b.waitFor("b.atAvr('airlock A outer door enable') === 0", () => b.atAvr('airlock A outer door enable') === 0);

    // Button 3, from inside the airlock: the outer door closes, the chamber fills, the inner door opens.
    expect(await b.pressUntil('airlock A button 3', () => b.state() === 'closing outer')).toBe(true);
    await b.waitFor("b.atAvr('airlock A outer door enable') === 1 && b.atAvr('airlock A outer door dir') === 0", () => b.atAvr('airlock A outer door enable') === 1 && b.atAvr('airlock A outer door dir') === 0);
    await b.waitFor("b.state() === 'pressurizing'", () => b.state() === 'pressurizing');
    await b.waitFor("b.atAvr('airlock A pump') === 1", () => b.atAvr('airlock A pump') === 1);
    await b.waitFor("b.state() === 'opening inner'", () => b.state() === 'opening inner');
    await b.waitFor("b.atAvr('airlock A inner door enable') === 1 && b.atAvr('airlock A inner door dir') === 1", () => b.atAvr('airlock A inner door enable') === 1 && b.atAvr('airlock A inner door dir') === 1);
    await b.waitFor("airlock A pump at 0", () => b.atAvr('airlock A pump') === 0);
    await b.waitFor("b.state() === 'inner open'", () => b.state() === 'inner open');
    await b.waitFor("b.atAvr('airlock A inner door enable') === 0", () => b.atAvr('airlock A inner door enable') === 0);
    expect(b.bay.model.airlocks.A.inner.position).toBeGreaterThan(0.99);
    expect(b.reports.filter((r) => r.kind === 'fault')).toEqual([]);
  });
});
