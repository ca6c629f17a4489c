// The terminal view at 80×24: the deck, door E, the environment and each airlock on one line, recent events,
// and the keys; no line wider than the terminal.
import type { AirlockLetter } from '../../firmware/board/signals';
import type { ControllerReport } from '../../firmware/controller';
import type { Door } from '../../sim/physics';
import { buttonKeys, keyHelpFor } from './keys';
import { stateLabel } from '../report/chart-svg';
import { lettersOf } from '../../sim/samples';
import type { ScreenSize, ScreenState, ScreenWorld } from './screen-types';
import { formatTime, reportBody } from './timeline';

const pct = (d: Readonly<Door>) => `${String(Math.round(d.position * 100)).padStart(3)}%${d.jammed ? '!' : d.motor === 1 ? '↑' : d.motor === -1 ? '↓' : ' '}`;
const on = (x: boolean, letter: string) => (x ? letter : '·');

/** Cuts a line to `width` characters, marking the cut. */
function fit(line: string, width: number): string {
  const chars = [...line];
  return chars.length <= width ? line : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

export function renderCompact(world: ScreenWorld, s: ScreenState, colour: boolean, size: ScreenSize): string {
  const { model, controller } = world, m = controller.machines, width = Math.max(20, Math.min(size.columns, 200));
  const top: string[] = [], deck = m['battle deck'], env = m['bay environment'], b = model.bay;
  top.push(`${s.title ?? 'Launch bay'}  t ${formatTime(world.clock.now(), 1)}  x${s.speed}${s.paused ? ' PAUSED' : ''}  ${controller.board.name}`);
  if (deck) top.push(`Deck     ${stateLabel(deck.state).padEnd(21)} goal ${deck.goal ?? '-'}`);
  if (m['bay door']) top.push(`Door E   ${stateLabel(m['bay door'].state).padEnd(21)} door ${pct(model.bayDoor)}`);
  if (env) {
    top.push(`Bay      ${stateLabel(env.state).padEnd(21)} ${b.kPa.toFixed(1).padStart(5)} kPa ${b.tempC.toFixed(1).padStart(5)} °C`
      + ` pump ${on(b.pumpOn, 'P')} vent ${on(b.ventOn, 'V')} heat ${on(b.heaterOn, 'H')}${b.leakKpaPerS > 0 ? ` LEAK ${b.leakKpaPerS}` : ''}`);
  }
  for (const l of lettersOf(model)) {
    const a = m[`airlock ${l}`], p = model.airlocks[l];
    if (!a || !p) continue;
    top.push(`Airlk ${l}  ${stateLabel(a.state).padEnd(21)}→${(a.goal ?? '-').padEnd(20)}${p.chamberKpa.toFixed(1).padStart(5)}kPa o${pct(p.outer)}i${pct(p.inner)}`);
  }
  const out = model.outputs;
  top.push(`beeper ${out['beeper'] ? 'ON' : 'off'}  klaxon ${out['klaxon'] ? 'ON' : 'off'}  lights ${out['warning lights'] ? 'ON' : 'off'}   door % ↑opening ↓closing !jammed`);
  const letters = lettersOf(model);
  // The footer and the status line wrap rather than lose their ends.
  const footer = [
    'Buttons: 1 bay side, 2 inside → outer door; 3 inside, 4 ship side → inner door',
    s.keysHint ?? `Keys: ${buttonKeys(letters)} | deck A R X | l leak j jam ! reset ? help`,
    s.message ? `> ${s.message}` : '> space pause, + faster, - slower, Ctrl-C quits',
  ].flatMap((line) => wrap(line, width, '  '));
  const rows = Math.min(size.rows, 200) - 1; // the frame ends with a newline: one row stays free so nothing scrolls
  const rule = '─'.repeat(Math.min(width, 80));
  let middle: string[];
  if (s.help !== undefined) {
    const pages = helpPages(letters, width, Math.max(1, rows - top.length - footer.length - 1), s.helpText);
    middle = pages[Math.min(s.help, pages.length - 1)];
  } else {
    // The latest veto or fault's reason, in full, wrapped on lines of its own: the reason is the point of the line.
    const why = latestWhy(s.recent);
    const reason = why ? wrap(`Why: ${formatTime(why.t, 1).replace(/^00:/, '')} ${why.machine}: ${reportBody(why)}`, width, '     ') : [];
    // Recent events fill what is left, newest last, one line each (cut: the reason above is whole).
    const room = Math.max(0, rows - top.length - footer.length - 1 - reason.length);
    const recent = room > 0 ? s.recent.slice(-room).map((r) => `${formatTime(r.t, 1).replace(/^00:/, '')} ${r.machine}: ${reportBody(r)}`) : [];
    middle = [...recent, ...reason];
  }
  const lines = [...top, rule, ...middle, ...footer].slice(0, rows).map((line) => fit(line, width));
  if (colour) lines[0] = `\x1b[1m${lines[0]}\x1b[0m`;
  return lines.join('\n');
}

/** The newest veto, refusal or fault: the report a person most needs explained. */
function latestWhy(recent: readonly ControllerReport[]): ControllerReport | undefined {
  for (let i = recent.length - 1; i >= 0; i--) if (WHY_KINDS[recent[i].kind]) return recent[i];
  return undefined;
}
const WHY_KINDS: { [kind: string]: boolean } = { veto: true, fault: true, interlock: true, impossible: true };

/** Splits `line` at spaces into lines no wider than `width`; continuation lines start with `indent`. */
function wrap(line: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  let rest = line;
  while ([...rest].length > width) {
    const chars = [...rest], cut = chars.slice(0, width + 1).join('').lastIndexOf(' ');
    const at = cut > indent.length ? cut : width;
    out.push(chars.slice(0, at).join('').trimEnd());
    rest = indent + chars.slice(at).join('').trimStart();
  }
  out.push(rest);
  return out;
}

/** The `?` help (`text`, default the simulator's keys), wrapped to the terminal and cut into pages of `rows` lines, each saying how to go on. */
export function helpPages(letters: readonly AirlockLetter[], width: number, rows: number, text = keyHelpFor(letters)): string[][] {
  const lines = text.split('\n').flatMap((l) => wrap(l, width, '    '));
  const per = Math.max(1, rows - 1), count = Math.ceil(lines.length / per), pages: string[][] = [];
  for (let p = 0; p < count; p++) {
    const more = p + 1 < count ? '? next page, Esc closes' : '? or Esc closes';
    pages.push([...lines.slice(p * per, (p + 1) * per), `— help ${p + 1}/${count}: ${more} —`]);
  }
  return pages;
}
