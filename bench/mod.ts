/**
 * `deno task bench [NAME...]`: runs every `bench/*_bench.ts` module (or those
 * whose name contains one of the arguments). Each module's default export is an
 * async function that measures, prints its own table, and returns nothing.
 *
 * @module
 */
const here = new URL(".", import.meta.url);
const filters = Deno.args;
const files: string[] = [];
for await (const entry of Deno.readDir(here)) {
  if (entry.isFile && entry.name.endsWith("_bench.ts")) files.push(entry.name);
}
files.sort();
const chosen = files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (chosen.length === 0) {
  console.error(`bench: no benchmark matches ${JSON.stringify(filters)}; have ${files.join(", ")}`);
  Deno.exit(2);
}
for (const file of chosen) {
  console.log(`\n## ${file.replace(/_bench\.ts$/, "")}\n`);
  const mod = await import(new URL(file, here).href);
  await mod.default();
}
