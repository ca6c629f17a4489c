// Plays a scenario against the emulated Pico: the same steps and expectations as a host run, with the buttons
// pressed on its GPIOs and the faults put into the physics; the machines' states come from the image's reports.
import { stateText } from '../../firmware/core';
import type { Board } from '../../firmware/board/types';
import type { ControllerReport } from '../../firmware/controller';
import { act, playSteps, runScenario, type Failure, type ScenarioResult } from '../../sim/scenario/run';
import { ScenarioError, type Scenario, type Step } from '../../sim/scenario/format';
import type { SimWorld } from '../../sim/world';
import type { PicoImage } from './image';
import { createEmulatedWorld, type EmulatedWorld } from './world';

export interface EmulatedRunOptions {
  image: PicoImage;
  bootrom?: Uint32Array;
  bootTimeoutMs?: number;
  onReport?(report: ControllerReport): void;
  onLine?(line: string): void;
}

export type EmulatedResult = ScenarioResult & {
  /** The states the image reconstructed at boot, by machine. */
  booted: { [id: string]: string };
  /** Emulated ms from reset to the controller's start; wall-clock ms of the whole run; emulated over wall time. */
  bootMs: number; wallMs: number; speed: number;
  /** What the wiring noticed (a wrong baud rate). */
  warnings: string[];
};

// The image takes no events from the host: these steps have no meaning there.
const HOST_ONLY = ['reset', 'reboot', 'cut', 'heal', 'link'] as const;

/** Refuses, before anything runs, a scenario the emulated board cannot play, naming the step. */
export function checkEmulatable(scenario: Scenario, board: Board, file: string): void {
  if (board.mcu !== 'rp2040') throw new ScenarioError(file, 'board', undefined, `board "${board.name}" is for the ${board.mcu}; the emulator is an RP2040 (a Pico board)`);
  if (scenario.cluster) throw new ScenarioError(file, 'cluster', undefined, 'a cluster scenario runs several nodes; the emulator runs one Pico');
  for (const step of scenario.steps) {
    const kind = HOST_ONLY.find((k) => k in step);
    if (kind) throw new ScenarioError(file, step.field, step.line, `"${kind}" is not available on the emulated Pico (it takes no events from the host)`);
    if ('request' in step && !board.signals[`deck ${step.request} request`]) {
      throw new ScenarioError(file, step.field, step.line, `board "${board.name}" has no "deck ${step.request} request" button to press for this request`);
    }
    if ('press' in step && !board.signals[step.press]) {
      throw new ScenarioError(file, `${step.field}.press`, step.line, `board "${board.name}" does not wire "${step.press}"`);
    }
  }
}

/** A request is its button on the board, pressed as a finger would; every other action goes into the physics. */
function actOnImage(world: EmulatedWorld, step: Step): void {
  if ('request' in step) world.press(`deck ${step.request} request`, 200);
  else act(world as unknown as SimWorld, step);
}

export function runEmulatedScenario(scenario: Scenario, board: Board, file: string, o: EmulatedRunOptions): EmulatedResult {
  checkEmulatable(scenario, board, file);
  const trace: ControllerReport[] = [];
  const started = performance.now();
  const world = createEmulatedWorld({
    board, image: o.image, bootrom: o.bootrom, bootTimeoutMs: o.bootTimeoutMs, onLine: o.onLine,
    seed: scenario.seed, start: scenario.start, emptyChambers: scenario.emptyChambers,
    onReport: (r) => { trace.push(r); o.onReport?.(r); },
  });
  const booted = Object.fromEntries(Object.entries(world.controller.machines).map(([id, m]) => [id, stateText(m.state)]));
  let result: { checks: number; failures: Failure[]; samples: ScenarioResult['samples'] };
  const outcomes: ScenarioResult['outcomes'] = [];
  try {
    result = playSteps(scenario, world, actOnImage, { trace, outcomes });
  } finally {
    world.stop();
  }
  const failures = result.failures.sort((a, b) => a.t - b.t);
  return {
    ok: failures.length === 0, trace, failures, checks: result.checks, endMs: world.clock.now(), outcomes, samples: result.samples,
    booted, bootMs: world.bootMs, wallMs: performance.now() - started, speed: world.chip.speed, warnings: world.wiring.warnings,
  };
}

/** The same scenario on the host simulator, and the states its machines start in (to check the image's boot against). */
export function runHostReference(scenario: Scenario, board: Board): { result: ScenarioResult; start: { [id: string]: string } } {
  let start: { [id: string]: string } = {};
  const result = runScenario(scenario, board, undefined, {
    setup: (w) => { start = Object.fromEntries(Object.entries(w.controller.machines).map(([id, m]) => [id, stateText(m!.state)])); },
  });
  return { result, start };
}
