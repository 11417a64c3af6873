/** A measure's value as the pages show it. @module */
import type { Measure } from "../report/mod.ts";
import { fmt, ms } from "./format.ts";

/**
 * A value of a measure with the measure's digits (milliseconds' rule where it
 * has none), or an em dash when missing.
 */
export function measureText(m: Measure, v: number | null | undefined): string {
  return m.digits === null ? ms(v) : fmt(v, m.digits);
}
