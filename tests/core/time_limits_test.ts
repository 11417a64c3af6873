import { assert, assertEquals, assertThrows } from "../results/_assert.ts";
import { MAX_TIME_LIMIT_S, MAX_TIMER_MS, timerDelay } from "../../src/core/time_limits.ts";
import { secondsFlag } from "../../src/cli/_flags.ts";

Deno.test("timerDelay: refuses a delay a timer would fire at once", () => {
  assertEquals(timerDelay(0), 0);
  assertEquals(timerDelay(MAX_TIMER_MS), MAX_TIMER_MS);
  assertThrows(() => timerDelay(MAX_TIMER_MS + 1), RangeError);
  assertThrows(() => timerDelay(2_200_000_000), RangeError);
  assertThrows(() => timerDelay(Infinity), RangeError);
  assertThrows(() => timerDelay(NaN), RangeError);
  assertThrows(() => timerDelay(-1), RangeError);
});

Deno.test("secondsFlag: bounded by the longest timer, in seconds", () => {
  const parse = secondsFlag();
  assertEquals(parse("300"), 300);
  assertEquals(parse("0.5"), 0.5);
  assertEquals(parse(String(MAX_TIME_LIMIT_S)), MAX_TIME_LIMIT_S);
  for (const bad of ["0", "-1", "2200000", "1e308", "Infinity", "abc", ""]) {
    const err = assertThrows(() => parse(bad), Error);
    assert(err.message.includes("must be a number"), `${bad}: ${err.message}`);
  }
});
