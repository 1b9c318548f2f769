//! Pagination: rows of cells go down the page; each row starts below the taller of the previous
//! row's cells. A row taller than the space left splits, every column continuing on the next page.
//!
//! Rules: a heading stays with at least the first two lines of what follows; no paragraph leaves a
//! single first line at the foot of a page (orphan) or a single last line at the head of the next
//! (widow); a row that would start in one column but not in another moves to the next page whole;
//! signature blocks are never split; a table's header row is repeated at the top of every page
//! its table continues on.

use crate::layout::{Geometry, LineBox, Row};
use crate::CellBox;

/// A line placed on a page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed {
    pub(crate) row: u32,
    pub(crate) cell: u32,
    pub(crate) line: u32,
    /// The top of the line box, from the top of the page.
    pub(crate) top: f32,
}

/// One page's lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub(crate) lines: Vec<Placed>,
}

fn height(lines: &[LineBox]) -> f32 {
    lines.iter().map(|l| l.height).sum()
}

fn row_height(row: &Row) -> f32 {
    row.cells
        .iter()
        .map(|c| height(&c.lines))
        .fold(0.0, f32::max)
}

/// The height of the first `k` lines of text (and the spacers among them) of the tallest cell.
fn head_height(row: &Row, k: usize) -> f32 {
    row.cells
        .iter()
        .map(|c| {
            let mut seen = 0;
            let mut h = 0.0;
            for l in &c.lines {
                if seen == k {
                    break;
                }
                h += l.height;
                if !l.is_spacer() {
                    seen += 1;
                }
            }
            h
        })
        .fold(0.0, f32::max)
}

/// How many of `lines` fit in `avail`, after the orphan and widow rules. `started` says whether
/// earlier lines of the cell are already placed.
fn fitting(lines: &[LineBox], avail: f32, started: bool) -> usize {
    let n = lines.len();
    let mut k = 0;
    let mut used = 0.0;
    while k < n && used + lines[k].height <= avail + 0.01 {
        used += lines[k].height;
        k += 1;
    }
    if k >= n {
        return n;
    }
    let text = |ls: &[LineBox]| ls.iter().filter(|l| !l.is_spacer()).count();
    // Widow: a single line of text would go over.
    if text(&lines[k..]) == 1 {
        k = k.saturating_sub(1);
        while k > 0 && lines[k - 1].is_spacer() {
            k -= 1;
        }
    }
    // Orphan: a single first line would stay behind.
    if !started && text(&lines[..k]) < 2 && text(lines) > 1 {
        k = 0;
    }
    // Never end a page's part of a cell on spacers.
    while k > 0 && lines[k - 1].is_spacer() {
        k -= 1;
    }
    k
}

/// Places `rows` on pages of `geometry`.
pub(crate) fn paginate(rows: &[Row], geometry: &Geometry) -> Vec<Page> {
    let mut pager = Pager {
        rows,
        header: None,
        pages: vec![Page::default()],
        top: geometry.top,
        bottom: geometry.body_bottom(),
        y: geometry.top,
        empty: true,
    };
    for (ri, row) in rows.iter().enumerate() {
        pager.header = row.keep.header;
        if row.keep.break_before && !pager.empty {
            pager.new_page();
        }
        let need = needed(rows, ri);
        let space = if pager.empty {
            0.0
        } else {
            row.keep.space_before
        };
        if !pager.empty && pager.y + space + need > pager.bottom + 0.01 {
            pager.new_page();
        }
        if !pager.empty {
            pager.y += row.keep.space_before;
        }
        pager.place(ri, row);
    }
    let mut pages = pager.pages;
    if pages.len() > 1 && pages.last().is_some_and(|p| p.lines.is_empty()) {
        pages.pop();
    }
    pages
}

/// The height row `ri` needs on its page to start there: its first two lines (all of it when
/// kept together), and when kept with the next row, all of it and the next one's start.
fn needed(rows: &[Row], ri: usize) -> f32 {
    let start = |row: &Row| {
        if row.keep.together {
            row_height(row)
        } else {
            head_height(row, 2)
        }
    };
    let row = &rows[ri];
    if !row.keep.with_next {
        return start(row);
    }
    let mut need = row_height(row);
    if let Some(next) = rows.get(ri + 1) {
        need += next.keep.space_before + start(next);
    }
    need
}

/// The pages so far and where the next row goes.
struct Pager<'r> {
    rows: &'r [Row],
    /// The header row to repeat on a new page (while a table's rows are placed).
    header: Option<u32>,
    pages: Vec<Page>,
    top: f32,
    bottom: f32,
    /// Where the next line goes, from the top of the page.
    y: f32,
    /// Nothing placed on the current page yet (but a repeated header row).
    empty: bool,
}

impl Pager<'_> {
    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.top;
        self.empty = true;
        self.repeat_header();
    }

    /// Places the current table's header row whole at the top of the page; the page still
    /// counts as empty, so that the rows that follow may split on it.
    fn repeat_header(&mut self) {
        let rows = self.rows;
        let Some((hi, header)) = self
            .header
            .and_then(|h| rows.get(h as usize).map(|row| (h as usize, row)))
        else {
            return;
        };
        let mut cursor = vec![0usize; header.cells.len()];
        let take: Vec<usize> = header.cells.iter().map(|c| c.lines.len()).collect();
        self.y = self.place_lines(hi, header, &mut cursor, &take);
        self.empty = true;
    }

    /// Places row `ri` from `y` on, splitting it over as many pages as it needs.
    fn place(&mut self, ri: usize, row: &Row) {
        let mut cursor = vec![0usize; row.cells.len()];
        loop {
            let avail = self.bottom - self.y;
            let mut take: Vec<usize> = row
                .cells
                .iter()
                .zip(&cursor)
                .map(|(cell, &at)| fitting(&cell.lines[at..], avail, at > 0))
                .collect();
            let not_started = cursor.iter().all(|&c| c == 0);
            if not_started && !self.empty && must_move(row, &cursor, &take) {
                self.new_page();
                continue;
            }
            if self.empty && take.iter().all(|&k| k == 0) {
                force_fit(row, &cursor, &mut take, avail);
            }
            self.y = self.place_lines(ri, row, &mut cursor, &take);
            let done = row
                .cells
                .iter()
                .zip(&cursor)
                .all(|(cell, &at)| at >= cell.lines.len());
            if done {
                break;
            }
            self.new_page();
            // A continuation never starts with spacers.
            for (cell, at) in row.cells.iter().zip(cursor.iter_mut()) {
                while *at < cell.lines.len() && cell.lines[*at].is_spacer() {
                    *at += 1;
                }
            }
        }
    }

    /// Places `take[c]` lines of each cell `c` from `cursor[c]` on, advancing the cursors;
    /// returns the bottom of the tallest.
    fn place_lines(&mut self, ri: usize, row: &Row, cursor: &mut [usize], take: &[usize]) -> f32 {
        let page = self.pages.len() - 1;
        let mut end = self.y;
        for (c, (cell, (at, &k))) in row
            .cells
            .iter()
            .zip(cursor.iter_mut().zip(take))
            .enumerate()
        {
            let mut yc = self.y;
            for l in *at..*at + k {
                self.pages[page].lines.push(Placed {
                    row: ri as u32,
                    cell: c as u32,
                    line: l as u32,
                    top: yc,
                });
                yc += cell.lines[l].height;
            }
            *at += k;
            end = end.max(yc);
            if k > 0 {
                self.empty = false;
            }
        }
        end
    }
}

/// Whether a row not yet started must go to the next page: a cell cannot start here, or the
/// row would split though it is kept together.
fn must_move(row: &Row, cursor: &[usize], take: &[usize]) -> bool {
    let some_cell_blocked = row
        .cells
        .iter()
        .zip(take)
        .any(|(cell, &k)| k == 0 && !cell.lines.is_empty());
    let split = row
        .cells
        .iter()
        .zip(cursor.iter().zip(take))
        .any(|(cell, (&at, &k))| at + k < cell.lines.len());
    some_cell_blocked || (split && row.keep.together)
}

/// Nothing fits even on an empty page under the rules: place what fits, at least a line per
/// cell, so that the document always ends.
fn force_fit(row: &Row, cursor: &[usize], take: &mut [usize], avail: f32) {
    for (k, (cell, &at)) in take.iter_mut().zip(row.cells.iter().zip(cursor)) {
        let rest = &cell.lines[at..];
        let mut used = 0.0;
        while *k < rest.len() && (used + rest[*k].height <= avail || *k == 0) {
            used += rest[*k].height;
            *k += 1;
        }
    }
}

/// The box of every table cell on every page it is drawn on, in PDF points (origin
/// bottom-left): a row's part on a page is as tall as its tallest cell there.
pub(crate) fn cell_boxes(rows: &[Row], pages: &[Page], geometry: &Geometry) -> Vec<CellBox> {
    let mut out = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for (ri, top, bottom) in table_spans(rows, page) {
            let Some(table) = rows.get(ri as usize).and_then(|r| r.table.as_ref()) else {
                continue;
            };
            for (c, &(x, w)) in table.columns.iter().enumerate() {
                out.push(CellBox {
                    page: p as u32 + 1,
                    annex: table.annex,
                    row: table.row,
                    column: c as u32,
                    x,
                    y: geometry.height - bottom,
                    w,
                    h: bottom - top,
                });
            }
        }
    }
    out
}

/// Each table row placed on `page`, with its top and bottom (from the top of the page), in
/// the order placed. A row's lines are placed together, so a row is one span.
fn table_spans(rows: &[Row], page: &Page) -> Vec<(u32, f32, f32)> {
    let mut spans: Vec<(u32, f32, f32)> = Vec::new();
    for placed in &page.lines {
        let Some(row) = rows.get(placed.row as usize).filter(|r| r.table.is_some()) else {
            continue;
        };
        let height = row
            .cells
            .get(placed.cell as usize)
            .and_then(|c| c.lines.get(placed.line as usize))
            .map_or(0.0, |l| l.height);
        match spans.last_mut() {
            Some(span) if span.0 == placed.row => {
                span.1 = span.1.min(placed.top);
                span.2 = span.2.max(placed.top + height);
            }
            _ => spans.push((placed.row, placed.top, placed.top + height)),
        }
    }
    spans
}
