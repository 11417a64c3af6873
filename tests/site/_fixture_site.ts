/** Builds the fixture leaderboard into a temporary folder, once per test process. @module */
import { buildSite, type BuildSiteResult } from "../../src/site/build.ts";
import { loadModelCards } from "../../src/site/load.ts";

export const FIXTURES = new URL("../fixtures/results", import.meta.url).pathname;
export const XSS_ID = "<img src=x onerror=alert(1)>";
/** The zoo's model cards (models/<id>/card.json), as the site command reads them. */
export const MODELS = new URL("../../models", import.meta.url).pathname;
/** The model whose real card the fixture site is built with. */
export const CARD_ID = "eb-dec-base";

let built: Promise<BuildSiteResult> | null = null;

/** The fixture site (built on first use into a temp dir). */
export function fixtureSite(): Promise<BuildSiteResult> {
  built ??= (async () => {
    const tmp = await Deno.makeTempDir({ prefix: "eb-site-" });
    globalThis.addEventListener("unload", () => Deno.removeSync(tmp, { recursive: true }));
    return await buildSite({
      resultsDir: FIXTURES,
      outDir: `${tmp}/dist`,
      generatedAt: "2026-11-28T00:00:00.000Z",
      modelCards: await loadModelCards(MODELS, [CARD_ID]),
      taskMeta: new Map([["qa", {
        description: "QA <b>with</b> context, scored by `squad`",
        metrics: ["squad"],
      }]]),
    });
  })();
  return built;
}
