// A cell in the matrix's own words, for tools (the matrix tool, the machine docs); the device never needs it.
import type { Cell } from './cells';

/** Describes a cell in the matrix's own words, e.g. `→ depressurizing if bayHostile, else → opening outer`. */
export function describeCell(cell: Cell<string>): string {
  switch (cell.kind) {
    case 'to': return `→ ${cell.target}`;
    case 'when': return `${describeCell(cell.then)} if ${cell.sensor}, else ${describeCell(cell.otherwise)}`;
    default: return cell.kind;
  }
}
