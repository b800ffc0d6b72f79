/**
 * A small, fast, seeded PRNG (sfc32 seeded through splitmix32). The same seed always gives the same sequence on
 * every platform: only 32-bit integer arithmetic, and the float helpers use V8's deterministic Math functions.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4_294_967_296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks with a bias to the start of the list (rank-frequency like surnames): index ~ floor(n * u^power). */
  pickSkewed<T>(items: readonly T[], power = 2): T {
    return items[Math.floor(items.length * this.next() ** power)];
  }

  /** Standard normal (Marsaglia polar method). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    for (;;) {
      const u = this.next() * 2 - 1;
      const v = this.next() * 2 - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }

  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Log-uniform in [min, max). */
  logUniform(min: number, max: number): number {
    return min * (max / min) ** this.next();
  }
}

/** A weighted choice prepared once and drawn many times. */
export function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): (rng: Rng) => T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const [, w] of entries) {
    acc += w / total;
    cumulative.push(acc);
  }
  return (rng) => {
    const u = rng.next();
    for (let i = 0; i < cumulative.length; i++) if (u < cumulative[i]) return entries[i][0];
    return entries[entries.length - 1][0];
  };
}

/** Low-discrepancy sequence in [0, 1) (golden-ratio additive recurrence): evenly spread even for small counts. */
export const goldenQuantile = (index: number, offset: number) => (offset + index * 0.6180339887498949) % 1;

export const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** 1..99 in Chinese numerals (一, 十二, 三十五). */
export function chineseNumber(n: number): string {
  const d = '〇一二三四五六七八九';
  if (n < 10) return d[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : d[tens]}十${n % 10 ? d[n % 10] : ''}`;
}

export const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
