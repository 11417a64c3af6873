/**
 * Sizes as people read them, in one style for every command: binary units, one decimal from
 * KiB on (`1.5 MiB`, `8.4 GiB`).
 *
 * @module
 */

/** `1.5 MiB`: bytes in binary units, one decimal from KiB on. */
export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}
