/**
 * The instance viewer of a cell page: the cell's samples, fetched page by
 * page from `data/samples/<cell>/<page>.json` (the site's `SamplePage`s),
 * filtered by the viewer's form, and compared sample by sample with another
 * cell of the same task.
 *
 * @module
 */
import type { SampleRecord } from "../core/record.ts";
import type { SamplePage } from "../site/sample_pages.ts";
import { applyFilter } from "./tables.ts";

/** A rendered row and the sample it shows. */
interface Entry {
  readonly tr: HTMLTableRowElement;
  readonly sample: SampleRecord;
}

/** A new element with an optional class and text. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const na = (text: string) => el("em", "na", text);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(3) : "—");
const short = (t: string, n: number) => (t.length > n ? t.slice(0, n - 1) + "…" : t);

/** A prediction's text, or a note when the model answered nothing. */
function prediction(td: HTMLElement, text: string): void {
  if (text === "") td.appendChild(na("(empty: the model answered nothing)"));
  else td.textContent = text;
}

/**
 * Starts the viewer `#viewer` (its `data-samples` base URL, `data-cell`, `data-pages` and
 * `data-primary` metric): loads the first page, the next on demand, and all of them before
 * a filter or a comparison.
 */
export function initViewer(viewer: HTMLElement): void {
  const base = viewer.getAttribute("data-samples")!;
  const cell = viewer.getAttribute("data-cell")!;
  const pages = Number(viewer.getAttribute("data-pages"));
  const primary = viewer.getAttribute("data-primary")!;
  const family = primary.split(".")[0];
  const vform = document.getElementById("viewer-controls") as HTMLFormElement;
  const body = document.querySelector("#instances tbody")!;
  const more = document.getElementById("viewer-more")!;
  const rowsById = new Map<string, Entry>();
  let loaded = 0;
  let loading: Promise<void> | null = null;
  let other: Map<string, SampleRecord> | null = null; // sampleId -> sample of the compared cell

  async function fetchPage(cellSlug: string, page: number): Promise<SamplePage> {
    const res = await fetch(`${base}${cellSlug}/${page}.json`);
    if (!res.ok) throw new Error(`HTTP ${res.status} for page ${page}`);
    return await res.json();
  }
  function scoresCell(
    scores: Readonly<Record<string, number>>,
    tokensIn: number,
    tokensOut: number,
  ): HTMLTableCellElement {
    const td = el("td", "scores");
    const entries = Object.entries(scores);
    const mine = entries.filter(([k]) => k.split(".")[0] === family);
    const rest = entries.filter(([k]) => k.split(".")[0] !== family);
    for (const [k, v] of mine) {
      const span = el("span", "", `${k} `);
      span.appendChild(el("b", "", num(v)));
      td.appendChild(span);
    }
    if (rest.length > 0) {
      const d = el("details");
      d.appendChild(el("summary", "", `${rest.length} more scores`));
      for (const [k, v] of rest) {
        const span = el("span", "", `${k} `);
        span.appendChild(el("b", "", num(v)));
        d.appendChild(span);
      }
      td.appendChild(d);
    }
    td.appendChild(el("span", "", `tokens ${tokensIn} → ${tokensOut}`));
    return td;
  }
  function renderRow(s: SampleRecord): HTMLTableRowElement {
    const tr = document.createElement("tr");
    const score = s.scores[primary];
    tr.setAttribute("data-score", score === undefined ? "" : String(score));
    const th = el("th");
    th.scope = "row";
    th.setAttribute("data-v", s.sampleId);
    th.appendChild(el("code", "", s.sampleId));
    tr.appendChild(th);
    const sc = el("td", "num", num(score));
    sc.setAttribute("data-v", score === undefined ? "" : String(score));
    tr.appendChild(sc);
    const inp = el("td", "text");
    const det = el("details");
    det.appendChild(el("summary", "", short(s.input, 160)));
    det.appendChild(el("pre", "raw", s.input));
    inp.appendChild(det);
    tr.appendChild(inp);
    const refs = el("td", "text");
    if (s.references.length === 0 || s.references.every((r) => r === "")) {
      refs.appendChild(na("no answer (empty reference)"));
    } else {
      const ol = el("ol", "refs");
      for (const r of s.references) {
        const li = el("li");
        if (r === "") li.appendChild(na("no answer"));
        else li.textContent = r;
        ol.appendChild(li);
      }
      refs.appendChild(ol);
    }
    tr.appendChild(refs);
    const pred = el("td", "text pred");
    prediction(pred, s.prediction);
    tr.appendChild(pred);
    tr.appendChild(el("td", "text pred cmp"));
    tr.appendChild(el("td", "num cmp"));
    tr.appendChild(scoresCell(s.scores, s.inputTokens, s.outputTokens));
    rowsById.set(s.sampleId, { tr, sample: s });
    return tr;
  }
  function compareRow(entry: Entry): void {
    const cells = entry.tr.querySelectorAll<HTMLTableCellElement>("td.cmp");
    const pred = cells[0]!, delta = cells[1]!;
    const o = other && other.get(entry.sample.sampleId);
    pred.textContent = "";
    delta.textContent = "";
    entry.tr.removeAttribute("data-differ");
    if (!other) return;
    if (!o) {
      pred.appendChild(na("not in the other cell"));
      delta.setAttribute("data-v", "");
      return;
    }
    prediction(pred, o.prediction);
    const a = entry.sample.scores[primary], b = o.scores[primary];
    const d = typeof a === "number" && typeof b === "number" ? a - b : null;
    delta.textContent = d === null
      ? "—"
      : `${d > 0 ? "+" : d < 0 ? "\u2212" : ""}${Math.abs(d).toFixed(3)}`;
    delta.setAttribute("data-v", d === null ? "" : String(d));
    delta.className = `num cmp${d !== null && d > 0 ? " good" : d !== null && d < 0 ? " bad" : ""}`;
    if (o.prediction !== entry.sample.prediction) entry.tr.setAttribute("data-differ", "1");
  }
  async function loadNext(): Promise<void> {
    if (loaded >= pages) return;
    const page = await fetchPage(cell, loaded + 1);
    vform.setAttribute("data-total", String(page.total));
    for (const s of page.samples) {
      const tr = renderRow(s);
      body.appendChild(tr);
      compareRow(rowsById.get(s.sampleId)!);
    }
    loaded = page.page;
    more.hidden = loaded >= pages;
    more.textContent = `Load the next ${Math.min(100, page.total - loaded * 100)} samples`;
    applyFilter(vform);
  }
  function loadAll(): Promise<void> {
    loading = loading || (async () => {
      while (loaded < pages) await loadNext();
    })();
    return loading;
  }
  function fail(err: unknown): void {
    const p = el("p", "na", `Could not load the samples: ${(err as Error).message}`);
    viewer.appendChild(p);
  }
  more.addEventListener("click", () => loadNext().catch(fail));
  // Filters and comparisons need every sample: load the rest first.
  vform.addEventListener("input", () => loadAll().then(() => applyFilter(vform)).catch(fail));
  const cmp = document.getElementById("compare-with") as HTMLSelectElement | null;
  if (cmp) {
    cmp.addEventListener("change", async () => {
      try {
        const slugOf = cmp.value;
        if (slugOf === "") {
          other = null;
        } else {
          const first = await fetchPage(slugOf, 1);
          const list = first.samples.slice();
          for (let p = 2; p <= first.pages; p++) {
            list.push(...(await fetchPage(slugOf, p)).samples);
          }
          other = new Map(list.map((s) => [s.sampleId, s]));
        }
        await loadAll();
        viewer.classList.toggle("comparing", other !== null);
        for (const entry of rowsById.values()) compareRow(entry);
        applyFilter(vform);
      } catch (err) {
        fail(err);
      }
    });
  }
  loadNext().catch(fail);
}
