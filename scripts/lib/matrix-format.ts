// Renders a machine definition as the seed draws it (states down, events across), in several formats.
import { describeCell, type Cell, type MachineDefinition } from '../../firmware';

export const formats = ['text', 'markdown', 'csv', 'json', 'mermaid'] as const;
export type Format = (typeof formats)[number];

type Def = MachineDefinition<string, string, string, string>;

/** Every state a `follow goal` cell may lead to, found by trying every goal and sensor combination. */
export function followTargets(def: Def): string[] {
  if (!def.follow) return [];
  const found = new Set<string>();
  const goals: (string | undefined)[] = [undefined, ...def.goals];
  for (let bits = 0; bits < 1 << def.sensors.length; bits++) {
    const sensors = Object.fromEntries(def.sensors.map((name, i) => [name, () => ((bits >> i) & 1) === 1]));
    found.add(def.follow.rest(sensors));
    for (const goal of goals) {
      for (const from of def.states) found.add(def.follow.next(def.follow.goal ? def.follow.goal(goal, sensors) : goal, sensors, from));
    }
  }
  return def.states.filter((s) => found.has(s));
}

/** Every state a `from sensors` cell may lead to, found by trying every sensor combination. */
export function senseTargets(def: Def): string[] {
  if (!def.sense) return [];
  const found = new Set<string>();
  for (let bits = 0; bits < 1 << def.sensors.length; bits++) {
    found.add(def.sense(Object.fromEntries(def.sensors.map((name, i) => [name, () => ((bits >> i) & 1) === 1]))));
  }
  return def.states.filter((s) => found.has(s));
}

function cellTargets(def: Def, cell: Cell<string>): string[] {
  switch (cell.kind) {
    case 'to': return [cell.target];
    case 'when': return [cell.then, cell.otherwise].flatMap((c) => (c.kind === 'to' ? [c.target] : []));
    case 'follow goal': return followTargets(def);
    case 'from sensors': return senseTargets(def);
    default: return [];
  }
}

const rows = (def: Def) => def.states.map((state) => def.events.map((event) => def.cell(state, event)));

export function toMarkdown(def: Def): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [`| state \\ event | ${def.events.map(esc).join(' | ')} |`, `|---|${def.events.map(() => '---').join('|')}|`];
  rows(def).forEach((cells, s) => lines.push(`| ${esc(def.states[s])} | ${cells.map((c) => esc(describeCell(c))).join(' | ')} |`));
  return lines.join('\n') + '\n';
}

export function toCsv(def: Def): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['state \\ event', ...def.events].map(q).join(',')];
  rows(def).forEach((cells, s) => lines.push([def.states[s], ...cells.map(describeCell)].map(q).join(',')));
  return lines.join('\n') + '\n';
}

export function toJson(def: Def): string {
  const cells = def.states.flatMap((state) => def.events.map((event) => {
    const cell = def.cell(state, event);
    return { state, event, kind: cell.kind, targets: cellTargets(def, cell), ...(cell.kind === 'when' ? { sensor: cell.sensor } : {}) };
  }));
  return JSON.stringify({ name: def.name, states: def.states, events: def.events, initial: def.initial,
    sensors: def.sensors, goals: def.goals, cells }, null, 2) + '\n';
}

export function toMermaid(def: Def): string {
  const id = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '_');
  const lines = ['stateDiagram-v2'];
  for (const s of def.states) lines.push(`  state "${s}" as ${id(s)}`);
  lines.push(`  [*] --> ${id(def.initial)}`);
  for (const state of def.states) for (const event of def.events) {
    const cell = def.cell(state, event);
    const edge = (to: string, label: string) => lines.push(`  ${id(state)} --> ${id(to)} : ${label}`);
    if (cell.kind === 'to') edge(cell.target, event);
    if (cell.kind === 'when') {
      if (cell.then.kind === 'to') edge(cell.then.target, `${event} [${cell.sensor}]`);
      if (cell.otherwise.kind === 'to') edge(cell.otherwise.target, `${event} [not ${cell.sensor}]`);
    }
    if (cell.kind === 'follow goal') for (const to of followTargets(def)) edge(to, `${event} (follow goal)`);
    if (cell.kind === 'from sensors') for (const to of senseTargets(def)) edge(to, `${event} (from sensors)`);
  }
  return lines.join('\n') + '\n';
}

const COLOUR: { [kind: string]: string } = {
  'to': '\x1b[32m', 'when': '\x1b[35m', 'follow goal': '\x1b[36m', 'from sensors': '\x1b[36m', 'beep': '\x1b[33m', 'impossible': '\x1b[2;31m', 'no change': '\x1b[2m',
};

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) { out.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  out.push(line);
  return out;
}

/**
 * The terminal table: cells in words, wrapped to fit, coloured by kind when `colour` is on. Wider than
 * `maxWidth`, the events are split into several tables, each repeating the state column; cells narrow first
 * when even one event column would not fit.
 */
function toText(def: Def, colour: boolean, maxWidth = Infinity): string {
  const cellWidth = Number.isFinite(maxWidth) ? Math.max(8, Math.min(14, Math.floor((maxWidth - 3) / 2))) : 14;
  const header = ['state \\ event', ...def.events].map((h) => wrap(h, cellWidth));
  const body = rows(def).map((cells, s) => [{ text: wrap(def.states[s], cellWidth), kind: '' },
    ...cells.map((c) => ({ text: wrap(describeCell(c).replace(/→ /g, '→\u00a0'), cellWidth), kind: c.kind }))]);
  const widths = header.map((h, col) => Math.max(...h.map((l) => l.length), ...body.map((r) => Math.max(...r[col].text.map((l) => l.length)))));
  const paint = (text: string, kind: string) => {
    const s = text.replace(/\u00a0/g, ' ');
    return colour && COLOUR[kind] ? `${COLOUR[kind]}${s}\x1b[0m` : s;
  };
  // Pages of event columns: as many as fit beside the state column.
  const pages: number[][] = [];
  for (let col = 1, used = Infinity; col < widths.length; col++) {
    if (used + 3 + widths[col] > maxWidth || pages.length === 0) { pages.push([col]); used = widths[0] + 3 + widths[col]; } else { pages[pages.length - 1].push(col); used += 3 + widths[col]; }
  }
  const lines = [`${def.name} (initial state: ${def.initial})`];
  pages.forEach((page, n) => {
    const cols = [0, ...page];
    const render = (row: { text: string[]; kind: string }[]) => {
      const height = Math.max(...cols.map((c) => row[c].text.length));
      return Array.from({ length: height }, (_, i) => cols.map((c) => paint((row[c].text[i] ?? '').padEnd(widths[c]), row[c].kind)).join(' │ ').trimEnd());
    };
    const rule = cols.map((c) => '─'.repeat(widths[c])).join('─┼─');
    if (pages.length > 1) lines.push('', `events ${page[0]}–${page[page.length - 1]} of ${widths.length - 1}:`);
    lines.push(...render(header.map((text) => ({ text, kind: '' }))), rule);
    for (const row of body) lines.push(...render(row), rule);
  });
  return lines.join('\n') + '\n';
}

export function render(def: Def, format: Format, colour = false, maxWidth = Infinity): string {
  switch (format) {
    case 'text': return toText(def, colour, maxWidth);
    case 'markdown': return toMarkdown(def);
    case 'csv': return toCsv(def);
    case 'json': return toJson(def);
    case 'mermaid': return toMermaid(def);
  }
}
