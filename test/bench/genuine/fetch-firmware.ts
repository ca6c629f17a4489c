// Before the genuine-firmware tests: takes StandardFirmata from the npm registry (`npm pack avrgirl-arduino@5.0.1`)
// into node_modules/.cache, unless it is there already. A failure names what npm said.
import { standardFirmataHex } from '../../../sim/avr/standard-firmata';

export default function setup(): void {
  standardFirmataHex();
}
