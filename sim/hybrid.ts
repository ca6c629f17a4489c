// The bench in hybrid mode: buttons and outputs stay real, while the limit switches and sensors the rig lacks come
// from the simulator's physics, which follows the real outputs (motors, pumps, vents) as read back from the board.
import type { Board } from '../hal/board/types';
import { knownSignals } from '../hal/board/signals';
import type { LaunchBayModel } from './physics';
import type { BenchDevice } from '../hal/providers/bench';
import { createSimulatorDevice } from './provider';
import type { AnalogClass, Clock, Device, Digital, DigitalClass, DigitalOptions, TimerId } from '../hal/types';

export interface HybridDeviceOptions {
  board: Board;
  /** The bench board. */
  real: BenchDevice;
  /** The physics that stands in for the missing parts. */
  model: LaunchBayModel;
  clock: Clock;
  /** Physics step, ms (default 50, as the simulator). */
  stepMs?: number;
  /** False when someone else steps the model (the simulated bay around a lone board): the outputs are still mirrored. */
  stepsModel?: boolean;
}

export type HybridDevice = Device & {
  /** Stops the physics. */
  stop(): void;
};

const known = knownSignals();

/** The signals the simulator supplies in hybrid mode: every limit switch and every sensor. */
export function simulatedInHybrid(signal: string): boolean {
  return signal.endsWith(' limit') || known.get(signal)?.kind === 'sensor';
}

export function createHybridDevice(o: HybridDeviceOptions): HybridDevice {
  const sim = createSimulatorDevice({ board: o.board, model: o.model, clock: o.clock });
  const pins = o.real.pins.pins;
  // Each open output, with its shadow on the simulator's pin, which moves the model's part.
  const mirrors = new Set<{ real: Digital; shadow: Digital }>();
  const fromSim = (pin: number) => { const p = pins.get(pin); return p !== undefined && simulatedInHybrid(p.signal); };

  const Digital = class HybridDigital {
    private readonly inner: Digital;
    private readonly mirror: { real: Digital; shadow: Digital } | undefined;
    constructor(opts: DigitalOptions) {
      const self = this as unknown as Digital;
      // ECMA-419 calls onReadable with `this` = the instance the driver made, not the one inside.
      const onReadable = opts.onReadable && (() => opts.onReadable!.call(self));
      const options = onReadable ? { ...opts, onReadable } : opts;
      this.inner = fromSim(opts.pin) ? new sim.io.Digital(options) : new o.real.io.Digital(options);
      if (pins.get(opts.pin)?.role === 'output') {
        this.mirror = { real: this.inner, shadow: new sim.io.Digital({ pin: opts.pin, mode: sim.io.Digital.Output }) };
        mirrors.add(this.mirror);
      }
    }
    read(): number { return this.inner.read(); }
    write(value: 0 | 1): void { this.inner.write(value); }
    close(): void {
      if (this.mirror) { mirrors.delete(this.mirror); this.mirror.shadow.close(); }
      this.inner.close();
    }
  };
  for (const key of ['Input', 'InputPullUp', 'InputPullDown', 'Output', 'OutputOpenDrain', 'Rising', 'Falling'] as const) {
    Object.defineProperty(Digital, key, { value: o.real.io.Digital[key] });
  }

  // A constructor may return another object: the sensor's Analog is the simulator's or the board's, as routed.
  const Analog = function HybridAnalog(opts: { pin: number; resolution?: number }) {
    return fromSim(opts.pin) ? new sim.io.Analog(opts) : new o.real.io.Analog(opts);
  } as unknown as AnalogClass;

  const stepMs = o.stepMs ?? 50;
  const timer: TimerId = o.clock.set(() => {
    // The model follows what the board's pins really drive, read back each step.
    for (const m of mirrors) m.shadow.write(m.real.read() ? 1 : 0);
    if (o.stepsModel !== false) o.model.step(stepMs);
    sim.scan();
  }, stepMs, stepMs);

  return {
    io: { Digital: Digital as unknown as DigitalClass, Analog, PWM: o.real.io.PWM, Serial: o.real.io.Serial },
    pin: o.real.pin,
    stop: () => o.clock.clear(timer),
  };
}

