import { assertEquals } from "../../report/_assert.ts";
import { DataTable } from "../../../src/site/pages/data_table.tsx";
import { ModelLink } from "../../../src/site/pages/components.tsx";
import { AtPath } from "../../../src/site/pages/root.tsx";

Deno.test("data table: a plain table, its header cells without sort buttons", () => {
  const html = String(
    <DataTable
      id="t"
      cls="compact"
      caption="Two columns."
      columns={[{ label: "Name" }, { label: "Size", numeric: true, cls: "paper", title: "it's" }]}
      rows={
        <tr>
          <td>x</td>
          <td class="num">1</td>
        </tr>
      }
    />,
  );
  assertEquals(
    html,
    `<div class="scroll"><table id="t" class="data compact"><caption>Two columns.</caption>` +
      `<thead><tr><th scope="col">Name</th><th scope="col" class="num paper" title="it&#39;s">` +
      `Size</th></tr></thead><tbody><tr><td>x</td><td class="num">1</td></tr></tbody></table></div>`,
  );
});

Deno.test("data table: a sortable one, its keys and names, more bodies, a labelled region", () => {
  const html = String(
    <DataTable
      sortable
      boxCls="lb-box"
      labelledBy="h"
      caption="Sorted."
      columns={[
        { label: "Rank", numeric: true, sortKey: "rank", name: "rank" },
        { label: "Peak", target: "cpu", col: "peak" },
      ]}
      rows={null}
      more={<tbody class="refs"></tbody>}
    />,
  );
  const open = html.slice(0, html.indexOf("<caption>"));
  assertEquals(
    open,
    `<div class="scroll lb-box" tabindex="0" role="region" aria-labelledby="h">` +
      `<table class="data sortable">`,
  );
  // The sortable header is the markup src/browser/tables.ts reads: aria-sort, data-key, a button.
  const heads = [...html.matchAll(/<th [^>]*>.*?<\/th>/g)].map((m) => m[0].replace(/ +/g, " "));
  assertEquals(heads, [
    `<th scope="col" class="num" data-key="rank" aria-sort="none" ><button type="button" ` +
    `class="sort" aria-label="Sort by rank">Rank</button></th>`,
    `<th scope="col" data-target="cpu" data-col="peak" aria-sort="none" ><button type="button" ` +
    `class="sort" >Peak</button></th>`,
  ]);
  assertEquals(html.endsWith(`<tbody></tbody><tbody class="refs"></tbody></table></div>`), true);
});

Deno.test("data table: links in its caption, headers and rows follow the page's path", () => {
  // As on the site: a page component builds the table; `AtPath` wraps the page element.
  function Page() {
    return (
      <DataTable
        label="Models"
        caption={<ModelLink id="c" />}
        columns={[{ label: <ModelLink id="h" /> }]}
        rows={
          <tr>
            <td>
              <ModelLink id="r" />
            </td>
          </tr>
        }
      />
    );
  }
  const html = String(
    <AtPath path="/tasks/qa/">
      <Page />
    </AtPath>,
  );
  for (const id of ["c", "h", "r"]) {
    assertEquals(html.includes(`<a href="../../models/${id}/">${id}</a>`), true, id);
  }
  assertEquals(html.startsWith(`<div class="scroll" tabindex="0" role="region" aria-label`), true);
});
