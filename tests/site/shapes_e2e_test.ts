/**
 * The "Efficiency at real sizes" page in real headless Chromium: built from a store with shape
 * cells on two targets, its ratio charts draw (with the paper's line where the device class
 * has one), the script reports no error, and at 390 px the page is no wider than the viewport.
 *
 * @module
 */
import type { Browser } from "playwright-core";
import { ARTIFACTS, hasChromium, inCI, launch, startServe } from "../_browser.ts";
import { assert, assertEquals } from "../report/_assert.ts";
import { RunWriter, sha256Text } from "../../src/results/mod.ts";
import { buildSite } from "../../src/site/build.ts";
import { shapeCell } from "../report/_records.ts";

async function shapeStore(dir: string): Promise<void> {
  const runId = "20261129T120000Z-host-cccccc";
  const writer = new RunWriter(dir, runId);
  let i = 0;
  for (const [target, device] of [["cpu", "cpu"], ["cuda", "gpu"]] as const) {
    for (const input of [64, 256, 1024]) {
      for (const cache of [true, false]) {
        const at = { input, cache, target, device, n: 3 };
        for (
          const c of [
            shapeCell("mu", { arch: "encoder-decoder", ttft: input, tps: 40, sd: 5, ...at }),
            shapeCell("mu-twin", { arch: "decoder-only", ttft: 2 * input, tps: 10, sd: 5, ...at }),
          ]
        ) await writer.writeCell({ ...c, runId, cellKey: sha256Text(`shape-${i++}`) }, []);
      }
    }
  }
}

Deno.test({
  name: "e2e shapes page: the ratio charts draw, no script error, no overflow at 390 px",
  ignore: !hasChromium && !inCI,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const tmp = await Deno.makeTempDir({ prefix: "eb-shapes-" });
    await shapeStore(`${tmp}/results`);
    await buildSite({ resultsDir: `${tmp}/results`, outDir: `${tmp}/dist`, generatedAt: "x" });
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    const server = await startServe(`${tmp}/dist`);
    let browser: Browser | null = null;
    try {
      browser = await launch();
      const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await page.goto(`${server.url}shapes/`);
      await page.waitForFunction(() =>
        // deno-lint-ignore no-explicit-any
        (globalThis as any).Chart?.getChart("chart-shape-tps-2") !== undefined
      );
      const charts = await page.evaluate(() =>
        ["ttft-1", "tps-1", "ttft-2", "tps-2"].map((k) => {
          // deno-lint-ignore no-explicit-any
          const c = (globalThis as any).Chart.getChart(`chart-shape-${k}`);
          // deno-lint-ignore no-explicit-any
          return c.data.datasets.map((d: any) => [d.label, d.data.map((p: any) => p.y)]);
        })
      );
      // cpu: two lines (cache on, off) at 0.5, and the paper's CPU ratio across 64..1024.
      assertEquals(charts[0]!.length, 3);
      assertEquals(charts[0]![0], ["mu / mu-twin, cache on, batch 1, 32 new", [0.5, 0.5, 0.5]]);
      assertEquals(charts[0]![2]![0], "paper, CPU");
      assertEquals(charts[1]![0]![1], [4, 4, 4]);
      assertEquals(charts[3]![2]![0], "paper, GPU");
      await page.screenshot({ path: `${ARTIFACTS}shapes-1300.png`, fullPage: true });
      assertEquals(errors, []);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      const over = await page.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      assert.ok(over <= 0, `the page is ${over} px wider than 390 px`);
    } finally {
      await browser?.close();
      await server.stop();
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
