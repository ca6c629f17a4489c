import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indicatorSignals, signalsOf, type Mcu } from '../../firmware/board';
import { listBoards, loadBoard } from '../../boards/load';

const mcu = (name: string): Mcu => JSON.parse(readFileSync(`boards/mcu/${name}.json`, 'utf8'));

describe('the shipped boards', () => {
  it('include the simulator, its one-node-per-board cluster, the ESP32 DevKitC and the Pico', () => {
    expect(listBoards()).toEqual(expect.arrayContaining(['esp32-devkitc', 'pico', 'sim',
      'sim-bridge', 'sim-bay', 'sim-airlock-a', 'sim-airlock-b', 'sim-airlock-c', 'sim-airlock-d']));
  });

  it.each(listBoards())('validates boards/%s.json', (name) => {
    expect(loadBoard(name).name).toBe(name);
  });

  it('runs the whole bay on the simulator board', () => {
    const board = loadBoard('sim');
    expect(board.hosts).toEqual(['battle deck', 'bay door', 'bay environment', 'airlock A', 'airlock B', 'airlock C', 'airlock D']);
    // Every signal of every machine it hosts, and every indicator.
    const wanted = [...board.hosts.flatMap((m) => signalsOf(m).map((x) => x.name)), ...indicatorSignals.map((x) => x.name)];
    expect(Object.keys(board.signals).sort()).toEqual(wanted.sort());
  });

  it('drives the simulated bay door through a serial motor controller and reads the bay pressure over a UART', () => {
    const { signals } = loadBoard('sim');
    expect(signals['bay door']).toMatchObject({ wiring: 'serial' });
    expect(signals['bay pressure']).toMatchObject({ wiring: 'uart' });
  });

  it('hosts only airlock A, with a beeper, on the ESP32 DevKitC', () => {
    const board = loadBoard('esp32-devkitc');
    expect(board.hosts).toEqual(['airlock A']);
    expect(Object.keys(board.signals).sort()).toEqual([...signalsOf('airlock A').map((s) => s.name), 'beeper'].sort());
  });

  it('leaves the pull-up off every DevKitC input on pins 34 to 39, which have none', () => {
    const inputs = Object.values(loadBoard('esp32-devkitc').signals).filter((w) => 'pin' in w && w.pin >= 34 && !('wiring' in w));
    expect(inputs.length).toBeGreaterThan(0);
    for (const w of inputs) expect(w).toMatchObject({ pullUp: false });
  });

  it('hosts the bay door and the bay environment on the Pico, with the pressure sensor on UART1 (GP4 and GP5)', () => {
    const board = loadBoard('pico');
    expect(board.hosts).toEqual(expect.arrayContaining(['bay door', 'bay environment']));
    expect(board.signals['bay pressure']).toEqual({ wiring: 'uart', tx: 4, rx: 5, baud: 9600, port: 1 });
  });
});

describe('the pin tables', () => {
  it('reserves the ESP32 SPI flash pins 6 to 11', () => {
    for (const pin of [6, 7, 8, 9, 10, 11]) expect(mcu('esp32').reserved[pin]).toBe('SPI flash');
  });

  it('reserves the ESP32 strapping pins and the UART0 console', () => {
    expect(Object.keys(mcu('esp32').reserved).map(Number)).toEqual(expect.arrayContaining([0, 1, 2, 3, 5, 12, 15]));
  });

  it('gives the ESP32 application only ADC1, since ADC2 stops working while Wi-Fi is on', () => {
    expect(mcu('esp32').adc).toEqual([32, 33, 34, 35, 36, 39]);
  });

  it('has no ESP32 GPIO 20, 24 or 28 to 31', () => {
    for (const pin of [20, 24, 28, 29, 30, 31]) expect(mcu('esp32').gpio).not.toContain(pin);
  });

  it('keeps the Pico pins that never reach the header, and its console UART, off limits', () => {
    expect(Object.keys(mcu('rp2040').reserved).map(Number)).toEqual([0, 1, 23, 24, 25]);
    expect(mcu('rp2040').gpio).not.toContain(29);
    expect(mcu('rp2040').adc).toEqual([26, 27, 28]);
  });
});
