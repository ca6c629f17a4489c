// The serial ports a bench board may be on, found without udev (which a container or a minimal system lacks): on
// Linux the device nodes a USB serial adapter makes, elsewhere serialport's own list.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';

/** `/dev/ttyACM*` (an Uno's or a Mega's own USB) and `/dev/ttyUSB*` (a clone's CH340 or FTDI), sorted. */
export function serialNodes(dir = '/dev'): string[] {
  let names: string[];
  try { names = readdirSync(dir); } catch { return []; }
  return names.filter((f) => /^tty(ACM|USB)\d+$/.test(f)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).map((f) => join(dir, f));
}

/** What `--list` prints: one port a line, or a sentence saying none was found and where it looked. */
export async function describePorts(platform = process.platform, dir = '/dev'): Promise<string> {
  if (platform === 'linux') {
    const nodes = serialNodes(dir);
    return nodes.length ? nodes.join('\n') : `no serial ports found (looked for ${dir}/ttyACM* and ${dir}/ttyUSB*): is the board plugged in?`;
  }
  const ports = await SerialPort.list();
  if (ports.length === 0) return 'no serial ports found: is the board plugged in?';
  return ports.map((p) => [p.path, p.manufacturer, p.vendorId && `${p.vendorId}:${p.productId}`].filter(Boolean).join('  ')).join('\n');
}
