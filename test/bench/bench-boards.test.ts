// The bench boards' files and the AVR pin tables: Arduino pin numbers, the serial pins kept free, 10-bit ADCs.
import { describe, expect, it } from 'vitest';
import { BoardError, signalsOf, validateBoard } from '../../firmware/board';
import { validateMcu } from '../../boards/validate-mcu';
import { loadBoard, loadMcu } from '../../scripts/lib/board-file';

describe('the bench boards', () => {
  it('puts one airlock, with a beeper, on the Uno', () => {
    const board = loadBoard('arduino-uno');
    expect(board.hosts).toEqual(['airlock A']);
    expect(Object.keys(board.signals).sort()).toEqual([...signalsOf('airlock A').map((s) => s.name), 'beeper'].sort());
  });

  it('puts the deck, door E, the environment and airlocks A to C on the Mega, which has too few pins for D', () => {
    expect(loadBoard('arduino-mega').hosts).toEqual(['battle deck', 'bay door', 'bay environment', 'airlock A', 'airlock B', 'airlock C']);
  });

  it('wires every input active-low with the pull-up, and every sensor as a potentiometer over the whole 10-bit ADC', () => {
    for (const name of ['arduino-uno', 'arduino-mega']) {
      for (const w of Object.values(loadBoard(name).signals)) {
        if ('activeLow' in w) expect(w).toMatchObject({ activeLow: true, pullUp: true });
        if ('wiring' in w && w.wiring === 'analog') expect(w.calibration.raw).toEqual([0, 1023]);
      }
    }
  });

  it('numbers the analog pins as Firmata does: A0–A5 are 14–19 on the Uno, A0–A15 are 54–69 on the Mega', () => {
    expect(loadMcu('atmega328p').adc).toEqual([14, 15, 16, 17, 18, 19]);
    expect(loadMcu('atmega328p').labels?.['14']).toBe('A0');
    expect(loadMcu('atmega2560').adc).toEqual(Array.from({ length: 16 }, (_, i) => 54 + i));
    expect(loadMcu('atmega2560').labels?.['69']).toBe('A15');
  });

  it('keeps D0 and D1, the USB serial line Firmata talks over, off limits', () => {
    for (const mcu of ['atmega328p', 'atmega2560']) expect(Object.keys(loadMcu(mcu).reserved)).toEqual(['0', '1']);
  });
});

describe('validation with a 10-bit ADC', () => {
  const uno = () => JSON.parse(JSON.stringify(loadBoard('arduino-uno')));

  it('refuses a calibration copied from a 12-bit chip, naming the file and the field', () => {
    const board = uno();
    board.signals['airlock A chamber pressure'].calibration.raw = [0, 4095];
    const e = (() => { try { validateBoard(board, loadMcu('atmega328p'), 'boards/arduino-uno.json'); } catch (x) { return x as BoardError; } })();
    expect(e).toBeInstanceOf(BoardError);
    expect(e!.message).toBe('boards/arduino-uno.json: signals["airlock A chamber pressure"].calibration.raw: 4095 is beyond the 10-bit ADC of atmega328p (counts 0–1023)');
  });

  it('takes a pin table without adcBits to have a 12-bit ADC', () => {
    const board = uno();
    board.signals['airlock A chamber pressure'].calibration.raw = [0, 4095];
    const { adcBits: _, ...twelveBit } = loadMcu('atmega328p');
    expect(() => validateBoard(board, twelveBit, 'boards/arduino-uno.json')).not.toThrow();
  });

  it('refuses a pin table whose label names a pin the chip does not have', () => {
    const table = { ...loadMcu('atmega328p'), labels: { 20: 'A6' } };
    expect(() => validateMcu(table, 'boards/mcu/atmega328p.json')).toThrow('boards/mcu/atmega328p.json: labels["20"]: pin 20 is not in gpio');
  });

  it('refuses an ADC resolution that is not a whole number of bits', () => {
    expect(() => validateMcu({ ...loadMcu('atmega328p'), adcBits: 10.5 }, 'boards/mcu/atmega328p.json')).toThrow('boards/mcu/atmega328p.json: adcBits: expected');
  });
});
