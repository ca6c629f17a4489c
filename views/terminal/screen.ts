// The live terminal view of `npm start`: every machine's state and goal, doors, pressures, the deck's requirements.
import { deckRequirements } from '../../firmware/machines';
import type { Door } from '../../sim/physics';
import { buttonSummary } from './buttons';
import { stateLabel } from '../report/chart-svg';
import { lettersOf } from '../../sim/samples';
import { keyHelpFor } from './keys';
import { helpPages, renderCompact } from './screen-compact';
import { formatReport, formatTime } from './timeline';
import type { ScreenSize, ScreenState, ScreenWorld } from './screen-types';

const bar = (d: Readonly<Door>, width = 10) => {
  const filled = Math.round(d.position * width);
  const motion = d.jammed ? ' JAMMED' : d.motor === 1 ? ' opening' : d.motor === -1 ? ' closing' : '';
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(d.position * 100)).padStart(3)}%${motion}`;
};
const onOff = (on: boolean) => (on ? 'ON ' : 'off');
const kPa = (x: number) => `${x.toFixed(1).padStart(5)} kPa`;
const bold = (s: string, colour: boolean) => (colour ? `\x1b[1m${s}\x1b[0m` : s);

const DETAILED_COLUMNS = 130, DETAILED_ROWS = 32;

/** How many pages the `?` help takes on a terminal of `size` (the detailed view shows it whole). */
export function helpPagesFor(world: ScreenWorld, size: ScreenSize, s: Pick<ScreenState, 'helpText' | 'keysHint'> = {}): number {
  if (size.columns >= DETAILED_COLUMNS && size.rows >= DETAILED_ROWS) return 1;
  const compact = renderCompact(world, { ...s, speed: 1, paused: false, message: '', recent: [], help: 0 }, false, size);
  return Number(/help 1\/(\d+)/.exec(compact)?.[1] ?? 1);
}

/** The view for a terminal of `size` (default: unbounded, the detailed view). */
export function renderScreen(world: ScreenWorld, s: ScreenState, colour: boolean, size: ScreenSize = { columns: Infinity, rows: Infinity }): string {
  if (size.columns < DETAILED_COLUMNS || size.rows < DETAILED_ROWS) return renderCompact(world, s, colour, size);
  return renderDetailed(world, s, colour);
}

function renderDetailed(world: ScreenWorld, s: ScreenState, colour: boolean): string {
  const { model, controller } = world, m = controller.machines;
  const lines: string[] = [];
  const title = s.title ?? 'Launch bay simulator';
  lines.push(bold(`${title}   t ${formatTime(world.clock.now())}   speed x${s.speed}${s.paused ? '   PAUSED' : ''}   board ${controller.board.name}`, colour), '');
  const deck = m['battle deck'];
  if (deck) {
    const goal = deck.goal as keyof typeof deckRequirements | undefined;
    const req = goal ? deckRequirements[goal] : undefined;
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    lines.push(`Battle deck      ${stateLabel(deck.state).padEnd(22)} goal ${goal ?? '-'}` + (req
      ? `   requires door E ${req.bayDoor} (${met(m['bay door']?.state === req.bayDoor)}), bay ${req.bayEnvironment} (${met(m['bay environment']?.state === req.bayEnvironment)})` : ''));
  }
  const env = m['bay environment'];
  if (env) {
    const b = model.bay;
    lines.push(`Bay environment  ${stateLabel(env.state).padEnd(22)} ${kPa(b.kPa)}  ${b.tempC.toFixed(1).padStart(5)} °C   pump ${onOff(b.pumpOn)} vent ${onOff(b.ventOn)} heater ${onOff(b.heaterOn)}${b.leakKpaPerS > 0 ? `   LEAK ${b.leakKpaPerS} kPa/s` : ''}`);
  }
  if (m['bay door']) lines.push(`Door E           ${stateLabel(m['bay door'].state).padEnd(22)} ${bar(model.bayDoor, 20)}`);
  lines.push('');
  for (const l of lettersOf(model)) {
    const a = m[`airlock ${l}`], p = model.airlocks[l];
    if (!a || !p) continue;
    lines.push(`Airlock ${l}        ${stateLabel(a.state).padEnd(22)} goal ${(a.goal ?? '-').padEnd(20)} chamber ${kPa(p.chamberKpa)}  pump ${onOff(p.pumpOn)} vent ${onOff(p.ventOn)}`);
    lines.push(`                 outer ${bar(p.outer)}   inner ${bar(p.inner)}`);
  }
  const out = model.outputs;
  lines.push('', `Indicators: beeper ${onOff(out['beeper'])}  klaxon ${onOff(out['klaxon'])}  warning lights ${onOff(out['warning lights'])}`);
  if (s.help !== undefined) lines.push('', ...(s.helpText ?? keyHelpFor(lettersOf(model))).split('\n'), '— help: ? or Esc closes —');
  else lines.push('', 'Recent:', ...s.recent.slice(-6).map((r) => `  ${formatReport(r)}`));
  lines.push('', `Airlock ${buttonSummary}`);
  lines.push(s.message ? `> ${s.message}` : '> press ? for keys');
  return lines.join('\n');
}
