// The device entry, like QP's main: the board, the IO provider and the clock, checked and handed to the controller.
import board, { file, mcu } from 'board';
import device from 'embedded:provider/builtin';
import { createModdableClock } from '../hal/providers/moddable-builtin-clock';
import { validateBoard } from './board';
import { startController } from './controller';

startController({ board: validateBoard(board, mcu, file), device, clock: createModdableClock() });
