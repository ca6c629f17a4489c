// A start that fails part way (a pin another holder has, a port that will not open) lets go of everything it had
// opened and leaves no timer behind: started again once the pin is free, the controller opens every pin afresh and
// runs. Tried for every pin each shipped board wires, one at a time.
import { describe, expect, it } from 'vitest';
import { startController } from '../../firmware/controller';
import { knownSignals } from '../../hal/board/signals';
import type { SignalWiring } from '../../hal/board/types';
import { loadBoard } from '../../boards/load';
import { VirtualClock } from '../../sim/clock';
import { LaunchBayModel } from '../../sim/physics';
import { createSimulatorDevice } from '../../sim/provider';
import { InProcessBus } from '../../sim/bus';
import { simNonces, testKeys } from '../../sim/cluster';
import { SimStateStore } from '../../sim/state-store';
import { nodeNameOf, openNode } from '../../firmware/net/node';
import { hmacSha256 } from '../../firmware/net/sha256';

type Holder = { close(): void };

/** Opens `name` (a signal, or `<signal> dir|enable|tx|rx`) as whoever else might hold it would. */
function squat(device: ReturnType<typeof createSimulatorDevice>, signals: { [s: string]: SignalWiring }, name: string): Holder {
  const { Digital, Analog, Serial } = device.io as any;
  const part = / (dir|enable|tx|rx)$/.exec(name), signal = part ? name.slice(0, -part[0].length) : name;
  const w = signals[signal] as any;
  if (part && (part[1] === 'tx' || part[1] === 'rx')) return new Serial({ transmit: w.tx, receive: w.rx, baud: w.baud, format: 'buffer' });
  if (part) return new Digital({ pin: w[part[1]], mode: Digital.Output });
  if (w.wiring === 'analog') return new Analog({ pin: w.pin });
  return new Digital({ pin: w.pin, mode: knownSignals().get(signal)!.kind === 'input' ? Digital.Input : Digital.Output });
}

describe('a start that fails part way', () => {
  for (const name of ['sim', 'pico', 'esp32-devkitc', 'sim-bay', 'sim-airlock-a', 'sim-bridge']) {
    it(`lets go of every pin it opened and leaves no timer, whichever of ${name}'s pins it finds taken`, () => {
      const board = loadBoard(name);
      const clock = new VirtualClock(), model = new LaunchBayModel();
      const device = createSimulatorDevice({ board, model, clock });
      const names = Object.keys(device.pin!);
      expect(names.length).toBeGreaterThan(3);
      for (const taken of names) {
        const timers = clock.pending, holder = squat(device, board.signals as never, taken);
        expect(() => startController({ board, device, clock }), taken).toThrow(new RegExp(`\\(${taken}\\)|${taken.replace(/ (tx|rx)$/, '')}`));
        holder.close();
        expect(clock.pending, `${taken}: a timer left behind`).toBe(timers);
        // Every pin free again: a start opens them all, and runs until its machines know their states.
        const controller = startController({ board, device, clock });
        clock.advance(3_000);
        expect(controller.started, taken).toBe(true);
        controller.stop();
        expect(clock.pending, `${taken}: a timer left behind by stop`).toBe(timers);
      }
    });
  }
});

describe('a node whose controller fails to start (its second step)', () => {
  it('sends nothing more, leaves no timer, and a second try on the same pins starts', () => {
    const boards = ['sim-bay', 'sim-bridge'].map((b) => loadBoard(b)), [board] = boards;
    const clock = new VirtualClock(), model = new LaunchBayModel(), bus = new InProcessBus(clock);
    const device = createSimulatorDevice({ board, model, clock });
    const sent: string[] = [];
    const transport = bus.attach('bay');
    const counted = { send: (to: string, text: string) => { sent.push(text); transport.send(to, text); }, onMessage: transport.onMessage };
    const directory = new Map(boards.flatMap((b) => b.hosts.map((id) => [id, nodeNameOf(b)] as [string, string])));
    const options = { board, device, clock, transport: counted, keys: testKeys(boards, 1).bay!, store: new SimStateStore(), hmac: hmacSha256, nonce: simNonces(1), directory };
    const holder = squat(device, board.signals as never, 'bay pump');
    const timers = clock.pending;
    const start = openNode(options);
    const afterOpen = sent.length;
    expect(afterOpen).toBeGreaterThan(0); // the first step's challenge, which proves the epoch
    expect(start).toThrow(/bay pump/);
    expect(clock.pending).toBe(timers);
    clock.advance(10_000);
    expect(sent.length).toBe(afterOpen);
    holder.close();
    const node = openNode(options)();
    clock.advance(3_000);
    expect(node.controller.started).toBe(true);
    node.stop();
  });
});
