// `npm ci` on the oldest Node that package.json admits prints no EBADENGINE: every locked package's engines admit it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Version = [number, number, number];

function version(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text.replace(/^v/, '').split('.').map((p) => (p === 'x' || p === '*' ? 0 : Number(p)));
  return [major, minor, patch];
}
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether `v` satisfies an npm engines range of the forms the lockfile uses: `>=a`, `^a`, `a`, `*`, joined by `||` and spaces. */
export function admits(range: string, v: Version): boolean {
  return range.split('||').some((set) => set.trim().replace(/([<>=^~]+)\s+/g, '$1').split(/\s+/).every((c) => {
    if (c === '*' || c === '') return true;
    const [, op = '', rest = ''] = /^([<>=^~]*)(.*)$/.exec(c)!;
    const w = version(rest);
    if (op === '>=') return compare(v, w) >= 0;
    if (op === '>') return compare(v, w) > 0;
    if (op === '<') return compare(v, w) < 0;
    if (op === '<=') return compare(v, w) <= 0;
    if (op === '^') return compare(v, w) >= 0 && (w[0] > 0 ? v[0] === w[0] : v[0] === 0 && v[1] === w[1]);
    if (op === '~') return compare(v, w) >= 0 && v[0] === w[0] && v[1] === w[1];
    const parts = rest.split('.');
    return parts.every((p, i) => p === 'x' || p === '*' || Number(p) === v[i]);
  }));
}

describe('the Node versions the project admits', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: { [path: string]: { engines?: { node?: string } | string[]; optional?: boolean } } };
  const oldest = version(pkg.engines.node.replace(/^>=\s*/, ''));

  it('reads npm ranges as npm does', () => {
    expect(admits('>=22', [20, 19, 0])).toBe(false);
    expect(admits('^20.19.0 || >=22.12.0', [20, 19, 0])).toBe(true);
    expect(admits('^20.19.0 || >=22.12.0', [20, 5, 0])).toBe(false);
    expect(admits('>= 20.19.0', [20, 19, 0])).toBe(true);
    expect(admits('^18 || ^20 || >= 21', [20, 0, 0])).toBe(true);
  });

  it('admits the oldest Node of package.json in every locked package (npm ci prints no EBADENGINE)', () => {
    const refused = Object.entries(lock.packages)
      .map(([path, p]) => [path, Array.isArray(p.engines) ? undefined : p.engines?.node] as const)
      .filter(([, range]) => range !== undefined && !admits(range, oldest))
      .map(([path, range]) => `${path} needs node ${range}`);
    expect(refused).toEqual([]);
  });

  it('runs on a Node that package.json admits', () => {
    expect(admits(pkg.engines.node, version(process.version))).toBe(true);
  });
});
