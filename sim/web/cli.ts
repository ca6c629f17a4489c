// `npm start -- --web`: the bench served to a browser; the terminal prints where, and keeps running until Ctrl-C.
import { loadBoard } from '../../scripts/lib/board-file';
import type { Reporter } from '../../firmware/controller';
import { createSimCluster } from '../cluster';
import { clusterBoards } from '../scenario/format';
import { startWebBench } from './server';

export interface WebCliOptions { board: string; seed: number; speed: number; duration: number; host: string; port: number; token?: string; cluster?: boolean }

export const webUsage = `  --web               serve the bay to a browser instead (on 127.0.0.1; the URL is printed)
  --port N            its port (default 8420; 0 picks a free one)
  --host ADDR         listen elsewhere than 127.0.0.1: requires --token
  --token SECRET      every request must present it (?token=… or an X-Bench-Token header)`;

export async function runWebBench(o: WebCliOptions): Promise<void> {
  const world = o.cluster ? (onReport: Reporter) => createSimCluster({ boards: clusterBoards.map((b) => loadBoard(b)), seed: o.seed, onReport }) : undefined;
  const bench = await startWebBench({ board: loadBoard(o.board), seed: o.seed, speed: Math.min(o.speed, 100), host: o.host, port: o.port, token: o.token, world });
  console.log(`launch bay web bench: ${o.cluster ? 'six nodes on the in-process bus' : `board ${o.board}`}, speed x${bench.time.speed}\n  open ${bench.url}\n  Ctrl-C quits`);
  const quit = () => { void bench.close().then(() => process.exit(0)); };
  if (Number.isFinite(o.duration)) {
    const watch = setInterval(() => { if (bench.world.clock.now() >= o.duration) { clearInterval(watch); quit(); } }, 100);
  }
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
