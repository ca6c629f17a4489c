// The board's signals wired to an emulated RP2040's pins: switches and buttons drive GPIO inputs, GPIO outputs
// drive the parts, UART sensors stream into the chip's UART, analog sensors feed its ADC, all from the physics model.
import type { Board } from '../../firmware/board/types';
import { sense, setOutput } from '../../sim/provider/bindings';
import { countsFor } from '../../sim/provider/analog';
import { buildPinTable, inputLevel, type DigitalPin, type PinTable } from '../../sim/provider/pin-table';
import { MotorController, UartSensor, type FarEnd } from '../../sim/provider/serial-peers';
import type { Clock } from '../../hal/types';
import type { LaunchBayModel } from '../../sim/physics';
import { GPIOPinState, type RP2040 } from 'rp2040js';

const ADC_FIRST_PIN = 26;

export interface PicoWiring {
  readonly table: PinTable;
  /** Drives every input whose level changed from the model (after each physics step, and at start). */
  driveInputs(): void;
  /** Problems the wiring saw while running (a baud rate other than the board's), once each. */
  readonly warnings: string[];
  close(): void;
}

/** The UART a pin's TX or RX function belongs to (datasheet 1.4.3): GPIO 0/1 UART0, 4/5 UART1, 8/9 UART1, 12/13 UART0, ... */
function uartOfPin(pin: number): number { return ((pin + 4) >> 3) & 1; }
const isTxPin = (pin: number) => pin % 4 === 0, isRxPin = (pin: number) => pin % 4 === 1;

export function wireBoard(board: Board, model: LaunchBayModel, mcu: RP2040, clock: Clock): PicoWiring {
  const table = buildPinTable(board, model);
  const warnings: string[] = [];
  const undo: (() => void)[] = [];
  const inputs = table.inputs, levels = new Int8Array(inputs.length).fill(-1);

  // rp2040js models no pull-ups: the host drives the released level too (high for a pulled-up, active-low switch).
  const driveInputs = () => {
    for (let i = 0; i < inputs.length; i++) {
      const e = inputs[i], level = inputLevel(e);
      // Only on a change: each setInputValue latches an edge in the pin's interrupt status.
      if (levels[i] === level) continue;
      levels[i] = level;
      mcu.gpio[e.pin].setInputValue(level === 1);
    }
  };
  for (const e of table.digital.values()) if (!e.input) undo.push(wireOutput(mcu, e));
  for (const s of table.serial) undo.push(wireUart(board, mcu, clock, model, s, warnings));
  for (const a of table.analog.values()) {
    const channel = a.pin - ADC_FIRST_PIN;
    if (channel < 0 || channel > 3) throw new Error(`emulator: board "${board.name}": ${a.name} on GPIO ${a.pin}, which has no ADC input (GPIO 26-29)`);
    // Sampled when the firmware starts a conversion, so it reads the physics of that instant.
    const adc = mcu.adc, before = adc.onADCRead;
    adc.onADCRead = (ch) => {
      if (ch === channel) adc.channelValues[ch] = countsFor(a, sense(model, a.name, a.quantity));
      before(ch);
    };
    undo.push(() => { adc.onADCRead = before; });
  }
  driveInputs();
  return { table, driveInputs, warnings, close: () => { for (const u of undo) u(); } };
}

/** An output pin moves its part whenever its level changes; an undriven pin (input, high impedance) is off. */
function wireOutput(mcu: RP2040, e: DigitalPin): () => void {
  const pin = mcu.gpio[e.pin];
  const apply = () => setOutput(e.output!, pin.outputEnable && (pin.value === GPIOPinState.High ? 1 : 0) === e.activeLevel);
  apply();
  const remove = pin.addListener(apply);
  return () => { remove(); };
}

function wireUart(board: Board, mcu: RP2040, clock: Clock, model: LaunchBayModel, s: PinTable['serial'][number], warnings: string[]): () => void {
  const where = `emulator: board "${board.name}": ${s.name}`;
  if (!isTxPin(s.tx) || !isRxPin(s.rx) || uartOfPin(s.tx) !== uartOfPin(s.rx)) {
    throw new Error(`${where}: GPIO ${s.tx} (tx) and ${s.rx} (rx) are not the TX and RX of one RP2040 UART`);
  }
  const uart = mcu.uart[uartOfPin(s.tx)];
  const deliver = (bytes: Uint8Array, length: number) => { for (let i = 0; i < length; i++) uart.feedByte(bytes[i]); };
  const far: FarEnd = s.door ? new MotorController(s.door, clock, s.baud, deliver) : new UartSensor(model, s.name, s.quantity!, clock, deliver);
  uart.onByte = (b) => far.receive(b);
  // A wrong baud rate is garbage on the wire: the far end keeps talking at the board's rate, and we say so.
  uart.onBaudRateChange = (baud) => {
    const off = Math.abs(baud - s.baud) / s.baud;
    const text = `${where}: the firmware set UART${uartOfPin(s.tx)} to ${Math.round(baud)} baud, the board says ${s.baud}`;
    if (off > 0.03 && !warnings.includes(text)) warnings.push(text);
  };
  return () => { far.close(); uart.onByte = undefined; uart.onBaudRateChange = undefined; };
}
