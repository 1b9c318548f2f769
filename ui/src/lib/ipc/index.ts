// The one door between the UI and the Rust shell. Nothing outside src/lib/ipc/ imports
// @tauri-apps/* (scripts/check-ipc-door.mjs enforces it); views call these typed functions.
//
// bindings.ts is generated from the Rust commands and DTOs (`make bindings`); a Rust test fails
// when it is stale.
import { commands } from "./bindings";
import type { AboutInfo, ApiError, ErrorCode, Settings, UiLanguageDto } from "./bindings";

export type { AboutInfo, Settings, UiLanguageDto as UiLanguage };

/** Every code the UI can see: Rust's stable codes, and `ipc` when the call itself failed. */
export type UiErrorCode = ErrorCode | "ipc";

/** A failed command: branch on `code`, show `message`. */
export class KelisimError extends Error {
  readonly code: UiErrorCode;

  constructor(code: UiErrorCode, message: string) {
    super(message);
    this.name = "KelisimError";
    this.code = code;
  }
}

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: ApiError };

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

async function call<T>(run: () => Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await run();
  } catch (thrown) {
    // The shell refused the call before our code ran (bad arguments, a missing permission).
    throw new KelisimError("ipc", thrown instanceof Error ? thrown.message : String(thrown));
  }
  if (result.status === "ok") return result.data;
  const error: unknown = result.error;
  if (isApiError(error)) throw new KelisimError(error.code, error.message);
  throw new KelisimError("ipc", String(error));
}

export const ipc = {
  about: (): Promise<AboutInfo> => call(() => commands.about()),
  getSettings: (): Promise<Settings> => call(() => commands.getSettings()),
  setUiLanguage: (language: UiLanguageDto): Promise<Settings> =>
    call(() => commands.setUiLanguage(language)),
};
