// `npx tsx bench/sim-speed-cli.ts [--hours 24] [--runs 3]`: the bench's soak (bench/sim-speed.ts) alone, run after
// run, each with its wall-clock speed and its speed in CPU time (simulated seconds per second of this process's CPU,
// steadier than the wall clock on a shared machine); one JSON object on stdout.
import { measureSimSpeed } from './sim-speed';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i < 0 ? fallback : Number(process.argv[i + 1]);
  if (!(v > 0)) { console.error(`usage: npx tsx bench/sim-speed-cli.ts [--hours H] [--runs N]`); process.exit(2); }
  return v;
};
const hours = arg('hours', 24), count = arg('runs', 3);

const runs = [];
for (let i = 0; i < count; i++) {
  const cpu = process.cpuUsage();
  const r = measureSimSpeed(hours);
  const used = process.cpuUsage(cpu), cpuS = (used.user + used.system) / 1e6;
  runs.push({ speed: Math.round(r.speed), cpuSpeed: Math.round(r.simulatedS / cpuS), wallS: Number(r.wallS.toFixed(2)), cpuS: Number(cpuS.toFixed(2)) });
  process.stderr.write(`run ${i + 1}: ${JSON.stringify(runs[i])}\n`);
}
console.log(JSON.stringify({ hours, runs }));
