import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BoardError } from '../../firmware/board';
import { lineOf, listBoards, loadBoard } from '../../boards/load';

const devkit = readFileSync('boards/esp32-devkitc.json', 'utf8');
/** The line (1-based) of the first line of `text` containing `needle`. */
const lineWith = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('loading a board file', () => {
  let root: string;
  /** Writes boards/<name>.json into a scratch repository with the shipped pin tables, and loads it. */
  const load = (name: string, text: string) => {
    writeFileSync(join(root, 'boards', `${name}.json`), text);
    try {
      return loadBoard(name, root);
    } catch (e) {
      if (e instanceof BoardError) return e;
      throw e;
    }
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'boards-'));
    mkdirSync(join(root, 'boards', 'mcu'), { recursive: true });
    for (const mcu of ['esp32', 'rp2040', 'sim']) copyFileSync(`boards/mcu/${mcu}.json`, join(root, 'boards', 'mcu', `${mcu}.json`));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('adds the line of the offending field to the message', () => {
    const text = devkit.replace('"airlock A pump":                    {"pin": 25}', '"airlock A pump":                    {"pin": 6}');
    const e = load('esp32-devkitc', text) as BoardError;
    const line = lineWith(text, '"airlock A pump"');
    expect(e.message).toBe(`boards/esp32-devkitc.json:${line}: signals["airlock A pump"].pin: pin 6 is reserved on esp32 (SPI flash)`);
    expect(e.line).toBe(line);
  });

  it('turns a JSON syntax error into a BoardError at the line where parsing stopped', () => {
    const text = devkit.replace('"beeper":                            {"pin": 27}', '"beeper":                            {"pin": 27,}');
    const e = load('esp32-devkitc', text) as BoardError;
    expect(e).toBeInstanceOf(BoardError);
    expect(e.message.startsWith(`boards/esp32-devkitc.json:${lineWith(text, '"beeper"')}: JSON: `)).toBe(true);
  });

  it('points a missing required signal at the signals object', () => {
    const text = devkit.replace(/\n\s*"airlock A vent":[^\n]*/, '');
    const e = load('esp32-devkitc', text) as BoardError;
    expect(e.message).toBe(`boards/esp32-devkitc.json:${lineWith(text, '"signals"')}: signals["airlock A vent"]: missing: "airlock A" needs this output`);
  });

  it('names a microcontroller that has no pin table', () => {
    const text = devkit.replace('"mcu": "esp32"', '"mcu": "esp8266"');
    const e = load('esp32-devkitc', text) as BoardError;
    expect(e.message).toBe(`boards/esp32-devkitc.json:3: mcu: unknown microcontroller "esp8266": no boards/mcu/esp8266.json (known: esp32, rp2040, sim)`);
  });

  it('refuses a board whose name is not its file name', () => {
    const e = load('devkit', devkit) as BoardError;
    expect(e.message).toBe('boards/devkit.json:2: name: "esp32-devkitc" does not match the file name ("devkit")');
  });

  it('refuses an unknown board, listing the known ones', () => {
    writeFileSync(join(root, 'boards', 'pico.json'), '{}');
    expect(() => loadBoard('nope', root)).toThrow('boards/nope.json: (file): no such board (known boards: pico)');
  });

  it('loads a valid board', () => {
    expect((load('esp32-devkitc', devkit) as { hosts: string[] }).hosts).toEqual(['airlock A']);
  });
});

describe('listBoards', () => {
  it('lists the board files by name, without the pin tables', () => {
    expect(listBoards()).not.toContain('esp32');
    expect(listBoards()).toContain('sim');
  });
});

describe('lineOf', () => {
  const text = '{\n  "hosts": [\n    "a",\n    "b"\n  ],\n  "signals": {\n    "x y": { "pin": 1,\n      "cal": { "raw": [0, 1] } }\n  }\n}\n';

  it('finds an array element by index', () => expect(lineOf(text, 'hosts[1]')).toBe(4));
  it('finds a nested field under a quoted key', () => expect(lineOf(text, 'signals["x y"].cal.raw')).toBe(8));
  it('falls back to the nearest field that exists', () => expect(lineOf(text, 'signals["z"].pin')).toBe(6));
  it('has no line for a field it cannot read', () => expect(lineOf(text, '(top level)')).toBeUndefined());
});
