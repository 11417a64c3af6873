/**
 * The browser's entry points (the device page, its worker, the site script) import no Node
 * built-in: a `node:` module in their graph is left as an import in the bundle, which the page
 * cannot load (the device page then never gets ready). Read from `deno info --json`.
 */
import { assertEquals } from "../results/_assert.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

for (const entry of ["src/browser/device.ts", "src/browser/worker.ts", "src/browser/site.ts"]) {
  Deno.test(`${entry}: no node: built-in in its module graph`, async () => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", entry],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
    const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
      modules: { specifier: string; dependencies?: { specifier: string }[] }[];
    };
    const nodeImports = info.modules.flatMap((m) =>
      (m.dependencies ?? []).filter((d) => d.specifier.startsWith("node:")).map((d) =>
        `${m.specifier.replace(`file://${ROOT}`, "")} imports ${d.specifier}`
      )
    );
    assertEquals(nodeImports, []);
  });
}
