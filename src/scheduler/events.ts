/** Events of a run, for the progress display and `--json`. @module */
import type { CellRecord } from "../core/record.ts";
import type { PlannedCell } from "./plan.ts";
import type { ChildProgress } from "./spec.ts";

/** What a run reports as it goes. */
export type RunEvent =
  | {
    readonly event: "plan";
    readonly runId: string;
    readonly cells: number;
    readonly skipped: number;
    readonly estimateS: number;
  }
  | {
    readonly event: "cell-start";
    readonly key: string;
    readonly label: string;
    readonly index: number;
    readonly attempt: number;
    readonly estimateS: number;
  }
  | ({ readonly key: string; readonly label: string } & ChildProgress)
  | {
    readonly event: "cell-retry";
    readonly key: string;
    readonly label: string;
    readonly attempt: number;
    readonly reason: string;
    readonly message: string;
    readonly delayMs: number;
  }
  | {
    readonly event: "cell-skip";
    readonly key: string;
    readonly label: string;
    readonly why: "done" | "done-elsewhere";
  }
  | {
    readonly event: "cell-end";
    readonly key: string;
    readonly label: string;
    readonly index: number;
    readonly status: CellRecord["status"];
    readonly durationS: number;
    readonly error: string | null;
  }
  | {
    readonly event: "run-end";
    readonly runId: string;
    readonly ok: number;
    readonly failed: number;
    readonly timeout: number;
    readonly skipped: number;
    readonly durationS: number;
  };

/** Receives run events. */
export type EventSink = (event: RunEvent, cell?: PlannedCell) => void;
