import { assert, assertAlmost, assertEquals } from "./_assert.ts";
import { pairedBootstrap } from "../../src/report/paired_bootstrap.ts";

Deno.test("pairedBootstrap: a consistent per-sample gain is significant", () => {
  const b = Array.from({ length: 50 }, (_, i) => (i * 37) % 100);
  const a = b.map((x) => x + 2);
  const d = pairedBootstrap(a, b);
  assertAlmost(d.value, 2);
  assert.ok(d.low > 0, `low ${d.low}`);
});

Deno.test("pairedBootstrap: paired test sees what interval overlap hides", () => {
  // Large between-sample spread, small consistent gain: marginal CIs overlap.
  const b = Array.from({ length: 80 }, (_, i) => (i * 53) % 100);
  const a = b.map((x, i) => x + 1 + (i % 2 ? 0.5 : -0.5));
  const d = pairedBootstrap(a, b);
  assert.ok(d.low > 0);
});

Deno.test("pairedBootstrap: no difference gives an interval around zero", () => {
  const a = Array.from({ length: 40 }, (_, i) => (i % 2 ? 1 : 0));
  const b = Array.from({ length: 40 }, (_, i) => (i % 4 < 2 ? 1 : 0));
  const d = pairedBootstrap(a, b);
  assertEquals(d.value, 0);
  assert.ok(d.low < 0 && d.high > 0);
});

Deno.test("pairedBootstrap is deterministic and rejects mismatched input", () => {
  const a = [1, 2, 3, 4, 5], b = [1, 1, 2, 3, 5];
  assertEquals(pairedBootstrap(a, b, { seed: 3 }), pairedBootstrap(a, b, { seed: 3 }));
  assert.throws(() => pairedBootstrap([1], [1, 2]), RangeError);
  assert.throws(() => pairedBootstrap([], []), RangeError);
});
