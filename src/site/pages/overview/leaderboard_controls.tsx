// deno-lint-ignore-file jsx-key -- server-rendered JSX: keys only matter to client-side reconciliation
/**
 * The leaderboard's controls: the target selector, search, architecture and
 * type filters, and the optional columns.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import { MEASURES, type Report } from "../../../report/mod.ts";

/** Optional leaderboard columns: value, label, shown by default (compact view). */
const OPTIONAL_COLUMNS: readonly [string, string, boolean][] = [
  ["arch", "Arch", true],
  ["split", "Split", false],
  ["type", "Type", false],
  ["params", "Params", true],
  // the per-target efficiency columns, one per measure; TTFT shown by default
  ...MEASURES.map((m): [string, string, boolean] => [m.key, m.label, m.key === "ttft"]),
];

/** The column checkboxes, one per optional column. */
function ColumnPicker(): Child {
  return (
    <fieldset class="cols">
      <legend>Columns</legend>
      {OPTIONAL_COLUMNS.map(([value, label, on]) => (
        <label>
          <input type="checkbox" name="col" value={value} checked={on} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

/** The leaderboard's form; the pages' script reads it and keeps it in the URL. */
export function LeaderboardControls(p: { report: Report }): Child {
  const r = p.report;
  return (
    <form class="controls" id="lb-controls" data-table="lb" data-url-state>
      <label>
        Target{" "}
        <select name="target" id="target-select">
          <option value="">all targets</option>
          {r.targets.map((t) => <option value={t.info.id}>{t.info.id} — {t.info.label}</option>)}
        </select>
      </label>
      <label>
        Search <input type="search" name="q" placeholder="model id" />
      </label>
      <label>
        Architecture{" "}
        <select name="arch">
          <option value="">all</option>
          <option value="encoder-decoder">encoder-decoder</option>
          <option value="decoder-only">decoder-only</option>
        </select>
      </label>
      <label>
        Type{" "}
        <select name="kind">
          <option value="">all</option>
          <option value="baseline">baseline</option>
          <option value="distilled">distilled</option>
          <option value="teacher">teacher</option>
          <option value="external">external</option>
        </select>
      </label>
      <ColumnPicker />
      <output name="count" aria-live="polite"></output>
    </form>
  );
}
