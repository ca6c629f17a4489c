// The desktop build's `embedded:provider/builtin`: the simulated launch bay behind an ECMA-419 device, on Moddable's Timer.
import board, { file, mcu } from 'board';
import { validateBoard } from '../hal/board';
import { hostedAirlocks } from '../hal/board/signals';
import { LaunchBayModel } from './physics';
import { createModdableClock } from '../hal/providers/moddable-builtin-clock';
import { createSimulatorDevice } from './provider';

/** Physics step, ms: the same period the host simulator uses. */
const STEP_MS = 50;

const clock = createModdableClock();
const checked = validateBoard(board, mcu, file);
// Lean: only the airlocks this board hosts are built (a valid board wires no other airlock's signals; the board's
// budget pays for its simulated hardware too).
const model = new LaunchBayModel({ letters: hostedAirlocks([checked]), lean: true });
const device = createSimulatorDevice({ board: checked, model, clock });
// Step the physics, then let the provider report the input levels that changed, as GPIO interrupts would.
clock.set(() => { model.step(STEP_MS); device.scan(); }, STEP_MS, STEP_MS);

export default device;
