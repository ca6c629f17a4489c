// JSON.parse with the line of every value, so an error can say `file:line: field: what is wrong`.

export interface Located { value: unknown; lines: Map<string, number> }

export class JsonSyntaxError extends Error {
  /** `field`: where it went wrong, when that is a field (a value nested too deep). */
  constructor(readonly line: number, detail: string, readonly field = '') { super(`line ${line}: ${detail}`); }
}

/** How deep values may nest: a scenario needs a few levels; thousands would overflow the stack. */
export const MAX_JSON_DEPTH = 64;

/** Parses `text` as JSON and records the line each value starts on, keyed by its path (`steps[2].press`). */
export function parseWithLines(text: string): Located {
  const lines = new Map<string, number>();
  let i = 0, line = 1;
  const fail = (what: string): never => { throw new JsonSyntaxError(line, what); };
  const space = () => {
    while (i < text.length && /\s/.test(text[i])) { if (text[i] === '\n') line++; i++; }
  };
  const value = (path: string, depth = 0): unknown => {
    space();
    lines.set(path, line);
    const c = text[i];
    if ((c === '{' || c === '[') && depth >= MAX_JSON_DEPTH) throw new JsonSyntaxError(line, `nested more than ${MAX_JSON_DEPTH} levels deep`, path);
    if (c === '{') return object(path, depth);
    if (c === '[') return array(path, depth);
    if (c === '"') return string();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 40));
    if (!m) return fail(c === undefined ? 'unexpected end of file' : `unexpected character ${JSON.stringify(c)}`);
    i += m[0].length;
    return JSON.parse(m[0]);
  };
  const string = (): string => {
    const m = /^"(?:[^"\\\n]|\\.)*"/.exec(text.slice(i));
    if (!m) return fail('unterminated string');
    i += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const object = (path: string, depth: number) => {
    const out: { [k: string]: unknown } = {};
    i++; space();
    if (text[i] === '}') { i++; return out; }
    for (;;) {
      space();
      if (text[i] !== '"') fail('expected a quoted field name');
      const key = string();
      space();
      if (text[i] !== ':') fail(`expected ':' after "${key}"`);
      i++;
      // Own properties only: "__proto__" is a field like any other (and unknown), never the object's prototype.
      Object.defineProperty(out, key, { value: value(path ? `${path}.${key}` : key, depth + 1), enumerable: true, writable: true, configurable: true });
      space();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') { i++; return out; }
      fail(`expected ',' or '}' after "${key}"`);
    }
  };
  const array = (path: string, depth: number) => {
    const out: unknown[] = [];
    i++; space();
    if (text[i] === ']') { i++; return out; }
    for (;;) {
      out.push(value(`${path}[${out.length}]`, depth + 1));
      space();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === ']') { i++; return out; }
      fail("expected ',' or ']'");
    }
  };
  const result = value('');
  space();
  if (i < text.length) fail('unexpected text after the end');
  return { value: result, lines };
}
