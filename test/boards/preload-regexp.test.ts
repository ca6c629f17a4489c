// A RegExp made while a module is preloaded lives in flash without its match buffer, and XS (SDK 8.2.3) matches it
// with a temporary buffer that the garbage collector corrupts when it runs mid-match: on mcsim, a node crashed with
// a segmentation fault in RegExp.prototype.exec (docs/BENCHMARKS.md, "What keeps the heap small: preloading").
// So no preloaded module makes a RegExp at its top level (a literal or `new RegExp` outside any function); one made
// inside a function is made in RAM when the function runs, and is safe.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { listBoards, loadBoard, repoRoot } from '../../boards/load';
import { preloadedModules } from '../../scripts/lib/firmware-modules';

/** The source of a preloaded module name: `<name>.ts`, or a barrel's `<name>/index.ts`; undefined when generated. */
function sourceOf(name: string): string | undefined {
  return [`${name}.ts`, `${name}/index.ts`].map((f) => join(repoRoot, f)).find(existsSync);
}

/** Each RegExp the module makes when it is evaluated (not inside a function or an instance field), as `line: text`. */
function regexpsMadeAtLoad(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isPropertyDeclaration(node) && !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) return;
    const made = node.kind === ts.SyntaxKind.RegularExpressionLiteral
      || (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp')
      || (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp');
    if (made) found.push(`${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText()}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The listed modules and every module of ours they import, at any depth: preloading a module runs what it imports
 * at preload too, listed or not (only the roots are listed: scripts/lib/firmware-modules.ts).
 */
function withImports(roots: readonly string[]): string[] {
  const seen = new Set<string>(), todo = [...roots];
  while (todo.length) {
    const name = todo.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const file = sourceOf(name);
    if (!file) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
      if (/^import\s+type\s/.test(m[0])) continue;
      todo.push(relative(repoRoot, join(dirname(file), m[1])).split('\\').join('/'));
    }
  }
  return [...seen];
}

describe('preloaded modules make no RegExp at load', () => {
  const names = withImports([...new Set(listBoards().flatMap((b) => preloadedModules(loadBoard(b))))]);

  it('follows the roots into what they import', () => {
    expect(preloadedModules(loadBoard('sim'))).not.toContain('firmware/core/machine');
    expect(names).toContain('firmware/core/machine');
  });

  it('finds the modules (a node board preloads its bus too)', () => {
    expect(names).toContain('firmware/net/parse');
    expect(names).toContain('hal/board/validate');
  });

  it.each(names.filter((n) => sourceOf(n)))('%s', (name) => {
    expect(regexpsMadeAtLoad(sourceOf(name)!)).toEqual([]);
  });
});
