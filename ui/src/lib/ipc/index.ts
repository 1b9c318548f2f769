// The one door between the UI and the Rust shell. Nothing outside src/lib/ipc/ imports
// @tauri-apps/* (scripts/check-ipc-door.mjs enforces it); views call these typed functions.
//
// bindings.ts is generated from the Rust commands and DTOs (`make bindings`); a Rust test fails
// when it is stale.
import { open, save } from "@tauri-apps/plugin-dialog";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { commands } from "./bindings";
import type {
  AboutInfo,
  ApiError,
  DiffDto,
  ErrorCode,
  ExportedPdfDto,
  KeyDto,
  LayoutDto,
  ListParams,
  MemoDetail,
  MemoHistoryDto,
  MemoPage,
  MemoSummary,
  NewKeyRequest,
  OrganisationDto,
  ProblemDto,
  Settings,
  SignCandidatesDto,
  SignedDto,
  TemplateInfo,
  TrustedCertificateDto,
  UiLanguageDto,
  ValidationReport,
  VerificationDto,
  VerificationRow,
} from "./bindings";

export type {
  AboutInfo,
  CandidateDto,
  DiffDto,
  ExportedPdfDto,
  HistoryEntryDto,
  KeyDto,
  LayoutDto,
  ListParams,
  MemoDetail,
  MemoHistoryDto,
  MemoPage,
  MemoSummary,
  NewKeyRequest,
  NotSigningReason,
  OrganisationDto,
  ProblemDto,
  SeatDto,
  Settings,
  SignatureDto,
  SignCandidatesDto,
  SignedDto,
  SortDto,
  StatusDto,
  TemplateInfo,
  TrustedCertificateDto,
  UiLanguageDto as UiLanguage,
  ValidationReport,
  VerdictDto,
  VerificationDto,
  VerificationRow,
} from "./bindings";

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

/** A failure outside our own code (the shell refused a call, a native dialog failed). */
function ipcError(thrown: unknown): KelisimError {
  return new KelisimError("ipc", thrown instanceof Error ? thrown.message : String(thrown));
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
    throw ipcError(thrown);
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

// ---- Preview, signing, verifying, keys and trust, the offline exchange, the audit history ----
// (issue 7). PDFs arrive as raw binary IPC responses (ArrayBuffer), never as JSON arrays.

function pdfBytes(data: unknown): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new KelisimError("ipc", "the application sent no PDF bytes");
}

export const signingIpc = {
  listKeys: (): Promise<KeyDto[]> => call(() => commands.listKeys()),
  /** The passphrase goes straight to Rust; callers must not keep it. */
  createKey: (request: NewKeyRequest, passphrase: string, issuerPassphrase: string | null = null): Promise<KeyDto> =>
    call(() => commands.createKey(request, passphrase, issuerPassphrase)),
  exportCertificate: (label: string, path: string): Promise<null> =>
    call(() => commands.exportCertificate(label, path)),
  backupKey: (label: string, passphrase: string, backupPassphrase: string, path: string): Promise<null> =>
    call(() => commands.backupKey(label, passphrase, backupPassphrase, path)),
  restoreKey: (path: string, backupPassphrase: string, label: string, passphrase: string): Promise<KeyDto> =>
    call(() => commands.restoreKey(path, backupPassphrase, label, passphrase)),
  /** The passphrase goes straight to Rust; callers must not keep it. */
  trustOwnKey: (label: string, passphrase: string): Promise<TrustedCertificateDto> =>
    call(() => commands.trustOwnKey(label, passphrase)),
  listTrusted: (): Promise<TrustedCertificateDto[]> => call(() => commands.listTrusted()),
  trustCertificateFile: (path: string, bins: string[] = []): Promise<TrustedCertificateDto> =>
    call(() => commands.trustCertificateFile(path, bins)),
  trustSigner: (path: string, field: string): Promise<TrustedCertificateDto> =>
    call(() => commands.trustSigner(path, field)),
  removeTrusted: (fingerprint: string): Promise<null> => call(() => commands.removeTrusted(fingerprint)),
  signCandidates: (id: number): Promise<SignCandidatesDto> => call(() => commands.signCandidates(id)),
  /** The passphrase goes straight to Rust; callers must not keep it. */
  signMemo: (id: number, label: string, passphrase: string): Promise<SignedDto> =>
    call(() => commands.signMemo(id, label, passphrase)),
  verifyPdfFile: (path: string): Promise<VerificationDto> => call(() => commands.verifyPdfFile(path)),
  listPdfFiles: (folder: string): Promise<string[]> => call(() => commands.listPdfFiles(folder)),
  exportVerificationCsv: (rows: VerificationRow[], path: string): Promise<null> =>
    call(() => commands.exportVerificationCsv(rows, path)),
  importPdfFile: (path: string): Promise<MemoSummary> => call(() => commands.importPdfFile(path)),
  exportPdfFile: (id: number, path: string): Promise<ExportedPdfDto> =>
    call(() => commands.exportPdfFile(id, path)),
  renderPreview: async (id: number, revision: number | null, layout: LayoutDto | null): Promise<Uint8Array> =>
    pdfBytes(await call(() => commands.renderPreview(id, revision, layout))),
  storedPdf: async (id: number): Promise<Uint8Array> => pdfBytes(await call(() => commands.storedPdf(id))),
  readPdfFile: async (path: string): Promise<Uint8Array> => pdfBytes(await call(() => commands.readPdfFile(path))),
  memoHistory: (id: number): Promise<MemoHistoryDto> => call(() => commands.memoHistory(id)),
};

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
async function testPick(purpose: "open" | "save", suggested: string): Promise<string | null> {
  return call(() => commands.testPickPath(purpose, suggested));
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
