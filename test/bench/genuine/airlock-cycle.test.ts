// The bench's full airlock A cycle on the genuine StandardFirmata (an emulated Uno behind a pty), with the rest of the
// bay from the simulator: out to the hostile bay through button 2, back in through button 3, both doors and the
// chamber's vent and pump, each checked on the AVR's own pins. Takes about 50 s of wall time (emulator boot and
// Firmata handshake about 4 s, a chamber emptied and filled in 20 s each, doors of 1 s).
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulatedBench, type EmulatedBench } from './emulated-bench';

let bench: EmulatedBench | undefined;
afterEach(async () => { await bench?.close(); bench = undefined; });

describe('a lone Uno running genuine StandardFirmata, beside the simulated bay', () => {
  it('cycles airlock A out to the hostile bay and back, its outputs seen on the AVR pins', async () => {
    bench = await startEmulatedBench({ start: 'ready' });
    const b = bench;
    await b.reaches('closed pressurized');
    // Every output is driven low at the chip once the controller has set its pins (a few Firmata messages later).
    await b.pinsAt({ 'airlock A pump': 0, 'airlock A vent': 0, 'airlock A outer door enable': 0, 'airlock A inner door enable': 0 });

    // Button 2: the bay is hostile (the simulated bay node says so), so the chamber is emptied first.
    expect(await b.pressUntil('airlock A button 2', () => b.state() === 'depressurizing')).toBe(true);
    await b.pinsAt({ 'airlock A vent': 1, 'airlock A pump': 0 });
    // The outer door opens only when the chamber really matches the bay's vacuum.
    await b.reaches('opening outer');
    expect(b.bay.model.airlocks.A.chamberKpa).toBeLessThan(10);
    await b.pinsAt({ 'airlock A outer door enable': 1, 'airlock A outer door dir': 1, 'airlock A vent': 0 });
    await b.reaches('outer open hostile');
    await b.pinsAt({ 'airlock A outer door enable': 0 });

    // Button 3, from inside the airlock: the outer door closes, the chamber fills, the inner door opens.
    expect(await b.pressUntil('airlock A button 3', () => b.state() === 'closing outer')).toBe(true);
    await b.pinsAt({ 'airlock A outer door enable': 1, 'airlock A outer door dir': 0 });
    await b.reaches('pressurizing');
    await b.pinsAt({ 'airlock A pump': 1, 'airlock A outer door enable': 0 });
    await b.reaches('opening inner');
    await b.pinsAt({ 'airlock A inner door enable': 1, 'airlock A inner door dir': 1, 'airlock A pump': 0 });
    await b.reaches('inner open');
    await b.pinsAt({ 'airlock A inner door enable': 0 });
    expect(b.bay.model.airlocks.A.inner.position).toBeGreaterThan(0.99);
    expect(b.reports.filter((r) => r.kind === 'fault')).toEqual([]);
  });
});
