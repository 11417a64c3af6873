/** Number formatting for the pages. @module */

const formatters = new Map<number, Intl.NumberFormat>();

/** A number with `digits` decimals, or an em dash when missing. */
export function fmt(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "\u2014";
  // Number#toLocaleString builds a formatter per call (slow): keep one per precision.
  let f = formatters.get(digits);
  if (f === undefined) {
    f = new Intl.NumberFormat("en-US", {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(digits, f);
  }
  // One minus sign everywhere (U+2212, as `signed` writes it), not the hyphen Intl uses.
  return f.format(x).replace("-", "\u2212");
}

/** A count with its noun: `1 run`, `2 runs` (plural default: noun + "s"). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : plural}`;
}

/** Milliseconds with sensible precision. */
export function ms(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "\u2014";
  return fmt(x, x >= 100 ? 0 : 1);
}

/** Whole mebibytes with the unit, as `244 MiB`, or an em dash alone when missing. */
export function mib(x: number | null | undefined): string {
  const v = fmt(x, 0);
  return v === "\u2014" ? v : `${v} MiB`;
}

/** A parameter count as `31.2M` / `1.1B`. */
export function params(n: number): string {
  if (n >= 1e9) return `${fmt(n / 1e9, 2)}B`;
  if (n >= 1e6) return `${fmt(n / 1e6, 1)}M`;
  if (n >= 1e3) return `${fmt(n / 1e3, 1)}k`;
  return String(n);
}

/** Bytes as `12.3 MiB`. */
export function bytes(n: number): string {
  if (n >= 2 ** 30) return `${fmt(n / 2 ** 30, 2)} GiB`;
  if (n >= 2 ** 20) return `${fmt(n / 2 ** 20, 1)} MiB`;
  if (n >= 2 ** 10) return `${fmt(n / 2 ** 10, 1)} KiB`;
  return `${n} B`;
}

/** A signed number, e.g. `+2.3`. */
export function signed(x: number, digits = 1): string {
  return `${x >= 0 ? "+" : "\u2212"}${fmt(Math.abs(x), digits)}`;
}

/** A date-time as `2026-11-27 09:05 UTC`. */
export function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
