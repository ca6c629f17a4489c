// The page's static assets: the client bundled by esbuild at start-up (once per process), the HTML and the stylesheet.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const clientDir = fileURLToPath(new URL('./client/', import.meta.url));

export interface Assets { html: string; js: string; css: string }

let bundled: Promise<Assets> | undefined;

async function bundle(): Promise<Assets> {
  const result = await build({
    entryPoints: [`${clientDir}main.ts`], bundle: true, write: false, format: 'iife', platform: 'browser',
    target: 'es2020', minify: true, legalComments: 'none', logLevel: 'silent',
  });
  const [html, css] = await Promise.all([readFile(`${clientDir}index.html`, 'utf8'), readFile(`${clientDir}style.css`, 'utf8')]);
  return { html, js: result.outputFiles[0].text, css };
}

/** The assets, built on first use and shared by every bench in this process. */
export function loadAssets(): Promise<Assets> {
  bundled ??= bundle().catch((e) => { bundled = undefined; throw e; });
  return bundled;
}

/** The HTML with every asset URL carrying `query` (the token, when one is required). */
export function pageHtml(assets: Assets, query: string): string {
  return assets.html.replace(/%QUERY%/g, query.replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
}
