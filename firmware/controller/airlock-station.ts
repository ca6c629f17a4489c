// An airlock bound to its buttons, doors, chamber sensor, pump and vent valve.
import type { AirlockLetter, MachineId } from '../board/signals';
import type { AnalogSensor, DirEnableMotor, InputWiring, OutputWiring, SerialMotor, UartSensor } from '../board/types';
import { Button, DoorActuator, PressureSensor, Pump, VentValve } from '../../hal/drivers';
import type { Station, StationContext } from './context';
import { FaultMonitor, LimitWatch } from './fault-monitor';
import { GuardedDoor } from './guarded-door';
import { refuseDoorOpen } from './interlock';
import { airlockOutputs } from './outputs';
import { airlockAfterBoot } from './reconstruct';
import { chamberPressureLimits, SensorWatch } from './sensor-watch';
import { holdsEmpty, holdsFull } from '../thresholds';

// Buttons 1 and 2 ask for the outer door (bay side, inside); 3 and 4 for the inner door (inside, ship side).
const ASK = ['ask open outer', 'ask open outer', 'ask open inner', 'ask open inner'] as const;
// How far a sealed chamber's reading may wander from its resting pressure before the sensor is doubted.
const SEALED_DRIFT_KPA = 10;
// Pumping is judged finished only on a grid of this period from its start: the reading crosses its line at a moment
// the noise can shift by a scan, but not past a grid line (except within a scan of one), so airlocks pumping side by
// side finish in the same order on every noise seed (invariant 8). A top-up of a full chamber takes one period.
const PUMP_SETTLE_MS = 500;

export interface AirlockStation extends Station {
  /** The chamber pressure, or NaN while its sensor is faulty. */
  chamberKpa(): number;
  /** By the limit switch of `airlock X outer door` or `airlock X inner door`. */
  doorClosed(door: string): boolean;
}

export function createAirlockStation(ctx: StationContext, letter: AirlockLetter): AirlockStation {
  const id = `airlock ${letter}` as MachineId;
  const { device, clock, limits, board } = ctx;
  const wiring = <W>(signal: string) => board.signals[`${id} ${signal}`] as W;
  const refused = (name: string, reason: string) => ctx.report({ t: clock.now(), kind: 'interlock', machine: name, detail: reason, reason });
  const door = (which: 'outer' | 'inner') => new GuardedDoor(`${id} ${which} door`, new DoorActuator({
    device, motor: wiring<DirEnableMotor | SerialMotor>(`${which} door`),
    openLimit: wiring<InputWiring>(`${which} door open limit`), closedLimit: wiring<InputWiring>(`${which} door closed limit`),
  }), () => refuseDoorOpen(`${id} ${which} door`, ctx.facts, limits), refused);
  const outer = door('outer'), inner = door('inner');
  const chamber = new SensorWatch(`${id} chamber pressure`,
    new PressureSensor({ device, wiring: wiring<AnalogSensor | UartSensor>('chamber pressure'), clock }), clock, chamberPressureLimits);
  const pump = new Pump({ device, wiring: wiring<OutputWiring>('pump') });
  const vent = new VentValve({ device, wiring: wiring<OutputWiring>('vent') });
  const faults = new FaultMonitor([chamber, new LimitWatch(`${id} outer door`, outer.actuator), new LimitWatch(`${id} inner door`, inner.actuator)],
    (reason) => ctx.sensorFault(id, reason));
  const buttons = ASK.map((event, i) => new Button({
    device, clock, wiring: wiring<InputWiring>(`button ${i + 1}`), onPress: () => ctx.machine(id).handle(event),
  }));
  const reading = (d: GuardedDoor) => ({ open: d.actuator.isOpen, closed: d.actuator.isClosed });
  let pumpingSince = 0;
  // True at one scan per grid period since pumping started (scans come every scanMs).
  const onGrid = () => (clock.now() - pumpingSince) % PUMP_SETTLE_MS < limits.scanMs && clock.now() > pumpingSince;

  return {
    id, faults,
    applyOutputs(state, event) {
      const out = airlockOutputs(state, event);
      outer.want(out.outer); inner.want(out.inner); pump.set(out.pump); vent.set(out.vent);
      if (out.pump || out.vent) pumpingSince = clock.now();
    },
    chamberKpa: () => chamber.read(),
    doorClosed: (name) => (name.endsWith('outer door') ? outer : inner).actuator.isClosed,
    restart: () => airlockAfterBoot(reading(outer), reading(inner), chamber.read(), ctx.facts.bayHostile(), limits),
    scan() {
      outer.enforce(); inner.enforce();
      const machine = ctx.machine(id), kPa = chamber.read();
      // A sealed chamber at rest cannot change pressure by itself: a reading far outside its rest band (the same
      // band the rest was decided by, so noise cannot reach it) is a faulty sensor.
      const sealed = kPa !== kPa ? false : machine.state === 'closed pressurized' ? !holdsFull(kPa + SEALED_DRIFT_KPA, limits)
        : machine.state === 'closed depressurized' ? !holdsEmpty(kPa - SEALED_DRIFT_KPA, limits) : false;
      if (sealed) {
        const reason = chamber.condemn(`reads ${kPa.toFixed(1)} kPa in a sealed chamber at rest (${machine.state})`);
        if (reason) ctx.sensorFault(id, reason);
        return;
      }
      switch (machine.state) {
        case 'opening outer': if (outer.actuator.isOpen) machine.handle('finished opening outer'); break;
        case 'closing outer': if (outer.actuator.isClosed) machine.handle('finished closing outer'); break;
        case 'opening inner': if (inner.actuator.isOpen) machine.handle('finished opening inner'); break;
        case 'closing inner': if (inner.actuator.isClosed) machine.handle('finished closing inner'); break;
        // The pumps run on past "counts as full/empty" to a finish well inside it: that gap is the hysteresis.
        case 'pressurizing': if (kPa >= limits.fullKpa && onGrid()) machine.handle('finished pressurizing'); break;
        case 'depressurizing': if (kPa <= limits.emptyKpa && onGrid()) machine.handle('finished depressurizing'); break;
      }
    },
    close() {
      for (const b of buttons) b.close();
      outer.actuator.close(); inner.actuator.close(); pump.close(); vent.close();
    },
  };
}
