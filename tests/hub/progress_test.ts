/** A pull's progress text: redrawn at most every REDRAW_MS on a terminal, one line per file elsewhere. */
import { assertEquals } from "../results/_assert.ts";
import { formatBytes } from "../../src/core/format_bytes.ts";
import { pullProgress, REDRAW_MS } from "../../src/hub/progress.ts";
import type { PullEvent } from "../../src/hub/pull.ts";

function run(tty: boolean, events: [number, PullEvent][]): string[] {
  const out: string[] = [];
  let t = 0;
  const listen = pullProgress({ write: (s) => out.push(s), tty, now: () => t });
  for (const [at, e] of events) {
    t = at;
    listen(e);
  }
  return out;
}

const MiB = 1024 * 1024;
const FILE: [number, PullEvent][] = [
  [0, { kind: "start", path: "m.onnx", size: 10 * MiB }],
  ...Array.from(
    { length: 50 },
    (
      _,
      i,
    ): [number, PullEvent] => [i * 20, {
      kind: "bytes",
      path: "m.onnx",
      done: i * 0.2 * MiB,
      size: 10 * MiB,
    }],
  ),
  [1000, { kind: "done", path: "m.onnx", size: 10 * MiB, fetched: 10 * MiB }],
  [1000, { kind: "cached", path: "config.json", size: 598 }],
];

Deno.test("on a terminal a file's line is redrawn with bytes, rate and ETA, throttled", () => {
  const out = run(true, FILE);
  const redraws = out.filter((s) => s.startsWith("\r\x1b[K") && !s.endsWith("\n"));
  assertEquals(redraws.length, Math.ceil(1000 / REDRAW_MS));
  assertEquals(redraws.at(-1), "\r\x1b[Km.onnx  8.0 MiB / 10.0 MiB  10.0 MiB/s  ETA 0 s");
  assertEquals(out.at(-2), "\r\x1b[Km.onnx  10.0 MiB  downloaded in 1.0 s\n");
  assertEquals(out.at(-1), "config.json  598 B  in the cache\n");
});

Deno.test("elsewhere, one line per file and nothing in between", () => {
  assertEquals(run(false, FILE), [
    "m.onnx  10.0 MiB  downloaded in 1.0 s\n",
    "config.json  598 B  in the cache\n",
  ]);
  assertEquals(formatBytes(1536), "1.5 KiB");
});
