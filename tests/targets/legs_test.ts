import { assert, assertEquals, assertThrows } from "../results/_assert.ts";
import { ConfigError } from "../../src/core/errors.ts";
import { type ActionsJob, legMarkdown, legReport, parseJobs } from "../../src/targets/legs.ts";

const START = new Date("2026-12-07T03:17:00Z");
const at = (min: number) => new Date(START.getTime() + min * 60_000);
const job = (machine: string, status: string, conclusion: string | null, min = 0): ActionsJob => ({
  name: `run (${machine})`,
  status,
  conclusion,
  created_at: at(min).toISOString(),
});
const MATRIX = [
  { machine: "ubuntu-24.04", gating: false, queue_timeout: 120 },
  { machine: "linux-cuda12", gating: true, queue_timeout: 120 },
];

Deno.test("legs: a queued self-hosted leg is waited for until its queue timeout, then given up", () => {
  const jobs = [job("ubuntu-24.04", "completed", "success"), job("linux-cuda12", "queued", null)];
  const early = legReport(jobs, MATRIX, at(119), START);
  assertEquals(early.waiting, true);
  assertEquals(early.legs.map((l) => l.state), ["done", "queued"]);
  const late = legReport(jobs, MATRIX, at(121), START);
  assertEquals(late.waiting, false);
  assertEquals(late.legs[1]?.state, "no runner");
  assert(legMarkdown(late).includes("| linux-cuda12 | gating | no runner after 121 min"));
});

Deno.test("legs: a running leg is waited for past the queue timeout; done legs keep their conclusion", () => {
  const jobs = [
    job("ubuntu-24.04", "completed", "failure"),
    job("linux-cuda12", "in_progress", null),
  ];
  const r = legReport(jobs, MATRIX, at(400), START);
  assertEquals(r.waiting, true);
  assertEquals(r.legs[0]?.conclusion, "failure");
  const done = legReport(
    [jobs[0]!, job("linux-cuda12", "completed", "success")],
    MATRIX,
    at(401),
    START,
  );
  assertEquals(done.waiting, false);
  assertEquals(done.legs.map((l) => l.conclusion), ["failure", "success"]);
});

Deno.test("legs: a leg without a job yet counts from the run's start; a rerun's newest job counts", () => {
  const none = legReport([], MATRIX, at(10), START);
  assertEquals(none.legs.map((l) => l.state), ["not created", "not created"]);
  assertEquals(none.waiting, true);
  assertEquals(legReport([], MATRIX, at(130), START).waiting, false);
  const rerun = [
    job("ubuntu-24.04", "completed", "failure", 0),
    job("ubuntu-24.04", "queued", null, 5),
  ];
  assertEquals(legReport(rerun, MATRIX.slice(0, 1), at(60), START).legs[0]?.state, "queued");
});

Deno.test("legs: the jobs file is the API's {jobs: [...]}; a bad one names the field", () => {
  assertEquals(parseJobs({ jobs: [job("a", "queued", null)] }, "j.json").length, 1);
  const err = assertThrows(() => parseJobs({ jobs: [{ name: 1 }] }, "j.json"), ConfigError);
  assert(err.message.includes('field "jobs.0.name"'), err.message);
  assertThrows(() => parseJobs({ nope: 1 }, "j.json"), ConfigError);
});
