/// <reference lib="dom" />
// Small helpers for building the page: HTML and SVG elements from data, and the bench's JSON inputs.
import type { InputResult } from '../protocol';
import { formatTime as formatClock } from '../../terminal/timeline';

type Attrs = { [name: string]: string | number | boolean | undefined };
type Child = Node | string;

function apply(node: Element, attrs: Attrs, children: Child[]): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children);
}

/** An HTML element: `h('button', { type: 'button' }, 'Press')`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  apply(node, attrs, children);
  return node;
}

/** An SVG element. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  apply(node, attrs, children);
  return node;
}

/** Sets text only when it changed, so a live region does not announce what it already said. */
export function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** An element the page was built with; a missing one is a bug in index.html. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`page: no element #${id}`);
  return node as T;
}

/** A DOM id from a name with spaces: `airlock B` → `airlock-B`. */
export const idOf = (name: string) => name.replace(/[^A-Za-z0-9]+/g, '-');

/** `?token=…` when the page was opened with one: every request carries it. */
const token = new URLSearchParams(location.search).get('token');
export const query = token !== null ? `?token=${encodeURIComponent(token)}` : '';

/** Sends one input; its answer goes to the status line. */
export async function send(action: string, body: object = {}): Promise<InputResult> {
  let result: InputResult;
  try {
    const res = await fetch(`/api/${action}${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    result = await res.json() as InputResult;
  } catch (e) {
    result = { ok: false, message: `could not reach the bench: ${(e as Error).message}` };
  }
  const line = byId('message');
  line.textContent = result.message;
  line.className = result.ok ? 'ok' : 'refused';
  return result;
}

export const kPa = (x: number) => `${x.toFixed(1)} kPa`;
export const onOff = (on: boolean) => (on ? 'ON' : 'off');

/** The clock to a tenth of a second. */
export const formatTime = (ms: number) => formatClock(ms, 1);
