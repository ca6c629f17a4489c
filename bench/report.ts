// The readable form of a bench run: tables of rates, ratios, allocations, sizes and simulation speed, each beside
// its target (the issue's), saying whether it is met and by how much it is missed.
import type { DispatchResult } from './dispatch/measure';
import type { SimSpeed } from './sim-speed';
import type { XsBenchResult } from './xs/bench';
import { listBoards } from '../scripts/lib/board-file';

export interface BenchReport {
  settings: { rounds: number; roundMs: number; xsRounds: number; xsRoundMs: number; allocationEvents: number; soakEvents: number; simHours: number };
  node: DispatchResult;
  xs: XsBenchResult;
  bytes: { engine: number; firmware: { [board: string]: number } };
  /** The engine minified and gzipped: not a target, for comparison only. */
  engineGzip: number;
  sim: SimSpeed;
  /** Where it ran: processors, CPU model, Node and XS versions. */
  machine: string;
}

const targets = { vsXstate: 100, vsRobot3: 20, allocations: 0, engineBytes: 2048, firmwareBytes: 32768, simSpeed: 10_000 };

const rate = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0));
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pad = (s: string, n: number) => s.padEnd(n);
const atLeast = (got: number, want: number, unit = '') =>
  (got >= want ? `met (≥ ${int(want)}${unit})` : `MISSED: ${int(want)}${unit} wanted, ${((1 - got / want) * 100).toFixed(0)}% short`);
const atMost = (got: number, want: number, unit = '') =>
  (got <= want ? `met (≤ ${int(want)}${unit})` : `MISSED: ≤ ${int(want)}${unit} wanted, ${int(got - want)}${unit} over`);

function dispatchRows(engine: string, r: DispatchResult, judge: boolean): string[] {
  return (['airlock', 'bay door', 'both'] as const).map((m) => {
    const vsX = r.ours[m] / r.xstate[m], vsR = r.ours[m] / r.robot3[m];
    const cells = [pad(engine, 6), pad(m, 10), pad(rate(r.ours[m]), 11), pad(rate(r.xstate[m]), 11), pad(rate(r.robot3[m]), 11),
      pad(`${vsX.toFixed(1)}×`, 9), `${vsR.toFixed(1)}×`];
    const verdict = judge && m === 'both' ? `   XState: ${atLeast(vsX, targets.vsXstate, '×')}; robot3: ${atLeast(vsR, targets.vsRobot3, '×')}` : '';
    return cells.join(' ') + verdict;
  });
}

export function printReport(report: BenchReport): void {
  const { settings: s, node, xs, bytes, sim } = report;
  const out: string[] = [`Machine: ${report.machine}`, ''];
  out.push(`Dispatch, events per second: medians of interleaved rounds (Node ${s.rounds} × ${s.roundMs} ms, XS ${s.xsRounds} × ${s.xsRoundMs} ms),`);
  out.push('a fixed pseudo-random cycle of legal events, one pre and one post hook; "both" is an even mix of the two machines.');
  out.push(`${pad('engine', 6)} ${pad('machine', 10)} ${pad('ours', 11)} ${pad('XState v5', 11)} ${pad('robot3', 11)} ${pad('÷XState', 9)} ÷robot3`);
  out.push(...dispatchRows('Node', node, true), ...dispatchRows('XS', xs.dispatch, false), '');

  out.push(`Allocation on XS: heap slots per event over ${int(s.allocationEvents)} events after gc()`);
  out.push(`${pad('machine', 10)} ${pad('ours', 8)} ${pad('XState v5', 10)} robot3`);
  for (const m of ['airlock', 'bay door'] as const) {
    out.push(`${pad(m, 10)} ${pad(xs.allocations.ours[m].toFixed(1), 8)} ${pad(xs.allocations.xstate[m].toFixed(1), 10)} ${xs.allocations.robot3[m].toFixed(1)}`);
  }
  const worst = Math.max(...Object.values(xs.allocations.ours));
  out.push(`ours: ${atMost(worst, targets.allocations, ' slots')}; over ${int(s.soakEvents)} events the heap grew by ` +
    `${xs.soakGrowth.airlock} (airlock) and ${xs.soakGrowth['bay door']} (bay door) slots`, '');

  out.push('Size, minified bytes');
  out.push(`${pad('engine (firmware/core)', 26)} ${pad(int(bytes.engine), 8)} ${atMost(bytes.engine, targets.engineBytes)} (gzipped: ${int(report.engineGzip)})`);
  for (const [board, n] of Object.entries(bytes.firmware)) {
    out.push(`${pad(`firmware, ${board}`, 26)} ${pad(int(n), 8)} ${atMost(n, targets.firmwareBytes)}`);
  }
  const bench = listBoards().filter((b) => !(b in bytes.firmware));
  if (bench.length) out.push(`(${bench.join(', ')}: bench boards running StandardFirmata, not this firmware)`);
  out.push('');
  out.push(`Simulation: ${s.simHours} h of random operator actions (${sim.actions}) in ${sim.wallS.toFixed(1)} s: ` +
    `${int(sim.speed)}× real time, ${atLeast(sim.speed, targets.simSpeed, '×')}`);
  console.log(out.join('\n'));
}
