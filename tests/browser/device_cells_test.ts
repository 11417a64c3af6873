/** The device page's cells for each choice of what to measure. */
import { assertEquals } from "../report/_assert.ts";
import { deviceCellSettings } from "../../src/browser/device_cells.ts";
import { latencyCellSettings, qualityCellSettings } from "../../src/core/run_settings.ts";

const SETTINGS = {
  limit: 8,
  batchSize: 16,
  latencySamples: 3,
  latency: { warmupRuns: 1, minRuns: 4, minDurationS: 0.25 },
  bootstrapResamples: 1000,
  seed: 0,
};

Deno.test("device cells: quality then latency by default; the latency cell alone on request", () => {
  const quality = qualityCellSettings(SETTINGS, 32);
  const latency = latencyCellSettings(SETTINGS, 32);
  assertEquals(deviceCellSettings(SETTINGS, 32, "all"), [quality, latency]);
  // the same latency cell (and so the same cell key) as in a full run
  assertEquals(deviceCellSettings(SETTINGS, 32, "latency"), [latency]);
});
