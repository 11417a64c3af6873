/**
 * A dataset path outside the repository is read by every CLI that loads datasets, under the
 * permissions its `deno task` grants (issue 29, item 7): `tasks` and `pairs` used to refuse what
 * `eval` accepted.
 */
import assert from "node:assert/strict";
import { ROOT, task } from "./_run.ts";

/** The CLIs that load a task's split (src/datasets/load_split.ts) through a configured path. */
const DATASET_READERS = ["tasks", "pairs", "eval", "cell"];

function taskCommand(name: string): string | undefined {
  const config = JSON.parse(Deno.readTextFileSync(`${ROOT}/deno.json`)) as {
    tasks: Record<string, string>;
  };
  return config.tasks[name];
}

async function writeSquad(dir: string): Promise<void> {
  const squad = {
    version: "v2.0",
    data: [{
      title: "t",
      paragraphs: [{
        context: "Paris is in France.",
        qas: [{
          id: "q1",
          question: "Where is Paris?",
          answers: [{ text: "France", answer_start: 12 }],
          is_impossible: false,
        }],
      }],
    }],
  };
  await Deno.writeTextFile(`${dir}/dev-v2.0.json`, JSON.stringify(squad));
}

Deno.test("every dataset-loading deno task may read a dataset path anywhere", () => {
  for (const name of DATASET_READERS) {
    const command = taskCommand(name);
    if (command === undefined) continue; // not every reader is a deno task (cell is a child)
    assert.match(command, /--allow-read(\s|$)/, `${name}: ${command}`);
  }
});

Deno.test("deno task tasks reads SQUAD_V2_PATH outside the repository, as eval does", async () => {
  const dir = await Deno.makeTempDir({ prefix: "eb-squad-" });
  try {
    await writeSquad(dir);
    const out = await task("tasks", ["--json", "--datasets", "tests/fixtures/datasets/shipped"], {
      env: { SQUAD_V2_PATH: dir, XSUM_PATH: "", CODEXGLUE_PATH: "" },
    });
    assert.equal(out.code, 0, out.stderr);
    const report = JSON.parse(out.stdout);
    const squad = report.tasks.find((t: { id: string }) => t.id === "squad_v2");
    assert.equal(squad.available, true, squad.reason);
    assert.equal(squad.splits.validation, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
