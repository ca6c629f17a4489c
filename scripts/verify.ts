// `npm run verify [-- options]`: the exhaustive check of the composed system (docs/VERIFICATION.md), with a
// progress bar on stderr. Exit 0 when every property holds, 1 with counterexamples, 2 on bad options.
import { buildSync } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { CheckOptions, Progress, RunSpec, SharedBuffers, Violation } from '../verify';
import { MUTATIONS, mutationNames } from '../verify/mutations';
import { reportScenarioFile } from './lib/report-file';

type Checker = typeof import('../verify');

/**
 * The checker, as one esbuild bundle of verify/ (a data: URL): under tsx every imported binding the search touches
 * is reached through the loader's module wrapper, about 1.5 times slower over hundreds of millions of transitions.
 */
function bundleChecker(): string {
  const entry = fileURLToPath(new URL('../verify/index.ts', import.meta.url));
  const out = buildSync({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'error' });
  return `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`;
}

const USAGE = `usage: npm run verify -- [--json] [--out DIR] [--max-states N] [--stop] [--no-liveness] [--whole] [--self-check N] [--threads 1|2] [--break RULE]
  a single run instead of the default ones: [--airlocks 0-4] [--faults 0-7] [--prompt-scan] [--no-leaks]
  [--no-reboot] [--no-interlock] [--no-symmetry]
  --break RULE breaks a rule on purpose, to watch the checker catch it: ${mutationNames.join(', ')}`;

interface Args { json: boolean; out: string; common: CheckOptions; custom?: CheckOptions; broken?: string; threads?: number }

function parse(argv: string[]): Args | string {
  const args: Args = { json: false, out: 'test-artifacts/verify', common: {} };
  const custom: CheckOptions = {};
  let isCustom = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], num = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0) throw new Error(`${a} needs a whole number`);
      return v;
    };
    try {
      switch (a) {
        case '--json': args.json = true; break;
        case '--out': {
          const v = argv[++i];
          if (v === undefined || v.startsWith('-')) throw new Error(`--out needs a folder${v === undefined ? '' : ` (got the flag ${v})`}`);
          args.out = v; break;
        }
        case '--max-states': args.common.maxStates = num(); break;
        case '--stop': args.common.stopAtFirst = true; break;
        case '--no-liveness': args.common.liveness = false; break;
        case '--whole': args.common.parts = false; break;
        case '--self-check': args.common.selfCheck = num(); break;
        case '--threads': {
          const n = num();
          if (n < 1 || n > 2) throw new Error('--threads is 1 or 2');
          args.threads = n; break;
        }
        case '--airlocks': custom.airlocks = num(); isCustom = true; break;
        case '--faults': custom.faults = num(); isCustom = true; break;
        case '--prompt-scan': custom.promptScan = true; isCustom = true; break;
        case '--no-leaks': custom.leaks = false; isCustom = true; break;
        case '--no-reboot': custom.reboot = false; isCustom = true; break;
        case '--no-interlock': custom.interlock = false; isCustom = true; break;
        case '--no-symmetry': custom.symmetry = false; isCustom = true; break;
        case '--break': {
          const name = argv[++i] ?? '';
          // Own names only: `toString` is on every object's prototype, and breaks nothing.
          if (!Object.hasOwn(MUTATIONS, name)) throw new Error(`--break: no rule named ${JSON.stringify(name)}; the rules it can break: ${mutationNames.join(', ')}`);
          args.common.rules = MUTATIONS[name]!.rules;
          args.common.boot = MUTATIONS[name]!.boot;
          args.broken = name;
          break;
        }
        default: return `unknown option ${a}\n${USAGE}`;
      }
    } catch (e) { return `${(e as Error).message}\n${USAGE}`; }
  }
  if (isCustom) args.custom = custom;
  return args;
}

const tty = process.stderr.isTTY === true;
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

function bar(run: string, p: Progress, max: number | undefined, final: boolean): void {
  // Explored over discovered: the search is done when it has explored every state it found.
  const width = 24, fraction = max ? Math.min(1, p.states / max) : p.states ? p.explored / p.states : 0, filled = Math.round(fraction * width);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${run}: ${thousands(p.states)} states, ${thousands(p.transitions)} transitions, depth ${p.depth}, ${p.seconds.toFixed(1)} s, ${thousands(p.states / Math.max(p.seconds, 0.001))} states/s`;
  if (tty) process.stderr.write(`\r${line.padEnd(120)}${final ? '\n' : ''}`);
  else if (final) process.stderr.write(`${line}\n`);
}

/** What a run found, as plain data (it crosses from a worker thread). */
interface Summary {
  states: number; concreteStates: number; transitions: number; seconds: number; depth: number; complete: boolean;
  symmetry: boolean; airlocks: number;
}
interface Outcome { spec: RunSpec; result: Summary; violations: Violation[] }

// A worker thread runs its jobs in order (plain JavaScript: it crosses as text): each a whole run, or one thread's
// share of a run searched by several (`role`: 0 keeps the result, with the helpers' parts, which come over `port`);
// for a whole run, the projection check of a run onto the one it names, and the counterexamples, as plain data. It
// loads the same bundle, and takes the broken rule by name (functions do not cross).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const verify = await import(workerData.url), common = workerData.common, broken = workerData.broken;
  // Before any model: the memory's codes the same in every thread, so a state stored by one reads the same in another.
  verify.shareCodes(workerData.codes);
  if (broken) { common.rules = verify.MUTATIONS[broken].rules; common.boot = verify.MUTATIONS[broken].boot; }
  const spec = (n) => workerData.specs.find((s) => s.name === n), done = new Map(), outcomes = [];
  let last = 0;
  const progress = (run, p, final) => {
    const now = Date.now();
    if (final || now - last > 200) { last = now; parentPort.postMessage({ progress: [run, p, final] }); }
  };
  // The port's messages in order, each taken once.
  const inbox = (port) => { const got = [], waiting = []; port.on('message', (m) => (waiting.length ? waiting.shift()(m) : got.push(m))); return () => (got.length ? Promise.resolve(got.shift()) : new Promise((r) => waiting.push(r))); };
  const inboxes = new Map(), next = (port) => { if (!inboxes.has(port)) inboxes.set(port, inbox(port)); return inboxes.get(port)(); };
  for (const job of workerData.jobs) {
    const s = spec(job.name), options = { ...s.options, ...common, onProgress: (p) => progress(s.name, p, false) };
    let result;
    if (job.help) {
      // One liveness goal of the shared run (the deck's), over the graph the first thread built (or nothing, if it has none).
      const m = await next(job.port);
      if (m.graph) job.port.postMessage({ share: verify.livenessShare(m.graph, job.buffers.flags, m.bit) ?? null });
      job.port.close();
      continue;
    }
    if (job.role === undefined) result = verify.check(options);
    else if (job.role > 0) {
      const part = verify.searchShared(options, job.buffers, job.role, job.threads).part();
      job.port.postMessage(part, [part.from.buffer, part.to.buffer]);
      continue;
    } else {
      const search = verify.searchShared(options, job.buffers, 0, job.threads), got = [];
      for (let k = 1; k < job.threads; k++) got.push(await next(job.port));
      let asked = false;
      const helper = (graph, bit) => { asked = true; job.port.postMessage({ graph, bit }); return next(job.port).then((m) => m.share ?? undefined); };
      result = await search.finish(got, helper);
      if (!asked) job.port.postMessage({ graph: null });
      job.port.close();
    }
    progress(s.name, { states: result.states, explored: result.states, transitions: result.transitions, depth: result.depth, seconds: result.seconds }, true);
    const onto = s.projectsOnto ? done.get(s.projectsOnto) : undefined;
    if (onto && result.complete && onto.complete) {
      const p = verify.projectionCheck(result, onto), finding = verify.interference(p);
      if (finding) result.found.push({ finding, state: p.example ?? 0, count: p.extra + p.missing });
    }
    // Kept only while a later run projects onto it.
    if (workerData.specs.some((x) => x.projectsOnto === s.name)) done.set(s.name, result);
    const { states, concreteStates, transitions, seconds, depth, complete, model } = result;
    outcomes.push({
      spec: s,
      result: { states, concreteStates, transitions, seconds, depth, complete, symmetry: model.options.symmetry, airlocks: model.letters.length },
      violations: verify.violations(result),
    });
  }
  parentPort.postMessage({ outcomes });
})().catch((e) => parentPort.postMessage({ error: String((e && e.stack) || e) }));
`;

/** A worker's job: a run by name, whole or one thread's share of it (with the store and channel the threads share), or
 * (`help`) the second thread's share of that run's liveness, once its other runs are done. */
interface Job { name: string; role?: number; threads?: number; buffers?: SharedBuffers; port?: MessagePort; help?: boolean }

/** States a shared store is sized for (its memory is taken only as states arrive; the table, 512 MB, as it fills): a third above the four-airlock run. */
const SHARED_CAPACITY = 48_000_000;

/**
 * The runs on two worker threads, so the default runs share the machine's cores: a run with `threads` 2 (the
 * four-airlock run) is searched by both, each thread's share its first job; the other runs follow on the second
 * thread, a run and the one it projects onto together. The outcomes come back in the order of `specs`.
 */
async function runAll(verify: Checker, url: string, specs: readonly RunSpec[], common: CheckOptions, broken: string | undefined): Promise<Outcome[]> {
  const workers: Job[][] = [[], []], plainRuns: string[] = [];
  for (const spec of specs) {
    if ((spec.threads ?? 1) > 1 && !workers[0].some((j) => j.role !== undefined)) {
      const buffers = verify.sharedBuffers(new verify.Model({ ...spec.options, ...common, rules: undefined }).width, SHARED_CAPACITY), channel = new MessageChannel();
      workers[0].push({ name: spec.name, role: 0, threads: 2, buffers, port: channel.port1 });
      workers[1].push({ name: spec.name, role: 1, threads: 2, buffers, port: channel.port2 });
    } else plainRuns.push(spec.name);
  }
  // Without a shared run: the first run alone, the rest (the runs it projects onto with it) on the other core.
  if (workers[0].length === 0 && plainRuns.length > 0) {
    const first = specs.find((s) => s.name === plainRuns[0])!, own = [first.name, ...plainRuns.filter((n) => n !== first.name && (n === first.projectsOnto || specs.find((s) => s.name === n)!.projectsOnto === first.name))];
    workers[0].push(...own.map((name) => ({ name })));
    workers[1].push(...plainRuns.filter((n) => !own.includes(n)).map((name) => ({ name })));
  } else workers[1].push(...plainRuns.map((name) => ({ name })));
  // The second thread helps with the shared run's liveness after its own runs (the first builds the graph meanwhile).
  const shared = workers[1].find((j) => j.role !== undefined);
  if (shared) workers[1].push({ name: shared.name, help: true, buffers: shared.buffers, port: shared.port });
  const plain = { ...common, rules: undefined, boot: undefined }, codes = verify.sharedCodes();
  const specsPlain = specs.map(({ name, covers, options, projectsOnto }) => ({ name, covers, options, projectsOnto }));
  const results = await Promise.all(workers.filter((jobs) => jobs.length > 0).map((jobs) => new Promise<Outcome[]>((resolve, reject) => {
    const transferList = [...new Set(jobs.flatMap((j) => (j.port ? [j.port] : [])))];
    const worker = new Worker(WORKER, { eval: true, workerData: { url, jobs, specs: specsPlain, common: plain, broken, codes }, transferList });
    worker.on('message', (m: { progress?: [string, Progress, boolean]; outcomes?: Outcome[]; error?: string }) => {
      if (m.progress) bar(m.progress[0], m.progress[1], common.maxStates, m.progress[2]);
      else if (m.outcomes) { resolve(m.outcomes); void worker.terminate(); } else if (m.error) reject(new Error(m.error));
    });
    worker.on('error', reject);
  })));
  const all = results.flat();
  return specs.map((s) => all.find((o) => o.spec.name === s.name)!);
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** What a counterexample found with a broken rule is, said in its file and wherever it is named. */
const foundBroken = (rule: string) => `found with the rule ${JSON.stringify(rule)} broken (--break ${rule}): replayed by npm run scenario on the real rules it fails, where they part from the broken one`;

function writeScenarios(toScenario: Checker['toScenario'], outcomes: Outcome[], dir: string, broken: string | undefined): Map<Violation, string> {
  const files = new Map<Violation, string>();
  if (!outcomes.some((o) => o.violations.length)) return files;
  mkdirSync(dir, { recursive: true });
  for (const o of outcomes) {
    for (const v of o.violations) {
      const file = join(dir, `${slug(o.spec.name)}--${slug(v.property)}-${v.level}.json`);
      const { scenario } = toScenario(v);
      if (broken) scenario.description = `${scenario.description} This counterexample was ${foundBroken(broken)}.`;
      writeFileSync(file, `${JSON.stringify(scenario, null, 2)}\n`);
      files.set(v, file);
      // Its report beside it: the counterexample replayed on the simulator, charted (a report that fails is said, not fatal).
      try { reportScenarioFile(file, undefined, `Counterexample of ${v.property} found by npm run verify (${o.spec.name}).`); } catch (e) {
        console.error(`verify: no report for ${file}: ${(e as Error).message}`);
      }
    }
  }
  return files;
}

function printText(outcomes: Outcome[], files: Map<Violation, string>, broken: string | undefined): void {
  for (const { spec, result: r, violations: vs } of outcomes) {
    const reduction = r.concreteStates / r.states;
    console.log(`\n== ${spec.name}: ${spec.covers}`);
    console.log(`   ${thousands(r.states)} states${r.symmetry && r.airlocks > 1 ? ` (${thousands(r.concreteStates)} without symmetry: ${reduction.toFixed(1)}× fewer)` : ''}, ` +
      `${thousands(r.transitions)} transitions, depth ${r.depth}, ${r.seconds.toFixed(1)} s, ${thousands(r.states / Math.max(r.seconds, 0.001))} states/s` +
      `${r.complete ? '' : ' — INCOMPLETE (stopped early; liveness not checked)'}`);
    if (vs.length === 0) console.log('   every safety invariant and liveness property holds');
    for (const v of vs) {
      console.log(`\n   ${v.text.split('\n').join('\n   ')}\n   (${thousands(v.states)} states show it)${files.has(v) ? `\n   scenario: ${files.get(v)}${broken ? `\n   (${foundBroken(broken)})` : ''}` : ''}`);
    }
  }
  console.log(`\n${verdict(outcomes, files, broken)}`);
}

/** The closing line: what was checked, and what was found. */
function verdict(outcomes: Outcome[], files: Map<Violation, string>, broken: string | undefined): string {
  const states = outcomes.reduce((n, o) => n + o.result.states, 0), seconds = outcomes.reduce((n, o) => n + o.result.seconds, 0);
  const found = outcomes.reduce((n, o) => n + o.violations.length, 0), incomplete = outcomes.filter((o) => !o.result.complete).length;
  const checked = `${outcomes.length} run${outcomes.length === 1 ? '' : 's'}, ${thousands(states)} states, ${seconds.toFixed(1)} s${incomplete ? `, ${incomplete} stopped early` : ''}`;
  const saved = files.size ? `; ${files.size} scenario file${files.size === 1 ? '' : 's'} in ${[...new Set([...files.values()].map((f) => f.slice(0, f.lastIndexOf('/'))))].join(', ')}` : '';
  if (broken) {
    return found
      ? `verify: the broken rule ${JSON.stringify(broken)} was caught: ${found} counterexample${found === 1 ? '' : 's'} (${checked})${saved}. They show the broken rule: on the real rules each replay fails.`
      : `verify: the broken rule ${JSON.stringify(broken)} was NOT caught: every property held (${checked}).`;
  }
  return found ? `verify: FAILED: ${found} counterexample${found === 1 ? '' : 's'} (${checked})${saved}.` : `verify: every property holds (${checked}).`;
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  if (typeof args === 'string') { console.error(`verify: ${args}`); return 2; }
  const url = bundleChecker(), verify = await import(url) as Checker;
  const runs: readonly RunSpec[] = args.custom ? [{ name: 'custom', covers: JSON.stringify(args.custom), options: args.custom }] : verify.DEFAULT_RUNS;
  const specs = args.threads === undefined ? runs : runs.map((r) => ({ ...r, threads: args.threads }));
  const outcomes = await runAll(verify, url, specs, args.common, args.broken);
  const files = writeScenarios(verify.toScenario, outcomes, args.out, args.broken);
  const all = outcomes.flatMap((o) => o.violations.map((v) => ({ run: o.spec.name, v })));
  if (args.json) {
    const sum = (f: (r: Summary) => number) => outcomes.reduce((n, o) => n + f(o.result), 0);
    console.log(JSON.stringify({
      ok: all.length === 0, broken: args.broken ?? null,
      states: sum((r) => r.states), transitions: sum((r) => r.transitions), seconds: Number(sum((r) => r.seconds).toFixed(3)),
      violations: all.map(({ run, v }) => ({
        run, property: v.property, level: v.level, detail: v.detail, states: v.states, scenario: files.get(v),
        trace: v.trace.map((s) => `${s.kind}: ${s.event}`), loopsTo: v.loopsTo, waitsFrom: v.waitsFrom,
      })),
      runs: outcomes.map(({ spec, result: r }) => ({
        name: spec.name, covers: spec.covers, options: spec.options, states: r.states, concreteStates: r.concreteStates,
        reduction: Number((r.concreteStates / r.states).toFixed(2)), transitions: r.transitions, seconds: r.seconds,
        statesPerSecond: Math.round(r.states / Math.max(r.seconds, 0.001)), depth: r.depth, complete: r.complete,
      })),
    }));
  } else printText(outcomes, files, args.broken);
  return all.length ? 1 : 0;
}

process.exitCode = await main();
