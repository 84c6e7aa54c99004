/** What the page says about a failed action: the problem's title (and detail), never a stack trace. */
import { JobLibAckError, JobLibError, JobLibProblemError } from "@zndraw/joblib-client";

export interface Shown {
  title: string;
  detail?: string;
}

export function describe(error: unknown): Shown {
  if (error instanceof JobLibProblemError) {
    return error.detail ? { title: error.title, detail: error.detail } : { title: error.title };
  }
  if (error instanceof JobLibAckError) {
    return { title: `Refused: ${error.type.replace(/^.*\//, "")}`, detail: error.detail };
  }
  if (error instanceof JobLibError) {
    return { title: error.message };
  }
  if (error instanceof TypeError) {
    return { title: "The server cannot be reached", detail: error.message };
  }
  return { title: "Something went wrong", detail: String(error) };
}
