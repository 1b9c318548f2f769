// The one door between the UI and the Rust shell. Nothing outside src/lib/ipc/ imports
// @tauri-apps/* (scripts/check-ipc-door.mjs enforces it); views call these typed functions.
//
// bindings.ts is generated from the Rust commands and DTOs (`make bindings`); a Rust test fails
// when it is stale.
import { open, save } from "@tauri-apps/plugin-dialog";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { commands } from "./bindings";
import type {
  AboutInfo,
  ApiError,
  DiffDto,
  ErrorCode,
  ListParams,
  MemoDetail,
  MemoPage,
  MemoSummary,
  OrganisationDto,
  ProblemDto,
  Settings,
  SortDto,
  StatusDto,
  TemplateInfo,
  UiLanguageDto,
  ValidationReport,
} from "./bindings";

export type {
  AboutInfo,
  DiffDto,
  ListParams,
  MemoDetail,
  MemoPage,
  MemoSummary,
  OrganisationDto,
  ProblemDto,
  Settings,
  SortDto,
  StatusDto,
  TemplateInfo,
  UiLanguageDto as UiLanguage,
  ValidationReport,
};

/** Every code the UI can see: Rust's stable codes, and `ipc` when the call itself failed. */
export type UiErrorCode = ErrorCode | "ipc";

/** A failed command: branch on `code`, show `message`. */
export class KelisimError extends Error {
  readonly code: UiErrorCode;
  readonly problems: ProblemDto[];

  constructor(code: UiErrorCode, message: string, problems: ProblemDto[] = []) {
    super(message);
    this.name = "KelisimError";
    this.code = code;
    this.problems = problems;
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
  if (isApiError(error)) throw new KelisimError(error.code, error.message, error.problems ?? []);
  throw new KelisimError("ipc", String(error));
}

export const ipc = {
  about: (): Promise<AboutInfo> => call(() => commands.about()),
  getSettings: (): Promise<Settings> => call(() => commands.getSettings()),
  setUiLanguage: (language: UiLanguageDto): Promise<Settings> =>
    call(() => commands.setUiLanguage(language)),
  listMemos: (params: ListParams): Promise<MemoPage> => call(() => commands.listMemos(params)),
  listTemplates: (): Promise<TemplateInfo[]> => call(() => commands.listTemplates()),
  templateDocument: (name: string): Promise<string> => call(() => commands.templateDocument(name)),
  listOrganisations: (): Promise<OrganisationDto[]> => call(() => commands.listOrganisations()),
  createMemo: (document: string): Promise<MemoSummary> => call(() => commands.createMemo(document)),
  getMemo: (id: number): Promise<MemoDetail> => call(() => commands.getMemo(id)),
  getDocument: (id: number, revision: number | null = null): Promise<string> =>
    call(() => commands.getDocument(id, revision)),
  saveRevision: (id: number, document: string): Promise<MemoSummary> =>
    call(() => commands.saveRevision(id, document)),
  restoreRevision: (id: number, revision: number): Promise<MemoSummary> =>
    call(() => commands.restoreRevision(id, revision)),
  validateDocument: (document: string): Promise<ValidationReport> =>
    call(() => commands.validateDocument(document)),
  diffRevisions: (id: number, from: number, to: number): Promise<DiffDto> =>
    call(() => commands.diffRevisions(id, from, to)),
  approveMemo: (id: number): Promise<MemoSummary> => call(() => commands.approveMemo(id)),
  reopenMemo: (id: number): Promise<MemoSummary> => call(() => commands.reopenMemo(id)),
  importMemoFile: (path: string): Promise<MemoSummary> => call(() => commands.importMemoFile(path)),
  exportMemoFile: (id: number, revision: number | null, path: string): Promise<null> =>
    call(() => commands.exportMemoFile(id, revision, path)),
};

const JSON_FILTER = [{ name: "Memorandum (JSON)", extensions: ["json"] }];

/** The native open dialog for one memorandum JSON file; null when cancelled. */
export async function chooseJsonToOpen(title: string): Promise<string | null> {
  try {
    const picked = await open({ title, multiple: false, directory: false, filters: JSON_FILTER });
    return typeof picked === "string" ? picked : null;
  } catch (thrown) {
    throw new KelisimError("ipc", thrown instanceof Error ? thrown.message : String(thrown));
  }
}

/** The native save dialog for a memorandum JSON file; null when cancelled. */
export async function chooseJsonToSave(title: string, defaultPath: string): Promise<string | null> {
  try {
    return await save({ title, defaultPath, filters: JSON_FILTER });
  } catch (thrown) {
    throw new KelisimError("ipc", thrown instanceof Error ? thrown.message : String(thrown));
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
    throw new KelisimError("ipc", thrown instanceof Error ? thrown.message : String(thrown));
  }
}
