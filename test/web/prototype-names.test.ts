// Names that every object has (toString, constructor, __proto__) are no button and no machine: the web bench's
// inputs and the node's stdin look names up among their own, and refuse the rest.
import { afterEach, describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import { startWebBench, type WebBench } from '../../views/web/server';
import { createSimWorld, pressButton } from '../../sim/world';

const PROTOTYPE_NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty'];

describe('names from the prototype', () => {
  let bench: WebBench | undefined;
  afterEach(async () => { await bench?.close(); bench = undefined; });
  const post = async (action: string, body: object) => {
    const res = await fetch(`http://127.0.0.1:${bench!.port}/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() as { ok: boolean; message: string } };
  };

  it('are refused by the web bench\'s press with a 400 that names them, and press nothing', async () => {
    bench = await startWebBench({ board: loadBoard('sim'), port: 0, time: 'manual' });
    for (const signal of PROTOTYPE_NAMES) {
      const r = await post('press', { signal });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ ok: false, message: `no button named ${JSON.stringify(signal)}` });
    }
    expect(Object.keys(bench.world.model.buttons)).not.toContain('toString');
    expect((await post('press', { signal: 'airlock A button 2' })).status).toBe(200);
  });

  it('are refused by the web bench\'s reset as a machine this board does not host', async () => {
    bench = await startWebBench({ board: loadBoard('sim'), port: 0, time: 'manual' });
    for (const machine of PROTOTYPE_NAMES) {
      const r = await post('reset', { machine });
      expect(r.status).toBe(400);
      expect(r.body.message).toBe(`this board does not host ${JSON.stringify(machine)}`);
    }
  });

  it('are refused by the press the node and the scenarios share', () => {
    const world = createSimWorld({ board: loadBoard('sim') });
    for (const signal of PROTOTYPE_NAMES) expect(() => pressButton(world.model, world.clock, signal, 200)).toThrow(`no button named ${JSON.stringify(signal)}`);
    world.stop();
  });
});
