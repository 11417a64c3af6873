/**
 * `deno task compare`'s output: Markdown fit for a GitHub job summary, or
 * JSON for tools.
 *
 * @module
 */
import type { CompareReport, Finding } from "./compare.ts";

const ORDER = ["regression", "suspicious", "improvement", "insufficient data"] as const;

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** The report as Markdown: a verdict line, then one table row per finding that matters. */
export function compareMarkdown(report: CompareReport, exitCode: number): string {
  const lines: string[] = [];
  const head = exitCode === 1 ? `**${report.regressions} regression(s)**` : "**No regression**";
  lines.push(
    `${head}: ${report.comparable} cells compared, ${report.suspicious} suspicious, ` +
      `${report.improvements} improvement(s), ${report.notComparable.length} not comparable.`,
    "",
  );
  const shown: Finding[] = [];
  for (const v of ORDER) shown.push(...report.findings.filter((f) => f.verdict === v));
  if (shown.length > 0) {
    lines.push("| verdict | kind | cell | detail |", "| --- | --- | --- | --- |");
    for (const f of shown) {
      lines.push(`| ${f.verdict} | ${f.kind} | ${cell(f.label)} | ${cell(f.detail)} |`);
    }
    lines.push("");
  }
  const changed = report.findings.filter((f) =>
    f.kind === "quality" && (f.changedOutputs ?? 0) > 0
  );
  if (changed.length > 0) {
    lines.push(
      `Greedy outputs changed in ${changed.length} cell(s): ` +
        changed.map((f) => `${f.label} (${f.changedOutputs})`).join("; ") + ".",
      "",
    );
  }
  if (report.notComparable.length > 0) {
    lines.push(
      `<details><summary>${report.notComparable.length} cell(s) not comparable</summary>`,
      "",
    );
    for (const n of report.notComparable) lines.push(`- ${cell(n.label)}: ${cell(n.reason)}`);
    lines.push("", "</details>", "");
  }
  return lines.join("\n");
}

/** The report as JSON, with the exit code. */
export function compareJson(report: CompareReport, exitCode: number): string {
  return JSON.stringify({ exitCode, ...report }, null, 2);
}
