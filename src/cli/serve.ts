/**
 * `deno task serve [--port N] [--host H] [--dist DIR] [--watch] [--build]`:
 * serves the built leaderboard with Hono on localhost, with a strict
 * Content-Security-Policy. `--watch` rebuilds when the results folder
 * changes (and builds first); without a built site it builds once.
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { UsageError } from "./_errors.ts";
import { assertOutputFolder, integerFlag } from "./_flags.ts";
import { runCli } from "./_run.ts";
import { createStaticApp } from "../site/static_app.ts";
import { buildFromCli } from "./site.ts";

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function watch(dir: string, rebuild: () => Promise<void>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = Promise.resolve();
  for await (const _ of Deno.watchFs(dir)) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(rebuild).catch((err) => console.error(`error: rebuild: ${err}`));
    }, 300);
  }
}

/** Runs the CLI: serves until interrupted; returns 2 on bad flags. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("serve")
    .description("Serve the static leaderboard on localhost.")
    .option("--port <n>", "port (0 picks a free one)", integerFlag(0, 65535), 8000)
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--dist <dir>", "built site folder", "leaderboard/dist")
    .option("--results <dir>", "results folder (for --build and --watch)", "leaderboard/results")
    .option("--models <dir>", "model zoo folder", "models")
    .option("--tasks <dir>", "tasks folder", "tasks")
    .option("--build", "build the site before serving")
    .option("--watch", "rebuild when the results folder changes")
    .option("--allow-empty", "build even when the store has no valid cell record")
    .allowExcessArguments(false);
  const o = program.parse(args, { from: "user" }).opts();
  if (!isLoopback(o.host)) {
    if (Deno.permissions.querySync({ name: "net", host: o.host }).state !== "granted") {
      throw new UsageError(
        `--host ${o.host}: binding a non-loopback host needs --allow-net for it`,
      );
    }
    console.warn(`warning: binding ${o.host}: the site is reachable from other machines`);
  }
  const siteOpts = {
    results: o.results,
    out: o.dist,
    models: o.models,
    tasks: o.tasks,
    allowEmpty: o.allowEmpty === true,
  };
  if (o.build || o.watch || !(await exists(`${o.dist}/index.html`))) {
    await assertOutputFolder("--dist", o.dist);
    console.log(await buildFromCli(siteOpts));
  }
  const app = createStaticApp(o.dist);
  const server = Deno.serve({
    port: o.port,
    hostname: o.host,
    onListen: ({ hostname, port }) => {
      const h = hostname.includes(":") ? `[${hostname}]` : hostname;
      console.log(`serving http://${h}:${port}/ from ${o.dist}/`);
    },
  }, app.fetch);
  if (o.watch) {
    console.log(`watching ${o.results}/ for changes`);
    watch(o.results, async () => console.log(await buildFromCli(siteOpts))).catch((err) =>
      console.error(`error: watch: ${err}`)
    );
  }
  await server.finished;
  return 0;
}

runCli(import.meta, main);
