/**
 * The instance viewer's data: a cell's per-sample records split into pages
 * of JSON (`data/samples/<cell>/<page>.json`), fetched by the client on
 * demand instead of being inlined in the cell page.
 *
 * @module
 */
import type { SampleRecord } from "../report/mod.ts";

/** Samples per page file. */
export const SAMPLE_PAGE_SIZE = 100;

/** One page file of a cell's samples. */
export interface SamplePage {
  /** The cell. */
  readonly cellKey: string;
  /** 1-based page number. */
  readonly page: number;
  /** Number of pages. */
  readonly pages: number;
  /** Samples in the cell. */
  readonly total: number;
  /** This page's samples, in store order. */
  readonly samples: readonly SampleRecord[];
}

/** Number of page files for `n` samples (0 for none). */
export function pageCount(n: number): number {
  return Math.ceil(n / SAMPLE_PAGE_SIZE);
}

/** Page `page` (1-based) of a cell's samples, or null when out of range. */
export function samplePage(
  cellKey: string,
  samples: readonly SampleRecord[],
  page: number,
): SamplePage | null {
  const pages = pageCount(samples.length);
  if (!Number.isInteger(page) || page < 1 || page > pages) return null;
  const start = (page - 1) * SAMPLE_PAGE_SIZE;
  return {
    cellKey,
    page,
    pages,
    total: samples.length,
    samples: samples.slice(start, start + SAMPLE_PAGE_SIZE),
  };
}
