/**
 * The site's layout in real headless Chromium at a phone (390 px) and a
 * laptop (1400 px) width: no page wider than the viewport (tables scroll in
 * their own box), the overview's average and TTFT visible without sideways
 * scrolling, a sticky header and model column, and the leaderboard's state
 * (target, sort, filters, columns) kept in the URL across a reload.
 *
 * @module
 */
import type { Browser, Page } from "playwright-core";
import { ARTIFACTS, hasChromium, inCI, launch, startServe } from "../_browser.ts";
import { assert, assertEquals } from "../report/_assert.ts";
import { fixtureSite } from "./_fixture_site.ts";

/** Every HTML page of the site, as URL paths. */
function pages(files: readonly string[]): string[] {
  return files.filter((f) => f.endsWith("index.html")).map((f) => f.slice(0, -10));
}

async function overflow(page: Page): Promise<number> {
  return await page.evaluate(() =>
    document.documentElement.scrollWidth - document.documentElement.clientWidth
  );
}

Deno.test({
  name: "e2e layout: 390 px and 1400 px in real Chromium",
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

      await t.step("at 390 px no page is wider than the viewport", async () => {
        const context = await browser!.newContext({ viewport: { width: 390, height: 844 } });
        const page = await context.newPage();
        const wide: string[] = [];
        for (const path of pages(site.files)) {
          await page.goto(`${server.url}${path}`);
          const over = await overflow(page);
          if (over > 0) wide.push(`/${path} +${over} px`);
        }
        await page.goto(server.url);
        await page.screenshot({ path: `${ARTIFACTS}overview-390.png`, fullPage: true });
        await context.close();
        assertEquals(wide, []);
      });

      await t.step("at 1400 px the overview shows avg and TTFT without scrolling", async () => {
        const context = await browser!.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        await page.goto(server.url);
        assertEquals(await overflow(page), 0);
        const box = await page.locator("#lb").evaluate((el) => {
          const s = el.closest(".scroll")!.getBoundingClientRect();
          return { left: s.left, right: s.right };
        });
        for (const sel of ["#lb thead th.avg", "#lb thead th[data-col='ttft']:not(.off)"]) {
          const r = await page.locator(sel).first().boundingBox();
          assert.ok(r !== null, `${sel} is shown`);
          assert.ok(r!.x >= box.left && r!.x + r!.width <= box.right + 0.5, `${sel} at ${r!.x}`);
        }
        // Model ids stay on one line.
        const heights = await page.$$eval(
          "#lb tbody th[scope=row]",
          (ths) => ths.map((th) => th.getBoundingClientRect().height),
        );
        const line = await page.$eval("#lb tbody th[scope=row] a", (a) => {
          const lh = parseFloat(getComputedStyle(a).lineHeight);
          return Number.isNaN(lh) ? 20 : lh;
        });
        assert.ok(heights.every((h) => h < 3 * line), `row heights ${heights} (line ${line})`);
        await page.screenshot({ path: `${ARTIFACTS}overview-1400.png`, fullPage: true });
        await context.close();
      });

      await t.step("the header row and the model column stay in view (sticky)", async () => {
        const context = await browser!.newContext({ viewport: { width: 390, height: 700 } });
        const page = await context.newPage();
        await page.goto(server.url);
        const pos = await page.$eval(
          "#lb tbody th[scope=row]",
          (th) => getComputedStyle(th).position,
        );
        assertEquals(pos, "sticky");
        const head = await page.$eval("#lb thead th", (th) => getComputedStyle(th).position);
        assertEquals(head, "sticky");
        const left = await page.$eval(
          "#lb",
          (el) => el.closest(".scroll")!.getBoundingClientRect().left,
        );
        const cell = page.locator("#lb tbody tr").first().locator("td.avg");
        const before = (await cell.boundingBox())!;
        await page.$eval("#lb", (el) => {
          el.closest(".scroll")!.scrollLeft = 400;
        });
        // The box scrolled (the average moved left) but the model stayed at its left edge.
        const moved = (await cell.boundingBox())!;
        assert.ok(moved.x < before.x - 300, `avg ${before.x} -> ${moved.x}`);
        const after = (await page.locator("#lb tbody th[scope=row]").first().boundingBox())!;
        assert.ok(Math.abs(after.x - left) <= 2, `model column at ${after.x}, box at ${left}`);
        await context.close();
      });

      await t.step("target, sort, filters and columns survive a reload in the URL", async () => {
        const context = await browser!.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        await page.goto(server.url);
        await page.selectOption("#target-select", "cpu-1t");
        await page.selectOption("#lb-controls select[name=arch]", "encoder-decoder");
        await page.fill("#lb-controls input[name=q]", "kd");
        await page.locator("#lb thead th", { hasText: "Params" }).locator("button").click();
        await page.check("#lb-controls input[name=col][value=tpot]");
        const url = page.url();
        assert.ok(url.includes("target=cpu-1t") && url.includes("arch=encoder-decoder"), url);
        const rows = async () =>
          await page.$$eval(
            "#lb tbody tr:not([hidden])",
            (trs) => trs.map((r) => r.getAttribute("data-id") ?? ""),
          );
        const before = await rows();
        assert.ok(before.length > 0 && before.length < 9, `${before.length} rows`);
        await page.reload();
        assertEquals(await page.inputValue("#target-select"), "cpu-1t");
        assertEquals(await page.inputValue("#lb-controls select[name=arch]"), "encoder-decoder");
        assertEquals(await page.inputValue("#lb-controls input[name=q]"), "kd");
        assert.ok(await page.isChecked("#lb-controls input[name=col][value=tpot]"));
        assertEquals(
          await page.locator("#lb thead th", { hasText: "Params" }).getAttribute("aria-sort"),
          "ascending",
        );
        assertEquals(await rows(), before);
        assert.ok(
          await page.locator("#lb thead th[data-col='tpot']:not(.off)").first().isVisible(),
        );
        await context.close();
      });
      await t.step(
        "the compare view shows the chosen models side by side, kept in the URL",
        async () => {
          const context = await browser!.newContext({ viewport: { width: 1400, height: 900 } });
          const page = await context.newPage();
          await page.goto(`${server.url}compare/`);
          const shown = async () =>
            await page.$$eval(
              "#cmp thead th.model",
              (ths) =>
                ths.filter((th) => getComputedStyle(th).display !== "none").map((th) =>
                  th.textContent!.trim()
                ),
            );
          assertEquals((await shown()).length, 2);
          const boxes = page.locator("#cmp-controls input[name=col]");
          await boxes.nth(2).check();
          await boxes.nth(0).uncheck();
          const three = await shown();
          assertEquals(three.length, 2);
          await boxes.nth(5).check();
          const chosen = await shown();
          assertEquals(chosen.length, 3);
          // Every task row has a value (with n) for each shown model.
          const cells = await page.$$eval(
            "#cmp tbody tr:first-child td",
            (tds) =>
              tds.filter((td) => getComputedStyle(td).display !== "none").map((td) =>
                td.textContent!
              ),
          );
          assertEquals(cells.length, 3);
          assert.ok(cells.every((c) => /n \d+/.test(c)), `${cells}`);
          await page.reload();
          assertEquals(await shown(), chosen);
          await page.screenshot({ path: `${ARTIFACTS}compare.png`, fullPage: true });
          await context.close();
        },
      );

      await t.step("glossary terms are tooltips on the leaderboard and have a page", async () => {
        const context = await browser!.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        await page.goto(server.url);
        const title = await page.locator("#lb thead th[data-col='ttft']").first().getAttribute(
          "title",
        );
        assert.ok(title?.startsWith("TTFT: Time to first token"), title ?? "");
        assert.ok((await page.locator("#lb thead th.task").first().innerText()).includes("n "));
        const res = await page.goto(`${server.url}glossary/`);
        assertEquals(res?.status(), 200);
        for (const id of ["ttft", "tpot", "split", "quadrature", "tie"]) {
          assertEquals(await page.locator(`dt#${id}`).count(), 1, id);
        }
        await context.close();
      });
    } finally {
      await browser?.close();
      await server.stop();
    }
  },
});
