// The Firmata framing both ends share: whole messages out of a byte stream, and stray bytes reported with a reason.
import { describe, expect, it } from 'vitest';
import { boardToHost, FrameSplitter, hostToBoard } from '../../hal/providers/bench/firmata-frames';

function split(lengths: typeof boardToHost, chunks: number[][]) {
  const frames: number[][] = [], strays: string[] = [];
  const s = new FrameSplitter(lengths, (f) => frames.push(f), (bytes, why) => strays.push(`${bytes.join(',')}: ${why}`));
  for (const c of chunks) s.push(c);
  return { frames, strays };
}

describe('the Firmata frame splitter', () => {
  it('joins a digital report split across two reads', () => {
    expect(split(boardToHost, [[0x90, 0x7f], [0x01]]).frames).toEqual([[0x90, 0x7f, 0x01]]);
  });

  it('passes a sysex message whole, from START_SYSEX to END_SYSEX', () => {
    expect(split(boardToHost, [[0xf0, 0x79, 2, 5, 0x53, 0, 0xf7]]).frames).toEqual([[0xf0, 0x79, 2, 5, 0x53, 0, 0xf7]]);
  });

  it('reads the version request as one byte from the host and the version report as three from the board', () => {
    expect(split(hostToBoard, [[0xf9, 0xf9]]).frames).toEqual([[0xf9], [0xf9]]);
    expect(split(boardToHost, [[0xf9, 2, 5]]).frames).toEqual([[0xf9, 2, 5]]);
  });

  it('reports data bytes outside any message and keeps the message after them', () => {
    const { frames, strays } = split(boardToHost, [[0x12, 0x34, 0xe0, 0x10, 0x07]]);
    expect(strays).toEqual(['18,52: data bytes outside any message']);
    expect(frames).toEqual([[0xe0, 0x10, 0x07]]);
  });

  it('reports a message cut short by the next command', () => {
    const { frames, strays } = split(boardToHost, [[0x93, 0x01, 0x90, 0x00, 0x00]]);
    expect(strays).toEqual(['147,1: message cut short by 0x90']);
    expect(frames).toEqual([[0x90, 0, 0]]);
  });

  it('reports a byte that starts no message in that direction', () => {
    expect(split(boardToHost, [[0xd0, 0x01]]).strays).toEqual(['208: 0xD0 starts no message', '1: data bytes outside any message']);
  });
});
