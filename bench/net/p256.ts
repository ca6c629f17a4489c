// P-256 scalar multiplication in plain JavaScript with BigInt (Jacobian coordinates, double-and-add): only to
// measure what a pure-JS ECDSA would cost on XS (a verify is about two of these, a signature one), not to use.

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const A = P - 3n;
const G: [bigint, bigint] = [
  0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
];
type Jacobian = [bigint, bigint, bigint];
const mod = (a: bigint) => { const r = a % P; return r < 0n ? r + P : r; };

function inverse(a: bigint): bigint {
  let [r0, r1, s0, s1] = [P, mod(a), 0n, 1n];
  while (r1 !== 0n) { const q = r0 / r1; [r0, r1] = [r1, r0 - q * r1]; [s0, s1] = [s1, s0 - q * s1]; }
  return mod(s0);
}
function double([x, y, z]: Jacobian): Jacobian {
  if (y === 0n) return [0n, 1n, 0n];
  const yy = mod(y * y), s = mod(4n * x * yy), zz = mod(z * z), m = mod(3n * x * x + A * mod(zz * zz));
  const x3 = mod(m * m - 2n * s);
  return [x3, mod(m * (s - x3) - 8n * yy * yy), mod(2n * y * z)];
}
function add(p: Jacobian, q: Jacobian): Jacobian {
  if (p[2] === 0n) return q;
  if (q[2] === 0n) return p;
  const z1z1 = mod(p[2] * p[2]), z2z2 = mod(q[2] * q[2]);
  const u1 = mod(p[0] * z2z2), u2 = mod(q[0] * z1z1), s1 = mod(p[1] * q[2] * z2z2), s2 = mod(q[1] * p[2] * z1z1);
  if (u1 === u2) return s1 === s2 ? double(p) : [0n, 1n, 0n];
  const h = mod(u2 - u1), r = mod(s2 - s1), hh = mod(h * h), hhh = mod(h * hh), v = mod(u1 * hh);
  const x3 = mod(r * r - hhh - 2n * v);
  return [x3, mod(r * (v - x3) - s1 * hhh), mod(p[2] * q[2] * h)];
}

/** k·point, in affine coordinates. */
export function multiply(k: bigint, point: [bigint, bigint] = G): [bigint, bigint] {
  let result: Jacobian = [0n, 1n, 0n], addend: Jacobian = [point[0], point[1], 1n];
  for (; k > 0n; k >>= 1n) { if (k & 1n) result = add(result, addend); addend = double(addend); }
  const zi = inverse(result[2]), zi2 = mod(zi * zi);
  return [mod(result[0] * zi2), mod(result[1] * zi2 * zi)];
}
