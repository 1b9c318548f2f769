// The registry's state: what is searched, filtered and sorted, and the page shown.
import { get, writable } from "svelte/store";
import { ipc, type MemoSummary, type OrganisationDto, type SortDto, type StatusDto } from "../ipc";
import { reportError } from "./app";

export const PAGE = 50;

export const query = writable("");
export const status = writable<StatusDto | null>(null);
/** Only memorandums with this organisation (of the organisations registry) as a party. */
export const organisation = writable<number | null>(null);
/** The organisations registry, for the party filter. */
export const organisations = writable<OrganisationDto[]>([]);
export const sort = writable<SortDto>("updated");
/** Only memorandums whose term's current period ends within this many days (null: any). */
export const expiring = writable<number | null>(null);
/** The choices of the "expiring within" filter, in days. */
export const EXPIRING_DAYS = [30, 60, 90] as const;
export const items = writable<MemoSummary[]>([]);
export const total = writable(0);
export const loading = writable(false);
/** The performance timeline's names (scripts/bench-ui.mjs reads them; nothing is in the DOM). */
export const MEASURE_LIST = "kelisim:registry-list";
export const MARK_FIRST_PAGE = "kelisim:registry-first-page";

/** Marks the moment the first registry page of this run is on screen; once. */
export function markFirstPageShown(): void {
  if (performance.getEntriesByName(MARK_FIRST_PAGE, "mark").length === 0) performance.mark(MARK_FIRST_PAGE);
}

let generation = 0;

/** Reloads the organisations registry (the party filter's choices). A filter on an organisation
 * that is no longer there is dropped. */
export async function loadOrganisations(): Promise<void> {
  try {
    const list = await ipc.listOrganisations();
    organisations.set(list);
    const chosen = get(organisation);
    if (chosen !== null && !list.some((o) => o.id === chosen)) organisation.set(null);
  } catch (error) {
    reportError(error);
  }
}

/** True when any search, status, party or expiry filter narrows the list. */
export function filtered(q: string, s: StatusDto | null, o: number | null, e: number | null = null): boolean {
  return q.trim() !== "" || s !== null || o !== null || e !== null;
}

/** Loads the first page (or appends the next one) for the current search, filters and sort. */
export async function load(append = false): Promise<void> {
  const mine = ++generation;
  loading.set(true);
  const started = performance.now();
  try {
    const q = get(query).trim();
    const page = await ipc.listMemos({
      status: get(status),
      query: q === "" ? null : q,
      organisation: get(organisation),
      expiringWithinDays: get(expiring),
      sort: get(sort),
      limit: PAGE,
      offset: append ? get(items).length : 0,
    });
    if (mine !== generation) return; // a newer search superseded this one
    items.set(append ? [...get(items), ...page.items] : page.items);
    total.set(page.total);
    // How long the page took to arrive (IPC + store), named with the search it answers.
    performance.measure(MEASURE_LIST, { start: started, detail: { query: q } });
  } catch (error) {
    reportError(error);
  } finally {
    if (mine === generation) loading.set(false);
  }
}

let early: Promise<void> | null = null;

/** Starts fetching the first page at start-up, while the settings are still being read. */
export function preload(): void {
  early ??= load();
}

/** The first page: the one `preload` started, or a fresh load. */
export function firstPage(): Promise<void> {
  const pending = early ?? load();
  early = null;
  return pending;
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Search as you type: waits for a short pause so each keystroke does not query. */
export function searchSoon(delayMs = 150): void {
  clearTimeout(timer);
  timer = setTimeout(() => void load(), delayMs);
}
