// The web bench on six nodes: it lists each node, cuts and heals its link, and shows a cut node's view go stale.
import { afterEach, describe, expect, it } from 'vitest';
import { loadBoard } from '../../scripts/lib/board-file';
import { createSimCluster } from '../../sim/cluster';
import { clusterBoards } from '../../sim/scenario/format';
import { startWebBench, type WebBench } from '../../views/web/server';

let bench: WebBench | undefined;
afterEach(async () => { await bench?.close(); bench = undefined; });

const get = async (path: string) => (await fetch(`http://127.0.0.1:${bench!.port}${path}`)).json();
const post = (action: string, body: object) => fetch(`http://127.0.0.1:${bench!.port}/api/${action}`, {
  method: 'POST', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${bench!.port}` }, body: JSON.stringify(body),
});

describe('the web bench in multi-node mode', () => {
  it('shows each node, cuts a link, and shows the cut node seeing the others as stale', async () => {
    bench = await startWebBench({
      board: loadBoard('sim'), port: 0, time: 'manual', publishMs: 10,
      world: (onReport) => createSimCluster({ boards: clusterBoards.map((b) => loadBoard(b)), onReport }),
    });
    const layout = await get('/api/layout');
    expect(layout.nodes.map((n: { id: string }) => n.id)).toEqual(['bridge', 'bay', 'airlock-a', 'airlock-b', 'airlock-c', 'airlock-d']);
    bench.advance(3000);
    let snap = await get('/api/snapshot');
    const b = () => snap.nodes.find((n: { id: string }) => n.id === 'airlock-b');
    expect(b()).toMatchObject({ up: true, cut: false, epoch: 1 });
    expect(b().sees['bay environment']).toBe('friendly');
    expect((await post('link', { link: 'airlock-b', cut: true })).status).toBe(200);
    bench.advance(5000);
    snap = await get('/api/snapshot');
    expect(b()).toMatchObject({ cut: true });
    expect(b().sees['bay environment']).toBeNull();
    await post('link', { link: 'airlock-b', cut: false });
    bench.advance(2000);
    snap = await get('/api/snapshot');
    expect(b().sees['bay environment']).toBe('friendly');
  });
});
