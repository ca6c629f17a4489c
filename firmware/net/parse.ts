// Total parsing of received text into an envelope: sizes and nesting are bounded before anything is parsed or
// walked, every field is checked for type and range, and any failure is a reason, never an exception.
import { LIMITS, type AnswerBody, type ChallengeBody, type CommandBody, type Envelope, type ReportBody } from './envelope';
import { isHex, isName, isNodeName } from './names';

export type Parsed = { envelope: Envelope; error?: undefined } | { envelope?: undefined; error: string; from: string };

// Node names, machines, events, facts, MACs and nonces are checked by hand (names.ts): this module is preloaded on a
// board, and XS cannot safely match a RegExp made at preload.
const isMac = (s: string) => isHex(s, 64);
const isNonce = (s: string) => isHex(s, 32);

const isPlain = (v: unknown): v is { [k: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const own = (o: { [k: string]: unknown }, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const hasExactly = (o: { [k: string]: unknown }, required: string[], optional: string[] = []): boolean => {
  const keys = Object.keys(o);
  return required.every((k) => Object.prototype.hasOwnProperty.call(o, k)) && keys.every((k) => required.includes(k) || optional.includes(k));
};

/** The deepest nesting of arrays and objects in JSON text, strings skipped; stops counting past `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0, deepest = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) { if (++depth > deepest && (deepest = depth) > limit) return deepest; }
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** Checks every entry of a map-like object: at most LIMITS.entries, each key and value valid. */
function entries(v: unknown, key: (k: string) => boolean, value: (x: unknown) => boolean): boolean {
  if (!isPlain(v)) return false;
  const keys = Object.keys(v);
  return keys.length <= LIMITS.entries && keys.every((k) => key(k) && value(v[k]));
}

const isMachineReport = (v: unknown) => isPlain(v) && hasExactly(v, ['state'], ['goal'])
  && typeof v.state === 'string' && isName(v.state) && (own(v, 'goal') === undefined || (typeof v.goal === 'string' && isName(v.goal)));
const isHeard = (v: unknown) => Array.isArray(v) && v.length === 2 && isCount(v[0]) && isCount(v[1]);
const isMacEntry = (v: unknown) => Array.isArray(v) && v.length === 2 && isCount(v[0]) && typeof v[1] === 'string' && isMac(v[1]);

function isReport(b: unknown): b is ReportBody {
  return isPlain(b) && hasExactly(b, ['machines', 'facts', 'heard']) && entries(b.machines, isName, isMachineReport)
    && entries(b.facts, isName, (x) => typeof x === 'number' && Number.isFinite(x)) && entries(b.heard, isNodeName, isHeard);
}
function isCommand(b: unknown): b is CommandBody {
  if (!isPlain(b)) return false;
  if (hasExactly(b, ['recall'])) return typeof b.recall === 'string' && isName(b.recall);
  return hasExactly(b, ['machine', 'event']) && typeof b.machine === 'string' && isName(b.machine) && typeof b.event === 'string' && isName(b.event);
}
const isChallenge = (b: unknown): b is ChallengeBody => isPlain(b) && hasExactly(b, ['nonce']) && typeof b.nonce === 'string' && isNonce(b.nonce);
const isAnswer = (b: unknown): b is AnswerBody => isPlain(b) && hasExactly(b, ['nonce', 'epoch', 'seq'])
  && typeof b.nonce === 'string' && isNonce(b.nonce) && isCount(b.epoch) && isCount(b.seq);
const BODIES: { [kind: string]: (b: unknown) => boolean } = { report: isReport, command: isCommand, challenge: isChallenge, answer: isAnswer };

/** Parses and checks a received message; the error says what was wrong, `from` who it claimed to be (or `?`). */
export function parseEnvelope(text: unknown): Parsed {
  if (typeof text !== 'string') return { error: 'not text', from: '?' };
  if (text.length > LIMITS.text) return { error: `too large (${text.length} > ${LIMITS.text} characters)`, from: '?' };
  if (nestingDepth(text, LIMITS.depth) > LIMITS.depth) return { error: `nested deeper than ${LIMITS.depth}`, from: '?' };
  let e: unknown;
  try { e = JSON.parse(text); } catch { return { error: 'not JSON', from: '?' }; }
  if (!isPlain(e)) return { error: 'not an object', from: '?' };
  const from = typeof own(e, 'from') === 'string' && isNodeName(e.from as string) ? e.from as string : '?';
  const bad = (what: string): Parsed => ({ error: what, from });
  if (!hasExactly(e, ['from', 'to', 'kind', 'epoch', 'seq', 't', 'body', 'macs'])) return bad('missing or unexpected fields');
  if (from === '?') return bad('no valid sender');
  if (typeof e.to !== 'string' || (e.to !== '*' && !isNodeName(e.to))) return bad('bad recipient');
  if (!isCount(e.epoch) || !isCount(e.seq) || e.epoch < 1 || e.seq < 1) return bad('bad epoch or seq');
  if (typeof e.t !== 'number' || !Number.isFinite(e.t)) return bad('bad time');
  if (!entries(e.macs, isNodeName, isMacEntry)) return bad('bad MACs');
  const kind = typeof e.kind === 'string' && Object.prototype.hasOwnProperty.call(BODIES, e.kind) ? BODIES[e.kind] : undefined;
  if (!kind) return bad('bad kind');
  if (!kind(e.body)) return bad(`bad ${e.kind as string} body`);
  return { envelope: e as unknown as Envelope };
}
