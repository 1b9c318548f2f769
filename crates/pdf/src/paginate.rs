//! Pagination: rows of cells go down the page; each row starts below the taller of the previous
//! row's cells. A row taller than the space left splits, every column continuing on the next page.
//!
//! Rules: a heading stays with at least the first two lines of what follows; no paragraph leaves a
//! single first line at the foot of a page (orphan) or a single last line at the head of the next
//! (widow); a row that would start in one column but not in another moves to the next page whole;
//! signature blocks are never split.

use crate::layout::{Geometry, LineBox, Row};

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
    let top = geometry.top;
    let bottom = geometry.body_bottom();
    let mut pages = vec![Page::default()];
    let mut y = top;
    let mut empty = true;

    for (ri, row) in rows.iter().enumerate() {
        if row.keep.break_before && !empty {
            pages.push(Page::default());
            y = top;
            empty = true;
        }
        let mut need = if row.keep.together {
            row_height(row)
        } else {
            head_height(row, 2)
        };
        if row.keep.with_next {
            need = row_height(row);
            if let Some(next) = rows.get(ri + 1) {
                need += next.keep.space_before
                    + if next.keep.together {
                        row_height(next)
                    } else {
                        head_height(next, 2)
                    };
            }
        }
        let space = if empty { 0.0 } else { row.keep.space_before };
        if !empty && y + space + need > bottom + 0.01 {
            pages.push(Page::default());
            y = top;
            empty = true;
        }
        if !empty {
            y += row.keep.space_before;
        }

        let mut cursor = vec![0usize; row.cells.len()];
        loop {
            let avail = bottom - y;
            let mut take: Vec<usize> = row
                .cells
                .iter()
                .zip(&cursor)
                .map(|(cell, &at)| fitting(&cell.lines[at..], avail, at > 0))
                .collect();
            let not_started = cursor.iter().all(|&c| c == 0);
            let some_cell_blocked = row
                .cells
                .iter()
                .zip(&take)
                .any(|(cell, &k)| k == 0 && !cell.lines.is_empty());
            let split = row
                .cells
                .iter()
                .zip(cursor.iter().zip(&take))
                .any(|(cell, (&at, &k))| at + k < cell.lines.len());
            if not_started && !empty && (some_cell_blocked || (split && row.keep.together)) {
                pages.push(Page::default());
                y = top;
                empty = true;
                continue;
            }
            if empty && take.iter().all(|&k| k == 0) {
                // Nothing fits even on an empty page under the rules: place what fits, at least a
                // line per cell, so that the document always ends.
                for (k, (cell, &at)) in take.iter_mut().zip(row.cells.iter().zip(&cursor)) {
                    let rest = &cell.lines[at..];
                    let mut used = 0.0;
                    while *k < rest.len() && (used + rest[*k].height <= avail || *k == 0) {
                        used += rest[*k].height;
                        *k += 1;
                    }
                }
            }
            let page = pages.len() - 1;
            let mut end = y;
            for (c, (cell, (at, &k))) in row
                .cells
                .iter()
                .zip(cursor.iter_mut().zip(&take))
                .enumerate()
            {
                let mut yc = y;
                for l in *at..*at + k {
                    pages[page].lines.push(Placed {
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
                    empty = false;
                }
            }
            let done = row
                .cells
                .iter()
                .zip(&cursor)
                .all(|(cell, &at)| at >= cell.lines.len());
            if done {
                y = end;
                break;
            }
            pages.push(Page::default());
            y = top;
            empty = true;
            // A continuation never starts with spacers.
            for (cell, at) in row.cells.iter().zip(cursor.iter_mut()) {
                while *at < cell.lines.len() && cell.lines[*at].is_spacer() {
                    *at += 1;
                }
            }
        }
    }
    if pages.len() > 1 && pages.last().is_some_and(|p| p.lines.is_empty()) {
        pages.pop();
    }
    pages
}
