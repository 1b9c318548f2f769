// The memorandum document of record, `kelisim.memorandum/1`, as the editor holds it. The Rust
// core validates it (every problem with its JSON path); these types only describe its shape.

export type Lang = "kk" | "ru" | "en";
export type Text = Partial<Record<Lang, string>>;
export type Layout = "parallel" | "sequential" | "single";
export type PartyKind = "state_body" | "ngo" | "company" | "international" | "other";

export interface Signatory {
  id: string;
  name: Text;
  position: Text;
}

export interface Party {
  id: string;
  kind: PartyKind;
  name: Text;
  short_name?: Text;
  address?: Text;
  bin?: string;
  signatories: Signatory[];
}

export interface Clause {
  text: Text;
  clauses?: Clause[];
}

export interface Section {
  heading: Text;
  clauses: Clause[];
}

export interface MemoDoc {
  format: "kelisim.memorandum/1";
  languages: Lang[];
  layout: Layout;
  title: Text;
  place: Text;
  date: string;
  parties: Party[];
  preamble: Text;
  variables?: Record<string, Text>;
  sections: Section[];
}

export function parseDoc(json: string): MemoDoc {
  return JSON.parse(json) as MemoDoc;
}

export function serialiseDoc(doc: MemoDoc): string {
  return JSON.stringify(doc, null, 2);
}
