// What the device entry hands a bus start (firmware/main.ts → the board's `node-start` module): the controller's
// options; the start adds the transport, Preference, the native HMAC and the provisioning built in.
import type { ControllerOptions } from '../../controller';
import type { Node } from '../node';

export interface BusStartOptions extends Omit<ControllerOptions, 'remote' | 'ready' | 'hooks'> {
  /** Told of the link's connections and losses (printed on the console). */
  onStatus?(status: string): void;
}
/** A node whose end of the bus is open (its link's first challenge sent), its controller not yet started: `start`
 * starts it, from a timer of the entry's own (a shallower stack); `close` closes its transport if that fails. */
export interface OpenedNode { start(): Node; close(): void }
export type BusStart = (o: BusStartOptions) => OpenedNode;
