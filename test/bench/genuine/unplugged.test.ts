// The serial link unplugged mid-cycle on the genuine StandardFirmata (an emulated Uno behind a pty, beside the
// simulated bay): the pty goes, and the USB-powered board with it. The bench stops the controller, reports it, waits
// for the port, and when it returns starts again from the switches and sensors, and cycles on. Takes about 30 s of
// wall time (two boots and handshakes of 2–4 s, a chamber emptied in 20 s, a door of 1 s).
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulatedBench, type EmulatedBench } from './emulated-bench';

let bench: EmulatedBench | undefined;
afterEach(async () => { await bench?.close(); bench = undefined; });

const outputs = ['airlock A pump', 'airlock A vent', 'airlock A outer door enable', 'airlock A inner door enable'];

describe('a lone Uno unplugged mid-cycle', () => {
  it('stops every output, reports the lost link, and recovers when the port returns', async () => {
    bench = await startEmulatedBench({ start: 'ready' });
    const b = bench;
    await b.reaches('closed pressurized');
    expect(await b.pressUntil('airlock A button 2', () => b.state() === 'depressurizing')).toBe(true);
    await b.waitFor('the vent on at the chip', () => b.atAvr('airlock A vent') === 1);
    await b.waitFor('the chamber partly emptied', () => b.bay.model.airlocks.A.chamberKpa < 80);

    await b.unplug();
    await b.waitFor('the lost link reported', () => b.reports.some((r) => r.detail?.startsWith('serial link lost')));
    expect(b.reports.find((r) => r.detail?.startsWith('serial link lost'))).toMatchObject({ kind: 'fault', machine: 'arduino-uno' });
    expect(b.session.controller).toBeUndefined();
    // No power, no drive: every output pin lets go, and the vent and motors stop in the physics.
    // The chip's process says so in two messages, the pins and then its power, which may arrive apart.
    await b.waitFor('the chip unpowered, every output undriven', () => !b.chip.powered && outputs.every((o) => b.atAvr(o) === -1));
    expect(b.bay.model.airlocks.A.ventOn).toBe(false);
    const kPa = b.bay.model.airlocks.A.chamberKpa;
    await new Promise((r) => setTimeout(r, 1000));
    expect(b.bay.model.airlocks.A.chamberKpa).toBeCloseTo(kPa, 0);

    await b.replug();
    await b.waitFor('a controller again', () => b.session.controller !== undefined, 60_000);
    expect(b.session.losses).toBe(1);
    // It starts from the sensors, as after a power loss: a half-empty chamber is neither pressurized nor empty.
    await b.waitFor('airlock A reconstructed', () => b.reports.filter((r) => r.event === 'reconstructed from sensors').length === 2);
    // And it cycles on: button 2 takes the airlock out to the hostile bay.
    expect(await b.pressUntil('airlock A button 2', () => b.state() === 'depressurizing' || b.state() === 'opening outer')).toBe(true);
    await b.reaches('outer open hostile');
    expect(b.bay.model.airlocks.A.chamberKpa).toBeLessThan(10);
    await b.pinsAt(Object.fromEntries(outputs.map((o) => [o, 0])));
  });
});
