// The web bench: the simulated launch bay running on this process, served to browsers as a live view and an input.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Board } from '../../firmware/board/types';
import type { Reporter } from '../../firmware/controller';
import { runInRealTime } from '../../sim/realtime';
import { sampleOf, SampleHistory } from '../../sim/samples';
import { recordPins, type VcdRecorder } from '../report/vcd';
import { createSimWorld, type DeckStart, type SimWorld } from '../../sim/world';
import { checkListen, refusal } from './access';
import { loadAssets, pageHtml, type Assets } from './assets';
import { AuditFeed } from './audit-feed';
import { InputError, inputs, type BenchContext } from './inputs';
import { layoutOf } from './layout';
import { createLiveFeed, type LiveFeed } from './live';
import type { TimeState } from './snapshot';
import type { Moment } from './protocol';

export interface WebBenchOptions {
  board: Board;
  /** Every board the world runs (a cluster's, one per node; default `[board]`): their pins go into the VCD. */
  boards?: Board[];
  seed?: number;
  start?: DeckStart;
  /** Builds the world instead of one board's (MULTI-NODE: a cluster is a SimWorld too). */
  world?: (onReport: Reporter) => SimWorld;
  /** Default 127.0.0.1; any other address requires `token`. */
  host?: string;
  /** Default 8420; 0 picks a free port. */
  port?: number;
  token?: string;
  /** Simulated time per wall time (default 1). */
  speed?: number;
  /** `real` (default): time follows the wall clock × speed. `manual`: only `advance()` and Step move it (tests). */
  time?: 'real' | 'manual';
  /** How often the pages are sent what changed, wall ms (default 100). */
  publishMs?: number;
  /** Also told every report (the CLI's audit log file). */
  onReport?: Reporter;
  /** Told every input a page sends, taken or refused (the CLI's audit log file: who pressed what, when). */
  onInput?(input: { t: number; source: string; action: string; body: string; answer: string; ok: boolean }): void;
}

export interface WebBench {
  /** The page's address, with the token when there is one. */
  readonly url: string;
  readonly port: number;
  readonly world: SimWorld;
  readonly time: TimeState;
  /** Moves simulated time on by `ms` and tells the pages at once. */
  advance(ms: number): void;
  close(): Promise<void>;
}

const HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'self'; img-src 'self' data:",
};

/** A door in a hull, as the tab's icon (browsers ask for /favicon.ico whatever the page says). */
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0f172a"/>'
  + '<rect x="2" y="6" width="12" height="4" fill="#64748b"/><rect x="5" y="6" width="6" height="4" fill="#f59e0b"/></svg>';

interface Site { assets: Assets; layout: string; live: LiveFeed; bench: BenchContext; token?: string; history: SampleHistory; pins: VcdRecorder; moments: SampleHistory<Moment>; onInput?: WebBenchOptions['onInput'] }

/** Strip-chart history: how often the bench samples itself and how much it keeps (simulated ms). */
const HISTORY = { everyMs: 500, keepMs: 10 * 60_000 };

export async function startWebBench(o: WebBenchOptions): Promise<WebBench> {
  const host = o.host ?? '127.0.0.1';
  checkListen(host, o.token);
  const assets = await loadAssets();
  const audit = new AuditFeed();
  const onReport: Reporter = (r) => { audit.report(r); o.onReport?.(r); };
  const world = o.world ? o.world(onReport) : createSimWorld({ board: o.board, seed: o.seed, start: o.start, onReport });
  const time = o.time === 'manual' ? { speed: o.speed ?? 1, paused: false, stop() {} } : runInRealTime(world.clock, o.speed ?? 1);
  // The strip charts' history: a sample every half second of simulated time, the last ten minutes kept; the page can
  // scrub back through the same ten minutes, so the whole moment is kept with each sample.
  const history = new SampleHistory(HISTORY.everyMs, HISTORY.keepMs), moments = new SampleHistory<Moment>(HISTORY.everyMs, HISTORY.keepMs);
  const live = createLiveFeed(world, time, audit, history);
  const keep = () => { history.offer(() => sampleOf(world), world.clock.now()); moments.offer(live.moment, world.clock.now()); };
  const sampling = world.clock.set(keep, HISTORY.everyMs, HISTORY.everyMs);
  keep();
  // Every pin, for the VCD download: the same ten minutes as the charts.
  const pins = recordPins(world, o.boards ?? [o.board], { keepMs: HISTORY.keepMs });
  const bench: BenchContext = { world, time, advance: (ms) => { world.advance(ms); live.publish(); } };
  const publisher = setInterval(live.publish, o.publishMs ?? 100);
  const site: Site = { assets, layout: JSON.stringify(layoutOf(world)), live, bench, token: o.token, history, pins, moments, onInput: o.onInput };
  const server = createServer((req, res) => { handle(site, req, res).catch((e: Error) => reply(res, 500, e.message)); });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 8420, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/${o.token ? `?token=${encodeURIComponent(o.token)}` : ''}`,
    port, world, time, advance: bench.advance,
    async close() {
      clearInterval(publisher);
      world.clock.clear(sampling);
      time.stop();
      live.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      world.stop();
    },
  };
}

async function handle(site: Site, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://bench');
  const refused = refusal(req, url, site.token);
  if (refused) return reply(res, refused.status, refused.why);
  if (req.method === 'POST' && url.pathname.startsWith('/api/')) return input(site, req, res, url.pathname.slice('/api/'.length));
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'GET or POST only');
  if (url.pathname === '/api/events') return site.live.watch(req, res, HEADERS);
  if (url.pathname === '/api/vcd') {
    const t = Math.round(site.bench.world.clock.now() / 1000);
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': `attachment; filename="launch-bay-${t}s.vcd"`, ...HEADERS });
    res.end(site.pins.vcd({ date: new Date(), comment: `web bench, the last ${HISTORY.keepMs / 60_000} minutes to t = ${t} s` }));
    return;
  }
  if (url.pathname === '/api/moment') {
    const t = Number(url.searchParams.get('t'));
    const moment = Number.isFinite(t) ? site.moments.at(t) : undefined;
    if (!moment) return reply(res, 404, Number.isFinite(t) ? `no moment kept at t = ${t} ms` : 'give the moment as ?t=<ms>');
    res.writeHead(200, { 'content-type': 'application/json', ...HEADERS });
    res.end(JSON.stringify({ ...moment, audit: [], samples: [] }));
    return;
  }
  const page = staticPage(site, url.pathname);
  if (!page) return reply(res, 404, `nothing at ${url.pathname}`);
  res.writeHead(200, { 'content-type': page.type, ...HEADERS });
  res.end(page.body);
}

async function input(site: Site, req: IncomingMessage, res: ServerResponse, action: string): Promise<void> {
  const handler = Object.hasOwn(inputs, action) ? inputs[action] : undefined;
  if (!handler) return reply(res, 404, `no input named ${JSON.stringify(action)}`);
  let body: { [field: string]: unknown } = {};
  const told = (answer: string, ok: boolean) =>
    site.onInput?.({ t: site.bench.world.clock.now(), source: `web ${req.socket.remoteAddress ?? '?'}`, action, body: JSON.stringify(body), answer, ok });
  try {
    body = await readJson(req);
    const message = handler(site.bench, body);
    told(message, true);
    site.live.publish();
    reply(res, 200, message, true);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    told(e.message, false);
    reply(res, 400, e.message);
  }
}

function staticPage(site: Site, path: string): { type: string; body: string } | undefined {
  const query = site.token ? `?token=${encodeURIComponent(site.token)}` : '';
  switch (path) {
    case '/': case '/index.html': return { type: 'text/html; charset=utf-8', body: pageHtml(site.assets, query) };
    case '/app.js': return { type: 'text/javascript; charset=utf-8', body: site.assets.js };
    case '/style.css': return { type: 'text/css; charset=utf-8', body: site.assets.css };
    case '/favicon.ico': case '/favicon.svg': return { type: 'image/svg+xml', body: FAVICON };
    case '/api/layout': return { type: 'application/json', body: site.layout };
    case '/api/snapshot': return { type: 'application/json', body: site.live.whole() };
    case '/api/history': return { type: 'application/json', body: JSON.stringify(site.history.samples) };
    default: return undefined;
  }
}

function reply(res: ServerResponse, status: number, message: string, ok = false): void {
  if (res.headersSent) { res.end(); return; }
  res.writeHead(status, { 'content-type': 'application/json', ...HEADERS });
  res.end(JSON.stringify({ ok, message }));
}

async function readJson(req: IncomingMessage): Promise<{ [field: string]: unknown }> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 4096) throw new InputError('input too large');
  }
  let body: unknown;
  try { body = text ? JSON.parse(text) : {}; } catch { throw new InputError('input is not JSON'); }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InputError('input must be a JSON object');
  return body as { [field: string]: unknown };
}
