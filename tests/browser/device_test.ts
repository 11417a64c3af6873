/**
 * Acceptance test of the "Run on this device" page in real headless Debian
 * Chromium served from 127.0.0.1 (with the COOP/COEP and CSP headers of
 * `serve`): the site is built with its device files from the bundles in
 * leaderboard/.device (`deno task test` runs `deno task bundle` first; run it
 * before this file alone after changing src/browser); two models run two tasks
 * on wasm through the page's UI; the downloaded records are schema-valid,
 * `deno task merge` accepts them, and the site built from the merged store
 * shows the browser target. The greedy tokens of the page's worker (wasm, and
 * WebGPU on SwiftShader) equal the Deno engine's on each model's reference
 * inputs. One server and one Chromium (with WebGPU on SwiftShader) serve every
 * step. Skipped without /usr/bin/chromium (outside CI).
 *
 * @module
 */
import type { Browser, Page } from "playwright-core";
import { hasChromium, inCI, launch } from "../_browser.ts";
import { runCli } from "../cli/_run.ts";
import { assert, assertEquals } from "../report/_assert.ts";
import { builtinTargets, loadModel } from "../../src/engine/mod.ts";
import { createStaticApp } from "../../src/site/static_app.ts";
import { buildSite } from "../../src/site/build.ts";
import { latestByKey } from "../../src/report/mod.ts";
import { prepareDeviceFiles } from "../../src/site/device_files.ts";
import { loadStore } from "../../src/site/load.ts";
import { validateCellRecord, validateSampleRecord } from "../../src/results/schema.ts";
import type { DeviceManifest } from "../../src/core/device.ts";
import { dtypeFor } from "../../src/browser/device_cells.ts";
import { metricScale } from "../../src/report/normalize.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const MODELS = ["eb-ed23-base", "eb-dec-base"];
const TASKS = ["qa", "summarize"];

/** Greedy tokens of the Deno engine (onnxruntime-node) on a model's first reference texts. */
async function engineTokens(
  m: DeviceManifest,
  id: string,
  count: number,
  maxNewTokens: number,
  backend: "wasm" | "webgpu",
): Promise<number[][]> {
  const entry = m.models.find((x) => x.info.id === id)!;
  const model = await loadModel(`${ROOT}models/${id}`, {
    target: builtinTargets()[0]!,
    dtype: dtypeFor(entry, backend),
  });
  try {
    const out = await model.generate(
      entry.referenceTexts.slice(0, count).map((text) => ({ text })),
      { maxNewTokens, ignoreEos: true, batchSize: 1 },
    );
    return out.map((r) => r.tokenIds);
  } finally {
    await model.dispose();
  }
}

async function pageTokens(
  page: Page,
  model: string,
  backend: "wasm" | "webgpu",
  maxNewTokens: number,
  count: number,
): Promise<number[][]> {
  return await page.evaluate(
    ([m, b, n, c]) =>
      (globalThis as unknown as {
        deviceTokens: (m: string, b: string, n: number, c: number) => Promise<number[][]>;
      }).deviceTokens(m as string, b as string, n as number, c as number),
    [model, backend, maxNewTokens, count] as const,
  );
}

/** What chart.js draws on a canvas: its labels and each dataset's label and values. */
async function chartData(
  page: Page,
  id: string,
): Promise<{ labels: string[]; datasets: { label: string; data: (number | null)[] }[] }> {
  return await page.evaluate((canvasId) => {
    const chart = (globalThis as unknown as {
      Chart: {
        getChart(id: string): {
          data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] };
        } | undefined;
      };
    }).Chart.getChart(canvasId);
    if (!chart) throw new Error(`no chart on #${canvasId}`);
    return {
      labels: [...chart.data.labels],
      datasets: chart.data.datasets.map((d) => ({ label: d.label, data: [...d.data] })),
    };
  }, id);
}

/**
 * Picks models, tasks, a backend and what to measure in the page's form, runs them, and waits
 * for the end; every status line shown is kept in `globalThis.statuses`.
 */
async function runThroughUi(
  page: Page,
  models: readonly string[],
  tasks: readonly string[],
  backend: "wasm" | "webgpu",
  measure: "all" | "latency" = "all",
): Promise<void> {
  for (const box of await page.$$("#device-models input, #device-tasks input")) {
    const v = await box.getAttribute("value");
    if ((await box.isChecked()) !== (models.includes(v!) || tasks.includes(v!))) {
      await box.click();
    }
  }
  await page.click(`input[value=${backend}]`);
  await page.click(`input[name=measure][value=${measure}]`);
  await page.evaluate(() => {
    const seen: string[] = [];
    (globalThis as unknown as { statuses: string[] }).statuses = seen;
    const el = document.getElementById("device-status")!;
    new MutationObserver(() => seen.push(el.textContent ?? "")).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await page.click("#device-run");
  await page.waitForFunction(
    () => ["done", "error"].includes(document.body.dataset.deviceState ?? ""),
    null,
    { timeout: 900_000 },
  );
}

/** The "Same tokens as cpu" cell of each row for this device, by "model / task". */
async function agreementCells(page: Page): Promise<Record<string, string>> {
  return Object.fromEntries(
    await page.$$eval("#device-results tbody tr.mine", (rows) =>
      rows.map((r) => {
        const td = [...r.querySelectorAll("td")];
        return [`${td[0]!.textContent} / ${td[1]!.textContent}`, td.at(-1)!.textContent ?? ""];
      })),
  );
}

async function openDevice(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ acceptDownloads: true });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${url}device/`);
  await page.waitForFunction(() => document.body.dataset.deviceState === "ready", null, {
    timeout: 60_000,
  });
  assertEquals(errors, []);
  return page;
}

Deno.test({
  name: "device page: two models x two tasks in Chromium; records merge; tokens equal the engine's",
  ignore: !hasChromium && !inCI,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const tmp = await Deno.makeTempDir({ prefix: "device-test-" });
    const store = await loadStore(`${ROOT}leaderboard/results`);
    const device = await prepareDeviceFiles({
      models: `${ROOT}models`,
      tasks: `${ROOT}tasks`,
      datasets: `${ROOT}datasets`,
      bundles: `${ROOT}leaderboard/.device`,
      records: latestByKey(store.cells),
      samples: store.samples,
    });
    const manifest = device.manifest;
    const dist = `${tmp}/dist`;
    await buildSite({ resultsDir: `${ROOT}leaderboard/results`, outDir: dist, device });
    const overview = (await Deno.stat(`${dist}/index.html`)).size;
    assert(overview <= 400 * 1024, `overview is ${overview} bytes`);
    const home = await Deno.readTextFile(`${dist}/index.html`);
    assert(!home.includes("wasm") && !home.includes("device.js"), "overview loads no wasm");

    // One server: the site with serve's headers, and under /plain/ the same files as a static
    // host without COOP/COEP and CSP serves them.
    const app = createStaticApp(dist);
    const server = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen() {} },
      async (req) => {
        const u = new URL(req.url);
        if (!u.pathname.startsWith("/plain/")) return await app.fetch(req);
        u.pathname = u.pathname.slice("/plain".length);
        const res = await app.fetch(new Request(u, { method: req.method, headers: req.headers }));
        const headers = new Headers(res.headers);
        for (const h of [...headers.keys()]) {
          if (h.startsWith("cross-origin-") || h === "content-security-policy") headers.delete(h);
        }
        return new Response(res.body, { status: res.status, headers });
      },
    );
    const url = `http://127.0.0.1:${server.addr.port}/`;
    const xdg = await Deno.makeTempDir({ prefix: "xdg-" });
    let browser: Browser | undefined;
    try {
      await t.step("headers: COOP/COEP and wasm-unsafe-eval on the device page only", async () => {
        const dev = await fetch(`${url}device/`);
        await dev.body?.cancel();
        assertEquals(dev.headers.get("cross-origin-embedder-policy"), "require-corp");
        assert(dev.headers.get("content-security-policy")!.includes("'wasm-unsafe-eval'"));
        const top = await fetch(url);
        await top.body?.cancel();
        assertEquals(top.headers.get("cross-origin-embedder-policy"), null);
        assert(!top.headers.get("content-security-policy")!.includes("wasm-unsafe-eval"));
      });

      browser = await launch({ webgpu: { runtimeDir: xdg } });
      const page = await openDevice(browser, url);
      assert((await page.textContent("#device-threads"))!.startsWith("Cross-origin isolated"));
      assert(Number(await page.evaluate(() => document.body.dataset.wasmThreads)) >= 1);

      await t.step("wasm: greedy tokens equal the Deno engine's", async () => {
        for (const id of MODELS) {
          assertEquals(
            await pageTokens(page, id, "wasm", 16, 3),
            await engineTokens(manifest, id, 3, 16, "wasm"),
            id,
          );
        }
      });

      let files: Record<string, string> = {};
      await t.step(
        "wasm: two models x two tasks through the UI give schema-valid records",
        async () => {
          await runThroughUi(page, MODELS, TASKS, "wasm");
          assertEquals(await page.textContent("#device-status"), "Done: 8 records.");
          // wasm runs the int8 weights, the board fp32: the page says so instead of comparing
          const wasmAgreement = await agreementCells(page);
          assertEquals(Object.keys(wasmAgreement).length, 4);
          for (const [pair, text] of Object.entries(wasmAgreement)) {
            assertEquals(text, "– (q8 weights here, fp32 on the board)", pair);
          }
          const statuses = await page.evaluate(() =>
            (globalThis as unknown as { statuses: string[] }).statuses
          );
          // the model files' download (all of them), then both passes, show in the status line
          for (
            const phase of [
              /quality: download ([1-9])\/\1$/,
              /quality: quality /,
              /latency: latency /,
            ]
          ) {
            assert(statuses.some((x) => phase.test(x)), `no ${phase} in ${statuses}`);
          }
          const downloads: Promise<import("playwright-core").Download>[] = [];
          page.on("download", (d) => downloads.push(Promise.resolve(d)));
          await page.click("#device-download");
          await page.waitForTimeout(500);
          for (const d of await Promise.all(downloads)) {
            const p = `${tmp}/${d.suggestedFilename()}`;
            await d.saveAs(p);
            files[d.suggestedFilename()] = await Deno.readTextFile(p);
          }
          const names = Object.keys(files).sort();
          assertEquals(names.length, 2);
          const cells = files[names.find((n) => !n.endsWith(".samples.jsonl"))!]!.trim().split("\n")
            .map((l, i) => validateCellRecord(JSON.parse(l), { file: "download", line: i + 1 }));
          const samples = files[names.find((n) => n.endsWith(".samples.jsonl"))!]!.trim().split(
            "\n",
          )
            .map((l, i) => validateSampleRecord(JSON.parse(l), { file: "download", line: i + 1 }));
          assertEquals(cells.length, 8);
          assertEquals(samples.length, 2 * 2 * manifest.settings.limit);
          for (const c of cells) {
            assertEquals(c.status, "ok");
            assertEquals(c.target.id, "browser-wasm");
            assert(c.environment.browser!.userAgent.includes("Chrome"));
            assert(c.environment.cores >= 1);
            assert(c.efficiency!.ttftMs.p50 > 0);
            // a page cannot read its process memory: unknown, never a made-up 0
            assertEquals(c.efficiency!.peakRssMiB, null);
          }
          const q = cells.filter((c) => c.settings.profile === "quality");
          assertEquals(q.map((c) => `${c.model.id}/${c.task!.id}`).sort(), [
            "eb-dec-base/qa",
            "eb-dec-base/summarize",
            "eb-ed23-base/qa",
            "eb-ed23-base/summarize",
          ]);
          for (const c of q) assert(Number.isFinite(c.quality!.metrics[c.quality!.primary]!.value));
          // the page shows this device beside the board's targets, in the table and the charts
          const rows = await page.$$eval("#device-results tbody tr", (r) => r.length);
          assert(rows > 4, `only ${rows} rows`);
          // at a phone's width the filled page (charts, table) is no wider than the screen
          await page.setViewportSize({ width: 390, height: 844 });
          await page.waitForTimeout(300);
          const over = await page.evaluate(() =>
            document.documentElement.scrollWidth - document.documentElement.clientWidth
          );
          assertEquals(over, 0, `the device page is ${over} px wider than 390 px`);
          await page.setViewportSize({ width: 1280, height: 900 });
          const lat = cells.filter((c) => c.settings.profile === "latency");
          for (const [id, field] of [["ttft", "ttftMs"], ["tpot", "tpotMs"]] as const) {
            const chart = await chartData(page, `device-${id}-chart`);
            assertEquals(
              [...chart.labels].sort(),
              lat.map((c) => `${c.model.id} · ${c.task!.id}`).sort(),
            );
            const at = (label: string) =>
              lat.find((c) => `${c.model.id} · ${c.task!.id}` === label)!;
            const mine = chart.datasets.find((d) => d.label === "browser-wasm (this device)");
            assertEquals(mine?.data, chart.labels.map((l) => at(l).efficiency![field].p50), id);
            const cpu = chart.datasets.find((d) => d.label === "cpu (board)");
            const board = chart.labels.map((l) =>
              manifest.board.find((b) =>
                b.target === "cpu" && `${b.model} · ${b.task}` === l
              )![field]
            );
            assert(board.every((v) => v !== null && v > 0), `board ${id}: ${board}`);
            assertEquals(cpu?.data, board, id);
          }
          // quality: this device's and the board's on the same fixed sample, both 0-100
          const qchart = await chartData(page, "device-quality-chart");
          const pct = (key: string, v: number) => v * 100 / metricScale(key);
          const qOf = (label: string) => q.find((c) => `${c.model.id} · ${c.task!.id}` === label)!;
          assertEquals(
            qchart.datasets.find((d) => d.label === "browser-wasm (this device)")?.data,
            qchart.labels.map((l) => {
              const c = qOf(l).quality!;
              return pct(c.primary, c.metrics[c.primary]!.value);
            }),
          );
          assertEquals(
            qchart.datasets.find((d) => d.label === "board (same samples)")?.data,
            qchart.labels.map((l) => {
              const b = manifest.board.find((x) => `${x.model} · ${x.task}` === l)!;
              assert(b.sampleQuality !== null, `no board quality for ${l}`);
              return pct(qOf(l).quality!.primary, b.sampleQuality);
            }),
          );
        },
      );
      files = Object.fromEntries(Object.entries(files));

      await t.step(
        "merge accepts the records; the site then shows the browser target",
        async () => {
          const incoming = `${tmp}/incoming`;
          await Deno.mkdir(incoming);
          for (const [n, body] of Object.entries(files)) {
            await Deno.writeTextFile(`${incoming}/${n}`, body);
          }
          const storeDir = `${tmp}/store`;
          await Deno.mkdir(storeDir);
          for (const e of Deno.readDirSync(`${ROOT}leaderboard/results`)) {
            if (!e.isFile) continue;
            await Deno.copyFile(`${ROOT}leaderboard/results/${e.name}`, `${storeDir}/${e.name}`);
          }
          const merged = await runCli("merge", ["--allow-read", `--allow-write=${storeDir}`], [
            incoming,
            "--out",
            storeDir,
          ]);
          assertEquals(merged.code, 0, merged.stdout + merged.stderr);
          const out = `${tmp}/dist2`;
          await buildSite({ resultsDir: storeDir, outDir: out });
          const targets = await Deno.readTextFile(`${out}/targets/index.html`);
          assert(targets.includes("browser-wasm"), "targets page lists browser-wasm");
          await Deno.stat(`${out}/targets/browser-wasm/index.html`);
        },
      );
      await t.step(
        "a static host without COOP/COEP: one wasm thread, the engine's tokens",
        async () => {
          const plainPage = await openDevice(browser!, `${url}plain/`);
          assertEquals(await plainPage.evaluate(() => crossOriginIsolated), false);
          assert(
            (await plainPage.textContent("#device-threads"))!.startsWith(
              "Not cross-origin isolated",
            ),
          );
          assertEquals(await plainPage.evaluate(() => document.body.dataset.wasmThreads), "1");
          const id = MODELS[0]!;
          assertEquals(
            await pageTokens(plainPage, id, "wasm", 8, 1),
            await engineTokens(manifest, id, 1, 8, "wasm"),
          );
          await plainPage.close();
        },
      );
      await page.close();

      await t.step("webgpu (SwiftShader): greedy tokens equal the Deno engine's", async () => {
        const gpuPage = await openDevice(browser!, url);
        assert(
          !(await gpuPage.isDisabled("#backend-webgpu")),
          "SwiftShader gives no WebGPU adapter",
        );
        for (const id of MODELS) {
          assertEquals(
            await pageTokens(gpuPage, id, "webgpu", 8, 1),
            await engineTokens(manifest, id, 1, 8, "webgpu"),
            id,
          );
        }
        // through the UI, WebGPU runs fp32 like the board: every latency sample gives the
        // board's cpu tokens (latency only: the quality pass is the wasm run's, above)
        await runThroughUi(gpuPage, [MODELS[1]!], ["qa"], "webgpu", "latency");
        assertEquals(await gpuPage.textContent("#device-status"), "Done: 1 record.");
        const n = manifest.settings.latencySamples;
        assertEquals(await agreementCells(gpuPage), { [`${MODELS[1]} / qa`]: `${n}/${n}` });
      });
    } finally {
      await browser?.close();
      await server.shutdown();
      await Deno.remove(tmp, { recursive: true });
      await Deno.remove(xdg, { recursive: true });
    }
  },
});
