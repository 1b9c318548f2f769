//! Annexes (`/2`): each from a new page after the signature block, headed «Приложение N к
//! Меморандуму …» and its title, then its clauses (numbered afresh: 1., 1.1.) or its table.
//!
//! Parallel layouts set clause annexes in the body's columns and put every language's text of a
//! table cell one under the other; otherwise each language's annexes follow one another.

use kelisim_core::{Annex, AnnexContent, Clause, Column, Language, Layout, Text};

use super::{CellParts, CellPlan, Keep, Part, Planner, RowPlan, Style, TableRow};
use crate::breaker::Align;
use crate::dates;
use crate::fonts::Face;

/// The padding inside a table cell, in points.
const PAD: f32 = 3.0;

impl Planner<'_> {
    /// Every annex of the memorandum, in `layout` for `langs`.
    pub(super) fn annexes(&mut self, layout: Layout, langs: &[Language]) {
        let memo = self.memo;
        if layout == Layout::Parallel {
            for (n, annex) in memo.annexes.iter().enumerate() {
                self.annex_parallel(n, annex, langs);
            }
        } else {
            for &lang in langs {
                for (n, annex) in memo.annexes.iter().enumerate() {
                    self.annex_single(n, annex, lang);
                }
            }
        }
    }

    /// Annex `n` (0-based) with every language in its own column; a table spans the columns.
    fn annex_parallel(&mut self, n: usize, annex: &Annex, langs: &[Language]) {
        let (xs, width) = self.geometry.columns(langs.len());
        let mut per_lang = Vec::with_capacity(langs.len());
        for &lang in langs {
            let mut cells = self.annex_head(n, annex, lang, width);
            if let AnnexContent::Clauses(clauses) = &annex.content {
                self.annex_clauses(clauses, lang, width, &mut cells);
            }
            per_lang.push(cells);
        }
        self.push_parallel(&per_lang, &xs);
        if let AnnexContent::Table(table) = &annex.content {
            self.table(n, &table.columns, &table.rows, langs);
        }
    }

    /// Annex `n` (0-based) in one language on the full text width.
    fn annex_single(&mut self, n: usize, annex: &Annex, lang: Language) {
        let width = self.geometry.text_width();
        let mut cells = self.annex_head(n, annex, lang, width);
        if let AnnexContent::Clauses(clauses) = &annex.content {
            self.annex_clauses(clauses, lang, width, &mut cells);
        }
        self.push_parallel(&[cells], &[self.geometry.left]);
        if let AnnexContent::Table(table) = &annex.content {
            self.table(n, &table.columns, &table.rows, &[lang]);
        }
    }

    /// The heading «Приложение N к Меморандуму …» (right-aligned, from a new page) and the
    /// annex's title (bold, centred).
    fn annex_head(
        &mut self,
        n: usize,
        annex: &Annex,
        lang: Language,
        width: f32,
    ) -> Vec<CellParts> {
        let t = self.typo;
        let memo = self.memo;
        let number = memo.registration.as_ref().map(|r| r.number.as_str());
        let label = dates::annex_heading(n + 1, &memo.date, number, lang);
        let label = self.plain_block(&label, lang, width, t.body(Face::Regular, Align::Right));
        let title = self.resolve(&annex.title, lang);
        let title = self.block(&title, lang, width, t.title());
        let first = Keep {
            break_before: true,
            with_next: true,
            ..Keep::default()
        };
        let second = Keep {
            space_before: t.block_gap,
            with_next: true,
            ..Keep::default()
        };
        vec![(vec![label], first), (vec![title], second)]
    }

    /// An annex's clauses, numbered afresh (1., 1.1.), appended to `out`.
    fn annex_clauses(
        &mut self,
        clauses: &[Clause],
        lang: Language,
        width: f32,
        out: &mut Vec<CellParts>,
    ) {
        let body_base = std::mem::replace(&mut self.nest_base, 1);
        self.clause_cells(clauses, &mut Vec::new(), lang, width, out);
        self.nest_base = body_base;
    }

    /// A table across the text width: the header row (bold), repeated at the top of every page
    /// the table continues on, then the rows, each kept whole unless taller than a page.
    fn table(&mut self, n: usize, columns: &[Column], rows: &[Vec<Text>], langs: &[Language]) {
        let columns_at = column_boxes(self.geometry.left, self.geometry.text_width(), columns);
        let mut at = TableRow {
            columns: columns_at,
            annex: n as u32,
            row: 0,
        };
        let header = self.rows.len() as u32;
        let headings: Vec<&Text> = columns.iter().map(|c| &c.heading).collect();
        let keep = Keep {
            space_before: self.typo.block_gap,
            with_next: true,
            together: true,
            ..Keep::default()
        };
        self.table_row(&headings, Face::Bold, langs, &at, keep);
        let keep = Keep {
            together: true,
            header: Some(header),
            ..Keep::default()
        };
        for (r, row) in rows.iter().enumerate() {
            let cells: Vec<&Text> = row.iter().collect();
            at.row = r as u32 + 1;
            self.table_row(&cells, Face::Regular, langs, &at, keep);
        }
    }

    /// One table row: in each cell every language's text (equal texts once), one under the other,
    /// set left-aligned within the cell's padding.
    fn table_row(
        &mut self,
        texts: &[&Text],
        face: Face,
        langs: &[Language],
        at: &TableRow,
        keep: Keep,
    ) {
        let style = self.typo.body(face, Align::Left);
        let mut cells = Vec::with_capacity(at.columns.len());
        for (c, &(x, w)) in at.columns.iter().enumerate() {
            let mut parts = vec![Part::Gap(PAD)];
            let mut seen: Vec<String> = Vec::new();
            for &lang in langs {
                let text = texts
                    .get(c)
                    .map(|t| self.resolve(t, lang))
                    .unwrap_or_default();
                // «1.» / «1.» is printed once, as the signature block does with equal words.
                if seen.contains(&text) {
                    continue;
                }
                if !seen.is_empty() {
                    parts.push(Part::Gap(PAD));
                }
                parts.push(self.para(&text, lang, w - PAD, (PAD, 0.0), style));
                seen.push(text);
            }
            parts.push(Part::Gap(PAD));
            cells.push(CellPlan { x, parts });
        }
        self.rows.push(RowPlan {
            cells,
            keep,
            table: Some(at.clone()),
        });
    }

    /// A paragraph without markup (words the renderer writes, not the document's text).
    pub(super) fn plain_block(
        &mut self,
        text: &str,
        lang: Language,
        width: f32,
        style: Style,
    ) -> Part {
        let measure = crate::breaker::Measure {
            first: width,
            rest: width,
        };
        let styled = crate::markup::Styled::plain(text, style.face);
        let job = self.job(styled, lang, style.size, measure, style.align);
        Part::Para {
            job,
            left: 0.0,
            first_indent: 0.0,
            avail: width,
            leading: style.leading,
        }
    }
}

/// Each column's left edge and width: `width` from `left` shared by the columns' weights (1
/// when a column has none).
pub(crate) fn column_boxes(left: f32, width: f32, columns: &[Column]) -> Vec<(f32, f32)> {
    let weight = |c: &Column| c.width.unwrap_or(1).max(1) as f32;
    let total: f32 = columns.iter().map(weight).sum::<f32>().max(1.0);
    let mut x = left;
    columns
        .iter()
        .map(|c| {
            let w = width * weight(c) / total;
            let at = x;
            x += w;
            (at, w)
        })
        .collect()
}
