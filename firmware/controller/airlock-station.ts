// An airlock bound to its buttons, doors, chamber sensor, pump and vent valve.
import type { AirlockLetter, MachineId } from '../board/signals';
import type { AnalogSensor, DirEnableMotor, InputWiring, OutputWiring, SerialMotor, UartSensor } from '../board/types';
import { Button, DoorActuator, PressureSensor, Pump, VentValve } from '../../hal/drivers';
import type { Station, StationContext } from './context';
import { FaultMonitor, LimitWatch } from './fault-monitor';
import { GuardedDoor } from './guarded-door';
import { refuseDoorOpen } from './interlock';
import { airlockOutputs } from './outputs';
import { airlockAfterBoot, type Restart } from './reconstruct';
import { chamberPressureLimits, MOVING_MS, SensorWatch } from './sensor-watch';
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
  /** The same, for opening a door: NaN too while the reading has not moved for `MOVING_MS` (sensor-watch.ts). */
  chamberKpaMoving(): number;
  /** By the limit switch of `airlock X outer door` or `airlock X inner door`. */
  doorClosed(door: string): boolean;
}

/**
 * A class, not an object of closures: its methods are made once, when the module is (preloaded, in flash), where a
 * closure made per station at run time copies its bytecode into XS's chunk heap (docs/BENCHMARKS.md).
 */
export class Airlock implements AirlockStation {
  readonly id: MachineId;
  readonly faults: FaultMonitor;
  private readonly outer: GuardedDoor;
  private readonly inner: GuardedDoor;
  private readonly chamber: SensorWatch;
  private readonly pump: Pump;
  private readonly vent: VentValve;
  private readonly buttons: Button[];
  private pumpingSince = 0;

  constructor(private readonly ctx: StationContext, letter: AirlockLetter) {
    const id = this.id = `airlock ${letter}` as MachineId;
    const { device, clock, limits, board } = ctx;
    const wiring = <W>(signal: string) => board.signals[`${id} ${signal}`] as W;
    const refused = (name: string, reason: string) => ctx.report({ t: clock.now(), kind: 'interlock', machine: name, detail: reason, reason });
    // Each part made in this frame (not in a helper's) before what holds it (not inside its arguments): a door
    // motor's first write and a sensor's opening are the deepest steps of a node's boot.
    const doors: GuardedDoor[] = [];
    for (let i = 0; i < 2; i++) {
      const which = i === 0 ? 'outer' : 'inner';
      const actuator = new DoorActuator({
        device, motor: wiring<DirEnableMotor | SerialMotor>(`${which} door`),
        openLimit: wiring<InputWiring>(`${which} door open limit`), closedLimit: wiring<InputWiring>(`${which} door closed limit`),
      });
      doors.push(new GuardedDoor(`${id} ${which} door`, actuator, () => refuseDoorOpen(`${id} ${which} door`, ctx.facts, limits), refused));
    }
    const outer = this.outer = doors[0]!, inner = this.inner = doors[1]!;
    const chamberKpa = new PressureSensor({ device, wiring: wiring<AnalogSensor | UartSensor>('chamber pressure'), clock });
    const chamber = this.chamber = new SensorWatch(`${id} chamber pressure`, chamberKpa, clock, chamberPressureLimits,
      // Open: a door off its closed limit, or driven to open (its seal may break before the switch releases).
      () => !outer.actuator.isClosed || !inner.actuator.isClosed || outer.command === 'open' || inner.command === 'open');
    this.pump = new Pump({ device, wiring: wiring<OutputWiring>('pump') });
    this.vent = new VentValve({ device, wiring: wiring<OutputWiring>('vent') });
    this.faults = new FaultMonitor([chamber, new LimitWatch(`${id} outer door`, outer.actuator), new LimitWatch(`${id} inner door`, inner.actuator)],
      (reason) => ctx.sensorFault(id, reason));
    // A loop, not ASK.map: its callback would be one more frame over each button's opening.
    const buttons: Button[] = this.buttons = [];
    for (let i = 0; i < ASK.length; i++) {
      const event = ASK[i]!;
      buttons.push(new Button({ device, clock, wiring: wiring<InputWiring>(`button ${i + 1}`), onPress: () => ctx.machine(id).handle(event) }));
    }
  }

  applyOutputs(state: string, event?: string): void {
    const out = airlockOutputs(state, event);
    this.outer.want(out.outer); this.inner.want(out.inner); this.pump.set(out.pump); this.vent.set(out.vent);
    if (out.pump || out.vent) this.pumpingSince = this.ctx.clock.now();
  }

  chamberKpa(): number { return this.chamber.read(); }
  chamberKpaMoving(): number { return this.chamber.readMoving(MOVING_MS); }

  doorClosed(name: string): boolean { return (name.endsWith('outer door') ? this.outer : this.inner).actuator.isClosed; }

  restart(): Restart {
    const { outer, inner, ctx } = this;
    return airlockAfterBoot(reading(outer), reading(inner), this.chamber.read(), ctx.facts.bayHostile(), ctx.limits);
  }

  scan(): void {
    const { outer, inner, chamber, ctx } = this, limits = ctx.limits;
    outer.enforce(); inner.enforce();
    const machine = ctx.machine(this.id), kPa = chamber.read();
    // A sealed chamber at rest cannot change pressure by itself: a reading far outside its rest band (the same
    // band the rest was decided by, so noise cannot reach it) is a faulty sensor.
    const sealed = kPa !== kPa ? false : machine.state === 'closed pressurized' ? !holdsFull(kPa + SEALED_DRIFT_KPA, limits)
      : machine.state === 'closed depressurized' ? !holdsEmpty(kPa - SEALED_DRIFT_KPA, limits) : false;
    if (sealed) {
      const reason = chamber.condemn(`reads ${kPa.toFixed(1)} kPa in a sealed chamber at rest (${machine.state})`);
      if (reason) ctx.sensorFault(this.id, reason);
      return;
    }
    switch (machine.state) {
      case 'opening outer': if (outer.actuator.isOpen) machine.handle('finished opening outer'); break;
      case 'closing outer': if (outer.actuator.isClosed) machine.handle('finished closing outer'); break;
      case 'opening inner': if (inner.actuator.isOpen) machine.handle('finished opening inner'); break;
      case 'closing inner': if (inner.actuator.isClosed) machine.handle('finished closing inner'); break;
      // The pumps run on past "counts as full/empty" to a finish well inside it: that gap is the hysteresis.
      case 'pressurizing': if (kPa >= limits.fullKpa && this.onGrid()) machine.handle('finished pressurizing'); break;
      case 'depressurizing': if (kPa <= limits.emptyKpa && this.onGrid()) machine.handle('finished depressurizing'); break;
    }
  }

  close(): void {
    for (const b of this.buttons) b.close();
    this.outer.actuator.close(); this.inner.actuator.close(); this.pump.close(); this.vent.close(); this.chamber.close();
  }

  /** True at one scan per grid period since pumping started (scans come every scanMs). */
  private onGrid(): boolean {
    const clock = this.ctx.clock;
    return (clock.now() - this.pumpingSince) % PUMP_SETTLE_MS < this.ctx.limits.scanMs && clock.now() > this.pumpingSince;
  }
}

const reading = (d: GuardedDoor) => ({ open: d.actuator.isOpen, closed: d.actuator.isClosed });

export function createAirlockStation(ctx: StationContext, letter: AirlockLetter): AirlockStation {
  return new Airlock(ctx, letter);
}
