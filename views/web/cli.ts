// `npm start -- --web`: the bench served to a browser; the terminal prints where, and keeps running until Ctrl-C.
import type { Board } from '../../firmware/board/types';
import type { Reporter } from '../../firmware/controller';
import { AuditFile } from '../audit/jsonl-log';
import { createSimCluster } from '../../sim/cluster';
import { startWebBench } from './server';

/** `boards`: the one board, or a cluster's boards (one per node), loaded and checked by the caller. */
export interface WebCliOptions {
  boards: Board[]; seed: number; speed: number; duration: number; host: string; port: number; token?: string; cluster?: boolean; auditLog: string;
  /** How the run was started, for the audit log's marker. */
  command?: string;
}

export const webUsage = `  --web               serve the bay to a browser instead (on 127.0.0.1; the URL is printed)
  --port N            its port (default 8420; 0 picks a free one)
  --host ADDR         listen elsewhere than 127.0.0.1: requires --token
  --token SECRET      every request must present it (?token=… or an X-Bench-Token header)`;

export async function runWebBench(o: WebCliOptions): Promise<void> {
  const world = o.cluster ? (onReport: Reporter) => createSimCluster({ boards: o.boards, seed: o.seed, onReport }) : undefined;
  // The audit log, as npm start writes it: a failing disk is said once on stderr, never fatal.
  const audit = new AuditFile({ path: o.auditLog, onError: (e) => console.error(`audit log: ${e.message} (entries are being dropped)`) });
  audit.startRun({ board: o.cluster ? `cluster: ${o.boards.map((b) => b.name).join(', ')}` : o.boards[0].name, seed: o.seed, speed: Math.min(o.speed, 100), command: o.command ?? 'npm start -- --web' });
  const bench = await startWebBench({
    board: o.boards[0], boards: o.boards, seed: o.seed, speed: Math.min(o.speed, 100), host: o.host, port: o.port, token: o.token, world, onReport: (r) => audit.append(r),
    // Every input a page sends, with where it came from: the audit log answers who pressed what, and when.
    onInput: (i) => audit.operator({ t: i.t, source: i.source, input: `${i.action} ${i.body}`, answer: i.answer, ok: i.ok }),
  });
  console.log(`launch bay web bench: ${o.cluster ? `${o.boards.length} nodes on the in-process bus` : `board ${o.boards[0].name}`}, speed x${bench.time.speed}, audit log ${o.auditLog}\n  open ${bench.url}\n  Ctrl-C quits`);
  const quit = () => { void bench.close().then(() => process.exit(0)); };
  if (Number.isFinite(o.duration)) {
    const watch = setInterval(() => { if (bench.world.clock.now() >= o.duration) { clearInterval(watch); quit(); } }, 100);
  }
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
