// What the device entry hands a bus start (firmware/main.ts → the board's `node-start` module): the controller's
// options; the start adds the transport, Preference, the native HMAC and the provisioning built in.
import type { ControllerOptions } from '../../controller';
import type { Node } from '../node';

export interface BusStartOptions extends Omit<ControllerOptions, 'remote' | 'ready' | 'hooks'> {
  /** Told of the link's connections and losses (printed on the console). */
  onStatus?(status: string): void;
}
export type BusStart = (o: BusStartOptions) => Node;
