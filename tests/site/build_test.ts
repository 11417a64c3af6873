import { parse } from "csv-parse/sync";
import { assert, assertEquals } from "../report/_assert.ts";
import { CARD_ID, FIXTURES, fixtureSite, MODELS, XSS_ID } from "./_fixture_site.ts";
import { slug } from "../../src/site/slug.ts";
import { buildSite, SiteBuildError } from "../../src/site/build.ts";
import { ZOO_IDS } from "../models/_zoo.ts";

const read = async (dir: string, path: string): Promise<string> =>
  await Deno.readTextFile(`${dir}/${path}`);

Deno.test("site build writes a page for every model, task, target and cell", async () => {
  const site = await fixtureSite();
  const files = new Set(site.files);
  for (const id of [...ZOO_IDS, XSS_ID]) {
    assert.ok(files.has(`models/${slug(id)}/index.html`), id);
  }
  for (const id of ["qa", "summarize", "write", "code_translate", "translate"]) {
    assert.ok(files.has(`tasks/${id}/index.html`), id);
  }
  for (const id of ["cpu", "cpu-1t"]) assert.ok(files.has(`targets/${id}/index.html`), id);
  for (
    const f of [
      "index.html",
      "assets/chart.umd.min.js",
      "assets/client.js",
      "assets/style.css",
      "data/overview.csv",
      "data/overview.json",
      "data/report.json",
      "downloads/index.html",
    ]
  ) {
    assert.ok(files.has(f), f);
  }
  const cellPages = site.files.filter((f) => f.startsWith("cells/"));
  // Every quality cell (instance viewer) and every unfinished cell has a page.
  const keys = new Set<string>();
  for await (const e of Deno.readDir(FIXTURES)) {
    if (!e.name.endsWith(".jsonl") || e.name.endsWith(".samples.jsonl")) continue;
    for (const line of (await Deno.readTextFile(`${FIXTURES}/${e.name}`)).split("\n")) {
      if (!line.trim()) continue;
      const rec = JSON.parse(line);
      if (rec.settings.profile === "quality" || rec.status !== "ok") keys.add(rec.cellKey);
    }
  }
  assertEquals(cellPages.length, keys.size);
  assertEquals(keys.size, 9 * 5 + 1);
  for (const id of ["eb-teacher", XSS_ID]) assert.ok(files.has(`data/models/${slug(id)}.json`), id);
});

Deno.test("strings from results are escaped: a hostile model id renders as text", async () => {
  const site = await fixtureSite();
  const html = await read(site.outDir, "index.html");
  assert.ok(html.includes("&lt;img src=x onerror=alert(1)&gt;"), "escaped id in the table");
  assert.ok(!html.includes("<img src=x"), "no raw img tag");
  const model = await read(site.outDir, `models/${slug(XSS_ID)}/index.html`);
  assert.ok(!model.includes("<img"), "model page has no img");
  const qaCell = site.files.find((f) => f.startsWith("cells/"))!;
  for (const f of site.files.filter((x) => x.endsWith(".html"))) {
    const page = await read(site.outDir, f);
    assert.ok(
      !/<script(?![^>]*\b(src="[^"]+"|type="application\/json"))/.test(page),
      `inline script in ${f}`,
    );
    assert.ok(
      !/<img[\s>/]/i.test(page) && !page.includes("<script>alert"),
      `raw markup in ${f}`,
    );
  }
  assert.ok(qaCell);
  const task = await read(site.outDir, "tasks/qa/index.html");
  assert.ok(task.includes("QA &lt;b&gt;with&lt;/b&gt; context"), "task description escaped");
});

Deno.test("inline chart data cannot close its script element and round-trips", async () => {
  const site = await fixtureSite();
  const html = await read(site.outDir, "index.html");
  const m = html.match(/<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/);
  assert.ok(m, "chart data block");
  assert.ok(!m[1]!.includes("<"), "no < inside the data block");
  const data = JSON.parse(m[1]!);
  const labels = Object.values(data.pareto).flat().map((p) => (p as { label: string }).label);
  assert.ok(labels.includes(XSS_ID), "the hostile id survives as data");
  assertEquals(data.targets.map((t: { id: string }) => t.id), ["cpu", "cpu-1t"]);
});

Deno.test("the overview page weighs at most 400 KB with chart.js, CSS and script", async () => {
  const site = await fixtureSite();
  let total = 0;
  for (
    const f of ["index.html", "assets/chart.umd.min.js", "assets/client.js", "assets/style.css"]
  ) {
    total += (await Deno.stat(`${site.outDir}/${f}`)).size;
  }
  assert.ok(total <= 400 * 1024, `overview weighs ${total} bytes`);
});

Deno.test("downloads: CSV and JSON of the overview agree and parse", async () => {
  const site = await fixtureSite();
  const rows = parse(await read(site.outDir, "data/overview.csv"), { columns: true }) as Record<
    string,
    string
  >[];
  const json = JSON.parse(await read(site.outDir, "data/overview.json")) as Record<
    string,
    unknown
  >[];
  assertEquals(rows.length, 9);
  assertEquals(rows.map((r) => r.model), json.map((r) => r.model));
  assert.ok(rows.some((r) => r.model === XSS_ID));
  assertEquals(rows.find((r) => r.model === "eb-dec-kd")?.distilled, "true");
  assertEquals(Number(rows[0]!.avg_norm).toFixed(6), (json[0]!.avg_norm as number).toFixed(6));
});

Deno.test("a rebuild replaces the previous site and leaves no staging folder", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-site-" });
  const out = `${tmp}/dist`;
  await Deno.mkdir(out);
  await Deno.writeTextFile(`${out}/stale.html`, "old");
  await Deno.writeTextFile(`${out}/.nojekyll`, ""); // a built site
  const empty = `${tmp}/results`;
  await Deno.mkdir(empty);
  await assert.rejects(buildSite({ resultsDir: empty, outDir: out }), SiteBuildError);
  assertEquals(await Deno.readTextFile(`${out}/stale.html`), "old");
  const r = await buildSite({ resultsDir: empty, outDir: out, allowEmpty: true });
  assertEquals(r.cells, 0);
  const names = [];
  for await (const e of Deno.readDir(tmp)) names.push(e.name);
  assertEquals(names.sort(), ["dist", "results"]);
  await assert.rejects(Deno.stat(`${out}/stale.html`));
  assert.ok((await read(out, "index.html")).includes("0 models"));
  await Deno.remove(tmp, { recursive: true });
});

Deno.test("a model whose cells all failed gets a page, linked from the overview", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-site-failed-" });
  try {
    const results = `${tmp}/results`;
    await Deno.mkdir(results);
    let failed: Record<string, unknown> | null = null;
    for await (const e of Deno.readDir(FIXTURES)) {
      if (!e.isFile) continue;
      const text = await Deno.readTextFile(`${FIXTURES}/${e.name}`);
      await Deno.writeTextFile(`${results}/${e.name}`, text);
      if (!e.name.endsWith(".jsonl") || e.name.endsWith(".samples.jsonl")) continue;
      for (const line of text.split("\n")) {
        if (line.includes('"status":"timeout"') || line.includes('"status":"failed"')) {
          failed ??= JSON.parse(line);
        }
      }
    }
    assert.ok(failed !== null, "the fixtures hold a failed cell");
    const broken = structuredClone(failed) as {
      runId: string;
      cellKey: string;
      model: { id: string };
    };
    broken.model.id = "eb-broken";
    broken.cellKey = `${broken.cellKey.slice(0, -8)}00000000`;
    // Into its own run's file: a record in another run's file is skipped.
    await Deno.writeTextFile(`${results}/${broken.runId}.jsonl`, `${JSON.stringify(broken)}\n`, {
      append: true,
    });
    const site = await buildSite({ resultsDir: results, outDir: `${tmp}/dist` });
    assert.ok(site.files.includes("models/eb-broken/index.html"), "no page for eb-broken");
    const page = await read(`${tmp}/dist`, "models/eb-broken/index.html");
    assert.ok(page.includes("No cell of this model finished"));
    assert.ok(page.includes(`cells/${slug(broken.cellKey)}/`));
    assert.ok((await read(`${tmp}/dist`, "index.html")).includes('href="models/eb-broken/"'));
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("page text: signatures apart, backticks as code, one minus sign, '1 run'", async () => {
  const site = await fixtureSite();
  const cell = site.files.find((f) => f.startsWith("cells/") && f.endsWith("index.html"))!;
  const withSig = (await Promise.all(
    site.files.filter((f) => f.startsWith("cells/") && f.endsWith("index.html")).map(async (
      f,
    ) => await read(site.outDir, f)),
  )).find((html) => html.includes("signature"));
  assert.ok(cell && withSig, "a cell page with signatures");
  // Each signature in its own element: no "…scale:100rouge:…" run-together text.
  assert.ok(/<dd><code>[^<]+<\/code><\/dd>/.test(withSig!), "signature in its own dd");
  const task = await read(site.outDir, "tasks/qa/index.html");
  assert.ok(task.includes("<code>squad</code>"), "backticks become code");
  assert.ok(!task.includes("`squad`"));
  const overview = await read(site.outDir, "index.html");
  const text = overview.replace(/<[^>]+>/g, " ");
  assert.ok(!/[\s(]-\d/.test(text), "a hyphen used as a minus sign");
  assert.ok(text.includes("\u2212"), "negative numbers use U+2212");
  assert.ok(/\b3 runs\b/.test(text), "plural");
  const tmp = await Deno.makeTempDir({ prefix: "eb-site-one-run-" });
  try {
    await Deno.mkdir(`${tmp}/results`);
    for (
      const f of [
        "20261120T090000Z-fixture-run-1.jsonl",
        "20261120T090000Z-fixture-run-1.samples.jsonl",
      ]
    ) {
      await Deno.copyFile(`${FIXTURES}/${f}`, `${tmp}/results/${f}`);
    }
    await buildSite({ resultsDir: `${tmp}/results`, outDir: `${tmp}/dist` });
    const target = await read(`${tmp}/dist`, "targets/cpu/index.html");
    assert.ok(/\b1 run\b/.test(target.replace(/<[^>]+>/g, " ")), "singular");
    assert.ok(!target.includes("1 runs"));
    // One run: no history tables (defect 7: 7,785 px of one-column tables).
    assert.ok(!target.includes("compact history"), "no history table for one run");
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("every table on every page has a caption", async () => {
  const site = await fixtureSite();
  const missing: string[] = [];
  for (const f of site.files.filter((f) => f.endsWith(".html"))) {
    const html = await read(site.outDir, f);
    const tables = html.match(/<table[^>]*>\s*(<caption)?/g) ?? [];
    const bare = tables.filter((t) => !t.endsWith("<caption")).length;
    if (bare > 0) missing.push(`${f}: ${bare}`);
  }
  assertEquals(missing, []);
});

Deno.test("cell pages load their samples on demand: paged JSON, every page under 400 KB", async () => {
  const site = await fixtureSite();
  for (const f of site.files.filter((f) => f.endsWith(".html"))) {
    const size = (await Deno.stat(`${site.outDir}/${f}`)).size;
    assert.ok(size < 400 * 1024, `${f}: ${size} bytes`);
  }
  const pages = site.files.filter((f) => /^data\/samples\/[^/]+\/1\.json$/.test(f));
  assert.ok(pages.length > 0, "sample pages written");
  const first = JSON.parse(await read(site.outDir, pages[0]!));
  assert.ok(first.page === 1 && first.total >= first.samples.length && first.samples.length > 0);
  const cellSlug = pages[0]!.split("/")[2]!;
  const html = await read(site.outDir, `cells/${cellSlug}/index.html`);
  // Not inlined: no sample's prediction text and no row in the viewer's table body.
  assert.ok(html.includes(`data-cell="${cellSlug}"`));
  assert.ok(html.includes("<tbody></tbody>"), "the viewer's rows come from JSON");
  assert.ok(!html.includes(`<code>${first.samples[0].sampleId}</code>`), "a sample row inlined");
});

Deno.test("model pages list the model card's limits under the description", async () => {
  const site = await fixtureSite();
  const card = JSON.parse(await Deno.readTextFile(`${MODELS}/${CARD_ID}/card.json`));
  assert.ok(card.limits.length >= 1, "the shipped card states limits");
  const html = await read(site.outDir, `models/${slug(CARD_ID)}/index.html`);
  const start = html.indexOf('<ul class="limits"');
  assert.ok(start > html.indexOf('id="card-h"'), "a limits list in the card section");
  const list = html.slice(start, html.indexOf("</ul>", start));
  const items = [...list.matchAll(/<li>(.*?)<\/li>/g)].map((m) =>
    (m[1] ?? "").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&")
  );
  assertEquals(items, card.limits);
});

Deno.test("reference systems: marked, unranked rows, a line on the quality chart, task pages", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-site-refs-" });
  try {
    const results = `${tmp}/results`;
    await Deno.mkdir(results);
    const refs: string[] = [];
    for await (const e of Deno.readDir(FIXTURES)) {
      if (!e.isFile) continue;
      const text = await Deno.readTextFile(`${FIXTURES}/${e.name}`);
      await Deno.writeTextFile(`${results}/${e.name}`, text);
      if (e.name !== "20261127T090000Z-fixture-run-2.jsonl") continue;
      for (const line of text.split("\n").filter(Boolean)) {
        const r = JSON.parse(line);
        if (r.model.id !== "eb-dec-base" || r.settings.profile !== "quality") continue;
        r.model = { ...r.model, id: "ref-copy", role: "reference", distilled: false };
        r.cellKey = `${r.cellKey.slice(0, -8)}0000afe0`;
        refs.push(JSON.stringify(r));
      }
    }
    assert.ok(refs.length >= 5, `${refs.length} reference cells`);
    await Deno.writeTextFile(
      `${results}/20261127T090000Z-fixture-run-2.jsonl`,
      `${refs.join("\n")}\n`,
      {
        append: true,
      },
    );
    await buildSite({ resultsDir: results, outDir: `${tmp}/dist` });
    const html = await read(`${tmp}/dist`, "index.html");
    const refBody = html.slice(html.indexOf('<tbody class="refs">'));
    assert.ok(html.includes('<tbody class="refs">'), "reference rows apart from the ranked rows");
    assert.ok(refBody.includes('data-id="ref-copy"'));
    const ranked = html.slice(html.indexOf('<table id="lb"'), html.indexOf('<tbody class="refs">'));
    assert.ok(!ranked.includes('data-id="ref-copy"'), "ref-copy is not ranked");
    const charts = html.slice(html.indexOf('id="chart-data">') + 16);
    const data = JSON.parse(charts.slice(0, charts.indexOf("</script>")));
    assertEquals(data.references.map((r: { label: string }) => r.label), ["ref-copy"]);
    assert.ok(data.references[0].y > 0 && data.references[0].y <= 100);
    for (const task of ["qa", "summarize"]) {
      const page = await read(`${tmp}/dist`, `tasks/${task}/index.html`);
      const at = page.indexOf('<tbody class="refs">');
      assert.ok(at > 0, `${task}: reference rows apart from the ranked rows`);
      const row = page.slice(at, page.indexOf("</tr>", at));
      assert.ok(row.includes('data-id="ref-copy"') && row.includes(">ref</span>"), task);
      assert.ok(row.includes('href="../../cells/'), `${task}: the reference row links its cell`);
      const ranked = page.slice(page.indexOf("<tbody>"), at);
      assert.ok(!ranked.includes("ref-copy"), `${task}: ref-copy is not ranked`);
    }
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("latency measured under contention is flagged on the overview", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-site-busy-" });
  try {
    const results = `${tmp}/results`;
    await Deno.mkdir(results);
    let flagged = "";
    for await (const e of Deno.readDir(FIXTURES)) {
      if (!e.isFile) continue;
      let text = await Deno.readTextFile(`${FIXTURES}/${e.name}`);
      if (e.name === "20261127T090000Z-fixture-run-2.jsonl") {
        text = text.split("\n").map((line) => {
          if (line === "") return line;
          const r = JSON.parse(line);
          if (flagged !== "" || r.settings.profile !== "latency" || r.status !== "ok") return line;
          flagged = `${r.model.id}/${r.target.id}`;
          r.efficiency.load = { loadAvg1: 3.5, otherEvals: 1, otherCpuCores: 1.2, contended: true };
          r.efficiency.forComparison = false;
          return JSON.stringify(r);
        }).join("\n");
      }
      await Deno.writeTextFile(`${results}/${e.name}`, text);
    }
    assert.ok(flagged !== "", "a latency cell to flag");
    const site = await buildSite({ resultsDir: results, outDir: `${tmp}/dist` });
    assertEquals(site.warnings, []);
    const html = await read(`${tmp}/dist`, "index.html");
    const [model, target] = flagged.split("/");
    const row = html.slice(html.indexOf(`data-id="${model}"`));
    const tr = row.slice(0, row.indexOf("</tr>"));
    assert.ok(
      tr.includes(`class="num contended" data-target="${target}"`),
      `${flagged} is flagged`,
    );
    assertEquals(html.split('class="num contended"').length - 1, 4, "its four efficiency cells");
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
