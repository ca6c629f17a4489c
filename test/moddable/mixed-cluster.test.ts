// The device is a node (issue 15), on the real runtime when an SDK is installed: `npm run mixed-cluster` builds
// boards/sim-bay.json for lin, runs it in mcsim as the bay node beside host nodes (bridge, airlocks A–D) over a real
// mosquitto, opens airlock B's outer door and orders a red alert. Without $MODDABLE (as on CI) it is skipped; the
// device node's code is checked on CI on xsnap instead (test/xs/device-node.test.ts).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { moddableMissing } from '../../scripts/lib/mcconfig';

const missing = moddableMissing() ?? (spawnSync('sh', ['-c', 'command -v mosquitto']).status === 0 ? undefined : 'mosquitto is not installed');
if (missing) console.warn(`Mixed cluster on mcsim skipped: ${missing}.`);

interface Step { node: string; machine: string; kind: string; from?: string; to?: string; atS: number }

describe.skipIf(missing)('the firmware as the bay node on mcsim, beside host nodes over mosquitto', () => {
  it('carries a red alert: the bay vents on the bridge\'s command, airlock B is recalled, the deck claims ready', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/mixed-cluster.ts', '--json', '--timeout', '400'], { encoding: 'utf8', timeout: 900_000, maxBuffer: 64 << 20 });
    const last = r.stdout.trim().split('\n').at(-1) ?? '';
    expect(r.status, `${r.stderr.slice(-3000)}\n${last.slice(0, 2000)}`).toBe(0);
    const summary = JSON.parse(last) as { ok: boolean; readyAfterS: number; airlockB: string; violations: unknown[]; rejected: Record<string, number>; timeline: Step[] };
    expect(summary.ok).toBe(true);
    expect(summary.violations).toEqual([]);
    const step = (node: string, machine: string, to: string) => summary.timeline.find((s) => s.kind === 'transition' && s.node === node && s.machine === machine && s.to === to);
    // The order is the story: the deck asks, the bay (on mcsim) vents and reports, only then the deck is ready.
    const readying = step('bridge', 'battle deck', 'readying')!, venting = step('bay', 'bay environment', 'depressurizing')!;
    const hostile = step('bay', 'bay environment', 'hostile')!, ready = step('bridge', 'battle deck', 'ready')!;
    expect(readying && venting && hostile && ready).toBeTruthy();
    expect(venting.atS).toBeGreaterThanOrEqual(readying.atS);
    expect(ready.atS).toBeGreaterThanOrEqual(hostile.atS);
    expect(step('airlock-b', 'airlock B', 'closing outer')!.atS).toBeLessThan(hostile.atS);
    expect(summary.airlockB).toBe('inner open');
  }, 1_000_000);
});
