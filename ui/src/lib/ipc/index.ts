// The one door between the UI and the Rust shell. Nothing outside src/lib/ipc/ imports
// @tauri-apps/* (scripts/check-ipc-door.mjs enforces it); views call `ipc.<command>(…)`, typed
// by the generated bindings.
//
// bindings.ts is generated from the Rust commands and DTOs (`make bindings`); a Rust test fails
// when it is stale. A new Rust command needs nothing here: `ipc` is built from `commands`.
import { open, save } from "@tauri-apps/plugin-dialog";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { commands } from "./bindings";
import type { ApiError, ErrorCode, LocalizedDto, ProblemDto, Result } from "./bindings";

export type * from "./bindings";
export type { UiLanguageDto as UiLanguage } from "./bindings";

/** Every code the UI can see: Rust's stable codes, and `ipc` when the call itself failed. */
export type UiErrorCode = ErrorCode | "ipc";

/** A failed command: branch on `code`, show `text` in the interface language (Rust writes it
 * in kk, ru and en); `message` is the English sentence for logs. */
export class KelisimError extends Error {
  readonly code: UiErrorCode;
  readonly problems: ProblemDto[];
  readonly text: LocalizedDto | null;
  /** The values `text` names (`field` for a refused value…), by name. */
  readonly params: Readonly<Record<string, string>>;

  constructor(
    code: UiErrorCode,
    message: string,
    problems: ProblemDto[] = [],
    text: LocalizedDto | null = null,
    params: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "KelisimError";
    this.code = code;
    this.problems = problems;
    this.text = text;
    this.params = params;
  }
}

/** A failure outside our own code (the shell refused a call, a native dialog failed). */
function ipcError(thrown: unknown): KelisimError {
  return new KelisimError("ipc", thrown instanceof Error ? thrown.message : String(thrown));
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

function params(error: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(error.params ?? {})) if (typeof v === "string") out[k] = v;
  return out;
}

async function call<T>(run: () => Promise<Result<T, ApiError>>): Promise<T> {
  let result: Result<T, ApiError>;
  try {
    result = await run();
  } catch (thrown) {
    // The shell refused the call before our code ran (bad arguments, a missing permission).
    throw ipcError(thrown);
  }
  if (result.status === "ok") return result.data;
  const error: unknown = result.error;
  if (isApiError(error)) throw new KelisimError(error.code, error.message, error.problems ?? [], error.text ?? null, params(error));
  throw new KelisimError("ipc", String(error));
}

type Commands = typeof commands;
type CommandName = keyof Commands;
type Answer<K extends CommandName> = Awaited<ReturnType<Commands[K]>> extends Result<infer T, ApiError> ? T : never;

/** The commands that answer with raw PDF bytes (typed `unknown` by the bindings). The type
 * makes this list exactly those commands: a new one fails the check until it is added. */
type BinaryCommand = { [K in CommandName]: unknown extends Answer<K> ? K : never }[CommandName];
const BINARY: Record<BinaryCommand, true> = { renderPreview: true, storedPdf: true, readPdfFile: true, draftPdf: true };

/** What `ipc.<command>` resolves to: the command's answer, PDF bytes as a `Uint8Array`. */
type Data<K extends CommandName> = K extends BinaryCommand ? Uint8Array : Answer<K>;

/** Every command of the bindings, its errors thrown as `KelisimError`. Passphrases go straight
 * to Rust; callers must not keep them. */
export type Ipc = { [K in CommandName]: (...args: Parameters<Commands[K]>) => Promise<Data<K>> };

function pdfBytes(data: unknown): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new KelisimError("ipc", "the application sent no PDF bytes");
}

function door<K extends CommandName>(name: K): Ipc[K] {
  const command = commands[name] as (...args: Parameters<Commands[K]>) => Promise<Result<unknown, ApiError>>;
  const binary = Object.hasOwn(BINARY, name);
  const wrapped = async (...args: Parameters<Commands[K]>) => {
    const data = await call(() => command(...args));
    return binary ? pdfBytes(data) : data;
  };
  return wrapped as Ipc[K];
}

export const ipc = Object.fromEntries(
  (Object.keys(commands) as CommandName[]).map((name) => [name, door(name)]),
) as Ipc;

const JSON_FILTER = [{ name: "Memorandum (JSON)", extensions: ["json"] }];

/** The native open dialog for one memorandum JSON file; null when cancelled. */
export async function chooseJsonToOpen(title: string): Promise<string | null> {
  try {
    const picked = await open({ title, multiple: false, directory: false, filters: JSON_FILTER });
    return typeof picked === "string" ? picked : null;
  } catch (thrown) {
    throw ipcError(thrown);
  }
}

/** The native save dialog for a memorandum JSON file; null when cancelled. */
export async function chooseJsonToSave(title: string, defaultPath: string): Promise<string | null> {
  try {
    return await save({ title, defaultPath, filters: JSON_FILTER });
  } catch (thrown) {
    throw ipcError(thrown);
  }
}

/** Asks `decide` before the window closes (the user clicked ✕, pressed Alt+F4…): the window
 * closes when it resolves true and stays open otherwise. Returns the function that stops
 * asking. Needs `core:event:allow-listen`/`allow-unlisten` and `core:window:allow-destroy`. */
export async function onWindowCloseRequested(decide: () => Promise<boolean>): Promise<() => void> {
  try {
    return await getCurrentWindow().onCloseRequested(async (event) => {
      let close = false;
      try {
        close = await decide();
      } catch {
        close = true; // a failing check must not trap the user in the window
      }
      if (!close) event.preventDefault();
    });
  } catch (thrown) {
    throw ipcError(thrown);
  }
}

/** What a file choice is for: the filters of its dialog. */
export type FileKind = "pdf" | "certificate" | "keyBackup" | "csv";

const FILTERS: Record<FileKind, { name: string; extensions: string[] }[]> = {
  pdf: [{ name: "PDF", extensions: ["pdf"] }],
  certificate: [{ name: "Certificate (PEM, DER)", extensions: ["pem", "crt", "cer", "der"] }],
  keyBackup: [{ name: "Kelisim key backup", extensions: ["kelisim-key", "json", "bin"] }],
  csv: [{ name: "CSV", extensions: ["csv"] }],
};

// End-to-end tests cannot drive the native GTK dialog: a debug build run with
// KELISIM_E2E_PICK_DIR answers the choice itself (test_pick_path; always null otherwise).
function testPick(purpose: "open" | "save", suggested: string): Promise<string | null> {
  return ipc.testPickPath(purpose, suggested);
}

/** The native open dialog for one file of `kind`; null when cancelled. */
export async function chooseFileToOpen(kind: FileKind, title: string): Promise<string | null> {
  const answered = await testPick("open", "");
  if (answered !== null) return answered;
  try {
    const picked = await open({ title, multiple: false, directory: false, filters: FILTERS[kind] });
    return typeof picked === "string" ? picked : null;
  } catch (thrown) {
    throw ipcError(thrown);
  }
}

/** The native open dialog for a folder; null when cancelled. */
export async function chooseFolder(title: string): Promise<string | null> {
  const answered = await testPick("open", "");
  if (answered !== null) return answered;
  try {
    const picked = await open({ title, multiple: false, directory: true });
    return typeof picked === "string" ? picked : null;
  } catch (thrown) {
    throw ipcError(thrown);
  }
}

/** What a file dragged over the window does: hovering (with the paths when known), or dropped. */
export type FileDrop = { kind: "over"; paths: string[] } | { kind: "drop"; paths: string[] } | { kind: "leave" };

/** Files dragged onto the window (the shell gives their paths); returns the unsubscribe. */
export async function onFileDrop(handler: (drop: FileDrop) => void): Promise<() => void> {
  try {
    return await getCurrentWebview().onDragDropEvent((event) => {
      const p = event.payload;
      if (p.type === "drop") handler({ kind: "drop", paths: p.paths });
      else if (p.type === "enter") handler({ kind: "over", paths: p.paths });
      else if (p.type === "over") handler({ kind: "over", paths: [] });
      else handler({ kind: "leave" });
    });
  } catch (thrown) {
    throw ipcError(thrown);
  }
}

/** The native save dialog for a file of `kind`; null when cancelled. */
export async function chooseFileToSave(kind: FileKind, title: string, defaultName: string): Promise<string | null> {
  const answered = await testPick("save", defaultName);
  if (answered !== null) return answered;
  try {
    return await save({ title, defaultPath: defaultName, filters: FILTERS[kind] });
  } catch (thrown) {
    throw ipcError(thrown);
  }
}
