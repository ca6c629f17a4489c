// What `npm run bench:board` shows and which keys it takes: the bench's pins read as the launch bay's parts for the
// simulator's terminal view, and the keys that make sense when the buttons are real.
import type { Board } from '../../firmware/board/types';
import type { Controller } from '../../firmware/controller';
import type { BenchDevice } from '../../hal/providers/bench';
import type { Door, LaunchBayModel, MotorDrive } from '../../sim/physics';
import { handleKey, keyActions } from '../../views/terminal/keys';
import type { ScreenModel } from '../../views/terminal/screen-types';

/**
 * The parts as the board's pins show them: a door is open or closed by its limit switches (half-way between them),
 * moving as its H-bridge pins say; pressures through the board's calibration; pumps and indicators by their pins.
 */
export function benchReadings(board: Board, device: BenchDevice): ScreenModel {
  const { names, pins } = device.pins;
  const active = (name: string) => {
    const pin = names[name];
    return pin !== undefined && device.level(pin) === pins.get(pin)!.activeLevel;
  };
  const reading = (signal: string) => {
    const w = board.signals[signal];
    if (!w || !('wiring' in w) || w.wiring !== 'analog') return NaN;
    const { raw, value } = w.calibration;
    return value[0] + ((device.level(w.pin) - raw[0]) * (value[1] - value[0])) / (raw[1] - raw[0]);
  };
  const door = (name: string): Door => ({
    get position() { return active(`${name} open limit`) ? 1 : active(`${name} closed limit`) ? 0 : 0.5; },
    get motor(): MotorDrive { return active(`${name} enable`) ? (active(`${name} dir`) ? 1 : -1) : 0; },
    travelMs: 0,
    jammed: false,
  });
  const airlock = (l: string) => ({
    get chamberKpa() { return reading(`airlock ${l} chamber pressure`); },
    get pumpOn() { return active(`airlock ${l} pump`); },
    get ventOn() { return active(`airlock ${l} vent`); },
    outer: door(`airlock ${l} outer door`),
    inner: door(`airlock ${l} inner door`),
  });
  return {
    bay: {
      get kPa() { return reading('bay pressure'); },
      get tempC() { return reading('bay temperature'); },
      get pumpOn() { return active('bay pump'); },
      get ventOn() { return active('bay vent'); },
      get heaterOn() { return active('bay heater'); },
      leakKpaPerS: 0,
    },
    bayDoor: door('bay door'),
    airlocks: { A: airlock('A'), B: airlock('B'), C: airlock('C'), D: airlock('D') },
    outputs: {
      get beeper() { return active('beeper'); },
      get klaxon() { return active('klaxon'); },
      get 'warning lights'() { return active('warning lights'); },
    },
  };
}

export const benchKeyHelp = [
  'Buttons, limit switches and outputs are on the rig: press the real ones (with --emulate, the keys of npm start: airlock A 1 2 3 4).',
  'Deck: A active requested, R ready requested, X relaxed requested',
  'With --hybrid: l leak on/off, j then e|a–d|A–D jam or free a door, u clear all faults (in the physics)',
  '? this help | Ctrl-C quits',
].join('\n');

/** The compact view's keys line: the bench's own keys, each explained by `?`. */
export const benchKeysHint = 'Keys: buttons on the rig | deck A R X | l leak j jam u clear | ? help';

const buttonKeys = new Set(keyActions.filter((a) => a.label.startsWith('airlock ')).map((a) => a.key));

/**
 * Handles one key on the bench; `model` is the physics (hybrid mode, or the simulated bay around a lone board). A
 * button key presses the physics' button when `simulated(button)` says no real hand can (an airlock of the simulated
 * bay, or any button of an emulated board, whose rig is the physics). Returns a message for the status line.
 */
export function handleBenchKey(controller: Controller, model: LaunchBayModel | undefined, key: string, pending: { jam: boolean }, simulated: (button: string) => boolean = () => false): string | undefined {
  if (buttonKeys.has(key) && !pending.jam && !(model && simulated(keyActions.find((a) => a.key === key)!.label))) return `${keyActions.find((a) => a.key === key)!.label} is on the rig: press the real one`;
  const deck = 'ARX'.includes(key) && !pending.jam;
  if (deck && !controller.machines['battle deck']) return `board ${controller.board.name} does not host the battle deck`;
  if (!model && (pending.jam || 'lju'.includes(key))) { pending.jam = false; return 'l, j and u act on the physics: start with --hybrid'; }
  if (!model && !deck) return undefined;
  return handleKey({
    controller,
    model: model as LaunchBayModel,
    // A finger on the emulated rig's button: held for 300 ms of wall time.
    press: (signal) => { model!.buttons[signal] = true; setTimeout(() => { model!.buttons[signal] = false; }, 300); },
  }, key, pending);
}

