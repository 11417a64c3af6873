import { assertEquals } from "../report/_assert.ts";
import { acceptsEncoding, parseRange } from "../../src/site/send_file.ts";

Deno.test("parseRange: one byte range, clamped; unsatisfiable; otherwise ignored", () => {
  const cases: [string, number, ReturnType<typeof parseRange>][] = [
    ["bytes=0-0", 10, { start: 0, end: 0 }],
    ["bytes=2-5", 10, { start: 2, end: 5 }],
    ["bytes=8-", 10, { start: 8, end: 9 }],
    ["bytes=8-100", 10, { start: 8, end: 9 }],
    ["bytes=-4", 10, { start: 6, end: 9 }],
    ["bytes=-40", 10, { start: 0, end: 9 }],
    ["bytes=10-", 10, "unsatisfiable"],
    ["bytes=10-20", 10, "unsatisfiable"],
    ["bytes=-0", 10, "unsatisfiable"],
    ["bytes=0-", 0, "unsatisfiable"],
    ["bytes=-5", 0, "unsatisfiable"],
    ["bytes=5-2", 10, null],
    ["bytes=-", 10, null],
    ["bytes=0-1,4-5", 10, null],
    ["items=0-1", 10, null],
    ["bytes=a-b", 10, null],
    [`bytes=${"9".repeat(400)}-`, 10, "unsatisfiable"],
  ];
  for (const [header, size, want] of cases) assertEquals(parseRange(header, size), want, header);
});

Deno.test("acceptsEncoding: names, q values and *", () => {
  const cases: [string | null, string, boolean][] = [
    ["gzip, deflate, br", "br", true],
    ["gzip, deflate, br", "gzip", true],
    ["GZIP", "gzip", true],
    ["br;q=0", "br", false],
    ["br; q=0.1", "br", true],
    ["*", "br", true],
    ["*;q=0, gzip", "br", false],
    ["*, br;q=0", "br", false],
    ["deflate", "gzip", false],
    ["", "gzip", false],
    [null, "gzip", false],
  ];
  for (const [header, coding, want] of cases) {
    assertEquals(acceptsEncoding(header, coding), want, `${header} / ${coding}`);
  }
});
