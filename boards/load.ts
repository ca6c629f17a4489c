// Loads board files on the host (beside them, below the simulator and the tools that use it): reads boards/<name>.json and its chip's pin table, validates, and adds line numbers.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BoardError, validateBoard, type Board, type Mcu } from '../hal/board';
import { validateMcu } from './validate-mcu';

/** The repository's root folder, which holds boards/. */
export const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** The board names `--board` accepts: the files boards/*.json, sorted. */
export function listBoards(root = repoRoot): string[] {
  const dir = join(root, 'boards');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
}

/** Reads, parses and validates boards/<name>.json; every problem is a `BoardError` naming the file, line and field. */
export function loadBoard(name: string, root = repoRoot): Board {
  const file = `boards/${name}.json`;
  const known = listBoards(root);
  if (!known.includes(name)) throw new BoardError(file, '(file)', `no such board (known boards: ${known.join(', ') || 'none'})`);
  const text = readFileSync(join(root, file), 'utf8');
  const parsed = parseJson(text, file);
  try {
    const board = validateBoard(parsed, pinTableFor(parsed, file, root), file);
    if (board.name !== name) throw new BoardError(file, 'name', `${JSON.stringify(board.name)} does not match the file name (${JSON.stringify(name)})`);
    return board;
  } catch (e) {
    throw e instanceof BoardError && e.file === file ? withLine(e, text) : e;
  }
}

/** The largest board file read from a path: a device (/dev/zero) or a huge file is refused, never read forever. */
const MAX_BOARD_BYTES = 1 << 20;

/**
 * Reads and validates a board file anywhere (`--board path/to/my-ship.json`), with its chip's pin table from this
 * repository's boards/mcu/; every problem is a `BoardError` naming the file, line and field.
 */
function loadBoardFile(path: string, root = repoRoot): Board {
  let text: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > MAX_BOARD_BYTES) throw new Error(`larger than ${MAX_BOARD_BYTES} bytes`);
    text = readFileSync(path, 'utf8');
  } catch (e) { throw new BoardError(path, '(file)', `cannot read it (${(e as Error).message})`); }
  const parsed = parseJson(text, path);
  try {
    return validateBoard(parsed, pinTableFor(parsed, path, root), path);
  } catch (e) {
    throw e instanceof BoardError && e.file === path ? withLine(e, text) : e;
  }
}

/** A `--board` value: a board's name (boards/<name>.json), or a path to a board file (it ends in .json). */
export function loadBoardArg(arg: string, root = repoRoot): Board {
  return arg.endsWith('.json') ? loadBoardFile(arg, root) : loadBoard(arg, root);
}

/** Reads and validates the pin table boards/mcu/<name>.json, e.g. for the chip a loaded board names. */
export function loadMcu(name: string, root = repoRoot): Mcu {
  return pinTableFor({ mcu: name }, `boards/mcu/${name}.json`, root);
}

/** The pin table a parsed board names; a board too broken to name one gets an empty table, so validation says why. */
function pinTableFor(parsed: unknown, file: string, root: string): Mcu {
  const mcu = (parsed as { mcu?: unknown } | null)?.mcu;
  if (typeof mcu !== 'string' || mcu === '') return { name: '', gpio: [], reserved: {}, adc: [], inputOnly: [] };
  const mcuFile = `boards/mcu/${mcu}.json`;
  if (!/^[\w-]+$/.test(mcu) || !existsSync(join(root, mcuFile))) {
    const known = existsSync(join(root, 'boards/mcu')) ? readdirSync(join(root, 'boards/mcu')).map((f) => f.replace(/\.json$/, '')) : [];
    throw new BoardError(file, 'mcu', `unknown microcontroller ${JSON.stringify(mcu)}: no ${mcuFile} (known: ${known.sort().join(', ')})`);
  }
  const text = readFileSync(join(root, mcuFile), 'utf8');
  try {
    return validateMcu(parseJson(text, mcuFile), mcuFile);
  } catch (e) {
    throw e instanceof BoardError && e.line === undefined ? withLine(e, text) : e;
  }
}

/** JSON.parse, with a syntax error turned into a `BoardError` at the line where the parser stopped. */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : text.length;
    const line = text.slice(0, offset).split('\n').length;
    throw new BoardError(file, 'JSON', message.replace(/\s*in JSON at position \d+.*$/, ''), line);
  }
}

function withLine(e: BoardError, text: string): BoardError {
  const line = lineOf(text, e.field);
  return line === undefined ? e : new BoardError(e.file, e.field, e.problem, line);
}

/** The segments of a field path: `signals["bay pump"].pin` → signals, bay pump, pin; `hosts[2]` → hosts, 2. */
function segments(field: string): string[] | undefined {
  const out: string[] = [];
  const token = /(?:^|\.)([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  while (token.lastIndex < field.length) {
    const m = token.exec(field);
    if (!m) return undefined;
    out.push(m[1] ?? m[2] ?? (JSON.parse(m[3]!) as string));
  }
  return out;
}

/** The line of a field in a JSON text; a field that is missing falls back to the nearest enclosing one. */
export function lineOf(text: string, field: string): number | undefined {
  const path = segments(field);
  if (!path) return undefined;
  const lines = fieldLines(text);
  for (let n = path.length; n > 0; n--) {
    const line = lines.get(path.slice(0, n).join('\u0000'));
    if (line !== undefined) return line;
  }
  return undefined;
}

/** Walks a valid JSON text and records the line of every key and array element, by path. */
function fieldLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0, line = 1;
  const space = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) if (text[i++] === '\n') line++;
  };
  const string = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    return JSON.parse(text.slice(start, ++i)) as string;
  };
  const value = (path: string[]): void => {
    space();
    const open = text[i];
    if (open === '"') { string(); return; }
    if (open !== '{' && open !== '[') { while (i < text.length && !',]} \t\r\n'.includes(text[i]!)) i++; return; }
    i++;
    for (let index = 0; ; index++) {
      space();
      if (text[i] === '}' || text[i] === ']') { i++; return; }
      if (text[i] === ',') { i++; space(); }
      let key = String(index);
      if (open === '{') { key = string(); space(); i++; /* the colon */ }
      const at = [...path, key];
      lines.set(at.join('\u0000'), line);
      value(at);
    }
  };
  value([]);
  return lines;
}
