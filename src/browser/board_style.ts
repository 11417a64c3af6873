/**
 * The board's chart style: a colour per architecture (as everywhere on the
 * site), a shade per model within it, and label lengths.
 *
 * @module
 */

/** Each architecture's colour. */
const ARCH: Readonly<Record<string, string>> = {
  "encoder-decoder": "#0072b2",
  "decoder-only": "#d55e00",
};

/** Shades of each architecture's hue, one per model (the sweep chart). */
export const ARCH_SHADES: Readonly<Record<string, readonly string[]>> = {
  "encoder-decoder": ["#0072b2", "#56b4e9", "#004c7a", "#2b8fd0", "#7fc8f0"],
  "decoder-only": ["#d55e00", "#e69f00", "#a34400", "#f0a060", "#8c3b00"],
};

/** An architecture's colour (grey for any other). */
export function archColor(arch: string): string {
  return ARCH[arch] || "#6e7781";
}

/** A model label cut to 28 characters for axes and legends. */
export function shortLabel(s: string): string {
  return s.length > 28 ? s.slice(0, 27) + "…" : s;
}
