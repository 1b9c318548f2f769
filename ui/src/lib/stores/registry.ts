// The registry's state: what is searched, filtered and sorted, and the page shown.
import { get, writable } from "svelte/store";
import { ipc, type MemoSummary, type SortDto, type StatusDto } from "../ipc";
import { reportError } from "./app";

export const PAGE = 50;

export const query = writable("");
export const status = writable<StatusDto | null>(null);
export const sort = writable<SortDto>("updated");
export const items = writable<MemoSummary[]>([]);
export const total = writable(0);
export const loading = writable(false);
/** How long the last page took to arrive, in milliseconds (shown for the performance check). */
export const lastLoadMs = writable<number | null>(null);

let generation = 0;

/** Loads the first page (or appends the next one) for the current search, filter and sort. */
export async function load(append = false): Promise<void> {
  const mine = ++generation;
  loading.set(true);
  const started = performance.now();
  try {
    const q = get(query).trim();
    const page = await ipc.listMemos({
      status: get(status),
      query: q === "" ? null : q,
      organisation: null,
      sort: get(sort),
      limit: PAGE,
      offset: append ? get(items).length : 0,
    });
    if (mine !== generation) return; // a newer search superseded this one
    items.set(append ? [...get(items), ...page.items] : page.items);
    total.set(page.total);
    lastLoadMs.set(Math.round(performance.now() - started));
  } catch (error) {
    reportError(error);
  } finally {
    if (mine === generation) loading.set(false);
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Search as you type: waits for a short pause so each keystroke does not query. */
export function searchSoon(delayMs = 150): void {
  clearTimeout(timer);
  timer = setTimeout(() => void load(), delayMs);
}
