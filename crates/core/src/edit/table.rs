//! The operations on an annex's table: rows and columns.

use serde_json::{Map, Value};

use super::ops::{bad_position, index_by_id, insert_at, key, languages, list_mut, move_in};
use super::path::{get, show, Step};
use super::{refuse, Edit};
use crate::validate::Problem;

type Done = Result<Vec<String>, Vec<Problem>>;

/// Applies a table edit (any other edit is a bug of the caller and changes nothing).
pub(super) fn apply(doc: &mut Value, edit: &Edit) -> Done {
    match edit {
        Edit::AddRow { annex, row, at } => add_row(doc, annex, row, *at),
        Edit::RemoveRow { annex, index } => {
            let rows = rows_of(doc, annex)?;
            let list = list_mut(doc, &rows)?;
            if *index >= list.len() {
                return Err(bad_position(&show(&rows), *index, list.len()));
            }
            list.remove(*index);
            Ok(Vec::new())
        }
        Edit::MoveRow { annex, index, to } => {
            let rows = rows_of(doc, annex)?;
            move_in(doc, &rows, *index, *to)
        }
        Edit::AddColumn {
            annex,
            column,
            cells,
            at,
        } => add_column(doc, annex, column, cells.as_deref(), *at),
        Edit::RemoveColumn { annex, index } => remove_column(doc, annex, *index),
        _ => Ok(Vec::new()),
    }
}

/// The path of the table of annex `id`: `annexes[i].content.table`.
fn table_of(doc: &Value, id: &str) -> Result<Vec<Step>, Vec<Problem>> {
    let i = index_by_id(doc, &[key("annexes")], id, "annex")?;
    let steps = vec![key("annexes"), Step::Index(i), key("content"), key("table")];
    if get(doc, &steps).and_then(Value::as_object).is_none() {
        return Err(refuse(
            &show(&steps[..3]),
            "not_a_table",
            vec![("id", id.to_owned())],
            format!("the annex \"{id}\" holds clauses, not a table"),
        ));
    }
    Ok(steps)
}

fn rows_of(doc: &Value, id: &str) -> Result<Vec<Step>, Vec<Problem>> {
    let mut steps = table_of(doc, id)?;
    steps.push(key("rows"));
    Ok(steps)
}

fn column_count(doc: &Value, table: &[Step]) -> usize {
    let mut columns = table.to_vec();
    columns.push(key("columns"));
    get(doc, &columns)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

fn wrong_count(path: &str, what: &str, given: usize, wanted: usize) -> Vec<Problem> {
    refuse(
        path,
        "wrong_cell_count",
        vec![
            ("given", given.to_string()),
            ("expected", wanted.to_string()),
        ],
        format!("{given} {what} given; the table needs {wanted}"),
    )
}

fn add_row(doc: &mut Value, annex: &str, row: &[Value], at: Option<usize>) -> Done {
    let table = table_of(doc, annex)?;
    let columns = column_count(doc, &table);
    let mut rows = table;
    rows.push(key("rows"));
    if row.len() != columns {
        return Err(wrong_count(&show(&rows), "cells", row.len(), columns));
    }
    insert_at(doc, &rows, Value::Array(row.to_vec()), at)?;
    Ok(Vec::new())
}

/// An empty text in every language of the document (the validator then names each one).
fn empty_text(doc: &Value) -> Value {
    Value::Object(
        languages(doc)
            .into_iter()
            .map(|l| (l, Value::String(String::new())))
            .collect::<Map<String, Value>>(),
    )
}

fn add_column(
    doc: &mut Value,
    annex: &str,
    column: &Value,
    cells: Option<&[Value]>,
    at: Option<usize>,
) -> Done {
    let table = table_of(doc, annex)?;
    let mut rows = table.clone();
    rows.push(key("rows"));
    let count = get(doc, &rows)
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let cells: Vec<Value> = match cells {
        Some(cells) if cells.len() != count => {
            return Err(wrong_count(&show(&rows), "cells", cells.len(), count))
        }
        Some(cells) => cells.to_vec(),
        None => vec![empty_text(doc); count],
    };
    let mut columns = table;
    columns.push(key("columns"));
    let at = insert_at(doc, &columns, column.clone(), at)?;
    for (r, cell) in cells.into_iter().enumerate() {
        let mut row = rows.clone();
        row.push(Step::Index(r));
        insert_at(doc, &row, cell, Some(at))?;
    }
    Ok(Vec::new())
}

fn remove_column(doc: &mut Value, annex: &str, index: usize) -> Done {
    let table = table_of(doc, annex)?;
    let mut columns = table.clone();
    columns.push(key("columns"));
    let list = list_mut(doc, &columns)?;
    if index >= list.len() {
        return Err(bad_position(&show(&columns), index, list.len()));
    }
    if list.len() == 1 {
        return Err(refuse(
            &show(&columns),
            "last_column",
            vec![("id", annex.to_owned())],
            format!("a table needs a column; \"{annex}\" has only this one"),
        ));
    }
    list.remove(index);
    let mut rows = table;
    rows.push(key("rows"));
    for row in list_mut(doc, &rows)? {
        if let Some(cells) = row.as_array_mut() {
            if index < cells.len() {
                cells.remove(index);
            }
        }
    }
    Ok(Vec::new())
}
