// The image's console on USB CDC (rp2040js's USBCDC host side): text split into lines, and the controller's report
// lines (the audit ring's JSON, one object a line) decoded into the same records a host run produces.
import { USBCDC, type RP2040 } from 'rp2040js';
import type { ControllerReport, ReportKind } from '../../firmware/controller/report';

const KINDS: readonly ReportKind[] = ['transition', 'veto', 'beep', 'impossible', 'interlock', 'fault'];

/** A console line as a report, or undefined when the line is not one (a banner, an XS message). */
export function reportOf(line: string): ControllerReport | undefined {
  if (!line.startsWith('{')) return undefined;
  let x: unknown;
  try { x = JSON.parse(line); } catch { return undefined; }
  const r = x as Partial<ControllerReport> | null;
  if (!r || typeof r.t !== 'number' || typeof r.machine !== 'string' || !KINDS.includes(r.kind as ReportKind)) return undefined;
  const out: ControllerReport = { t: r.t, kind: r.kind!, machine: r.machine };
  for (const k of ['from', 'to', 'event', 'goal', 'detail'] as const) if (typeof r[k] === 'string') out[k] = r[k];
  return out;
}

export interface UsbConsole {
  /** True once the host has enumerated the device's CDC interface. */
  readonly connected: boolean;
  /** Emulated ms at which it connected, and at which the first line arrived (NaN until then). */
  readonly connectedAtMs: number;
  readonly firstLineAtMs: number;
  /** Every line so far (for an error message when the image never reports). */
  readonly lines: string[];
}

/** Listens on the chip's USB; `onLine` gets each complete line, `onReport` each decoded report. */
export function openUsbConsole(mcu: RP2040, now: () => number, onLine: (line: string) => void, onReport: (r: ControllerReport) => void): UsbConsole {
  const cdc = new USBCDC(mcu.usbCtrl);
  const state = { connected: false, connectedAtMs: NaN, firstLineAtMs: NaN, lines: [] as string[] };
  let partial = '';
  cdc.onDeviceConnected = () => { state.connected = true; state.connectedAtMs = now(); };
  cdc.onSerialData = (bytes) => {
    partial += Buffer.from(bytes).toString('latin1');
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl).replace(/\r$/, '');
      partial = partial.slice(nl + 1);
      if (state.lines.length === 0) state.firstLineAtMs = now();
      if (state.lines.length < 200) state.lines.push(line);
      onLine(line);
      const r = reportOf(line);
      if (r) onReport(r);
    }
  };
  return state;
}
