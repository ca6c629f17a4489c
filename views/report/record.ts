// A scenario run recorded for its report: the bay sampled for the charts, and the messages for the sequence view.
// (Kept apart from the runner, which also runs on XS: the recording is the host's.)
import type { Board } from '../../firmware/board/types';
import type { ControllerReport } from '../../firmware/controller';
import type { Scenario } from '../../sim/scenario/format';
import { runScenario, type ScenarioResult, type Tweaks } from '../../sim/scenario/run';
import { recordMessages } from './sequence';

/** The charts' sampling period, in simulated ms. */
const REPORT_SAMPLE_MS = 250;

export function runForReport(scenario: Scenario, boards: Board | Board[], onReport?: (r: ControllerReport) => void, tweaks: Tweaks = {}): ScenarioResult {
  let messages: ReturnType<typeof recordMessages> | undefined;
  const result = runScenario(scenario, boards, onReport, {
    sampleEveryMs: REPORT_SAMPLE_MS, ...tweaks,
    setup: (world) => { tweaks.setup?.(world); messages = recordMessages(world); },
  });
  return { ...result, messages: messages?.messages() };
}
