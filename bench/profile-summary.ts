// `npx tsx bench/profile-summary.ts FILE.cpuprofile [N]`: where the soak (`soak` in bench/sim-speed.ts) spent its time
// in a CPU profile (node --cpu-prof), per function and file: the N largest by time inside (self) and by time
// including what they call (inclusive), in % of the soak. Start-up and module loading are left out; the garbage
// collector, which runs outside any frame, is counted in proportion to the soak's share of the JS. Used as
//   node --import tsx --cpu-prof --cpu-prof-dir=DIR bench/sim-speed-cli.ts --hours 6 --runs 1
// (tsx's loader thread writes a second, smaller profile: take the largest file).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Node { id: number; callFrame: { functionName: string; url: string }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const [file, top = '25'] = process.argv.slice(2);
if (!file) { console.error('usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [N]'); process.exit(2); }
const profile: Profile = JSON.parse(readFileSync(file, 'utf8'));

const where = (url: string) => (url.startsWith('file://') ? relative(process.cwd(), fileURLToPath(url)) : url);
const name = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}`.trim();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const timeOf = new Map<number, number>();
profile.samples.forEach((id, i) => timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const isSoak = (n: Node) => n.callFrame.functionName === 'soak' && n.callFrame.url.endsWith('/bench/sim-speed.ts');
const self = new Map<string, number>(), inclusive = new Map<string, number>();
let gc = 0, js = 0, soakJs = 0;
for (const [id, t] of timeOf) {
  const n = byId.get(id)!;
  if (n.callFrame.functionName === '(garbage collector)') { gc += t; continue; }
  if (n.callFrame.url === '') continue; // (root), (program), (idle)
  js += t;
  // The frames up to the soak's, each function once however deep it recurses; samples outside the soak are dropped.
  const chain: string[] = [];
  let at: number | undefined = id;
  for (; at !== undefined && !isSoak(byId.get(at)!); at = parent.get(at)) chain.push(name(byId.get(at)!));
  if (at === undefined) continue;
  soakJs += t;
  self.set(chain[0] ?? name(byId.get(at)!), (self.get(chain[0] ?? name(byId.get(at)!)) ?? 0) + t);
  for (const k of new Set(chain)) inclusive.set(k, (inclusive.get(k) ?? 0) + t);
}
if (soakJs === 0) { console.error(`${file}: no soak in this profile`); process.exit(1); }
const gcShare = js > 0 ? (gc * soakJs) / js : 0, soak = soakJs + gcShare;
self.set('(garbage collector)', gcShare);

const show = (title: string, m: Map<string, number>) => {
  console.log(title);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log(`${((100 * t) / soak).toFixed(1).padStart(6)} %  ${k}`);
};
console.log(`${(soak / 1e6).toFixed(2)} s in the soak`);
show('self', self);
show('inclusive', inclusive);
