// The bay environment bound to the bay's pressure and temperature sensors, pump, vent, heater and leak detector.
import type { AnalogSensor, OutputWiring, UartSensor } from '../board/types';
import { Heater, LeakDetector, PressureSensor, Pump, TemperatureSensor, VentValve } from '../../hal/drivers';
import type { Station, StationContext } from './context';
import { FaultMonitor } from './fault-monitor';
import { refuseBayAir } from './interlock';
import { bayOutputs } from './outputs';
import { environmentAfterBoot } from './reconstruct';
import { pressureLimits, SensorWatch, temperatureLimits } from './sensor-watch';

export interface BayEnvironmentStation extends Station {
  /** Bay pressure and temperature, NaN while their sensors are faulty. */
  readonly pressure: SensorWatch;
  readonly temperature: SensorWatch;
}

export function createBayEnvironmentStation(ctx: StationContext): BayEnvironmentStation {
  const { device, clock, board, limits } = ctx;
  const sensor = (s: string) => board.signals[s] as AnalogSensor | UartSensor;
  const output = (s: string) => ({ device, wiring: board.signals[s] as OutputWiring });
  const pressure = new SensorWatch('bay pressure', new PressureSensor({ device, wiring: sensor('bay pressure'), clock }), clock, pressureLimits);
  const temperature = new SensorWatch('bay temperature', new TemperatureSensor({ device, wiring: sensor('bay temperature'), clock }), clock, temperatureLimits);
  const pump = new Pump(output('bay pump')), vent = new VentValve(output('bay vent')), heater = new Heater(output('bay heater'));
  const faults = new FaultMonitor([pressure, temperature], (reason) => ctx.sensorFault('bay environment', reason));
  let wanted = bayOutputs('friendly');
  let refused = false;

  // Pump and heater only while the bay door is closed (invariant 4); venting is always safe.
  const enforce = () => {
    const reason = wanted.pump || wanted.heater ? refuseBayAir(ctx.facts) : undefined;
    pump.set(wanted.pump && !reason); heater.set(wanted.heater && !reason); vent.set(wanted.vent);
    if ((reason !== undefined) !== refused) {
      refused = reason !== undefined;
      if (reason) ctx.report({ t: clock.now(), kind: 'interlock', machine: 'bay environment', detail: reason });
    }
  };
  const machine = () => ctx.machine('bay environment');
  const leak = new LeakDetector({
    sensor: pressure, clock,
    // A planned fall is not a leak: venting, or the bay door letting the air out.
    isVenting: () => machine().state === 'depressurizing' || !ctx.facts.doorClosed('bay door'),
    onLeak: () => machine().handle('leak'),
    // Over 2 s, sensor noise (±0.2 kPa) is at most 0.2 kPa/s of apparent fall: well under the threshold.
    sampleMs: 2000,
    dropKpaPerS: 0.5,
  });

  return {
    id: 'bay environment', pressure, temperature, faults,
    applyOutputs(state) { wanted = bayOutputs(state); enforce(); },
    restart: () => environmentAfterBoot(pressure.read(), temperature.read(), ctx.facts.doorClosed('bay door'), limits),
    scan() {
      enforce();
      const env = machine(), state = env.state;
      if (state === 'pressurizing' && pressure.read() >= limits.pressurizedKpa) env.handle('finished pressurizing');
      else if (state === 'heating' && temperature.read() >= limits.warmC) env.handle('finished heating');
      else if (state === 'depressurizing' && pressure.read() <= limits.vacuumKpa) env.handle('finished depressurizing');
    },
    close() { pump.close(); vent.close(); heater.close(); leak.close(); },
  };
}
