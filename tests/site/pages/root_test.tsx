import { assertEquals } from "../../report/_assert.ts";
import { AtPath, rootOf } from "../../../src/site/pages/root.tsx";
import { Layout, ModelLink } from "../../../src/site/pages/components.tsx";

Deno.test("root: one ../ per path segment", () => {
  assertEquals(rootOf("/"), "");
  assertEquals(rootOf("/models/"), "../");
  assertEquals(rootOf("/models/eb-x/"), "../../");
});

Deno.test("root: a page's links, in markup it hands to the layout, follow its path", () => {
  function Page() {
    return (
      <Layout title="t">
        <p>
          <ModelLink id="m" />
        </p>
      </Layout>
    );
  }
  const html = String(
    <AtPath path="/tasks/qa/">
      <Page />
    </AtPath>,
  );
  assertEquals(html.includes(`<a href="../../models/m/">m</a>`), true);
  assertEquals(html.includes(`href="../../assets/style.css"`), true);
  assertEquals(String(<Page />).includes(`<a href="models/m/">m</a>`), true);
});
