// The device entry, like QP's main: the board, the IO provider and the clock, checked and handed to the controller,
// or, when the board file names a node and a transport, to a node on the bus (the `node-start` module the build
// generates picks the transport's start, and holds none for a lone board).
// Every report goes to a bounded audit ring; `dumpAudit()` prints it on the serial console (xsbug or `trace`), and
// each is also printed as it happens, one JSON line (USB CDC on the Pico): the emulator decodes these into its trace.
import board, { file, mcu } from 'board';
import device from 'embedded:provider/builtin';
import startBus from 'node-start';
import { createModdableClock } from '../hal/providers/moddable-builtin-clock';
import { validateBoard } from './board';
import { startController } from './controller';
import { AuditRing } from './controller/audit-ring';
import type { ControllerReport } from './controller';
import type { OpenedNode } from './net/moddable/start';

declare const trace: (text: string) => void;
const print = (line: string) => trace(`${line}\n`);
const audit = new AuditRing(256);
const checked = validateBoard(board, mcu, file);
const options = {
  board: checked, device, clock: createModdableClock(),
  onReport: (r: ControllerReport) => { audit.append(r); print(JSON.stringify(r)); },
};
if (!checked.transport) startController(options);
else if (!startBus) print(JSON.stringify({ error: `${file}: transport: this image was built without the bus (rebuild with npm run build:firmware)` }));
else {
  // A node that cannot start (its provisioning is for another node) stays silent with every output off, as at
  // power-up, and says why: it never runs its machines without the bus they answer to.
  // Started from timers, at the bottom of the stack, not from this module's body, which runs under the loader's
  // frames: first the bus (the transport, the link and its epoch's challenge), then, on a tick of its own, the
  // controller. Under the bus's start, the controller's stations nested past a 256-slot stack (docs/BENCHMARKS.md).
  const start = startBus;
  const failed = (e: unknown) => print(JSON.stringify({ error: `node not started: ${(e as Error).message}` }));
  options.clock.set(() => {
    let node: OpenedNode;
    try { node = start({ ...options, onStatus: (status) => print(JSON.stringify({ bus: status })) }); } catch (e) { failed(e); return; }
    options.clock.set(() => {
      try { node.start(); } catch (e) { node.close(); failed(e); }
    }, 0);
  }, 0);
}

/** Prints the audit ring, oldest first: on the console, or to `to` (the mcsim harness collects it). */
(globalThis as { dumpAudit?: (to?: (line: string) => void) => void }).dumpAudit = (to = print) => audit.dump(to);
