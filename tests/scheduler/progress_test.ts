import { assert, assertEquals } from "../results/_assert.ts";
import { createReporter } from "../../src/scheduler/progress.ts";
import type { RunEvent } from "../../src/scheduler/events.ts";

const EVENTS: RunEvent[] = [
  { event: "plan", runId: "r1", cells: 2, skipped: 1, estimateS: 4 },
  {
    event: "cell-start",
    key: "k1",
    label: "m / qa / cpu [quality]",
    index: 0,
    attempt: 1,
    estimateS: 2,
  },
  {
    event: "progress",
    key: "k1",
    label: "m / qa / cpu [quality]",
    phase: "quality",
    done: 4,
    total: 8,
  },
  {
    event: "cell-end",
    key: "k1",
    label: "m / qa / cpu [quality]",
    index: 0,
    status: "ok",
    durationS: 1.5,
    error: null,
  },
  {
    event: "cell-start",
    key: "k2",
    label: "m / qa / cpu [latency]",
    index: 1,
    attempt: 1,
    estimateS: 2,
  },
  {
    event: "cell-retry",
    key: "k2",
    label: "m / qa / cpu [latency]",
    attempt: 1,
    reason: "crash",
    message: "exited with code 134",
    delayMs: 1000,
  },
  {
    event: "cell-start",
    key: "k2",
    label: "m / qa / cpu [latency]",
    index: 1,
    attempt: 2,
    estimateS: 2,
  },
  {
    event: "cell-end",
    key: "k2",
    label: "m / qa / cpu [latency]",
    index: 1,
    status: "failed",
    durationS: 3,
    error: "crash: exited with code 134",
  },
  { event: "run-end", runId: "r1", ok: 1, failed: 1, timeout: 0, skipped: 1, durationS: 4.5 },
];

Deno.test("plain progress prints one line per finished cell, no control characters", () => {
  let out = "";
  const r = createReporter("plain", (t) => (out += t));
  for (const e of EVENTS) r.sink(e);
  r.close();
  assert(!out.includes("\x1b") && !out.includes("\r"), JSON.stringify(out));
  const lines = out.trim().split("\n");
  assertEquals(lines[0], "run r1: 2 cells to run, 1 already done, estimated 4s");
  assert(lines.includes("[1/2] ok      m / qa / cpu [quality] (1.5s)"), out);
  assert(lines.some((l) => l.startsWith("[2/2] failed  m / qa / cpu [latency] (3.0s) crash")), out);
  assert(lines.at(-1)!.startsWith("done in 5s: 1 ok, 1 failed"), out);
});

Deno.test("tty progress draws bars with an ETA and clears them at the end", () => {
  let out = "";
  const r = createReporter("tty", (t) => (out += t));
  for (const e of EVENTS.slice(0, 3)) r.sink(e);
  assert(/\[#*-*\] 0\/2 cells, elapsed \d+s, ETA /.test(out), out);
  assert(out.includes("m / qa / cpu [quality] quality 4/8"), out);
  for (const e of EVENTS.slice(3)) r.sink(e);
  r.close();
  assert(out.endsWith("(run r1)\n"), JSON.stringify(out.slice(-80)));
});

Deno.test("json progress writes one parseable event per line", () => {
  let out = "";
  const r = createReporter("json", (t) => (out += t));
  for (const e of EVENTS) r.sink(e);
  const parsed = out.trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(parsed.map((e) => e.event), EVENTS.map((e) => e.event));
});
