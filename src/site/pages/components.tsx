/**
 * Small shared pieces of the pages: the layout, interval cells, links.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import { CSP_META } from "../csp.ts";
import { fmt } from "../format.ts";
import type { Interval, Rank } from "../../report/mod.ts";
import { slug } from "../slug.ts";
import { GLOSSARY, tooltip } from "../glossary.ts";
import { useRoot } from "./root.tsx";

/** Props of {@link Layout}. */
export interface LayoutProps {
  /** Page title (escaped). */
  readonly title: string;
  /** Which nav entry is current (a key of {@link NAV}). */
  readonly current?: string;
  /** The page's CSP meta content (default the site's strict one). */
  readonly csp?: string;
  /** Module scripts of the page (relative to it). */
  readonly modules?: readonly string[];
  /** Whether the page needs chart.js. */
  readonly charts?: boolean;
  /** Page content. */
  readonly children?: Child;
}

/** The site's navigation: key, path from the root, label. Add a page here to link it. */
export const NAV: readonly (readonly [string, string, string])[] = [
  ["overview", "", "Overview"],
  ["compare", "compare/", "Compare"],
  ["models", "models/", "Models"],
  ["tasks", "tasks/", "Tasks"],
  ["targets", "targets/", "Targets"],
  ["glossary", "glossary/", "Glossary"],
  ["downloads", "downloads/", "Downloads"],
  ["device", "device/", "Run on this device"],
];

/** The page frame: head with CSP, header with nav, main, footer. */
export function Layout(p: LayoutProps): Child {
  const root = useRoot();
  const nav = NAV;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="Content-Security-Policy" content={p.csp ?? CSP_META} />
        <meta name="referrer" content="no-referrer" />
        <link rel="icon" href="data:," />
        <title>{p.title} · encoder-bench</title>
        <link rel="stylesheet" href={`${root}assets/style.css`} />
        {p.charts ? <script src={`${root}assets/chart.umd.min.js`} defer></script> : null}
        <script src={`${root}assets/client.js`} defer></script>
        {(p.modules ?? []).map((m) => <script key={m} type="module" src={m}></script>)}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <div class="wrap">
            <a class="brand" href={root || "./"}>
              encoder-bench <span>leaderboard</span>
            </a>
            <nav aria-label="Site">
              <ul>
                {nav.map(([key, href, label]) => (
                  <li>
                    <a
                      href={`${root}${href}` || "./"}
                      aria-current={p.current === key ? "page" : undefined}
                    >
                      {label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap">{p.children}</main>
        <footer class="site">
          <div class="wrap">
            encoder-bench tests the claims of “Return of the Encoder” (arXiv 2501.16273) with a
            stated method. Scores are normalised to 0–100; intervals are 95%. Static site built with
            Hono; no third-party requests.
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A value with its interval below it, for table cells. */
export function Ci(p: { iv: Interval | null | undefined; digits?: number }): Child {
  if (p.iv === null || p.iv === undefined) return <span class="na">—</span>;
  const d = p.digits ?? 1;
  return (
    <>
      <span class="v">{fmt(p.iv.value, d)}</span>
      <span class="ci" title="95% interval">
        {fmt(p.iv.low, d)}–{fmt(p.iv.high, d)}
      </span>
    </>
  );
}

/** A term with its glossary definition as tooltip, linked to the glossary page. */
export function Term(p: { k: string; children?: Child }): Child {
  const root = useRoot();
  return (
    <a class="term" href={`${root}glossary/#${p.k}`} title={tooltip(p.k)}>
      {p.children ?? GLOSSARY[p.k]?.term ?? p.k}
    </a>
  );
}

/** Text with `backtick` spans shown as code (task descriptions are written that way). */
export function Prose(p: { text: string }): Child {
  const parts = p.text.split("`");
  // An odd count of backticks leaves the last one literal.
  if (parts.length % 2 === 0) return <>{p.text}</>;
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}</>;
}

/** A rank label with a tooltip explaining ties. */
export function RankLabel(p: { rank: Rank | null | undefined }): Child {
  if (p.rank === null || p.rank === undefined) return <span class="na">—</span>;
  return (
    <span
      class={p.rank.tied ? "rank tied" : "rank"}
      title={p.rank.tied ? "Statistically tied with another model" : undefined}
    >
      {p.rank.label}
    </span>
  );
}

/** Link to a model page. */
export function ModelLink(p: { id: string }): Child {
  const root = useRoot();
  return <a href={`${root}models/${slug(p.id)}/`}>{p.id}</a>;
}

/** Link to a task page. */
export function TaskLink(p: { id: string }): Child {
  const root = useRoot();
  return <a href={`${root}tasks/${slug(p.id)}/`}>{p.id}</a>;
}

/** Link to a target page. */
export function TargetLink(p: { id: string }): Child {
  const root = useRoot();
  return <a href={`${root}targets/${slug(p.id)}/`}>{p.id}</a>;
}

/** Link to a cell page. */
export function CellLink(p: { cellKey: string; children?: Child }): Child {
  const root = useRoot();
  return <a href={`${root}cells/${slug(p.cellKey)}/`}>{p.children ?? p.cellKey.slice(0, 12)}</a>;
}

/** The CSS class of an architecture's colour (`arch-ed`, `arch-dec`, `arch-other`). */
export function archClass(a: string): string {
  return a === "encoder-decoder" ? "arch-ed" : a === "decoder-only" ? "arch-dec" : "arch-other";
}

/** An architecture label drawn in its colour (the same colours as the charts). */
export function ArchTag(p: { arch: string }): Child {
  return <span class={`arch ${archClass(p.arch)}`} title={p.arch}>{archLabel(p.arch)}</span>;
}

/** A model type label: teacher, distilled, baseline or external. */
export function kindOf(m: { role: string; distilled: boolean }): string {
  if (m.role === "teacher") return "teacher";
  if (m.distilled) return "distilled";
  if (m.role === "external") return "external";
  return "baseline";
}

/** Short architecture label. */
export function archLabel(a: string): string {
  return a === "encoder-decoder" ? "enc-dec" : a === "decoder-only" ? "dec-only" : a;
}

/**
 * A chart.js figure: caption (title and description), the canvas with its
 * accessible label, and what a reader without JavaScript sees instead.
 */
export function ChartFigure(
  p: { id: string; title: string; desc: string; label: string; fallback?: Child },
): Child {
  return (
    <figure class="chart">
      <figcaption>
        <strong>{p.title}</strong> <span>{p.desc}</span>
      </figcaption>
      <div class="canvas-box">
        <canvas id={p.id} role="img" aria-label={p.label}></canvas>
      </div>
      {p.fallback ? <p class="fallback">{p.fallback}</p> : null}
    </figure>
  );
}

/**
 * "matched/of" latency samples with the cpu target's greedy tokens, flagged
 * when fewer; the missing mark when nothing was compared.
 */
export function AgreementCell(p: { a: { matched: number; of: number } | null }): Child {
  if (p.a === null) return <td class="num na" data-v="">—</td>;
  const { matched, of } = p.a;
  return (
    <td class="num" data-v={of > 0 ? matched / of : ""} data-agreement>
      {matched}/{of}
      {matched < of ? <span class="badge bad">differs</span> : null}
    </td>
  );
}
