//! JSON paths as problems name them: `parties[1].name.ru`, `annexes[0].content.table.rows[2][1]`.

use serde_json::Value;

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// An object's field.
    Key(String),
    /// A list's element.
    Index(usize),
}

/// Reads a path; the error says what is wrong with it.
pub fn parse_path(path: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    let mut rest = path;
    let mut first = true;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let end = after
                .find(']')
                .ok_or_else(|| format!("\"[\" without \"]\" in \"{path}\""))?;
            let n = after[..end]
                .parse::<usize>()
                .map_err(|_| format!("\"[{}]\" is not a list position", &after[..end]))?;
            steps.push(Step::Index(n));
            rest = &after[end + 1..];
        } else {
            let body = if first {
                rest
            } else {
                rest.strip_prefix('.')
                    .ok_or_else(|| format!("expected \".\" or \"[\" at \"{rest}\""))?
            };
            let end = body.find(['.', '[']).unwrap_or(body.len());
            if end == 0 {
                return Err(format!("an empty field name in \"{path}\""));
            }
            steps.push(Step::Key(body[..end].to_owned()));
            rest = &body[end..];
        }
        first = false;
    }
    if steps.is_empty() {
        return Err("the path is empty".into());
    }
    Ok(steps)
}

/// Writes a path back in the same notation.
pub(crate) fn show(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The value at `steps`, if there is one.
pub(crate) fn get<'a>(doc: &'a Value, steps: &[Step]) -> Option<&'a Value> {
    steps.iter().try_fold(doc, |v, step| match step {
        Step::Key(k) => v.as_object()?.get(k),
        Step::Index(i) => v.as_array()?.get(*i),
    })
}

/// The value at `steps`, mutably.
pub(crate) fn get_mut<'a>(doc: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    steps.iter().try_fold(doc, |v, step| match step {
        Step::Key(k) => v.as_object_mut()?.get_mut(k),
        Step::Index(i) => v.as_array_mut()?.get_mut(*i),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_and_write_back() {
        for p in [
            "parties[1].name.ru",
            "term.duration.years",
            "annexes[0].content.table.rows[2][1].kk",
            "title",
        ] {
            assert_eq!(show(&parse_path(p).unwrap()), p);
        }
        assert_eq!(
            parse_path("rows[2][1]").unwrap(),
            vec![Step::Key("rows".into()), Step::Index(2), Step::Index(1)]
        );
    }

    #[test]
    fn bad_paths_say_what_is_wrong() {
        assert!(parse_path("").is_err());
        assert!(parse_path("parties[x]").unwrap_err().contains("[x]"));
        assert!(parse_path("parties[1").is_err());
        assert!(parse_path("a..b").is_err());
        assert!(parse_path("a[0]b").is_err());
    }
}
