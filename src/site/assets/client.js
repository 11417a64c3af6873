// encoder-bench leaderboard client: table sorting and filtering, the target
// selector, the instance viewer, and the charts (chart.js, loaded from this
// site). Plain ES2020, no inline code: works under a strict CSP. Tables work
// without it; this only enhances them.
"use strict";
(function () {
  document.documentElement.classList.add("js");

  // ---- sorting -------------------------------------------------------------
  function cellValue(row, index) {
    const cell = row.children[index];
    if (!cell) return "";
    const v = cell.getAttribute("data-v");
    return v !== null ? v : cell.textContent.trim();
  }
  function compare(a, b) {
    const ea = a === "", eb = b === "";
    if (ea || eb) return ea && eb ? 0 : ea ? 1 : -1; // empty cells last
    const na = Number(a), nb = Number(b);
    if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
    return a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });
  }
  function sortTable(table, th, wanted) {
    const headers = Array.from(th.parentElement.children);
    const index = headers.indexOf(th);
    const dir = wanted ||
      (th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
    for (const h of headers) if (h.hasAttribute("aria-sort")) h.setAttribute("aria-sort", "none");
    th.setAttribute("aria-sort", dir);
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    rows.sort((r1, r2) => {
      const a = cellValue(r1, index), b = cellValue(r2, index);
      if (a === "" || b === "") return compare(a, b);
      return dir === "ascending" ? compare(a, b) : compare(b, a);
    });
    for (const r of rows) body.appendChild(r);
  }
  // A column's key in the URL: its data-key, else its index.
  function columnKey(th) {
    return th.getAttribute("data-key") || String(Array.from(th.parentElement.children).indexOf(th));
  }
  for (const table of document.querySelectorAll("table.sortable")) {
    for (const button of table.querySelectorAll("thead button.sort")) {
      button.addEventListener("click", () => {
        sortTable(table, button.closest("th"));
        saveState();
      });
    }
  }

  // ---- filtering -----------------------------------------------------------
  function applyFilter(form) {
    const table = document.getElementById(form.getAttribute("data-table"));
    if (!table) return;
    const get = (name) => (form.elements[name] ? form.elements[name].value : "");
    const q = get("q").trim().toLowerCase();
    const arch = get("arch"), kind = get("kind");
    const min = get("min") === "" ? -Infinity : Number(get("min"));
    const max = get("max") === "" ? Infinity : Number(get("max"));
    let shown = 0;
    const rows = Array.from(table.tBodies[0].rows);
    for (const row of rows) {
      let ok = true;
      if (q && !row.textContent.toLowerCase().includes(q)) ok = false;
      if (arch && row.getAttribute("data-arch") !== arch) ok = false;
      if (kind && row.getAttribute("data-kind") !== kind) ok = false;
      if (
        form.elements.differ && form.elements.differ.checked &&
        row.getAttribute("data-differ") !== "1"
      ) ok = false;
      if (row.hasAttribute("data-score") && (min > -Infinity || max < Infinity)) {
        const s = row.getAttribute("data-score");
        const v = s === "" ? NaN : Number(s);
        if (Number.isNaN(v) || v < min || v > max) ok = false;
      }
      row.hidden = !ok;
      if (ok) shown++;
    }
    const out = form.elements.count || form.querySelector("output");
    const total = form.getAttribute("data-total");
    if (out) {
      out.value = total && Number(total) > rows.length
        ? `${shown} of ${rows.length} loaded (${total} samples)`
        : `${shown} of ${rows.length} shown`;
    }
  }
  // Optional columns (data-col) and per-target columns (data-target) of a table whose
  // form has a column picker and a target selector: shown when picked and on the target.
  function applyColumns(form) {
    const table = document.getElementById(form.getAttribute("data-table"));
    const boxes = form.querySelectorAll("input[name=col]");
    if (!table || boxes.length === 0) return;
    const on = new Set(Array.from(boxes).filter((b) => b.checked).map((b) => b.value));
    const sel = form.elements.target;
    const target = sel ? sel.value : "";
    for (const el of table.querySelectorAll("[data-col], [data-target]")) {
      const col = el.getAttribute("data-col"), t = el.getAttribute("data-target");
      const shown = (col === null || on.has(col)) && (t === null || target === "" || t === target);
      el.classList.toggle("off", !shown);
    }
  }

  // ---- state in the URL ------------------------------------------------------
  // The form marked data-url-state keeps its fields and its table's sort in the query string
  // (replaceState: no history entries), and reads them back on load.
  const stateForm = document.querySelector("form.controls[data-url-state]");
  function saveState() {
    if (!stateForm) return;
    const params = new URLSearchParams();
    for (const el of stateForm.elements) {
      if (!el.name || el.name === "count") continue;
      if (el.type === "checkbox") continue;
      if (el.name === "target") params.set("target", el.value === "" ? "all" : el.value);
      else if (el.value !== "") params.set(el.name, el.value);
    }
    const boxes = Array.from(stateForm.querySelectorAll("input[name=col]"));
    if (boxes.length > 0) {
      params.set("cols", boxes.filter((b) => b.checked).map((b) => b.value).join(","));
    }
    const table = document.getElementById(stateForm.getAttribute("data-table"));
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
  function loadState() {
    if (!stateForm) return;
    const params = new URLSearchParams(location.search);
    for (const el of stateForm.elements) {
      if (!el.name || el.type === "checkbox" || !params.has(el.name)) continue;
      const v = params.get(el.name);
      const value = el.name === "target" && v === "all" ? "" : v;
      if (el.tagName === "SELECT" && !Array.from(el.options).some((o) => o.value === value)) {
        continue;
      }
      el.value = value;
    }
    if (params.has("cols")) {
      const cols = new Set(params.get("cols").split(","));
      for (const b of stateForm.querySelectorAll("input[name=col]")) b.checked = cols.has(b.value);
    }
    const sort = params.get("sort");
    const table = document.getElementById(stateForm.getAttribute("data-table"));
    if (sort && table) {
      const desc = sort.endsWith("-desc");
      const key = desc ? sort.slice(0, -5) : sort;
      const th = Array.from(table.querySelectorAll("thead th")).find((h) => columnKey(h) === key);
      if (th) sortTable(table, th, desc ? "descending" : "ascending");
    }
  }

  const select = document.getElementById("target-select");
  if (select && select.value === "" && !new URLSearchParams(location.search).has("target")) {
    // The first target by default: one set of efficiency columns, the compact view.
    const first = Array.from(select.options).find((o) => o.value !== "");
    if (first) select.value = first.value;
  }
  loadState();
  for (const form of document.querySelectorAll("form.controls[data-table]")) {
    form.addEventListener("submit", (e) => e.preventDefault());
    const update = () => {
      applyColumns(form);
      applyFilter(form);
      if (form === stateForm) saveState();
    };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    applyColumns(form);
    applyFilter(form);
  }

  // ---- instance viewer: a cell's samples, fetched page by page ------------------
  function initViewer(viewer) {
    const base = viewer.getAttribute("data-samples");
    const cell = viewer.getAttribute("data-cell");
    const pages = Number(viewer.getAttribute("data-pages"));
    const primary = viewer.getAttribute("data-primary");
    const family = primary.split(".")[0];
    const vform = document.getElementById("viewer-controls");
    const body = document.querySelector("#instances tbody");
    const more = document.getElementById("viewer-more");
    const rowsById = new Map();
    let loaded = 0;
    let loading = null;
    let other = null; // Map sampleId -> sample of the compared cell
    const el = (tag, cls, text) => {
      const e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const na = (text) => el("em", "na", text);
    const num = (v) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(3) : "—");
    const short = (t, n) => (t.length > n ? t.slice(0, n - 1) + "…" : t);
    async function fetchPage(cellSlug, page) {
      const res = await fetch(`${base}${cellSlug}/${page}.json`);
      if (!res.ok) throw new Error(`HTTP ${res.status} for page ${page}`);
      return await res.json();
    }
    function prediction(td, text) {
      if (text === "") td.appendChild(na("(empty: the model answered nothing)"));
      else td.textContent = text;
    }
    function scoresCell(scores, tokensIn, tokensOut) {
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
    function renderRow(s) {
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
    function compareRow(entry) {
      const cells = entry.tr.querySelectorAll("td.cmp");
      const o = other && other.get(entry.sample.sampleId);
      cells[0].textContent = "";
      cells[1].textContent = "";
      entry.tr.removeAttribute("data-differ");
      if (!other) return;
      if (!o) {
        cells[0].appendChild(na("not in the other cell"));
        cells[1].setAttribute("data-v", "");
        return;
      }
      prediction(cells[0], o.prediction);
      const a = entry.sample.scores[primary], b = o.scores[primary];
      const d = typeof a === "number" && typeof b === "number" ? a - b : null;
      cells[1].textContent = d === null
        ? "—"
        : `${d > 0 ? "+" : d < 0 ? "\u2212" : ""}${Math.abs(d).toFixed(3)}`;
      cells[1].setAttribute("data-v", d === null ? "" : String(d));
      cells[1].className = `num cmp${d > 0 ? " good" : d < 0 ? " bad" : ""}`;
      if (o.prediction !== entry.sample.prediction) entry.tr.setAttribute("data-differ", "1");
    }
    async function loadNext() {
      if (loaded >= pages) return;
      const page = await fetchPage(cell, loaded + 1);
      vform.setAttribute("data-total", String(page.total));
      for (const s of page.samples) {
        const tr = renderRow(s);
        body.appendChild(tr);
        compareRow(rowsById.get(s.sampleId));
      }
      loaded = page.page;
      more.hidden = loaded >= pages;
      more.textContent = `Load the next ${Math.min(100, page.total - loaded * 100)} samples`;
      applyFilter(vform);
    }
    function loadAll() {
      loading = loading || (async () => {
        while (loaded < pages) await loadNext();
      })();
      return loading;
    }
    function fail(err) {
      const p = el("p", "na", `Could not load the samples: ${err.message}`);
      viewer.appendChild(p);
    }
    more.addEventListener("click", () => loadNext().catch(fail));
    // Filters and comparisons need every sample: load the rest first.
    vform.addEventListener("input", () => loadAll().then(() => applyFilter(vform)).catch(fail));
    const cmp = document.getElementById("compare-with");
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
  const viewerEl = document.getElementById("viewer");
  if (viewerEl) initViewer(viewerEl);

  // ---- charts --------------------------------------------------------------
  const dataEl = document.getElementById("chart-data");
  const data = dataEl ? JSON.parse(dataEl.textContent) : null;
  const ARCH = { "encoder-decoder": "#0072b2", "decoder-only": "#d55e00" };
  const archColor = (a) => ARCH[a] || "#6e7781";

  // Error bars: datasets carry `errorBars`, one {xLow,xHigh,yLow,yHigh} per point.
  const errorBars = {
    id: "errorBars",
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      chart.data.datasets.forEach((ds, di) => {
        if (!ds.errorBars) return;
        const meta = chart.getDatasetMeta(di);
        if (meta.hidden) return;
        const xs = chart.scales[meta.xAxisID], ys = chart.scales[meta.yAxisID];
        ctx.save();
        // Clip to the plot area: bars must not run into the legend or the axis titles.
        const area = chart.chartArea;
        ctx.beginPath();
        ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
        ctx.clip();
        ctx.strokeStyle = ds.errorBarColor || ds.borderColor || "#444";
        ctx.lineWidth = 1.2;
        meta.data.forEach((el, i) => {
          const e = ds.errorBars[i];
          if (!e) return;
          const cap = 4;
          ctx.beginPath();
          if (e.xLow != null && e.xHigh != null) {
            const a = xs.getPixelForValue(e.xLow), b = xs.getPixelForValue(e.xHigh);
            ctx.moveTo(a, el.y);
            ctx.lineTo(b, el.y);
            ctx.moveTo(a, el.y - cap);
            ctx.lineTo(a, el.y + cap);
            ctx.moveTo(b, el.y - cap);
            ctx.lineTo(b, el.y + cap);
          }
          if (e.yLow != null && e.yHigh != null) {
            const a = ys.getPixelForValue(e.yLow), b = ys.getPixelForValue(e.yHigh);
            ctx.moveTo(el.x, a);
            ctx.lineTo(el.x, b);
            ctx.moveTo(el.x - cap, a);
            ctx.lineTo(el.x + cap, a);
            ctx.moveTo(el.x - cap, b);
            ctx.lineTo(el.x + cap, b);
          }
          ctx.stroke();
        });
        ctx.restore();
      });
    },
  };
  // Point labels for the scatter chart.
  const pointLabels = {
    id: "pointLabels",
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      ctx.save();
      const area = chart.chartArea;
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      ctx.fillStyle = "#32383f";
      const placed = [];
      chart.data.datasets.forEach((ds, di) => {
        if (!ds.pointNames) return;
        const meta = chart.getDatasetMeta(di);
        if (meta.hidden) return;
        meta.data.forEach((el, i) => {
          const front = ds.pointFront && ds.pointFront[i];
          ctx.font = `${front ? "600 " : ""}11px system-ui, sans-serif`;
          const text = ds.pointNames[i];
          const w = ctx.measureText(text).width;
          // Right of the point, or left when it would leave the plot; step down past labels
          // already drawn so that names do not overprint each other.
          const x = el.x + 6 + w > area.right ? el.x - 6 - w : el.x + 6;
          let y = el.y - 6;
          for (let k = 0; k < 6; k++) {
            const hit = placed.some((b) => x < b.x + b.w && x + w > b.x && Math.abs(y - b.y) < 12);
            if (!hit) break;
            y += 12;
          }
          placed.push({ x, y, w });
          ctx.fillText(text, x, y);
        });
      });
      ctx.restore();
    },
  };

  const charts = {};
  function draw(id, config) {
    const canvas = document.getElementById(id);
    if (!canvas || !globalThis.Chart) return;
    if (charts[id]) charts[id].destroy();
    config.options = Object.assign({
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {},
    }, config.options || {});
    config.options.plugins.legend = Object.assign(
      { labels: { boxWidth: 12, font: { size: 11 } } },
      config.options.plugins.legend || {},
    );
    charts[id] = new globalThis.Chart(canvas, config);
  }
  const axis = (title, extra) =>
    Object.assign({ title: { display: true, text: title } }, extra || {});
  const short = (s) => (s.length > 28 ? s.slice(0, 27) + "…" : s);

  function drawCharts(target) {
    if (!data) return;
    const label = document.querySelector("[data-for-target]");
    if (label) label.textContent = `— target ${target}`;
    // Quality against TTFT with the Pareto front.
    const pts = data.pareto[target] || [];
    const groups = {};
    for (const p of pts) (groups[p.arch] = groups[p.arch] || []).push(p);
    const datasets = Object.keys(groups).map((arch) => ({
      type: "scatter",
      label: arch || "other",
      data: groups[arch].map((p) => ({ x: p.x, y: p.y })),
      errorBars: groups[arch],
      // Every model is named (front models in bold, by the plugin).
      pointNames: groups[arch].map((p) => short(p.label)),
      pointFront: groups[arch].map((p) => p.front),
      backgroundColor: archColor(arch),
      borderColor: archColor(arch),
      pointRadius: 5,
    }));
    const front = pts.filter((p) => p.front).sort((a, b) => a.x - b.x);
    datasets.push({
      type: "line",
      label: "Pareto front",
      data: front.map((p) => ({ x: p.x, y: p.y })),
      borderColor: "#1b1f24",
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
      fill: false,
    });
    // Reference systems (scored on every task) as horizontal lines across the plot.
    const xs = pts.map((p) => p.x);
    if (xs.length > 0) {
      const x0 = Math.min(...pts.map((p) => p.xLow)), x1 = Math.max(...pts.map((p) => p.xHigh));
      for (const ref of data.references || []) {
        datasets.push({
          type: "line",
          label: `${ref.label} (reference)`,
          data: [{ x: x0, y: ref.y }, { x: x1, y: ref.y }],
          borderColor: "#6e7781",
          borderDash: [2, 3],
          borderWidth: 1.5,
          pointRadius: 0,
          fill: false,
        });
      }
    }
    draw("chart-pareto", {
      type: "scatter",
      data: { datasets },
      options: {
        scales: {
          x: axis("Time to first token, ms (lower is better)"),
          y: axis("Average quality, 0–100"),
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (c) => {
                const e = c.dataset.errorBars && c.dataset.errorBars[c.dataIndex];
                return e
                  ? `${e.label}: ${e.y.toFixed(1)} (${e.yLow.toFixed(1)}–${e.yHigh.toFixed(1)}), ${
                    e.x.toFixed(1)
                  } ms`
                  : c.dataset.label;
              },
            },
          },
        },
      },
      plugins: [errorBars, pointLabels],
    });
    // Throughput.
    const bars = data.throughput[target] || [];
    draw("chart-throughput", {
      type: "bar",
      data: {
        labels: bars.map((b) => short(b.label)),
        datasets: [{
          label: "decode tokens/s",
          data: bars.map((b) => b.value),
          backgroundColor: bars.map((b) => archColor(b.arch)),
          errorBars: bars.map((b) => ({ yLow: b.low, yHigh: b.high })),
          errorBarColor: "#1b1f24",
        }],
      },
      options: {
        scales: {
          y: axis("Decode tokens/s (higher is better)", { beginAtZero: true }),
          x: { ticks: { font: { size: 11 } } },
        },
        plugins: { legend: { display: false } },
      },
      plugins: [errorBars],
    });
    // Latency against input length.
    const lines = data.sweep[target] || [];
    // Colour by architecture (as everywhere on the site), a shade per model within it.
    const shades = {
      "encoder-decoder": ["#0072b2", "#56b4e9", "#004c7a", "#2b8fd0", "#7fc8f0"],
      "decoder-only": ["#d55e00", "#e69f00", "#a34400", "#f0a060", "#8c3b00"],
    };
    const byArch = {};
    for (const l of lines) {
      const list = (byArch[l.arch] = byArch[l.arch] || []);
      if (!list.includes(l.label)) list.push(l.label);
    }
    const colorOf = (l) => {
      const list = shades[l.arch];
      return list ? list[byArch[l.arch].indexOf(l.label) % list.length] : archColor(l.arch);
    };
    const narrow = globalThis.innerWidth < 700;
    draw("chart-sweep", {
      type: "line",
      data: {
        datasets: lines.map((l) => {
          const color = colorOf(l);
          return {
            label: short(l.label),
            kvCache: l.kvCache,
            data: l.points.map((p) => ({ x: p[0], y: p[1] })),
            borderColor: color,
            backgroundColor: color,
            borderDash: l.kvCache ? [] : [5, 4],
            pointRadius: 2.5,
            borderWidth: 1.8,
          };
        }),
      },
      options: {
        parsing: true,
        scales: {
          x: axis("Input tokens", { type: "linear" }),
          y: axis("Generation time, ms", { beginAtZero: true }),
        },
        plugins: {
          legend: {
            position: narrow ? "bottom" : "right",
            // One entry per model; the caption says solid is cache on, dashed off.
            labels: {
              boxWidth: 10,
              font: { size: 10 },
              filter: (item, d) =>
                d.datasets.findIndex((x) => x.label === d.datasets[item.datasetIndex].label) ===
                  item.datasetIndex,
            },
          },
        },
      },
    });
    // Distillation gain (target independent).
    draw("chart-kd", {
      type: "bar",
      data: {
        labels: data.kd.tasks,
        datasets: data.kd.series.map((s, i) => ({
          label: short(s.label),
          data: s.values,
          backgroundColor: s.arch === "encoder-decoder"
            ? (i % 2 ? "#56b4e9" : "#0072b2")
            : (i % 2 ? "#e69f00" : "#d55e00"),
          errorBars: s.values.map((_, j) => ({ yLow: s.lows[j], yHigh: s.highs[j] })),
          errorBarColor: "#1b1f24",
        })),
      },
      options: {
        scales: {
          y: axis("Gain, normalised points", {
            suggestedMin: Math.min(
              0,
              ...data.kd.series.flatMap((s) => s.lows.filter((v) => v != null)),
            ),
            suggestedMax: Math.max(
              0,
              ...data.kd.series.flatMap((s) => s.highs.filter((v) => v != null)),
            ),
          }),
        },
      },
      plugins: [errorBars],
    });
  }

  // ---- a task page's chart: scores with intervals, references as lines ---------
  // Vertical dashed lines at `options.plugins.refLines.lines` ({label, value}), labelled at the top.
  const refLines = {
    id: "refLines",
    afterDatasetsDraw(chart, _args, opts) {
      const lines = (opts && opts.lines) || [];
      const xs = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = "#6e7781";
      ctx.fillStyle = "#32383f";
      ctx.lineWidth = 1.5;
      ctx.font = "11px system-ui, sans-serif";
      lines.forEach((l, i) => {
        ctx.setLineDash([4, 3]);
        const x = xs.getPixelForValue(l.value);
        if (x < area.left || x > area.right) return;
        ctx.beginPath();
        ctx.moveTo(x, area.top);
        ctx.lineTo(x, area.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        const w = ctx.measureText(l.label).width;
        // Above the plot (the chart's top padding leaves a row per line), not over the bars.
        ctx.fillText(l.label, x + 4 + w > area.right ? x - 4 - w : x + 4, area.top - 4 - 13 * i);
      });
      ctx.restore();
    },
  };
  const taskEl = document.getElementById("task-chart-data");
  const taskData = taskEl ? JSON.parse(taskEl.textContent) : null;
  function drawTaskChart() {
    const canvas = document.getElementById("chart-task");
    if (!taskData || !canvas) return;
    const bars = taskData.bars;
    // One row per model: the box grows with the number of models (CSSOM, allowed by the CSP).
    canvas.parentElement.style.height = `${Math.max(200, 26 * bars.length + 90)}px`;
    draw("chart-task", {
      type: "bar",
      data: {
        labels: bars.map((b) => short(b.label)),
        datasets: [{
          label: `${taskData.metric}, normalised`,
          data: bars.map((b) => b.value),
          backgroundColor: bars.map((b) => archColor(b.arch)),
          errorBars: bars.map((b) => ({ xLow: b.low, xHigh: b.high })),
          errorBarColor: "#1b1f24",
        }],
      },
      options: {
        indexAxis: "y",
        layout: { padding: { top: 6 + 13 * taskData.references.length } },
        scales: {
          x: axis(`${taskData.metric}, 0–100 (higher is better)`, {
            suggestedMin: 0,
            suggestedMax: Math.max(
              ...bars.map((b) => b.high),
              ...taskData.references.map((r) => r.value),
            ),
          }),
          y: { ticks: { font: { size: 11 } } },
        },
        plugins: {
          legend: { display: false },
          refLines: { lines: taskData.references },
          tooltip: {
            callbacks: {
              label: (c) => {
                const b = bars[c.dataIndex];
                return `${b.label}: ${b.value.toFixed(1)} (${b.low.toFixed(1)}–${
                  b.high.toFixed(1)
                })`;
              },
            },
          },
        },
      },
      plugins: [errorBars, refLines],
    });
  }
  if (taskData) {
    if (globalThis.Chart) drawTaskChart();
    else globalThis.addEventListener("load", drawTaskChart);
  }

  // ---- charts follow the target selector ----------------------------------------
  function applyTarget() {
    const t = select ? select.value : "";
    if (data) drawCharts(t || (data.targets[0] ? data.targets[0].id : ""));
  }
  if (select) select.addEventListener("change", applyTarget);
  if (globalThis.Chart || !data) applyTarget();
  else globalThis.addEventListener("load", applyTarget);
})();
