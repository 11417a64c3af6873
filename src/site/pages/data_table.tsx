// deno-lint-ignore-file jsx-key -- server-rendered JSX: keys only matter to client-side reconciliation
/**
 * The site's one table frame: a scroll box, the table with its caption, a header row made from
 * the columns, and the body rows. A sortable table gets the `sortable` class and a sort button in
 * every header, which `src/browser/tables.ts` works with (`aria-sort`, the column's `data-key`
 * in the URL); the rows give each cell's sort value as its `data-v`.
 *
 * @module
 */
import type { Child } from "hono/jsx";

/** A column of a {@link DataTable}: its header cell. */
export interface Column {
  /** Visible label. */
  readonly label: Child;
  /** Right-aligned numbers. */
  readonly numeric?: boolean;
  /** The target this column belongs to (the target selector hides the others). */
  readonly target?: string;
  /** An optional column the column picker shows or hides (`data-col`). */
  readonly col?: string;
  /** Tooltip. */
  readonly title?: string;
  /** Extra classes. */
  readonly cls?: string;
  /** Sortable tables: the column's stable key in the URL's `sort=` (default: its index). */
  readonly sortKey?: string;
  /** Sortable tables: what the sort button is announced as (default: the label's text). */
  readonly name?: string;
}

/** Props of {@link DataTable}. */
export interface DataTableProps {
  /** What the table shows (the table's accessible name). */
  readonly caption: Child;
  /** The header row, one entry per column. */
  readonly columns: readonly Column[];
  /** The first body's rows (`tr` elements); none for a table its script fills. */
  readonly rows: Child;
  /** Further bodies after the first (whole `tbody` elements), e.g. the reference systems. */
  readonly more?: Child;
  /** Sortable by any column (default false). */
  readonly sortable?: boolean;
  /** The table's id (for a form's `data-table` or a script). */
  readonly id?: string;
  /** Extra classes of the table (after `data` and `sortable`). */
  readonly cls?: string;
  /** Extra classes of the scroll box (after `scroll`). */
  readonly boxCls?: string;
  /** A keyboard-focusable region labelled by the element with this id (e.g. the heading). */
  readonly labelledBy?: string;
  /** A keyboard-focusable region with this label. */
  readonly label?: string;
}

function classes(...names: (string | false | undefined)[]): string | undefined {
  return names.filter(Boolean).join(" ") || undefined;
}

/** A header cell: with a sort button (keyboard accessible) when the table sorts. */
function HeaderCell(p: { column: Column; sortable: boolean }): Child {
  const c = p.column;
  const cls = classes(c.numeric && "num", c.cls);
  if (!p.sortable) {
    // A spread renders each attribute it has once, spaced once (as the site has always written).
    const attrs = { scope: "col", class: cls, "data-target": c.target, "data-col": c.col };
    return <th {...attrs} title={c.title}>{c.label}</th>;
  }
  // Keep this element's attributes as they are: its precompiled markup is the site's bytes.
  return (
    <th
      scope="col"
      class={cls}
      data-target={c.target}
      data-col={c.col}
      data-key={c.sortKey}
      aria-sort="none"
      title={c.title}
    >
      <button type="button" class="sort" aria-label={c.name ? `Sort by ${c.name}` : undefined}>
        {c.label}
      </button>
    </th>
  );
}

/** A table in its scroll box: caption, header row from `columns`, then the rows. */
export function DataTable(p: DataTableProps): Child {
  const sortable = p.sortable ?? false;
  const region = p.labelledBy !== undefined || p.label !== undefined;
  const box = {
    class: classes("scroll", p.boxCls),
    tabindex: region ? 0 : undefined,
    role: region ? "region" : undefined,
    "aria-labelledby": p.labelledBy,
    "aria-label": p.label,
  };
  const table = { id: p.id, class: classes("data", sortable && "sortable", p.cls) };
  return (
    <div {...box}>
      <table {...table}>
        <caption>{p.caption}</caption>
        <thead>
          <tr>{p.columns.map((c) => <HeaderCell column={c} sortable={sortable} />)}</tr>
        </thead>
        <tbody>{p.rows}</tbody>
        {p.more}
      </table>
    </div>
  );
}
