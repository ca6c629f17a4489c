// The `board` module the firmware build generates (scripts/build-firmware.ts writes build/<board>/board.js and this
// same declaration as board.d.ts beside it, so mcconfig's compiler sees it too): the board file, unvalidated.
declare module 'board' {
  const board: unknown;
  export default board;
  export const mcu: import('./board/types').Mcu;
  export const file: string;
}
