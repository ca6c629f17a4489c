// The shape of a board file (boards/*.json): which logical signal sits on which pin, and how it is wired.
import type { MachineId } from './signals';

/** A switch to a digital input. Switches usually pull to ground, hence active-low with a pull-up. */
export interface InputWiring { pin: number; activeLow?: boolean; pullUp?: boolean }
/** A digital output driving a relay, MOSFET or LED. */
export interface OutputWiring { pin: number; activeLow?: boolean }
/** A door motor through an H-bridge: `dir` high opens, `enable` high runs. */
export interface DirEnableMotor { wiring: 'dir-enable'; dir: number; enable: number }
/** A door motor controller commanded over a UART with text lines (`OPEN`, `CLOSE`, `STOP`). */
export interface SerialMotor { wiring: 'serial'; tx: number; rx: number; baud: number; port?: number }
/** An analog sensor: raw ADC counts to engineering units (kPa, °C) by two calibration points. */
export interface AnalogSensor { wiring: 'analog'; pin: number; calibration: { raw: [number, number]; value: [number, number] } }
/** A UART sensor streaming readings as text lines, e.g. `P 101.3`. */
export interface UartSensor { wiring: 'uart'; tx: number; rx: number; baud: number; port?: number }

export type SignalWiring = InputWiring | OutputWiring | DirEnableMotor | SerialMotor | AnalogSensor | UartSensor;

/** How the node reaches the others (docs/PROTOCOL.md): an MQTT broker over the network (Wi-Fi, or the host's on
 * the desktop simulator), or framed serial on a UART to an RS-485 transceiver. `heartbeatMs` is the report period T. */
interface MqttLink { kind: 'mqtt'; host: string; port: number; heartbeatMs?: number }
interface SerialLink { kind: 'serial'; tx: number; rx: number; baud: number; port: number; heartbeatMs?: number }
type BusLink = MqttLink | SerialLink;

export interface Board {
  /** The board's name, as `--board` takes it. */
  name: string;
  /** The node's name on the bus (default: the board's name). */
  node?: string;
  /** Which microcontroller's pin table applies (boards/mcu/<mcu>.json). */
  mcu: string;
  /** The Moddable platform for `mcconfig -p`, e.g. `esp32/esp32_devkitc`. Absent for the simulator. */
  platform?: string;
  /** The machines this board runs. */
  hosts: MachineId[];
  signals: { [signal: string]: SignalWiring };
  /** Per moving part, the ms within which a movement must finish (see `deadlinePartsOf`). */
  deadlines?: { [part: string]: number };
  /** How this node joins the bus; with it, the device entry starts a node, not a lone controller. Needs `node`. */
  transport?: BusLink;
}

/** A microcontroller's pins: which exist, which are reserved and why, which can read analog. */
export interface Mcu {
  name: string;
  /** Every GPIO number the chip brings out. */
  gpio: number[];
  /** Pins the board uses for itself, with the reason (flash, strapping, UART0 console...). */
  reserved: { [pin: string]: string };
  /** Pins with an ADC channel usable by the application. */
  adc: number[];
  /** Pins that cannot drive an output (and have no internal pull-up). */
  inputOnly: number[];
  /** The ADC's resolution in bits (default 12): an analog calibration's raw points must be counts it can read. */
  adcBits?: number;
  /** Pins with a hardware PWM output. */
  pwm?: number[];
  /** What the header calls a pin where it is not its number: an Arduino's analog pins, `"54": "A0"`. */
  labels?: { [pin: string]: string };
}
