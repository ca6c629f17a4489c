// The bay environment bound to the bay's pressure and temperature sensors, pump, vent, heater and leak detector.
import type { AnalogSensor, OutputWiring, UartSensor } from '../board/types';
import { Heater, LeakDetector, PressureSensor, Pump, TemperatureSensor, VentValve } from '../../hal/drivers';
import type { Station, StationContext } from './context';
import { FaultMonitor } from './fault-monitor';
import { refuseBayAir } from './interlock';
import { bayOutputs } from './outputs';
import { environmentAfterBoot } from './reconstruct';
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

export function createBayEnvironmentStation(ctx: StationContext): BayEnvironmentStation {
  const { device, clock, board, limits } = ctx;
  const sensor = (s: string) => board.signals[s] as AnalogSensor | UartSensor;
  const output = (s: string) => ({ device, wiring: board.signals[s] as OutputWiring });
  const pressure = new SensorWatch('bay pressure', new PressureSensor({ device, wiring: sensor('bay pressure'), clock }), clock, bayPressureLimits);
  const temperature = new SensorWatch('bay temperature', new TemperatureSensor({ device, wiring: sensor('bay temperature'), clock }), clock, temperatureLimits);
  const pump = new Pump(output('bay pump')), vent = new VentValve(output('bay vent')), heater = new Heater(output('bay heater'));
  const faults = new FaultMonitor([pressure, temperature], (reason) => ctx.sensorFault('bay environment', reason));
  let wanted = bayOutputs('friendly');
  let refused = false, thermostat = false;

  // Pump and heater only while the bay door is closed (invariant 4); venting is always safe.
  const enforce = () => {
    const heat = wanted.heater || thermostat;
    const reason = wanted.pump || heat ? refuseBayAir(ctx.facts) : undefined;
    pump.set(wanted.pump && !reason); heater.set(heat && !reason); vent.set(wanted.vent);
    if ((reason !== undefined) !== refused) {
      refused = reason !== undefined;
      if (reason) ctx.report({ t: clock.now(), kind: 'interlock', machine: 'bay environment', detail: reason, reason });
    }
  };
  const machine = () => ctx.machine('bay environment');
  let emptySince = -1;
  const leakFound = (detail: string) => {
    leak.confirm();
    ctx.report({ t: clock.now(), kind: 'fault', machine: 'bay environment', detail, reason: 'the bay is losing air' });
    ctx.alarmChanged();
    ctx.coordination().leak();
  };
  const leak = new LeakDetector({
    sensor: pressure, clock,
    // A planned fall is not a leak: venting (depressurizing, or hostile, which keeps its vent open), or the bay
    // door letting the air out. A faulted environment vents nothing, so a leak then is still found (G6).
    isVenting: () => { const s = machine().state; return s === 'depressurizing' || s === 'hostile' || !ctx.facts.doorClosed('bay door'); },
    onLeak: () => leakFound(`leak: the bay pressure is falling (${pressure.read().toFixed(1)} kPa)`),
    onHeld: () => ctx.alarmChanged(),
  });

  return {
    id: 'bay environment', pressure, temperature, faults,
    get leaking() { return leak.leaking; },
    applyOutputs(state) { wanted = bayOutputs(state); if (state !== 'friendly') thermostat = false; enforce(); },
    restart: () => environmentAfterBoot(pressure.read(), temperature.read(), ctx.facts.doorClosed('bay door'), limits),
    scan() {
      const env = machine(), state = env.state, kPa = pressure.read(), tempC = temperature.read();
      // "friendly" is a claim that the bay is warm too: its thermostat keeps it so, with hysteresis (an unknown
      // reading heats nothing).
      if (state === 'friendly') thermostat = tempC < limits.thermostatC || (thermostat && tempC < limits.warmC);
      enforce();
      // "friendly" is a claim that the bay is full: a leak too slow for the detector shows here (states are true).
      if ((state === 'friendly' || state === 'heating') && kPa === kPa && !holdsFull(kPa, limits)) {
        leakFound(`leak: a ${state} bay holds only ${kPa.toFixed(1)} kPa`);
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
      emptySince = kPa <= limits.emptyKpa ? (emptySince < 0 ? clock.now() : emptySince) : -1;
      if (state === 'pressurizing' && kPa >= limits.fullKpa) env.handle('finished pressurizing');
      else if (state === 'heating' && tempC >= limits.warmC) env.handle('finished heating');
      else if (state === 'depressurizing' && emptySince >= 0 && clock.now() - emptySince >= EMPTY_DWELL_MS) env.handle('finished depressurizing');
    },
    close() { pump.close(); vent.close(); heater.close(); leak.close(); },
  };
}
