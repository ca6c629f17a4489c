// Moddable's random bytes (modules/crypt/etc/rng.js and rng.c, which the SDK ships without typings): an RC4 stream
// seeded from the platform's c_rand (the hardware generator on ESP32). Mapped here for mcconfig and tsconfig.device.json.
declare const RNG: { get(n: number): ArrayBuffer };
export default RNG;
