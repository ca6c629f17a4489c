// `npm run bench [-- --json] [-- --quick] [-- --record] [-- --moddable]`: dispatch against XState v5 and robot3 on Node and on XS, allocation per
// event on XS, minified sizes, and simulation speed. `--json` prints one JSON object and nothing else on stdout
// (progress goes to stderr); `--quick` is a tiny setting that only shows the machinery works; `--record` also keeps a
// full run in docs/bench-runs.json (the latest three) and rewrites docs/BENCHMARKS.md's results table from them
// (bench/results-doc.ts). `--moddable` measures the footprint on the Moddable SDK's runtime instead
// (bench/moddable/footprint.ts; needs $MODDABLE): every board's peak XS heap and stack against its manifest's
// `creation`, and its bytecode; `--soak` adds the harness's simulated hour; `--record` with it writes the run to
// bench/moddable/recorded.json and regenerates the docs' SDK figures from it.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { disagreements } from './dispatch/agree';
import { implementations, measureDispatch, streams, type DispatchResult } from './dispatch/measure';
import { measureSimSpeed } from './sim-speed';
import { engineBytes, engineGzipBytes, firmwareBytes } from './size';
import { runXsBench } from './xs/bench';
import { xsVersion } from './xs/worker';
import { printReport, type BenchReport } from './report';
import { measureModdableFootprint, printModdableFootprint } from './moddable/footprint';
import { recordFootprint } from './moddable/sdk-docs';
import { recordRun, type BenchJson } from './results-doc';

const args = process.argv.slice(2);
const json = args.includes('--json'), quick = args.includes('--quick'), moddable = args.includes('--moddable');
const soak = args.includes('--soak'), record = args.includes('--record');
// `--board NAME` (repeatable) measures only those boards on Moddable's runtime: a check, never recorded.
const only = args.flatMap((a, i) => (args[i - 1] === '--board' ? [a] : []));
const unknown = args.filter((a, i) => !['--json', '--quick', '--moddable', '--soak', '--record', '--board'].includes(a) && args[i - 1] !== '--board');
const usage = 'usage: npm run bench [-- --json] [-- --quick] [-- --record] | [-- --moddable [--soak] [--record | --board NAME…]]';
const misuse = unknown.length ? `unknown option ${unknown.join(' ')}`
  : !moddable && soak ? '--soak goes with --moddable'
  : only.length && (!moddable || record) ? '--board goes with --moddable, and a run of some boards is not recorded'
  : record && quick ? '--record keeps only a full run (not --quick)' : undefined;
if (misuse) {
  console.error(`bench: ${misuse}\n${usage}`);
  process.exit(2);
}

const settings = quick
  ? { rounds: 1, roundMs: 5, xsRounds: 1, xsRoundMs: 5, allocationEvents: 100, soakEvents: 10_000, simHours: 0.05 }
  : { rounds: 31, roundMs: 20, xsRounds: 9, xsRoundMs: 60, allocationEvents: 1000, soakEvents: 1_000_000, simHours: 24 };

const started = performance.now();
const progress = (line: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

async function main(): Promise<BenchReport> {
  const { ours, ...others } = implementations, s = streams();
  const differ = (['airlock', 'bay door'] as const).flatMap((m) => disagreements(m, s[m], ours, others));
  if (differ.length) throw new Error(`the XState or robot3 copies are not the firmware's machines:\n${differ.join('\n')}`);
  progress('Node: dispatch, interleaved');
  const node: DispatchResult = measureDispatch({ rounds: settings.rounds, roundMs: settings.roundMs, now: () => performance.now() });
  const xs = await runXsBench({ rounds: settings.xsRounds, roundMs: settings.xsRoundMs, allocationEvents: settings.allocationEvents, soakEvents: settings.soakEvents }, progress);
  if (xs.disagreements.length) throw new Error(`on XS, the XState or robot3 copies differ:\n${xs.disagreements.join('\n')}`);
  progress('sizes');
  const bytes = { engine: await engineBytes(), firmware: await firmwareBytes() };
  progress(`simulation: ${settings.simHours} h soak`);
  const sim = measureSimSpeed(settings.simHours);
  const machine = `${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, XS ${xsVersion()} (@agoric/xsnap)`;
  return { settings, node, xs, bytes, engineGzip: await engineGzipBytes(), sim, machine };
}

if (moddable) {
  // The footprint on Moddable's own runtime (mcsim), with the SDK the user installed: bench/moddable/footprint.ts.
  // --record keeps the run in bench/moddable/recorded.json and regenerates the docs' figures from it (docs:sdk).
  measureModdableFootprint(progress, { soak, ...(only.length ? { boards: only } : {}) }).then((f) => {
    if (json) console.log(JSON.stringify(f)); else printModdableFootprint(f);
    if (record) progress(recordFootprint(f));
    progress('done');
  }, (error: unknown) => {
    console.error(`bench --moddable: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
} else main().then((report) => {
  const rate = (r: DispatchResult) => ({ ours: r.ours.both, xstate: r.xstate.both, robot3: r.robot3.both });
  const result: BenchJson = {
    dispatch: { node: rate(report.node), xs: rate(report.xs.dispatch) },
    xsAllocationsPerEvent: Math.max(...Object.values(report.xs.allocations.ours)),
    bytes: report.bytes,
    simSpeed: report.sim.speed,
  };
  if (json) console.log(JSON.stringify(result)); else printReport(report);
  if (record) {
    recordRun({ at: new Date().toISOString().slice(0, 16).replace('T', ' '), load: loadavg()[0], result });
    progress('recorded in docs/bench-runs.json and docs/BENCHMARKS.md');
  }
  progress('done');
}, (error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
