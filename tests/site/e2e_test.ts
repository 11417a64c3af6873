/**
 * End-to-end test in real headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core): starts `deno task serve` on a free localhost
 * port over the fixture site, checks sorting, charts, the instance viewer and
 * escaping, and writes a screenshot of each page to test-artifacts/.
 * Skipped (with a message) when /usr/bin/chromium is absent.
 *
 * @module
 */
import type { Browser, Page } from "playwright-core";
import { ARTIFACTS, hasChromium, inCI, launch, startServe } from "../_browser.ts";
import { assert, assertEquals } from "../report/_assert.ts";
import { fixtureSite, XSS_ID } from "./_fixture_site.ts";
import { slug } from "../../src/site/slug.ts";

async function canvasHasPixels(page: Page, id: string): Promise<number> {
  return await page.$eval(`#${id}`, (el) => {
    const c = el as HTMLCanvasElement;
    const ctx = c.getContext("2d")!;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n;
  });
}

async function firstIds(page: Page): Promise<string[]> {
  return await page.$$eval(
    "#lb tbody tr:not([hidden])",
    (rows) => rows.map((r) => r.getAttribute("data-id") ?? ""),
  );
}

Deno.test({
  name: "e2e: the served leaderboard sorts, draws, filters and escapes in real Chromium",
  ignore: !hasChromium && !inCI,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const site = await fixtureSite();
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    const server = await startServe(site.outDir);
    let browser: Browser | null = null;
    try {
      browser = await launch();
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      const page = await context.newPage();
      const problems: string[] = [];
      let dialogs = 0;
      page.on("dialog", (d) => {
        dialogs++;
        d.dismiss().catch(() => {});
      });
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) {
          problems.push(`console: ${m.text()}`);
        }
      });
      page.on("response", (r) => {
        if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
      });
      page.on("request", (r) => {
        if (!r.url().startsWith(server.url)) problems.push(`external request: ${r.url()}`);
      });

      await t.step("overview loads and every chart draws", async () => {
        const res = await page.goto(server.url);
        assertEquals(res?.status(), 200);
        assert.ok((res?.headers()["content-security-policy"] ?? "").includes("script-src 'self'"));
        await page.waitForFunction(() => document.querySelectorAll("canvas").length === 4);
        for (const id of ["chart-pareto", "chart-throughput", "chart-sweep", "chart-kd"]) {
          const n = await canvasHasPixels(page, id);
          assert.ok(n > 500, `${id} drew ${n} pixels`);
        }
        assertEquals((await firstIds(page)).length, 9);
        // Colours by architecture: every sweep line in its architecture's hue family, and every
        // point of the quality/TTFT chart named, not only the front.
        const colours = await page.evaluate(() => {
          // deno-lint-ignore no-explicit-any
          const chart = (globalThis as any).Chart.getChart("chart-sweep");
          // deno-lint-ignore no-explicit-any
          const arch = (globalThis as any).Chart.getChart("chart-pareto");
          return {
            // deno-lint-ignore no-explicit-any
            sweep: chart.data.datasets.map((d: any) => [d.label, d.borderColor]),
            // deno-lint-ignore no-explicit-any
            names: arch.data.datasets.flatMap((d: any) => d.pointNames ?? []),
          };
        });
        const ed = ["#0072b2", "#56b4e9", "#004c7a", "#2b8fd0", "#7fc8f0"];
        const dec = ["#d55e00", "#e69f00", "#a34400", "#f0a060", "#8c3b00"];
        for (const [label, colour] of colours.sweep as [string, string][]) {
          const isDec = label.startsWith("eb-dec") || label === "eb-teacher";
          assert.ok((isDec ? dec : ed).includes(colour), `${label}: ${colour}`);
        }
        assert.ok(colours.names.length > 0 && colours.names.every((n: string) => n !== ""));
        await page.screenshot({ path: `${ARTIFACTS}overview.png`, fullPage: true });
      });

      await t.step("sorting changes the order, by mouse and by keyboard", async () => {
        const before = await firstIds(page);
        const params = page.locator("#lb thead th", { hasText: "Params" }).locator("button");
        await params.click();
        const asc = await firstIds(page);
        assert.notDeepStrictEqual(asc, before);
        assertEquals(asc[0], XSS_ID); // the smallest model (12M) first
        assertEquals(
          await page.locator("#lb thead th", { hasText: "Params" }).getAttribute("aria-sort"),
          "ascending",
        );
        await params.focus();
        await page.keyboard.press("Enter");
        const desc = await firstIds(page);
        assertEquals(desc[0], "eb-teacher");
      });

      await t.step("filters and the target selector act on the table", async () => {
        await page.selectOption("#lb-controls select[name=arch]", "encoder-decoder");
        const ed = await firstIds(page);
        assertEquals(ed.length, 5);
        await page.selectOption("#lb-controls select[name=arch]", "");
        await page.selectOption("#target-select", "cpu-1t");
        const hidden = await page.$$eval(
          "#lb thead th[data-target='cpu']",
          (ths) => ths.every((th) => getComputedStyle(th).display === "none"),
        );
        assert.ok(hidden, "cpu columns hidden when cpu-1t is selected");
        assert.ok((await canvasHasPixels(page, "chart-pareto")) > 500);
      });

      await t.step("a hostile model id renders as text and runs nothing", async () => {
        const text = await page.locator("#lb tbody").innerText();
        assert.ok(text.includes(XSS_ID));
        assertEquals(await page.locator("img").count(), 0);
        await page.goto(`${server.url}models/${slug(XSS_ID)}/`);
        assertEquals(await page.locator("h1").innerText(), XSS_ID);
        assertEquals(await page.locator("img").count(), 0);
        await page.screenshot({ path: `${ARTIFACTS}model-hostile.png`, fullPage: true });
        assertEquals(dialogs, 0);
      });

      await t.step("the instance viewer filters by text and by score", async () => {
        await page.goto(`${server.url}tasks/qa/`);
        await page.screenshot({ path: `${ARTIFACTS}task.png`, fullPage: true });
        const link = page.locator("table.data tbody tr", { hasText: "eb-ed23-kd" }).locator(
          "a",
          { hasText: "instances" },
        );
        await link.click();
        // The samples are not in the page: the viewer fetches them as JSON pages.
        assertEquals(await page.locator("#instances tbody tr").count() >= 0, true);
        await page.waitForSelector("#instances tbody tr");
        const visible = () => page.locator("#instances tbody tr:not([hidden])").count();
        const all = await visible();
        assert.ok(all >= 10, `${all} instances`);
        await page.fill("#viewer-controls input[name=min]", "60");
        await page.waitForFunction(() =>
          document.querySelector("#viewer-controls output")!.textContent!.includes("of")
        );
        const high = await visible();
        assert.ok(high > 0 && high < all, `min filter: ${high} of ${all}`);
        const scores = await page.$$eval(
          "#instances tbody tr:not([hidden])",
          (rows) => rows.map((r) => Number(r.getAttribute("data-score"))),
        );
        assert.ok(scores.every((s) => s >= 60));
        await page.fill("#viewer-controls input[name=min]", "");
        await page.fill("#viewer-controls input[name=q]", "qa-003");
        await page.waitForFunction(() =>
          document.querySelectorAll("#instances tbody tr:not([hidden])").length === 1
        );
        assert.ok((await page.locator("#viewer-controls output").innerText()).startsWith("1 of"));
        await page.fill("#viewer-controls input[name=q]", "");
        const raw = await page.locator("a", { hasText: "raw record" }).getAttribute("href");
        const rawRes = await page.request.get(new URL(raw!, page.url()).href);
        assertEquals(rawRes.status(), 200);
        const rawJson = await rawRes.json();
        assert.ok(Array.isArray(rawJson.samplePages) && rawJson.samplePages.length > 0);
        assert.ok((await page.locator("pre.cmd").innerText()).startsWith("deno task eval "));
        await page.screenshot({ path: `${ARTIFACTS}cell.png`, fullPage: true });
      });

      await t.step("the instance viewer compares two models sample by sample", async () => {
        const options = await page.$$eval(
          "#compare-with option",
          (os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ""),
        );
        assert.ok(options.length > 0, "other models to compare with");
        assertEquals(await page.locator("#instances thead th.cmp").first().isVisible(), false);
        await page.selectOption("#compare-with", options[0]!);
        await page.waitForSelector("#viewer.comparing");
        assert.ok(await page.locator("#instances thead th.cmp").first().isVisible());
        const deltas = await page.$$eval(
          "#instances tbody td.num.cmp",
          (tds) => tds.map((td) => td.getAttribute("data-v") ?? ""),
        );
        assert.ok(deltas.some((d) => d !== "" && Number(d) !== 0), `deltas ${deltas}`);
        const all = await page.locator("#instances tbody tr").count();
        await page.check("#viewer-controls input[name=differ]");
        const differ = await page.locator("#instances tbody tr:not([hidden])").count();
        assert.ok(differ > 0 && differ <= all, `${differ} of ${all} differ`);
        assertEquals(
          await page.locator("#instances tbody tr:not([hidden]):not([data-differ='1'])").count(),
          0,
        );
        await page.screenshot({ path: `${ARTIFACTS}cell-compare.png`, fullPage: true });
      });

      await t.step("the hostile model's instances stay text", async () => {
        await page.goto(`${server.url}tasks/qa/`);
        await page.locator("table.data tbody tr", { hasText: XSS_ID }).locator("a", {
          hasText: "instances",
        }).click();
        await page.waitForSelector("#instances tbody tr");
        assertEquals(await page.locator("img").count(), 0);
        assertEquals(await page.locator("#instances script").count(), 0);
        assert.ok((await page.locator("#instances").innerText()).includes("<img src=x onerror="));
        assertEquals(dialogs, 0);
      });

      await t.step("a task page charts each model's score with its interval", async () => {
        await page.goto(`${server.url}tasks/qa/`);
        await page.waitForFunction(() =>
          // deno-lint-ignore no-explicit-any
          (globalThis as any).Chart?.getChart("chart-task") !== undefined
        );
        assert.ok((await canvasHasPixels(page, "chart-task")) > 500);
        const drawn = await page.evaluate(() => {
          // deno-lint-ignore no-explicit-any
          const c = (globalThis as any).Chart.getChart("chart-task");
          return {
            labels: c.data.labels as string[],
            values: c.data.datasets[0].data as number[],
            // deno-lint-ignore no-explicit-any
            bars: c.data.datasets[0].errorBars.map((e: any) => [e.xLow, e.xHigh]),
            refs: c.options.plugins.refLines.lines.length as number,
          };
        });
        // The table's ranked rows: model id and normalised score, in the same order.
        const table = await page.$$eval(
          "table.sortable tbody:not(.refs) tr",
          (rows) =>
            rows.map((r) => [
              r.querySelector("th")!.getAttribute("data-v") ?? "",
              Number(r.querySelectorAll("td")[4]!.getAttribute("data-v")),
            ]),
        );
        assertEquals(drawn.labels.map((l, i) => [l, drawn.values[i]]), table);
        for (const [i, [lo, hi]] of drawn.bars.entries()) {
          assert.ok(lo <= drawn.values[i]! && drawn.values[i]! <= hi, `bar ${i}: ${lo}-${hi}`);
        }
        assertEquals(drawn.refs, await page.locator("tbody.refs tr").count());
        await page.screenshot({ path: `${ARTIFACTS}task.png`, fullPage: true });
      });

      await t.step("target, list and download pages render", async () => {
        await page.goto(`${server.url}targets/cpu/`);
        // the history's flagged changes carry the "change" badge (regressions are the gate's)
        assert.ok((await page.locator("td.flagged .badge").count()) > 0);
        assertEquals(await page.locator("td.flagged .badge").first().innerText(), "change");
        await page.screenshot({ path: `${ARTIFACTS}target.png`, fullPage: true });
        for (const p of ["models/", "tasks/", "targets/", "downloads/"]) {
          const res = await page.goto(`${server.url}${p}`);
          assertEquals(res?.status(), 200, p);
        }
        await page.screenshot({ path: `${ARTIFACTS}downloads.png`, fullPage: true });
        await page.goto(`${server.url}models/eb-ed23-kd/`);
        await page.screenshot({ path: `${ARTIFACTS}model.png`, fullPage: true });
      });

      assertEquals(problems, []);
      assertEquals(dialogs, 0);
    } finally {
      await browser?.close();
      await server.stop();
    }
  },
});
