// The bus over a UART (RS-485 transceiver): envelopes as COBS frames with CRC-16 on ECMA-419 Serial.
// Every node on the wire hears every frame; the envelope's `to` and signature decide who acts on it.
import type { Device, SerialOptions } from '../../hal/types';
import { decodeUtf8, utf8 } from './sha256';
import { Deframer, frame } from './framing';
import type { Transport } from './node';

export interface SerialTransport extends Transport { readonly badFrames: number; close(): void }

export function createSerialTransport(device: Device, pins: Pick<SerialOptions, 'receive' | 'transmit' | 'baud' | 'port'>): SerialTransport {
  let handler: (text: string) => void = () => {};
  // A frame that is not UTF-8 is refused here (counted as bad), never guessed at.
  const deframer = new Deframer((payload) => {
    const text = decodeUtf8(payload);
    if (text === undefined) return false;
    handler(text);
    return true;
  });
  const serial = new device.io.Serial({
    ...pins, format: 'buffer',
    onReadable() {
      try {
        const data = this.read();
        if (data) deframer.push(new Uint8Array(data));
      } catch { /* the deframer counts what it refuses; nothing read may stop the next read */ }
    },
  });
  return {
    send: (_to, text) => serial.write(frame(utf8(text))),
    onMessage: (h) => { handler = h; },
    get badFrames() { return deframer.bad; },
    close: () => serial.close(),
  };
}
