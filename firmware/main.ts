// The device entry, like QP's main: the board, the IO provider and the clock, checked and handed to the controller.
// Every report goes to a bounded audit ring; `dumpAudit()` prints it on the serial console (xsbug or `trace`).
import board, { file, mcu } from 'board';
import device from 'embedded:provider/builtin';
import { createModdableClock } from '../hal/providers/moddable-builtin-clock';
import { validateBoard } from './board';
import { startController } from './controller';
import { AuditRing } from './controller/audit-ring';

const audit = new AuditRing(256);
startController({ board: validateBoard(board, mcu, file), device, clock: createModdableClock(), onReport: (r) => audit.append(r) });

declare const trace: (text: string) => void;
/** Prints the audit ring, oldest first: on the console, or to `print` (the mcsim harness collects it). */
(globalThis as { dumpAudit?: (print?: (line: string) => void) => void }).dumpAudit =
  (print = (line: string) => trace(`${line}\n`)) => audit.dump(print);
