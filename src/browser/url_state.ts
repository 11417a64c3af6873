/**
 * A controls form's state in the URL: the form marked `data-url-state` keeps
 * its fields, its column picker and its table's sort in the query string
 * (`replaceState`: no history entries), and reads them back on load.
 *
 * @module
 */
import { columnKey, formTable, sortTable } from "./tables.ts";

/** A form control with a name and a value (the ones the state keeps). */
type Field = HTMLInputElement | HTMLSelectElement;

/** The page's state form, if it has one. */
export function stateForm(): HTMLFormElement | null {
  return document.querySelector<HTMLFormElement>("form.controls[data-url-state]");
}

/** Writes `form`'s fields (the target "" as `all`), columns and sort into the URL. */
export function saveState(form: HTMLFormElement | null): void {
  if (!form) return;
  const params = new URLSearchParams();
  for (const el of Array.from(form.elements) as Field[]) {
    if (!el.name || el.name === "count") continue;
    if (el.type === "checkbox") continue;
    if (el.name === "target") params.set("target", el.value === "" ? "all" : el.value);
    else if (el.value !== "") params.set(el.name, el.value);
  }
  const boxes = Array.from(form.querySelectorAll<HTMLInputElement>("input[name=col]"));
  if (boxes.length > 0) {
    params.set("cols", boxes.filter((b) => b.checked).map((b) => b.value).join(","));
  }
  const table = formTable(form);
  const th = table &&
    table.querySelector("thead th[aria-sort=ascending], thead th[aria-sort=descending]");
  if (th) {
    params.set(
      "sort",
      `${columnKey(th)}${th.getAttribute("aria-sort") === "descending" ? "-desc" : ""}`,
    );
  }
  const q = params.toString();
  history.replaceState(
    null,
    "",
    q ? `?${q}${location.hash}` : `${location.pathname}${location.hash}`,
  );
}

/** Reads `form`'s fields, columns and sort back from the URL (unknown options ignored). */
export function loadState(form: HTMLFormElement | null): void {
  if (!form) return;
  const params = new URLSearchParams(location.search);
  for (const el of Array.from(form.elements) as Field[]) {
    if (!el.name || el.type === "checkbox" || !params.has(el.name)) continue;
    const v = params.get(el.name)!;
    const value = el.name === "target" && v === "all" ? "" : v;
    const options = el.tagName === "SELECT" ? Array.from((el as HTMLSelectElement).options) : null;
    if (options && !options.some((o) => o.value === value)) continue;
    el.value = value;
  }
  if (params.has("cols")) {
    const cols = new Set(params.get("cols")!.split(","));
    for (const b of form.querySelectorAll<HTMLInputElement>("input[name=col]")) {
      b.checked = cols.has(b.value);
    }
  }
  const sort = params.get("sort");
  const table = formTable(form);
  if (sort && table) {
    const desc = sort.endsWith("-desc");
    const key = desc ? sort.slice(0, -5) : sort;
    const th = Array.from(table.querySelectorAll<HTMLTableCellElement>("thead th")).find((h) =>
      columnKey(h) === key
    );
    if (th) sortTable(table, th, desc ? "descending" : "ascending");
  }
}
