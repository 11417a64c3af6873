import assert from "node:assert/strict";
import { applyStep, cutAtStop, postprocess } from "../../src/tasks/postprocess.ts";

Deno.test("cutAtStop cuts before the earliest of several stop strings", () => {
  assert.equal(cutAtStop("Paris###x\ny", ["\n", "###"]), "Paris");
  assert.equal(cutAtStop("a\nb###", ["###", "\n"]), "a");
  assert.equal(cutAtStop("no stop here", ["\n"]), "no stop here");
  assert.equal(cutAtStop("\nleading", ["\n"]), "");
  assert.equal(cutAtStop("text", []), "text");
});

Deno.test("trim, first_line and collapse_whitespace", () => {
  assert.equal(applyStep("  a b \n", "trim"), "a b");
  assert.equal(applyStep("\n\n  first\nsecond", "first_line"), "  first");
  assert.equal(applyStep("", "first_line"), "");
  assert.equal(applyStep(" a \t b\n\nc ", "collapse_whitespace"), "a b c");
});

Deno.test("first_sentence keeps the first sentence, not decimal points", () => {
  assert.equal(
    applyStep("It costs 3.5 euros. Then more.", "first_sentence"),
    "It costs 3.5 euros.",
  );
  assert.equal(applyStep("Really? Yes.", "first_sentence"), "Really?");
  assert.equal(applyStep("no end", "first_sentence"), "no end");
});

Deno.test("strip_answer_prefix removes answer cues only at the start", () => {
  assert.equal(applyStep("Answer: Paris", "strip_answer_prefix"), "Paris");
  assert.equal(applyStep("###Answer: Paris", "strip_answer_prefix"), "Paris");
  assert.equal(applyStep("the answer is - Paris", "strip_answer_prefix"), "Paris");
  assert.equal(applyStep("A: 42", "strip_answer_prefix"), "42");
  assert.equal(applyStep("Paris, answer: no", "strip_answer_prefix"), "Paris, answer: no");
  assert.equal(applyStep("Apple", "strip_answer_prefix"), "Apple");
});

Deno.test("unanswerable_to_empty maps only the literal to the empty string", () => {
  assert.equal(applyStep("unanswerable", "unanswerable_to_empty"), "");
  assert.equal(applyStep(" Unanswerable. ", "unanswerable_to_empty"), "");
  assert.equal(
    applyStep("unanswerable question", "unanswerable_to_empty"),
    "unanswerable question",
  );
  assert.equal(applyStep("Paris", "unanswerable_to_empty"), "Paris");
});

Deno.test("postprocess cuts at stop strings first, then applies steps in order", () => {
  const qa = { stop: ["\n"], steps: ["trim", "unanswerable_to_empty"] } as const;
  assert.equal(postprocess(" unanswerable\nquestion: next", qa), "");
  assert.equal(postprocess(" at six \nmore", qa), "at six");
  // Order matters: unanswerable_to_empty before strip_answer_prefix misses the prefixed form.
  assert.equal(
    postprocess("Answer: unanswerable", {
      stop: [],
      steps: ["unanswerable_to_empty", "strip_answer_prefix"],
    }),
    "unanswerable",
  );
  assert.equal(
    postprocess("Answer: unanswerable", {
      stop: [],
      steps: ["strip_answer_prefix", "unanswerable_to_empty"],
    }),
    "",
  );
});
