// Two tiny RP2040 programs of our own, for testing the emulator harness with nothing from outside: their assembly
// source, and the Thumb machine code Debian's binutils-arm-none-eabi makes of it (checked when `as` is installed).

/** Copies buttons and limits to outputs through the SIO: GPIO16 → 10, GPIO17 → 7 (6 held high), GPIO8 → 13, inverted (active low). */
export const mirror = {
  source: `
    .syntax unified
    .cpu cortex-m0plus
    .thumb
_start:
    ldr  r0, =0x4001c000      @ PADS_BANK0: GPIOn at n*4+4
    movs r1, #0x56            @ input enabled, as real silicon resets (rp2040js starts with it off)
    str  r1, [r0, #8*4+4]     @ GPIO8  bay door open limit
    str  r1, [r0, #16*4+4]    @ GPIO16 deck active request
    str  r1, [r0, #17*4+4]    @ GPIO17 deck ready request
    ldr  r0, =0x40014000      @ IO_BANK0: GPIOn_CTRL at n*8+4
    movs r1, #5               @ FUNCSEL 5: SIO
    str  r1, [r0, #6*8+4]     @ GPIO6  bay door dir
    str  r1, [r0, #7*8+4]     @ GPIO7  bay door enable
    str  r1, [r0, #10*8+4]    @ GPIO10 bay pump
    str  r1, [r0, #13*8+4]    @ GPIO13 beeper
    ldr  r2, =0xd0000000      @ SIO
    ldr  r3, =0x24c0          @ pins 6, 7, 10, 13
    str  r3, [r2, #0x24]      @ GPIO_OE_SET
    movs r6, #1
loop:
    ldr  r4, [r2, #4]         @ GPIO_IN
    mvns r4, r4               @ the buttons and limits are active low
    movs r5, #0x40            @ dir (GPIO6) always high: opening
    lsrs r7, r4, #16          @ GPIO16 deck active request -> GPIO10 bay pump
    ands r7, r6
    lsls r7, r7, #10
    orrs r5, r7
    lsrs r7, r4, #17          @ GPIO17 deck ready request -> GPIO7 bay door enable
    ands r7, r6
    lsls r7, r7, #7
    orrs r5, r7
    lsrs r7, r4, #8           @ GPIO8 bay door open limit -> GPIO13 beeper
    ands r7, r6
    lsls r7, r7, #13
    orrs r5, r7
    str  r5, [r2, #0x10]      @ GPIO_OUT
    b    loop
`,
  code: '0f4856214162416481640e4805214163c1634165c1660c4a0c4b536201265468e4434025270c3740bf023d43670c3740ff013d43270a37407f033d431561eee700c0014000400140000000d0c0240000',
};

/** Keeps every byte UART1 receives (a ring at 0x20001000, its count at 0x20000ffc) and ADC channel 0's last result (0x20000ff8). */
export const listen = {
  source: `
    .syntax unified
    .cpu cortex-m0plus
    .thumb
_start:
    ldr  r0, =0x40038000      @ UART1
    ldr  r1, =0x4004c000      @ ADC
    ldr  r2, =0x20001000      @ where the bytes go; their count at 0x20000ffc, the ADC's result at 0x20000ff8
    movs r3, #0               @ bytes received
    movs r4, #0x10            @ UARTFR.RXFE
loop:
    ldr  r5, [r0, #0x18]      @ UARTFR
    tst  r5, r4
    bne  adc                  @ receive FIFO empty
    ldr  r5, [r0, #0]         @ UARTDR
    strb r5, [r2, r3]
    adds r3, #1
    uxtb r3, r3               @ a 256-byte ring
    subs r5, r2, #4
    str  r3, [r5]
adc:
    ldr  r5, =0x5             @ CS: EN | START_ONCE, AINSEL 0 (GPIO26)
    str  r5, [r1, #0]
wait:
    ldr  r5, [r1, #0]
    lsrs r5, r5, #9           @ CS.READY (bit 8) into carry
    bcc  wait
    ldr  r5, [r1, #4]         @ RESULT
    subs r6, r2, #4
    subs r6, #4
    str  r5, [r6]
    b    loop
`,
  code: '0b480c490c4a002310248569254205d10568d5540133dbb2151f2b60074d0d600d686d0afcd34d68161f043e3560ece70080034000c004400010002005000000',
};
