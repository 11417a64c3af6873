/**
 * The job schedule of models/recipe/run.sh, with a stand-in for python (RECIPE_PYTHON) that
 * logs each job's start and end instead of training: two lanes, the teacher-logit parts taken
 * once each by whichever lane is free (never before the teacher is done), the distilled students
 * only after every part, and a failed job stopping the other lane's trainer at once.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;

/** A fake python: `-` is the prerequisite check; main.py jobs sleep per FAKE_* and log. */
const FAKE = `#!/usr/bin/env bash
if [ "$1" = "-" ]; then cat > /dev/null; exit 0; fi
args="$*"
case "$args" in
  *--finish*) exit 0 ;;
  *--teacher-logits*) name="logits-\${args##*--teacher-logits }"; name=\${name%%/*}; s=1 ;;
  *"--only eb-teacher"*) name=teacher; s=$FAKE_TEACHER_S ;;
  *"--only eb-dec-base"*) name=baselines; s=$FAKE_BASELINES_S ;;
  *"--only eb-dec-kd"*) name=kd-dec; s=0.1 ;;
  *"--only eb-ed23-kd"*) name=kd-ed23; s=0.1 ;;
  *) exit 0 ;;
esac
echo "start $name" >> "$FAKE_LOG"
[ "$name" != "$FAKE_FAIL" ] || { sleep 0.2; echo "fail $name" >> "$FAKE_LOG"; exit 1; }
sleep "$s"
echo "end $name" >> "$FAKE_LOG"
`;

async function runRecipe(
  env: Record<string, string>,
): Promise<{ code: number; err: string; log: string[]; ms: number }> {
  const tmp = await Deno.makeTempDir({ prefix: "run-lanes-" });
  try {
    const py = join(tmp, "python");
    await Deno.writeTextFile(py, FAKE);
    await Deno.chmod(py, 0o755);
    const log = join(tmp, "jobs.log");
    await Deno.writeTextFile(log, "");
    const t = performance.now();
    const r = await new Deno.Command("bash", {
      args: ["models/recipe/run.sh", "--out", join(tmp, "out"), "--pairs", tmp],
      cwd: ROOT,
      env: { ...env, RECIPE_PYTHON: py, FAKE_LOG: log },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const ms = performance.now() - t;
    const lines = (await Deno.readTextFile(log)).split("\n").filter(Boolean);
    return { code: r.code, err: new TextDecoder().decode(r.stderr), log: lines, ms };
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

Deno.test("run.sh: logit parts go to whichever lane is free, after the teacher; KD after all parts", async () => {
  // the baselines' lane ends first: it must wait for the teacher before taking a part
  const { log } = await runRecipe({
    FAKE_TEACHER_S: "1.5",
    FAKE_BASELINES_S: "0.2",
    FAKE_FAIL: "",
  });
  const at = (what: string) => {
    const i = log.indexOf(what);
    assert.ok(i >= 0, `missing '${what}' in ${JSON.stringify(log)}`);
    return i;
  };
  const script = await Deno.readTextFile(new URL("../../models/recipe/run.sh", import.meta.url));
  const nParts = Number(/^PARTS=(\d+)$/m.exec(script)?.[1]);
  assert.ok(nParts >= 2, "run.sh sets PARTS");
  const parts = [...Array(nParts).keys()];
  const starts = log.filter((l) => l.startsWith("start logits-")).map((l) => l.split(" ")[1]);
  assert.deepEqual([...starts].sort(), parts.map((k) => `logits-${k}`));
  const lastPart = Math.max(...parts.map((k) => at(`end logits-${k}`)));
  for (const l of log.filter((x) => x.startsWith("start logits-"))) {
    assert.ok(log.indexOf(l) > at("end teacher"), `${l} before the teacher was done`);
  }
  // both lanes made parts: some part started while another was running
  const overlap = parts.some((k) =>
    log.slice(at(`start logits-${k}`) + 1, at(`end logits-${k}`)).some((l) =>
      l.startsWith("start logits-")
    )
  );
  assert.ok(overlap, `the parts ran one at a time: ${JSON.stringify(log)}`);
  assert.ok(at("start kd-dec") > lastPart && at("start kd-ed23") > lastPart);
});

Deno.test("run.sh: a failed job stops the other lane's trainer and the build fails", async () => {
  const { code, err, log, ms } = await runRecipe({
    FAKE_TEACHER_S: "60",
    FAKE_BASELINES_S: "0.2",
    FAKE_FAIL: "baselines",
  });
  assert.notEqual(code, 0);
  assert.match(err, /trainer baselines failed/);
  assert.match(err, /stopped trainer teacher: another job failed/);
  assert.match(err, /training failed/);
  assert.ok(!log.some((l) => l.startsWith("end teacher")), JSON.stringify(log));
  assert.ok(!log.some((l) => /logits|kd-/.test(l)), JSON.stringify(log));
  assert.ok(ms < 30_000, `took ${ms} ms: the teacher was not stopped`);
});
