// The editor's state: the document being edited, the last saved revision, live validation and
// autosave. Typing marks the document dirty; a pause of AUTOSAVE_MS saves it as one revision
// (coalesced: never one per keystroke).
import { derived, get, writable } from "svelte/store";
import { ipc, type DocumentView, type MemoDetail, type ProblemDto, type TranslationFlagDto } from "../ipc";
import { parseDoc, serialiseDoc, type MemoDoc } from "../memo/types";
import { reportError } from "./app";

export const AUTOSAVE_MS = 1500;
/** A structural edit (a party, signatory, annex, row or language added, removed or moved) is a
 * whole edit in one click: it is saved after this short pause (still one revision for quick
 * clicks in a row), so the preview follows at once. */
export const STRUCTURAL_SAVE_MS = 200;
const VALIDATE_MS = 250;

export const memoId = writable<number | null>(null);
export const detail = writable<MemoDetail | null>(null);
export const doc = writable<MemoDoc | null>(null);
/** The document as last saved. */
export const saved = writable<MemoDoc | null>(null);
export const dirty = writable(false);
export const saving = writable(false);
export const problems = writable<ProblemDto[]>([]);
/** What Rust computes for the document on screen, as the PDF will print it: clause numbers,
 * placeholders resolved, the date in each language. */
export const view = writable<DocumentView | null>(null);

let viewGeneration = 0;

/** Asks Rust for the view of `current`; an answer overtaken by a later edit is dropped. */
async function refreshView(current: MemoDoc): Promise<void> {
  const mine = ++viewGeneration;
  try {
    const answer = await ipc.documentView(serialiseDoc(current));
    if (mine === viewGeneration) view.set(answer);
  } catch (error) {
    reportError(error);
  }
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
let copyTimer: ReturnType<typeof setTimeout> | undefined;

// A working copy of unsaved text survives a crash or a kill: it is kept by the webview (in the
// data folder) a moment after each edit, until the text is saved as a revision. A document that
// is not valid yet (a translation still missing) is kept this way too.
const copyKey = (id: number) => `kelisim.working-copy.${id}`;

function keepWorkingCopy(): void {
  clearTimeout(copyTimer);
  copyTimer = setTimeout(keepWorkingCopyNow, 300);
}

/** Writes the working copy at once (before the window closes with unsaved text). */
export function keepWorkingCopyNow(): void {
  clearTimeout(copyTimer);
  const id = get(memoId);
  const current = get(doc);
  if (id !== null && current && get(dirty)) localStorage.setItem(copyKey(id), serialiseDoc(current));
}
let validateTimer: ReturnType<typeof setTimeout> | undefined;


export async function open(id: number): Promise<void> {
  await flush();
  memoId.set(id);
  try {
    const [d, json] = await Promise.all([ipc.getMemo(id), ipc.getDocument(id, null)]);
    detail.set(d);
    const parsed = parseDoc(json);
    saved.set(structuredClone(parsed));
    const copy = localStorage.getItem(copyKey(id));
    const restoring = copy !== null && copy !== serialiseDoc(parsed) && d.summary.status === "draft";
    const shown = restoring ? parseDoc(copy) : parsed;
    // The numbers and resolved texts come with the first render.
    await refreshView(shown);
    if (restoring) {
      doc.set(shown);
      dirty.set(true);
      void validate();
    } else {
      localStorage.removeItem(copyKey(id));
      doc.set(shown);
      dirty.set(false);
      problems.set([]);
    }
  } catch (error) {
    reportError(error);
  }
}

export function close(): void {
  memoId.set(null);
  detail.set(null);
  doc.set(null);
  saved.set(null);
  view.set(null);
}

/** The format an edited document is saved in: a `/1` document keeps its tag, hash and bytes
 * until it is edited, and an edit makes it `/2` (docs/format.md). */
export const EDITED_FORMAT: MemoDoc["format"] = "kelisim.memorandum/2";

/** Replaces the document after an edit (now `/2`); schedules validation, and the autosave
 * after `pause` ms without another edit. */
export function edit(edited: MemoDoc, pause = AUTOSAVE_MS): void {
  const next = edited.format === EDITED_FORMAT ? edited : { ...edited, format: EDITED_FORMAT };
  doc.set(next);
  void refreshView(next);
  if (get(detail)?.summary.status !== "draft") return;
  dirty.set(true);
  keepWorkingCopy();
  clearTimeout(validateTimer);
  validateTimer = setTimeout(() => void validate(), VALIDATE_MS);
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void save(), pause);
}

export async function validate(): Promise<void> {
  const current = get(doc);
  if (!current) return;
  try {
    const report = await ipc.validateDocument(serialiseDoc(current));
    problems.set(report.problems);
  } catch (error) {
    reportError(error);
  }
}

/** Saves now if there is anything unsaved. A document with problems is not saved (the
 * database holds only valid revisions); the problems list says why. */
let inFlight: Promise<void> | null = null;

export async function save(): Promise<void> {
  clearTimeout(saveTimer);
  // One save at a time: a save asked for during another waits for it, then saves what is
  // still unsaved (never the same text twice).
  while (inFlight) await inFlight;
  const run = saveOnce();
  inFlight = run;
  try {
    await run;
  } finally {
    inFlight = null;
  }
}

async function saveOnce(): Promise<void> {
  const id = get(memoId);
  const current = get(doc);
  if (id === null || !current || !get(dirty)) return;
  const text = serialiseDoc(current);
  const report = await ipc.validateDocument(text).catch(() => null);
  if (report && !report.valid) {
    problems.set(report.problems);
    return;
  }
  saving.set(true);
  try {
    await ipc.saveRevision(id, text);
    if (get(doc) === current) {
      dirty.set(false);
      clearTimeout(copyTimer);
      localStorage.removeItem(copyKey(id));
    }
    saved.set(structuredClone(current));
    problems.set([]);
    detail.set(await ipc.getMemo(id));
  } catch (error) {
    reportError(error);
  } finally {
    saving.set(false);
  }
}

/** Saves anything pending at once (leaving the editor, closing the window). */
export async function flush(): Promise<void> {
  if (get(dirty) || inFlight) await save();
}

/** On a request to close the window: saves pending text first; "close" when nothing is left
 * unsaved, "ask" when something could not be saved (then the working copy is written at once,
 * so that closing anyway still keeps the text on this computer). */
export async function closeGuard(): Promise<"close" | "ask"> {
  try {
    await flush();
  } catch {
    // reported by save; what counts is whether text is still unsaved
  }
  if (!get(dirty)) return "close";
  keepWorkingCopyNow();
  return "ask";
}

async function afterAction(run: () => Promise<unknown>): Promise<void> {
  const id = get(memoId);
  if (id === null) return;
  try {
    await flush();
    await run();
    await open(id);
  } catch (error) {
    reportError(error);
  }
}

export const approve = () => afterAction(() => ipc.approveMemo(get(memoId) ?? 0));
export const reopen = () => afterAction(() => ipc.reopenMemo(get(memoId) ?? 0));
export const restore = (revision: number) =>
  afterAction(() => ipc.restoreRevision(get(memoId) ?? 0, revision));

export function isEditable(d: MemoDetail | null): boolean {
  return d?.summary.status === "draft";
}

/** Applies `mutate` to a copy of the document on screen and edits with it (drafts only). */
export function update(mutate: (d: MemoDoc) => void): void {
  const current = get(doc);
  if (!current || !isEditable(get(detail))) return;
  const next = structuredClone(current);
  mutate(next);
  edit(next);
}

// Structural edits run one after another, each on the document the previous one left (two quick
// clicks on "add a row" add two rows).
let structural: Promise<void> = Promise.resolve();

/** Replaces the document with what `run` makes of it (a structural edit; drafts only), after
 * the structural edits asked before it. */
export function restructure(run: (d: MemoDoc) => Promise<MemoDoc>): Promise<void> {
  const next = structural.then(() => restructureNow(run));
  structural = next;
  return next;
}

/** How often a structural edit is made again on a document that changed while Rust made it. */
const STRUCTURAL_TRIES = 3;

async function restructureNow(run: (d: MemoDoc) => Promise<MemoDoc>): Promise<void> {
  try {
    // Text typed (or a field left) while Rust made the edit changes the document: the edit is
    // then made again on the newer one, never dropped and never applied to an old one.
    for (let i = 0; i < STRUCTURAL_TRIES; i++) {
      const current = get(doc);
      if (!current || !isEditable(get(detail))) return;
      const next = await run(current);
      if (get(doc) === current) {
        edit(next, STRUCTURAL_SAVE_MS);
        return;
      }
    }
  } catch (error) {
    reportError(error);
  }
}

/** The memorandum's open "needs translation" flags (stored by Rust), by `path.language`
 * (`sections[0].clauses[1].text.en`). */
export const translationFlags = derived(
  detail,
  (d) => new Map<string, TranslationFlagDto>((d?.translationFlags ?? []).map((f) => [`${f.path}.${f.language}`, f])),
);

/** Dismisses the flag on `path` in `language` (the translation is right as it is). */
export async function dismissFlag(path: string, language: string): Promise<void> {
  const id = get(memoId);
  if (id === null) return;
  try {
    const open = await ipc.dismissTranslationFlag(id, path, language);
    detail.update((d) => (d && get(memoId) === id ? { ...d, translationFlags: open } : d));
  } catch (error) {
    reportError(error);
  }
}

/** Starts an amendment of signed memorandum `id` (Rust makes the draft) and opens the draft. */
export async function newAmendment(id: number): Promise<void> {
  try {
    const draft = await ipc.newAmendment(id);
    await open(draft.id);
  } catch (error) {
    reportError(error);
  }
}
