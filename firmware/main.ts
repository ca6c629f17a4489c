// The device entry, like QP's main: the board, the IO provider and the clock, checked and handed to the controller.
// Every report goes to a bounded audit ring; `dumpAudit()` prints it on the serial console (xsbug or `trace`), and
// each is also printed as it happens, one JSON line (USB CDC on the Pico): the emulator decodes these into its trace.
import board, { file, mcu } from 'board';
import device from 'embedded:provider/builtin';
import { createModdableClock } from '../hal/providers/moddable-builtin-clock';
import { validateBoard } from './board';
import { startController } from './controller';
import { AuditRing } from './controller/audit-ring';

declare const trace: (text: string) => void;
const print = (line: string) => trace(`${line}\n`);
const audit = new AuditRing(256);
startController({
  board: validateBoard(board, mcu, file), device, clock: createModdableClock(),
  onReport: (r) => { audit.append(r); print(JSON.stringify(r)); },
});

/** Prints the audit ring, oldest first: on the console, or to `to` (the mcsim harness collects it). */
(globalThis as { dumpAudit?: (to?: (line: string) => void) => void }).dumpAudit = (to = print) => audit.dump(to);
