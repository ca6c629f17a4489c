// `mkdir -p` that always ends: Node's own recursive mkdirSync loops forever where the kernel answers ENOENT for a
// folder it will never create (/proc/nope/x), so each missing folder is made once, outermost first, and the
// first failure is thrown.
import * as nodeFs from 'node:fs';
import { dirname, resolve } from 'node:path';

export type DirFileSystem = Pick<typeof nodeFs, 'mkdirSync' | 'statSync'>;

/** Creates `dir` and its missing parents; throws an Error naming the folder that could not be made. */
export function makeDirs(dir: string, fs: DirFileSystem = nodeFs): void {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    const stat = statOrNothing(fs, at);
    if (stat?.isDirectory()) break;
    if (stat) throw new Error(`${at} is a file, not a folder`);
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const d of missing.reverse()) fs.mkdirSync(d);
}

function statOrNothing(fs: DirFileSystem, path: string): nodeFs.Stats | undefined {
  try { return fs.statSync(path); } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
