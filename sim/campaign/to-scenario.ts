// A fault campaign as a scenario file: the same steps at the same times, so a soak counterexample replays with
// `npm run scenario` and gets the same report (charts, timeline, invariants) as any scenario.
import type { Action, Step } from './schedule';

function stepOf(a: Action): object {
  switch (a.do) {
    case 'press': return { press: a.button, for: a.holdMs };
    case 'request': return { request: a.deck };
    case 'reset': return { reset: a.machine };
    case 'leak': return { leak: a.kPaPerS };
    case 'jam': return { jam: a.door };
    case 'unjam': return { unjam: a.door };
    case 'stick': return { sensorFault: a.sensor, stuck: a.value };
    case 'out of range': return { sensorFault: a.sensor, outOfRange: true };
    case 'heal': return { clearSensorFault: a.sensor };
    case 'kill pump': return { pumpDead: a.place };
    case 'revive pump': return { pumpRevived: a.place };
    case 'reboot': return { reboot: a.downMs };
  }
}

/** The scenario of a campaign: its steps, then `settleMs` of quiet, on `board` with the noise seed `seed`. */
export function campaignScenario(name: string, steps: readonly Step[], seed: number, board = 'sim', settleMs = 60_000): object {
  return {
    name, description: 'A fault campaign from npm run soak, replayed as a scenario: the invariants must hold throughout.',
    board, seed,
    steps: [...steps.map((s) => ({ after: s.afterMs, ...stepOf(s.action) })), { after: settleMs, wait: true }],
  };
}
