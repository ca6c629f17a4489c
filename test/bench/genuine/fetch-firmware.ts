// Before the genuine-firmware tests: takes StandardFirmata from the npm registry (`npm pack avrgirl-arduino@5.0.1`)
// for the Uno and the Mega into node_modules/.cache, unless they are there already. A failure names what npm said.
import { CHIPS } from '../../../emulators/avr/chips';
import { standardFirmataHex } from '../../../emulators/avr/standard-firmata';

export default function setup(): void {
  for (const chip of CHIPS) standardFirmataHex(chip);
}
