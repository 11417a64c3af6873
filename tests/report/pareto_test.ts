import { assertEquals } from "./_assert.ts";
import { paretoFront } from "../../src/report/pareto.ts";

Deno.test("paretoFront keeps points no other point is both faster and better than", () => {
  const pts = [
    { id: "fast-bad", x: 10, y: 20 },
    { id: "slow-good", x: 100, y: 60 },
    { id: "mid", x: 50, y: 40 },
    { id: "dominated", x: 60, y: 30 },
    { id: "slower-same", x: 120, y: 60 },
  ];
  assertEquals(paretoFront(pts), ["fast-bad", "mid", "slow-good"]);
});

Deno.test("paretoFront drops a point equal on one axis and worse on the other", () => {
  assertEquals(paretoFront([{ id: "a", x: 5, y: 10 }, { id: "b", x: 5, y: 9 }]), ["a"]);
  assertEquals(paretoFront([{ id: "a", x: 5, y: 10 }, { id: "b", x: 6, y: 10 }]), ["a"]);
});

Deno.test("paretoFront keeps exact duplicates and ignores non-finite points", () => {
  assertEquals(paretoFront([{ id: "a", x: 1, y: 1 }, { id: "b", x: 1, y: 1 }]), ["a", "b"]);
  assertEquals(paretoFront([{ id: "nan", x: NaN, y: 99 }, { id: "a", x: 1, y: 1 }]), ["a"]);
  assertEquals(paretoFront([]), []);
});

Deno.test("paretoFront: no front point is dominated and every other point is", () => {
  const rand = (i: number): number => ((i * 2654435761) % 1000) / 10;
  const pts = Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, x: rand(i), y: rand(i + 7) }));
  const front = new Set(paretoFront(pts));
  const dominated = (p: { x: number; y: number }): boolean =>
    pts.some((q) => q.x <= p.x && q.y >= p.y && (q.x < p.x || q.y > p.y));
  for (const p of pts) assertEquals(front.has(p.id), !dominated(p), p.id);
});
