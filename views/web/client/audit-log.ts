/// <reference lib="dom" />
// The audit log, live: newest first, each entry in words (VETO, FAULT, INTERLOCK…) and coloured by kind.
import type { AuditLine } from '../protocol';
import { h, idOf } from './dom';

const KEEP = 300;

export function createAuditLog(root: HTMLElement): (lines: AuditLine[]) => void {
  const list = h('ol', { id: 'audit', class: 'audit' });
  root.append(list);
  let newest = 0;
  return (lines) => {
    const fresh = lines.filter((l) => l.seq > newest);
    if (fresh.length === 0) return;
    newest = fresh[fresh.length - 1].seq;
    list.prepend(...fresh.reverse().map((l) => h('li', { class: `audit-${idOf(l.kind)}` }, l.text)));
    while (list.children.length > KEEP) list.lastElementChild!.remove();
  };
}
