/**
 * A served site in a subprocess that watches its own memory, for the serve tests: serves
 * `Deno.args[0]` with the static app on a free loopback port and prints `port N`; then each
 * stdin line `reset` answers `rss N` (and restarts the peak), `peak` answers `peak N`, the
 * highest resident set size sampled (every 2 ms) since the last reset.
 *
 * @module
 */
import { createStaticApp } from "../../src/site/static_app.ts";

let peak = Deno.memoryUsage().rss;
const sampler = setInterval(() => peak = Math.max(peak, Deno.memoryUsage().rss), 2);
const server = Deno.serve({
  port: 0,
  hostname: "127.0.0.1",
  onListen: ({ port }) => console.log(`port ${port}`),
}, createStaticApp(Deno.args[0]!).fetch);
let buffered = "";
for await (const chunk of Deno.stdin.readable.pipeThrough(new TextDecoderStream())) {
  buffered += chunk;
  for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    const rss = Deno.memoryUsage().rss;
    if (line === "reset") console.log(`rss ${peak = rss}`);
    if (line === "peak") console.log(`peak ${Math.max(peak, rss)}`);
  }
}
clearInterval(sampler);
await server.shutdown();
