// A bench run that survives the USB cable: connects to the board, starts the controller (alone, or as a node beside
// the simulated rest of the bay), and when the serial link goes it stops every output, reports it, and waits for the
// port to come back, then connects again and starts afresh from the switches and sensors, as after a power loss.
import { existsSync } from 'node:fs';
import type { Board } from '../../firmware/board/types';
import { startController, type Controller, type ControllerReport } from '../../firmware/controller';
import { connectBench, openBenchDevice, type BenchConnection, type BenchDevice } from '../../hal/providers/bench';
import { createHybridDevice, type HybridDevice } from '../../sim/hybrid';
import type { Clock, Device } from '../../hal/types';
import type { LoneBoardBay } from '../../sim/lone-board';
import type { LaunchBayModel } from '../../sim/physics';

export interface BenchSessionOptions {
  board: Board;
  port: string;
  clock: Clock;
  /**
   * How long the board has to answer Firmata each time it connects, and then to report every input once (the
   * defaults of connectBench and openBenchDevice when absent).
   */
  timeoutMs?: number;
  /** The rest of the bay from the simulator: the board's controller runs as a node beside it. */
  bay?: LoneBoardBay;
  /** Hybrid mode: this physics supplies the limit switches and sensors. */
  hybrid?: LaunchBayModel;
  /** How often to look for the port after the link went (default 500 ms). */
  retryMs?: number;
  onReport?(report: ControllerReport): void;
  log?(line: string): void;
}

export interface BenchSession {
  /** The controller now running, or undefined while the link is down. */
  readonly controller: Controller | undefined;
  readonly connection: BenchConnection | undefined;
  readonly device: BenchDevice | undefined;
  /** Times the link went down. */
  readonly losses: number;
  /** Stops the controller (outputs off) and lets go of the board. */
  stop(): Promise<void>;
}

/** Connects and starts; the first connection's failure rejects (a `BenchPortError` names the port). */
export async function startBenchSession(o: BenchSessionOptions): Promise<BenchSession> {
  const log = o.log ?? (() => {});
  const report = (detail: string) => o.onReport?.({ t: o.clock.now(), kind: 'fault', machine: o.board.name, detail });
  let controller: Controller | undefined, connection: BenchConnection | undefined, device: BenchDevice | undefined;
  let hybrid: HybridDevice | undefined, retry: ReturnType<typeof setTimeout> | undefined;
  let losses = 0, stopping = false;

  const halt = () => {
    // Outputs off first: on a live link the board hears it; on a dead one the controller at least claims nothing runs.
    if (o.bay) o.bay.detach(); else controller?.stop();
    hybrid?.stop();
    controller = undefined; hybrid = undefined; device = undefined;
  };

  const connect = async () => {
    const c = await connectBench(o.port, { timeoutMs: o.timeoutMs, log });
    let d: BenchDevice;
    try { d = await openBenchDevice({ board: o.board, io: c.io, timeoutMs: o.timeoutMs }); } catch (e) { await c.close(); throw e; }
    // Stopped while this connection was being made: let go of it.
    if (stopping) { await c.close(); return; }
    connection = c; device = d;
    hybrid = o.hybrid && createHybridDevice({ board: o.board, real: d, model: o.hybrid, clock: o.clock, stepsModel: o.bay === undefined });
    const dev: Device = hybrid ?? d;
    controller = o.bay ? o.bay.attach(dev).controller : startController({ board: o.board, device: dev, clock: o.clock, onReport: o.onReport });
    c.guard.once('close', () => void lost(c));
  };

  const lost = async (c: BenchConnection) => {
    if (stopping || c !== connection) return;
    losses++;
    halt();
    connection = undefined;
    await c.close();
    report(`serial link lost on ${o.port}: controller stopped, every output off; waiting for the port to return`);
    log(`port ${o.port} closed: was the board unplugged? Waiting for it to return (Ctrl-C quits)`);
    look();
  };

  const look = () => {
    if (stopping) return;
    retry = setTimeout(() => {
      if (!existsSync(o.port)) { look(); return; }
      connect().then(
        () => log(`port ${o.port} is back: ${o.board.name} restarted from its switches and sensors`),
        (e: Error) => { log(`port ${o.port} is there but the board did not come up: ${e.message}`); look(); },
      );
    }, o.retryMs ?? 500);
  };

  await connect();
  return {
    get controller() { return controller; },
    get connection() { return connection; },
    get device() { return device; },
    get losses() { return losses; },
    async stop() {
      stopping = true;
      if (retry) clearTimeout(retry);
      halt();
      const c = connection;
      connection = undefined;
      await c?.close();
    },
  };
}
