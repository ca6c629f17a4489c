// The `board` module the firmware build generates (scripts/build-firmware.ts writes build/<board>/board.js and this
// same declaration as board.d.ts beside it, so mcconfig's compiler sees it too): the board file, unvalidated.
declare module 'board' {
  const board: unknown;
  export default board;
  export const mcu: import('./board/types').Mcu;
  export const file: string;
}

// The node's start (build/<board>/node-start.js): the transport's (firmware/net/moddable/*-node.ts), or none on a
// board without a transport.
declare module 'node-start' {
  const start: import('./net/moddable/start').BusStart | undefined;
  export default start;
}

// The node's provisioning (build/<board>/provision.js, from keys/<node>.json): checked at boot, unchecked here.
declare module 'provision' {
  const provision: unknown;
  export default provision;
}
