/**
 * The glossary page: every term the site's tooltips define.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import { GLOSSARY } from "../glossary.ts";
import { Layout } from "./components.tsx";

/** The glossary page. */
export function GlossaryPage(): Child {
  return (
    <Layout title="Glossary" current="glossary">
      <h1>Glossary</h1>
      <p class="lede">
        What the labels on this site mean. The same text is the tooltip of each label; the method is
        in docs/site.md.
      </p>
      <dl class="glossary">
        {Object.entries(GLOSSARY).map(([key, e]) => (
          <>
            <dt id={key}>{e.term}</dt>
            <dd>{e.text}</dd>
          </>
        ))}
      </dl>
    </Layout>
  );
}
