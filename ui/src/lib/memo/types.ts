// The memorandum document of record, `kelisim.memorandum/1`, as the editor holds it. The types
// are generated from Rust (`MemoDoc` in crates/app/src/document.rs, which mirrors the core's
// model field for field); the Rust core validates the document, every problem with its JSON path.
import type { DocClause, DocLang, DocParty, DocPartyKind, DocSection, DocSignatory, LayoutDto, MemoDoc } from "../ipc";

export type { MemoDoc };
export type Lang = DocLang;
export type Text = MemoDoc["title"];
export type Layout = LayoutDto;
export type PartyKind = DocPartyKind;
export type Signatory = DocSignatory;
export type Party = DocParty;
export type Clause = DocClause;
export type Section = DocSection;

export function parseDoc(json: string): MemoDoc {
  return JSON.parse(json) as MemoDoc;
}

export function serialiseDoc(doc: MemoDoc): string {
  return JSON.stringify(doc, null, 2);
}
