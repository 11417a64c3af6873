import { assertEquals } from "./_assert.ts";
import { ciBetter, rankWithTies } from "../../src/report/ranks.ts";

const iv = (value: number, half: number) => ({ value, low: value - half, high: value + half });

Deno.test("rankWithTies: overlapping intervals share a rank shown as =k", () => {
  const xs = [iv(90, 2), iv(89, 2), iv(70, 2)];
  const r = rankWithTies(xs.length, (i, j) => ciBetter(xs[i]!, xs[j]!));
  assertEquals(r.map((x) => x.label), ["=1", "=1", "3"]);
  assertEquals(r.map((x) => x.tied), [true, true, false]);
});

Deno.test("rankWithTies: separated intervals give distinct ranks", () => {
  const xs = [iv(30, 1), iv(50, 1), iv(10, 1)];
  const r = rankWithTies(xs.length, (i, j) => ciBetter(xs[i]!, xs[j]!));
  assertEquals(r.map((x) => x.label), ["2", "1", "3"]);
});

Deno.test("rankWithTies: a chain of overlaps is not transitive (Arena rule)", () => {
  // A overlaps B, B overlaps C, A is significantly above C.
  const xs = [iv(90, 3), iv(86, 3), iv(82, 3)];
  const r = rankWithTies(xs.length, (i, j) => ciBetter(xs[i]!, xs[j]!));
  assertEquals(r.map((x) => x.label), ["=1", "=1", "2"]);
});

Deno.test("ciBetter respects lower-is-better metrics", () => {
  assertEquals(ciBetter(iv(10, 1), iv(20, 1), false), true);
  assertEquals(ciBetter(iv(10, 1), iv(20, 1), true), false);
  assertEquals(ciBetter(iv(10, 6), iv(20, 6), false), false);
});
