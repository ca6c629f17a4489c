// `npm run matrix -- <machine> [--format text|markdown|csv|json|mermaid] [--wide | --width N]`: prints a machine's matrix.
// The text table fits the terminal (80 columns off one): wider tables split their events over several tables.
import { findMachine, machinesByName } from './lib/machine-names';
import { formats, render, type Format } from './lib/matrix-format';

const usage = `usage: npm run matrix -- <${Object.keys(machinesByName).join('|')}> [--format ${formats.join('|')}] [--wide | --width N]
  --wide     the whole table in one piece, however wide
  --width N  fit N columns (default: the terminal's width, or 80)`;

function main(args: string[]): number {
  let name: string | undefined, format: string = 'text', width = process.stdout.isTTY ? process.stdout.columns ?? 80 : 80;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') { console.log(usage); return 0; }
    if (a === '--wide') width = Infinity;
    else if (a === '--width') {
      const w = Number(args[++i]);
      if (!Number.isInteger(w) || w < 20 || w > 1000) { console.error(`matrix: --width must be a whole number from 20 to 1000\n${usage}`); return 2; }
      width = w;
    } else if (a === '--format') format = args[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice('--format='.length);
    else if (a.startsWith('-')) { console.error(`matrix: unknown option ${a}\n${usage}`); return 2; }
    else name = a;
  }
  if (!name) { console.error(`matrix: which machine?\n${usage}`); return 2; }
  const def = findMachine(name);
  if (!def) { console.error(`matrix: unknown machine "${name}" (known: ${Object.keys(machinesByName).join(', ')})`); return 2; }
  if (!(formats as readonly string[]).includes(format)) { console.error(`matrix: unknown format "${format}" (known: ${formats.join(', ')})`); return 2; }
  process.stdout.write(render(def, format as Format, format === 'text' && process.stdout.isTTY === true && !process.env.NO_COLOR, width));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
