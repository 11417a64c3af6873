/**
 * The site's tables in the browser: sorting by a column (`aria-sort` on its
 * header), filtering rows by a form's fields, and showing the optional and
 * per-target columns a form picks. The tables are whole without it.
 *
 * @module
 */

/** A cell's sort value: its `data-v`, else its text ("" when the row has no such cell). */
function cellValue(row: HTMLTableRowElement, index: number): string {
  const cell = row.children[index];
  if (!cell) return "";
  const v = cell.getAttribute("data-v");
  return v !== null ? v : cell.textContent!.trim();
}

/**
 * Orders two sort values: empty last, numbers by value, text by natural order (digits as
 * numbers, case-insensitive).
 */
export function compareValues(a: string, b: string): number {
  const ea = a === "", eb = b === "";
  if (ea || eb) return ea && eb ? 0 : ea ? 1 : -1; // empty cells last
  const na = Number(a), nb = Number(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });
}

/** A sort direction, as `aria-sort` states it. */
export type SortDirection = "ascending" | "descending";

/**
 * Sorts `table`'s body by the column of header `th`: in direction `wanted`, else the
 * opposite of its current one (ascending first). Empty cells stay last either way.
 */
export function sortTable(
  table: HTMLTableElement,
  th: HTMLTableCellElement,
  wanted?: SortDirection,
): void {
  const headers = Array.from(th.parentElement!.children);
  const index = headers.indexOf(th);
  const dir = wanted ||
    (th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
  for (const h of headers) if (h.hasAttribute("aria-sort")) h.setAttribute("aria-sort", "none");
  th.setAttribute("aria-sort", dir);
  const body = table.tBodies[0]!;
  const rows = Array.from(body.rows);
  rows.sort((r1, r2) => {
    const a = cellValue(r1, index), b = cellValue(r2, index);
    if (a === "" || b === "") return compareValues(a, b);
    return dir === "ascending" ? compareValues(a, b) : compareValues(b, a);
  });
  for (const r of rows) body.appendChild(r);
}

/** A column's key in the URL: its `data-key`, else its index. */
export function columnKey(th: Element): string {
  return th.getAttribute("data-key") ||
    String(Array.from(th.parentElement!.children).indexOf(th));
}

/** The table a controls form acts on (its `data-table`), if the page has it. */
export function formTable(form: HTMLFormElement): HTMLTableElement | null {
  return document.getElementById(form.getAttribute("data-table")!) as HTMLTableElement | null;
}

/** A form field's value ("" when the form has no such field). */
function fieldValue(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name) as { value: string } | null;
  return field ? field.value : "";
}

/**
 * Shows the rows of the form's table that pass its fields (`q` text, `arch`, `kind`,
 * `differ`, `min`/`max` score) and writes the count into its `count` output.
 */
export function applyFilter(form: HTMLFormElement): void {
  const table = formTable(form);
  if (!table) return;
  const q = fieldValue(form, "q").trim().toLowerCase();
  const arch = fieldValue(form, "arch"), kind = fieldValue(form, "kind");
  const min = fieldValue(form, "min") === "" ? -Infinity : Number(fieldValue(form, "min"));
  const max = fieldValue(form, "max") === "" ? Infinity : Number(fieldValue(form, "max"));
  const differ = form.elements.namedItem("differ") as HTMLInputElement | null;
  let shown = 0;
  const rows = Array.from(table.tBodies[0]!.rows);
  for (const row of rows) {
    let ok = true;
    if (q && !row.textContent!.toLowerCase().includes(q)) ok = false;
    if (arch && row.getAttribute("data-arch") !== arch) ok = false;
    if (kind && row.getAttribute("data-kind") !== kind) ok = false;
    if (differ && differ.checked && row.getAttribute("data-differ") !== "1") ok = false;
    if (row.hasAttribute("data-score") && (min > -Infinity || max < Infinity)) {
      const s = row.getAttribute("data-score");
      const v = s === "" ? NaN : Number(s);
      if (Number.isNaN(v) || v < min || v > max) ok = false;
    }
    row.hidden = !ok;
    if (ok) shown++;
  }
  const out = (form.elements.namedItem("count") || form.querySelector("output")) as
    | HTMLOutputElement
    | null;
  const total = form.getAttribute("data-total");
  if (out) {
    out.value = total && Number(total) > rows.length
      ? `${shown} of ${rows.length} loaded (${total} samples)`
      : `${shown} of ${rows.length} shown`;
  }
}

/**
 * Shows the optional columns (`data-col`) the form's column picker checks and the
 * per-target columns (`data-target`) of the target its selector picks (all for "").
 */
export function applyColumns(form: HTMLFormElement): void {
  const table = formTable(form);
  const boxes = form.querySelectorAll<HTMLInputElement>("input[name=col]");
  if (!table || boxes.length === 0) return;
  const on = new Set(Array.from(boxes).filter((b) => b.checked).map((b) => b.value));
  const sel = form.elements.namedItem("target") as HTMLSelectElement | null;
  const target = sel ? sel.value : "";
  for (const el of table.querySelectorAll("[data-col], [data-target]")) {
    const col = el.getAttribute("data-col"), t = el.getAttribute("data-target");
    const shown = (col === null || on.has(col)) && (t === null || target === "" || t === target);
    el.classList.toggle("off", !shown);
  }
}
