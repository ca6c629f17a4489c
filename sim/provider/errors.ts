// Fail-fast errors that name the pin, what the board wires to it, and the board, as Moddable's builtin provider does.
import { useOf, type PinTable } from './pin-table';

/** `simulator: board "bench": pin 7 (not wired on this board): cannot open a Digital`. */
export function pinError(table: PinTable, pin: number, what: string): Error {
  const use = useOf(table, pin) ?? 'not wired on this board';
  return new Error(`simulator: board "${table.board}": pin ${pin} (${use}): ${what}`);
}
