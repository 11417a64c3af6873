/** Test helpers shared by the task and dataset tests. @module */
import type { TaskInput } from "../../src/tasks/define_task.ts";

/** Absolute path of a file under tests/fixtures/datasets. */
export function fixture(rel = ""): string {
  return new URL(`../fixtures/datasets/${rel}`, import.meta.url).pathname.replace(/\/$/, "");
}

/** The file URL of src/tasks/mod.ts, for task modules written to temp folders. */
export const TASKS_MOD = new URL("../../src/tasks/mod.ts", import.meta.url).href;

/** A minimal valid task input; override fields to break it. */
export function validInput(overrides: Record<string, unknown> = {}): TaskInput {
  return {
    id: "echo",
    version: 1,
    description: "Copy the input.",
    family: "copy",
    kind: "symmetric",
    direction: "balanced",
    dataset: {
      source: { kind: "shipped", name: "echo" },
      evalSplit: "test",
      fields: { text: "text" },
    },
    source: (s) => `copy: ${s.fields.text}`,
    prompt: (s) => `copy: ${s.fields.text}\ncopy:\n`,
    target: (s) => String(s.fields.text),
    references: (s) => [String(s.fields.text)],
    generation: { maxNewTokens: 8, stop: ["\n"] },
    metrics: [{ name: "exact_match" }],
    primary: "exact_match.score",
    ...overrides,
  } as TaskInput;
}

/** Source text of a task module built from a TaskInput-like object literal. */
export function taskModule(body: string): string {
  return `import { defineTask } from "${TASKS_MOD}";\nexport default defineTask(${body});\n`;
}

/** Object-literal source of a minimal valid task with the given id. */
export function taskLiteral(id: string, extra = ""): string {
  return `{
    id: ${JSON.stringify(id)}, version: 1, description: "d", family: "copy",
    kind: "symmetric", direction: "balanced",
    dataset: { source: { kind: "shipped", name: "echo" }, evalSplit: "test", fields: { text: "text" } },
    source: (s) => String(s.fields.text), prompt: (s) => String(s.fields.text),
    target: (s) => String(s.fields.text), references: (s) => [String(s.fields.text)],
    generation: { maxNewTokens: 8 }, metrics: [{ name: "exact_match" }],
    primary: "exact_match.score", ${extra}
  }`;
}
