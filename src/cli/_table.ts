/** Plain-text tables for the terminal. @module */

/** Renders rows under a header with aligned columns; numbers-looking cells align right. */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = (s: string): boolean => /^[-+=~]?[\d.]+(%|x|\s\[.*\])?$/.test(s);
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => numeric(c) && i > 0 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))
      .join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
