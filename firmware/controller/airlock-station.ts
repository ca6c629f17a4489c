// An airlock bound to its buttons, doors, chamber sensor, pump and vent valve.
import type { AirlockLetter, MachineId } from '../board/signals';
import { Button, DoorActuator, PressureSensor, Pump, VentValve } from '../../hal/drivers';
import type { InputWiring, OutputWiring, DirEnableMotor, SerialMotor, AnalogSensor, UartSensor } from '../board/types';
import type { Station, StationContext } from './context';
import { GuardedDoor } from './guarded-door';
import { refuseDoorOpen } from './interlock';
import { airlockOutputs } from './outputs';

// Buttons 1 and 2 ask for the outer door (bay side, inside); 3 and 4 for the inner door (inside, ship side).
const ASK = ['ask open outer', 'ask open outer', 'ask open inner', 'ask open inner'] as const;

export interface AirlockStation extends Station {
  chamberKpa(): number;
  chamberPressurized(): boolean;
  /** By the limit switch of `airlock X outer door` or `airlock X inner door`. */
  doorClosed(door: string): boolean;
}

export function createAirlockStation(ctx: StationContext, letter: AirlockLetter): AirlockStation {
  const id = `airlock ${letter}` as MachineId;
  const { device, clock, limits, board } = ctx;
  const wiring = <W>(signal: string) => board.signals[`${id} ${signal}`] as W;
  const door = (which: 'outer' | 'inner') => new GuardedDoor(`${id} ${which} door`, new DoorActuator({
    device, motor: wiring<DirEnableMotor | SerialMotor>(`${which} door`),
    openLimit: wiring<InputWiring>(`${which} door open limit`), closedLimit: wiring<InputWiring>(`${which} door closed limit`),
  }), () => refuseDoorOpen(`${id} ${which} door`, ctx.facts, limits), (name, reason) => refused(name, reason));
  const outer = door('outer'), inner = door('inner');
  const chamber = new PressureSensor({ device, wiring: wiring<AnalogSensor | UartSensor>('chamber pressure'), clock });
  const pump = new Pump({ device, wiring: wiring<OutputWiring>('pump') });
  const vent = new VentValve({ device, wiring: wiring<OutputWiring>('vent') });
  const refused = (name: string, detail: string) => ctx.report({ t: clock.now(), kind: 'interlock', machine: name, detail });

  const applyOutputs = (state: string) => {
    const out = airlockOutputs(state);
    outer.want(out.outer); inner.want(out.inner); pump.set(out.pump); vent.set(out.vent);
  };
  const buttons = ASK.map((event, i) => new Button({
    device, clock, wiring: wiring<InputWiring>(`button ${i + 1}`), onPress: () => ctx.machine(id).handle(event),
  }));

  return {
    id, applyOutputs,
    chamberKpa: () => chamber.read(),
    chamberPressurized: () => chamber.read() >= limits.pressurizedKpa,
    doorClosed: (name) => (name.endsWith('outer door') ? outer : inner).actuator.isClosed,
    scan() {
      outer.enforce(); inner.enforce();
      const machine = ctx.machine(id), kPa = chamber.read();
      switch (machine.state) {
        case 'opening outer': if (outer.actuator.isOpen) machine.handle('finished opening outer'); break;
        case 'closing outer': if (outer.actuator.isClosed) machine.handle('finished closing outer'); break;
        case 'opening inner': if (inner.actuator.isOpen) machine.handle('finished opening inner'); break;
        case 'closing inner': if (inner.actuator.isClosed) machine.handle('finished closing inner'); break;
        case 'pressurizing': if (kPa >= limits.pressurizedKpa) machine.handle('finished pressurizing'); break;
        case 'depressurizing': if (kPa <= limits.vacuumKpa) machine.handle('finished depressurizing'); break;
      }
    },
    close() {
      for (const b of buttons) b.close();
      outer.actuator.close(); inner.actuator.close(); chamber.close(); pump.close(); vent.close();
    },
  };
}
