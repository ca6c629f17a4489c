// A stopped controller lets go of every pin and port it opened, sensors included: a controller started again on the
// same device opens them all afresh, and a stopped one's UART sensors stream nothing more into the world.
import { describe, expect, it } from 'vitest';
import { startController } from '../../firmware/controller';
import { loadBoard } from '../../boards/load';
import { VirtualClock } from '../../sim/clock';
import { LaunchBayModel } from '../../sim/physics';
import { createSimulatorDevice } from '../../sim/provider';

describe('a stopped controller', () => {
  for (const name of ['sim', 'esp32-devkitc', 'pico', 'sim-bay']) {
    it(`releases every pin on ${name}: started again on the same device, it opens them all`, () => {
      const board = loadBoard(name);
      const clock = new VirtualClock(), model = new LaunchBayModel();
      const device = createSimulatorDevice({ board, model, clock });
      const first = startController({ board, device, clock });
      clock.advance(5_000);
      first.stop();
      // Nothing steps the physics here: only a sensor left open (a UART streaming its readings) would draw noise now.
      const next = () => model.unperturbed(() => model.noise());
      const before = next();
      clock.advance(5_000);
      expect(next()).toBe(before);
      const second = startController({ board, device, clock });
      clock.advance(5_000);
      second.stop();
    });
  }
});
