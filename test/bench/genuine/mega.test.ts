// The Mega's board file on the genuine StandardFirmata for the Mega 2560 (2.3, an emulated ATmega2560 behind a pty),
// airlock D from the simulator: every machine it hosts starts from its own switches and sensors, read through the
// Mega's scattered ports and its ADC, and airlock B opens its outer door to the friendly bay, seen on the AVR's pins.
// Takes about 8–15 s of wall time (the emulator's boot and a handshake of 70 pins, a 1 s door).
import { afterEach, describe, expect, it } from 'vitest';
import { loadBoard } from '../../../scripts/lib/board-file';
import { startEmulatedBench, type EmulatedBench } from './emulated-bench';

let bench: EmulatedBench | undefined;
afterEach(async () => { await bench?.close(); bench = undefined; });

describe('the Mega on genuine StandardFirmata', () => {
  it('reconstructs the deck, door E, the environment and airlocks A–C from its pins, and cycles airlock B', async () => {
    bench = await startEmulatedBench({ board: loadBoard('arduino-mega'), start: 'relaxed' });
    const b = bench;
    expect(b.session.connection!.io.firmware).toMatchObject({ name: 'StandardFirmata.ino', version: { major: 2, minor: 3 } });
    expect(b.bay.simulated.map((s) => s.node)).toEqual(['airlock-d']);
    const machine = (id: string) => b.session.controller?.machines[id as 'airlock B']?.state;
    await b.waitFor('every machine of the Mega started', () => ['battle deck', 'bay door', 'bay environment', 'airlock A', 'airlock B', 'airlock C'].every((id) => machine(id) !== undefined && machine(id) !== 'power off'));
    expect(['battle deck', 'bay door', 'bay environment', 'airlock A', 'airlock B', 'airlock C'].map(machine))
      .toEqual(['relaxed', 'closed', 'friendly', 'closed pressurized', 'closed pressurized', 'closed pressurized']);

    expect(await b.pressUntil('airlock B button 2', () => machine('airlock B') === 'opening outer')).toBe(true);
    await b.pinsAt({ 'airlock B outer door enable': 1, 'airlock B outer door dir': 1 });
    await b.waitFor('airlock B outer open friendly', () => machine('airlock B') === 'outer open friendly');
    await b.pinsAt({ 'airlock B outer door enable': 0 });
    expect(b.bay.model.airlocks.B.outer.position).toBeGreaterThan(0.99);
    expect(b.reports.filter((r) => r.kind === 'fault')).toEqual([]);
  });
});
