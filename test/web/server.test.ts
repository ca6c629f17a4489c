// The web bench's server over plain HTTP: who may use it, what inputs it takes, and the live feed.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBoard } from '../../scripts/lib/board-file';
import { startWebBench, type WebBench, type WebBenchOptions } from '../../views/web/server';

interface Answer { status: number; body: string }

function call(bench: WebBench, path: string, o: { method?: string; headers?: { [h: string]: string }; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bench.port, path, method: o.method ?? 'GET', headers: o.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}
const post = (bench: WebBench, action: string, body: object, headers: { [h: string]: string } = {}) =>
  call(bench, `/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Reads the event stream until an event satisfies `wanted`; returns that event's data. */
async function nextEvent(bench: WebBench, wanted: (data: any) => boolean, headers: { [h: string]: string } = {}, advanceMs = 0): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${bench.port}/api/events`, { headers });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffer += value;
      for (const block of buffer.split('\n\n').slice(0, -1)) {
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data && wanted(JSON.parse(data.slice('data: '.length)))) return JSON.parse(data.slice('data: '.length));
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
      if (advanceMs) bench.advance(advanceMs);
    }
  } finally { await reader.cancel(); }
}

describe('the web bench server', () => {
  let bench: WebBench | undefined;
  const open = async (o: Partial<WebBenchOptions> = {}) => (bench = await startWebBench({ board: loadBoard('sim'), port: 0, time: 'manual', publishMs: 10, ...o }));
  afterEach(async () => { await bench?.close(); bench = undefined; });

  it('refuses to listen beyond loopback without a token', async () => {
    await expect(startWebBench({ board: loadBoard('sim'), port: 0, host: '0.0.0.0' })).rejects.toThrow(/requires --token/);
  });

  it('refuses every request that does not present the token', async () => {
    const b = await open({ token: 'correct horse battery' });
    for (const path of ['/', '/app.js', '/api/layout', '/api/events']) expect((await call(b, path)).status).toBe(401);
    expect((await post(b, 'leak', { kPaPerS: 2 })).status).toBe(401);
    expect(b.world.model.bay.leakKpaPerS).toBe(0);
  });

  it('accepts the token in the query or in a header, and carries it into the page', async () => {
    const b = await open({ token: 'correct horse battery' });
    const page = await call(b, '/?token=correct%20horse%20battery');
    expect(page.status).toBe(200);
    expect(page.body).toContain('src="/app.js?token=correct%20horse%20battery"');
    expect((await call(b, '/api/layout', { headers: { 'x-bench-token': 'correct horse battery' } })).status).toBe(200);
    expect((await call(b, '/api/layout?token=wrong')).status).toBe(401);
  });

  it('refuses a host name that is not loopback when it has no token', async () => {
    const b = await open();
    expect((await call(b, '/api/layout', { headers: { host: 'attacker.example:8420' } })).status).toBe(403);
    expect((await call(b, '/api/layout', { headers: { host: `localhost:${b.port}` } })).status).toBe(200);
  });

  it('takes inputs only as JSON from its own origin', async () => {
    const b = await open();
    expect((await call(b, '/api/leak', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"kPaPerS":2}' })).status).toBe(415);
    expect((await post(b, 'leak', { kPaPerS: 2 }, { origin: 'http://attacker.example' })).status).toBe(403);
    expect(b.world.model.bay.leakKpaPerS).toBe(0);
  });

  it('answers an input it cannot take with a 400 that says why', async () => {
    const b = await open();
    const answer = await post(b, 'press', { signal: 'airlock E button 9' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).message).toBe('no button named "airlock E button 9"');
  });

  it('sends a page each transition in its audit log as it happens', async () => {
    const b = await open();
    expect((await post(b, 'press', { signal: 'airlock B button 2' })).status).toBe(200);
    const event = await nextEvent(b, (d) => d.audit.some((l: { text: string }) => /airlock B .*closed pressurized → opening outer/.test(l.text)), {}, 100);
    expect(event.machines['airlock B'].state).toBe('opening outer');
    expect(event.machines['airlock B'].last).toEqual({ state: 'closed pressurized', event: 'ask open outer', kind: 'transition' });
  });

  it('sends a page that reconnects only the audit entries it has not had', async () => {
    const b = await open();
    await post(b, 'press', { signal: 'airlock B button 2' });
    b.advance(1000);
    const first = await nextEvent(b, (d) => d.audit.length > 0);
    const seen = first.audit[first.audit.length - 1].seq;
    await post(b, 'deck', { request: 'ready' });
    b.advance(1000);
    const again = await nextEvent(b, () => true, { 'last-event-id': String(seen) });
    expect(again.audit.length).toBeGreaterThan(0);
    expect(again.audit.every((l: { seq: number }) => l.seq > seen)).toBe(true);
  });
});

describe('npm start -- --web', () => {
  const start = (args: string[]) => spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = (child: ReturnType<typeof start>, until: RegExp) => new Promise<string>((resolve) => {
    let text = '';
    const take = (c: Buffer) => { text += c.toString(); if (until.test(text)) resolve(text); };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.on('exit', () => resolve(text));
  });

  it('prints the URL of the page, which serves it', async () => {
    const child = start(['--web', '--port', '0']);
    try {
      const text = await output(child, /http:\/\/127\.0\.0\.1:\d+\//);
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(text)![0];
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Launch bay: virtual bench</title>');
    } finally { child.kill('SIGTERM'); }
  });

  it('refuses to listen on another address without --token', async () => {
    const child = start(['--web', '--host', '0.0.0.0', '--port', '0']);
    const text = await output(child, /requires --token/);
    const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve)));
    expect(text).toMatch(/listening on 0\.0\.0\.0 requires --token/);
    expect(code).toBe(2);
  });
});
