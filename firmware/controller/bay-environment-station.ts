// The bay environment bound to the bay's pressure and temperature sensors, pump, vent, heater and leak detector.
import type { AnalogSensor, OutputWiring, UartSensor } from '../board/types';
import { Heater, LeakDetector, PressureSensor, Pump, TemperatureSensor, VentValve } from '../../hal/drivers';
import type { Station, StationContext } from './context';
import { FaultMonitor } from './fault-monitor';
import { refuseBayAir } from './interlock';
import { bayOutputs } from './outputs';
import { environmentAfterBoot, type Restart } from './reconstruct';
import { bayPressureLimits, SensorWatch, temperatureLimits } from './sensor-watch';
import { holdsFull, holdsWarm } from '../thresholds';

// How long the bay must read empty before depressurizing is finished: the vent's 1.1 kPa/s empties 2 kPa in that time.
const EMPTY_DWELL_MS = 2000;

export interface BayEnvironmentStation extends Station {
  /** Bay pressure and temperature, NaN while their sensors are faulty. */
  readonly pressure: SensorWatch;
  readonly temperature: SensorWatch;
  /** True from a detected leak until the pressure holds again: klaxon and warning lights. */
  readonly leaking: boolean;
}

/** A class, not an object of closures: its methods are made once, in flash (see the Airlock station). */
export class BayEnvironment implements BayEnvironmentStation {
  readonly id = 'bay environment' as const;
  readonly pressure: SensorWatch;
  readonly temperature: SensorWatch;
  readonly faults: FaultMonitor;
  private readonly pump: Pump;
  private readonly vent: VentValve;
  private readonly heater: Heater;
  private readonly leak: LeakDetector;
  private wanted = bayOutputs('friendly');
  private refused = false;
  private thermostat = false;
  private emptySince = -1;

  constructor(private readonly ctx: StationContext) {
    const { device, clock, board } = ctx;
    const sensor = (s: string) => board.signals[s] as AnalogSensor | UartSensor;
    const output = (s: string) => ({ device, wiring: board.signals[s] as OutputWiring });
    // Each sensor made before its watch, not inside the watch's arguments: the deepest step of a node's boot.
    const bayKpa = new PressureSensor({ device, wiring: sensor('bay pressure'), clock });
    const pressure = this.pressure = new SensorWatch('bay pressure', bayKpa, clock, bayPressureLimits);
    const bayC = new TemperatureSensor({ device, wiring: sensor('bay temperature'), clock });
    this.temperature = new SensorWatch('bay temperature', bayC, clock, temperatureLimits);
    this.pump = new Pump(output('bay pump')); this.vent = new VentValve(output('bay vent')); this.heater = new Heater(output('bay heater'));
    this.faults = new FaultMonitor([pressure, this.temperature], (reason) => ctx.sensorFault('bay environment', reason));
    this.leak = new LeakDetector({
      sensor: pressure, clock,
      isVenting: () => this.isVenting(),
      onLeak: () => this.leakFound(`leak: the bay pressure is falling (${pressure.read().toFixed(1)} kPa)`),
      onHeld: () => ctx.alarmChanged(),
    });
  }

  get leaking(): boolean { return this.leak.leaking; }

  applyOutputs(state: string): void { this.wanted = bayOutputs(state); if (state !== 'friendly') this.thermostat = false; this.enforce(); }

  restart(): Restart {
    const ctx = this.ctx;
    return environmentAfterBoot(this.pressure.read(), this.temperature.read(), ctx.facts.doorClosed('bay door'), ctx.limits);
  }

  scan(): void {
    const { ctx } = this, { clock, limits } = ctx;
    const env = ctx.machine('bay environment'), state = env.state, kPa = this.pressure.read(), tempC = this.temperature.read();
    // "friendly" is a claim that the bay is warm too: its thermostat keeps it so, with hysteresis (an unknown
    // reading heats nothing).
    if (state === 'friendly') this.thermostat = tempC < limits.thermostatC || (this.thermostat && tempC < limits.warmC);
    this.enforce();
    // "friendly" is a claim that the bay is full: a leak too slow for the detector shows here (states are true).
    if ((state === 'friendly' || state === 'heating') && kPa === kPa && !holdsFull(kPa, limits)) {
      this.leakFound(`leak: a ${state} bay holds only ${kPa.toFixed(1)} kPa`);
      return;
    }
    // A bay that cools below warm all the same (a weak or dead heater) no longer claims friendly: it heats again.
    if (state === 'friendly' && tempC === tempC && !holdsWarm(tempC, limits)) {
      ctx.report({ t: clock.now(), kind: 'fault', machine: 'bay environment', detail: `the friendly bay has cooled to ${tempC.toFixed(1)} °C`, reason: 'the bay is no longer warm' });
      env.handle('cooled');
      return;
    }
    // Empty only after a dwell at vacuum: the vent finishes whatever a last reading may have hidden, so door E never
    // opens on one reading (a sensor failing low near the bottom included).
    const emptySince = this.emptySince = kPa <= limits.emptyKpa ? (this.emptySince < 0 ? clock.now() : this.emptySince) : -1;
    if (state === 'pressurizing' && kPa >= limits.fullKpa) env.handle('finished pressurizing');
    else if (state === 'heating' && tempC >= limits.warmC) env.handle('finished heating');
    else if (state === 'depressurizing' && emptySince >= 0 && clock.now() - emptySince >= EMPTY_DWELL_MS) env.handle('finished depressurizing');
  }

  close(): void { this.pump.close(); this.vent.close(); this.heater.close(); this.leak.close(); this.pressure.close(); this.temperature.close(); }

  /** Pump and heater only while the bay door is closed (invariant 4); venting is always safe. */
  private enforce(): void {
    const { wanted, ctx } = this;
    const heat = wanted.heater || this.thermostat;
    const reason = wanted.pump || heat ? refuseBayAir(ctx.facts) : undefined;
    this.pump.set(wanted.pump && !reason); this.heater.set(heat && !reason); this.vent.set(wanted.vent);
    if ((reason !== undefined) !== this.refused) {
      this.refused = reason !== undefined;
      if (reason) ctx.report({ t: ctx.clock.now(), kind: 'interlock', machine: 'bay environment', detail: reason, reason });
    }
  }

  /**
   * A planned fall is not a leak: venting (depressurizing, or hostile, which keeps its vent open), or the bay door
   * letting the air out. A faulted environment vents nothing, so a leak then is still found (G6).
   */
  private isVenting(): boolean {
    const s = this.ctx.machine('bay environment').state;
    return s === 'depressurizing' || s === 'hostile' || !this.ctx.facts.doorClosed('bay door');
  }

  private leakFound(detail: string): void {
    const ctx = this.ctx;
    this.leak.confirm();
    ctx.report({ t: ctx.clock.now(), kind: 'fault', machine: 'bay environment', detail, reason: 'the bay is losing air' });
    ctx.alarmChanged();
    ctx.coordination().leak();
  }
}

export function createBayEnvironmentStation(ctx: StationContext): BayEnvironmentStation {
  return new BayEnvironment(ctx);
}
