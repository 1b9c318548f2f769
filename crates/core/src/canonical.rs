//! Canonical JSON and content hashes.
//!
//! [`canonicalize`] writes a [`serde_json::Value`] as the JSON Canonicalization Scheme of
//! [RFC 8785] (JCS) defines it, so that equal data always gives the same bytes, whatever order
//! its members were built or received in. [`content_hash`] is the SHA-256 of those bytes.
//!
//! # The scheme
//!
//! - **No whitespace** between tokens (§3.2.1).
//! - **Literals** are written `null`, `true` and `false` (§3.2.2.1).
//! - **Strings** (values and member names alike) are written as ECMAScript's `JSON.stringify`
//!   writes them (§3.2.2.2): `"` and `\` become `\"` and `\\`; U+0008, U+0009, U+000A, U+000C
//!   and U+000D become `\b`, `\t`, `\n`, `\f` and `\r`; the other characters below U+0020
//!   become `\u00xx` with lowercase hex digits. Every other character, `/` and all non-ASCII
//!   text included, is written as itself. Unicode normalization is *not* applied: the text is
//!   kept exactly as given. A Rust string cannot hold a lone surrogate, which §3.2.2.2 requires
//!   an implementation to refuse, so that case cannot arise here.
//! - **Numbers** are IEEE 754 doubles, written as ECMAScript's `Number.prototype.toString`
//!   writes them (§3.2.2.3): the shortest digits that read back as the same double, in plain
//!   notation from 1e-7 up to (not including) 1e21 and in exponent notation (`1e+30`, `5e-324`)
//!   outside it. Negative zero is written `0`. Integers are doubles too: `56`, `56.0` and
//!   `5.6e1` all give `56`, as `4.50` and `45e-1` both give `4.5`.
//! - **Object members** are sorted by name, comparing the names as sequences of UTF-16 code
//!   units (§3.2.3), recursively in nested objects and in objects inside arrays. This is *not*
//!   the order of UTF-8 bytes (nor of `char`s, nor of [`serde_json::Map`], which may be either
//!   sorted by UTF-8 or in insertion order): a character above U+FFFF is written in UTF-16 as a
//!   surrogate pair starting with a unit in D800–DBFF, so it sorts *before* the characters
//!   U+E000–U+FFFF, whereas in UTF-8 it sorts after them. Array elements keep their order.
//! - The result is UTF-8 text (§3.2.4); [`content_hash`] hashes exactly those bytes.
//!
//! # What is refused
//!
//! §3.1 requires every number to be expressible as an IEEE 754 double. `serde_json` can hold
//! two kinds of number that are not:
//!
//! - an integer (`u64`/`i64`) that has no exact double, such as `9007199254740993` (2^53 + 1).
//!   JavaScript would silently round it to a neighbour, which would give two different values
//!   the same canonical form and the same hash; it is refused with
//!   [`CanonicalError::InexactInteger`]. Large identifiers belong in strings (RFC 8785,
//!   Appendix D). Integers with an exact double, such as 2^60, are accepted.
//! - with `serde_json`'s `arbitrary_precision` feature, a number beyond the range of a double
//!   (`1e400`); it is refused with [`CanonicalError::NonFiniteNumber`]. Without that feature a
//!   [`serde_json::Value`] cannot hold a NaN or an infinity at all.
//!
//! # Parsing
//!
//! The canonical form is that of the doubles the [`serde_json::Value`] holds, so a value parsed
//! from JSON text is only as exact as the parser. `serde_json`'s default number parser can
//! round a number with more than 15 significant digits one unit in the last place away from
//! the nearest double (it reads the RFC's `333333333.33333329` as `333333333.33333325`);
//! its `float_roundtrip` feature makes it round correctly, as RFC 8785 and JavaScript do.
//!
//! # Paths in errors
//!
//! An error names where the offending value is, as a JSONPath-style path from the root `$`:
//! `.name` for a member whose name is an ASCII identifier (a letter or `_`, then letters,
//! digits or `_`), `["name"]` for any other member name (quoted and escaped as a canonical JSON
//! string), and `[i]` for the array element at zero-based index `i`. For example
//! `$.sections[1].clauses[0]`, `$["2024-01"].total` or just `$` for the value itself.
//!
//! [RFC 8785]: https://www.rfc-editor.org/rfc/rfc8785

use serde_json::{Map, Number, Value};
use sha2::{Digest, Sha256};

/// A value that has no canonical form, with the path to it (see the [module docs](self) for
/// the path style).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CanonicalError {
    /// A number that is not a finite IEEE 754 double (only possible with `serde_json`'s
    /// `arbitrary_precision` feature, e.g. `1e400`).
    #[error("the number {number} at {path} is not a finite IEEE 754 double, so it has no canonical JSON form")]
    NonFiniteNumber {
        /// Where the number is, e.g. `$.sections[1].amount`.
        path: String,
        /// The number as `serde_json` holds it.
        number: String,
    },
    /// An integer with no exact IEEE 754 double: its magnitude is above 2^53 and it is not a
    /// multiple of the spacing of doubles there. Such integers belong in JSON strings.
    #[error("the integer {number} at {path} cannot be represented exactly as an IEEE 754 double, so it has no canonical JSON form; write it as a string")]
    InexactInteger {
        /// Where the integer is, e.g. `$.sections[1].id`.
        path: String,
        /// The integer in decimal.
        number: String,
    },
}

/// Canonical JSON text (RFC 8785) of a JSON value.
///
/// # Errors
///
/// A number with no exact IEEE 754 double (see the [module docs](self)), named by its path.
pub fn canonicalize(value: &serde_json::Value) -> Result<String, CanonicalError> {
    let mut writer = Writer::default();
    writer.value(value)?;
    Ok(writer.out)
}

/// SHA-256 of the canonical UTF-8 bytes, written "sha256:<64 lowercase hex>".
///
/// Two values that are equal as JSON data (same members, in any order, and numbers that are
/// the same double however they were spelled) have the same hash.
///
/// # Errors
///
/// As [`canonicalize`].
pub fn content_hash(value: &serde_json::Value) -> Result<String, CanonicalError> {
    let canonical = canonicalize(value)?;
    let digest = Sha256::digest(canonical.as_bytes());
    Ok(format!("sha256:{}", hex::encode(digest)))
}

/// One step from a parent value to a child, kept while descending so that an error can say
/// where it happened. The path is only rendered to text when an error occurs.
#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Member(&'a str),
    Element(usize),
}

/// Writes canonical JSON into `out`, tracking the path to the value being written.
#[derive(Debug, Default)]
struct Writer<'a> {
    out: String,
    path: Vec<Step<'a>>,
}

impl<'a> Writer<'a> {
    fn value(&mut self, value: &'a Value) -> Result<(), CanonicalError> {
        match value {
            Value::Null => self.out.push_str("null"),
            Value::Bool(true) => self.out.push_str("true"),
            Value::Bool(false) => self.out.push_str("false"),
            Value::Number(number) => self.number(number)?,
            Value::String(text) => write_string(&mut self.out, text),
            Value::Array(elements) => self.array(elements)?,
            Value::Object(members) => self.object(members)?,
        }
        Ok(())
    }

    fn number(&mut self, number: &Number) -> Result<(), CanonicalError> {
        let double = to_double(number).map_err(|problem| {
            let path = render_path(&self.path);
            let number = number.to_string();
            match problem {
                NumberProblem::NonFinite => CanonicalError::NonFiniteNumber { path, number },
                NumberProblem::InexactInteger => CanonicalError::InexactInteger { path, number },
            }
        })?;
        match format_double(double) {
            Some(text) => {
                self.out.push_str(&text);
                Ok(())
            }
            // `to_double` only returns finite doubles; kept as an error rather than a panic.
            None => Err(CanonicalError::NonFiniteNumber {
                path: render_path(&self.path),
                number: number.to_string(),
            }),
        }
    }

    fn array(&mut self, elements: &'a [Value]) -> Result<(), CanonicalError> {
        self.out.push('[');
        for (index, element) in elements.iter().enumerate() {
            if index > 0 {
                self.out.push(',');
            }
            self.path.push(Step::Element(index));
            self.value(element)?;
            self.path.pop();
        }
        self.out.push(']');
        Ok(())
    }

    fn object(&mut self, members: &'a Map<String, Value>) -> Result<(), CanonicalError> {
        let mut sorted: Vec<(&'a String, &'a Value)> = members.iter().collect();
        sorted.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
        self.out.push('{');
        for (index, (name, value)) in sorted.into_iter().enumerate() {
            if index > 0 {
                self.out.push(',');
            }
            write_string(&mut self.out, name);
            self.out.push(':');
            self.path.push(Step::Member(name));
            self.value(value)?;
            self.path.pop();
        }
        self.out.push('}');
        Ok(())
    }
}

/// Why a JSON number has no double.
enum NumberProblem {
    NonFinite,
    InexactInteger,
}

/// The IEEE 754 double a JSON number stands for. Integers must convert exactly.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "the rounding casts are the point; each result is checked for exactness"
)]
fn to_double(number: &Number) -> Result<f64, NumberProblem> {
    if let Some(unsigned) = number.as_u64() {
        // `as` rounds to the nearest double; the result is a whole number in [0, 2^64], which
        // `u128` holds exactly, so comparing there tells whether the rounding lost anything.
        let double = unsigned as f64;
        if double as u128 == u128::from(unsigned) {
            Ok(double)
        } else {
            Err(NumberProblem::InexactInteger)
        }
    } else if let Some(signed) = number.as_i64() {
        // As above, with the result a whole number in [-2^63, 0).
        let double = signed as f64;
        if double as i128 == i128::from(signed) {
            Ok(double)
        } else {
            Err(NumberProblem::InexactInteger)
        }
    } else {
        match number.as_f64() {
            Some(double) if double.is_finite() => Ok(double),
            _ => Err(NumberProblem::NonFinite),
        }
    }
}

/// ECMAScript `Number.prototype.toString` of a finite double (RFC 8785 §3.2.2.3); `None` for
/// NaN and the infinities, which JSON cannot express.
fn format_double(double: f64) -> Option<String> {
    if !double.is_finite() {
        None
    } else if double == 0.0 {
        // Both zeros; ECMAScript writes negative zero as "0".
        Some("0".to_owned())
    } else {
        Some(ryu_js::Buffer::new().format_finite(double).to_owned())
    }
}

/// Appends `text` as a canonical JSON string (RFC 8785 §3.2.2.2), quotes included.
fn write_string(out: &mut String, text: &str) {
    const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{0}'..='\u{1f}' => {
                let code = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX_DIGITS[code >> 4]));
                out.push(char::from(HEX_DIGITS[code & 0xf]));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
}

/// Renders a path in the style described in the module docs, e.g. `$.sections[1].clauses[0]`.
fn render_path(steps: &[Step<'_>]) -> String {
    let mut path = String::from("$");
    for step in steps {
        match *step {
            Step::Member(name) if is_identifier(name) => {
                path.push('.');
                path.push_str(name);
            }
            Step::Member(name) => {
                path.push('[');
                write_string(&mut path, name);
                path.push(']');
            }
            Step::Element(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// Whether a member name can be written after a dot: an ASCII letter or `_`, then ASCII
/// letters, digits or `_`.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn canonical_text(json_text: &str) -> String {
        let value: Value = serde_json::from_str(json_text).expect("test input is valid JSON");
        canonicalize(&value).expect("test input has a canonical form")
    }

    // ---- RFC 8785 §3.2.2 / §3.2.3 / §3.2.4: the worked example --------------------------------

    /// The input of §3.2.2, exactly as printed in the RFC.
    const RFC_SAMPLE_INPUT: &str = r#"{
        "numbers": [333333333.33333329, 1E30, 4.50,
                    2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
    }"#;

    /// The canonical form printed in §3.2.3 (without its display line wrap).
    const RFC_SAMPLE_CANONICAL: &str = "{\"literals\":[null,true,false],\
        \"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\
        \"string\":\"\u{20ac}$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

    /// The UTF-8 bytes of the canonical form as printed in §3.2.4.
    const RFC_SAMPLE_BYTES: &str = "\
        7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72 \
        75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a \
        5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31 \
        65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37 \
        5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30 \
        30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d";

    /// The data of the §3.2.2 sample, built in code: the number literals are those printed in
    /// the RFC, rounded to doubles by the Rust compiler (correctly, unlike serde_json's default
    /// parser; see `parsing_the_rfc_sample_text_needs_correctly_rounded_floats`).
    #[allow(
        clippy::excessive_precision,
        reason = "the RFC's literal, verbatim: rounding it to a double is part of the test"
    )]
    fn rfc_sample() -> Value {
        json!({
            "numbers": [333333333.33333329_f64, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
            "string": "\u{20ac}$\u{f}\nA'B\"\\\\\"/",
            "literals": [null, true, false],
        })
    }

    #[test]
    fn rfc_8785_sample_gives_the_canonical_text_of_section_3_2_3() {
        assert_eq!(canonicalize(&rfc_sample()).unwrap(), RFC_SAMPLE_CANONICAL);
    }

    #[test]
    fn rfc_8785_sample_gives_the_utf8_bytes_of_section_3_2_4() {
        let expected = RFC_SAMPLE_BYTES.replace(' ', "");
        assert_eq!(hex::encode(canonicalize(&rfc_sample()).unwrap()), expected);
    }

    #[test]
    fn rfc_8785_sample_string_escapes_parse_to_the_same_text() {
        // The string member of the sample, parsed from the RFC's JSON text with its escapes.
        let parsed: Value = serde_json::from_str(RFC_SAMPLE_INPUT).unwrap();
        assert_eq!(parsed["string"], rfc_sample()["string"]);
        assert_eq!(parsed["literals"], rfc_sample()["literals"]);
    }

    /// serde_json's default number parser rounds `333333333.33333329` one unit in the last place
    /// too low (to the double written `333333333.33333325`); with its `float_roundtrip` feature
    /// it rounds correctly and this test passes. Canonicalization itself is not at fault: it
    /// writes exactly the double it is given.
    #[test]
    fn parsing_the_rfc_sample_text_needs_correctly_rounded_floats() {
        assert_eq!(canonical_text(RFC_SAMPLE_INPUT), RFC_SAMPLE_CANONICAL);
    }

    /// The sorting test data of §3.2.3, exactly as printed in the RFC.
    #[test]
    fn rfc_8785_sorting_example_sorts_by_utf16_code_units() {
        let input = r#"{
            "\u20ac": "Euro Sign",
            "\r": "Carriage Return",
            "\ufb33": "Hebrew Letter Dalet With Dagesh",
            "1": "One",
            "\ud83d\ude00": "Emoji: Grinning Face",
            "\u0080": "Control",
            "\u00f6": "Latin Small Letter O With Diaeresis"
        }"#;
        // The RFC's expected order of the values.
        let expected_order = [
            "Carriage Return",
            "One",
            "Control",
            "Latin Small Letter O With Diaeresis",
            "Euro Sign",
            "Emoji: Grinning Face",
            "Hebrew Letter Dalet With Dagesh",
        ];
        let canonical = canonical_text(input);
        let positions: Vec<usize> = expected_order
            .iter()
            .map(|v| canonical.find(&format!("\"{v}\"")).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{canonical}");
        assert_eq!(
            canonical,
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\
             \"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\
             \"\u{1f600}\":\"Emoji: Grinning Face\",\
             \"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        );
    }

    #[test]
    fn supplementary_characters_sort_before_u_e000_to_u_ffff() {
        // In UTF-8 (and by `char`) U+E000 comes first; in UTF-16 U+10000 (D800 DC00) does.
        let mut members = Map::new();
        members.insert("\u{e000}".to_owned(), json!(1));
        members.insert("\u{10000}".to_owned(), json!(2));
        members.insert("\u{ffff}".to_owned(), json!(3));
        members.insert("\u{10ffff}".to_owned(), json!(4));
        assert_eq!(
            canonicalize(&Value::Object(members)).unwrap(),
            "{\"\u{10000}\":2,\"\u{10ffff}\":4,\"\u{e000}\":1,\"\u{ffff}\":3}"
        );
    }

    // ---- RFC 8785 Appendix B: number serialization samples -------------------------------------

    /// Every finite row of Appendix B, Table 1: IEEE 754 bits and the expected JSON text.
    const APPENDIX_B_FINITE: [(u64, &str); 24] = [
        (0x0000000000000000, "0"),                        // Zero
        (0x8000000000000000, "0"),                        // Minus zero
        (0x0000000000000001, "5e-324"),                   // Min pos number
        (0x8000000000000001, "-5e-324"),                  // Min neg number
        (0x7fefffffffffffff, "1.7976931348623157e+308"),  // Max pos number
        (0xffefffffffffffff, "-1.7976931348623157e+308"), // Max neg number
        (0x4340000000000000, "9007199254740992"),         // Max pos int
        (0xc340000000000000, "-9007199254740992"),        // Max neg int
        (0x4430000000000000, "295147905179352830000"),    // ~2**68
        (0x44b52d02c7e14af5, "9.999999999999997e+22"),
        (0x44b52d02c7e14af6, "1e+23"),
        (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
        (0x444b1ae4d6e2ef4e, "999999999999999700000"),
        (0x444b1ae4d6e2ef4f, "999999999999999900000"),
        (0x444b1ae4d6e2ef50, "1e+21"),
        (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
        (0x3eb0c6f7a0b5ed8d, "0.000001"),
        (0x41b3de4355555553, "333333333.3333332"),
        (0x41b3de4355555554, "333333333.33333325"),
        (0x41b3de4355555555, "333333333.3333333"),
        (0x41b3de4355555556, "333333333.3333334"),
        (0x41b3de4355555557, "333333333.33333343"),
        (0xbecbf647612f3696, "-0.0000033333333333333333"),
        (0x43143ff3c1cb0959, "1424953923781206.2"), // Round to even
    ];

    #[test]
    fn appendix_b_finite_numbers_serialize_as_the_rfc_lists() {
        for (bits, expected) in APPENDIX_B_FINITE {
            let double = f64::from_bits(bits);
            let number = Number::from_f64(double).unwrap();
            assert_eq!(
                canonicalize(&Value::Number(number)).unwrap(),
                expected,
                "IEEE 754 {bits:016x}"
            );
            // And as an array element and a member value, where numbers usually are.
            assert_eq!(
                canonicalize(&json!({ "n": [double] })).unwrap(),
                format!("{{\"n\":[{expected}]}}"),
                "IEEE 754 {bits:016x}"
            );
        }
    }

    #[test]
    fn appendix_b_nan_and_infinity_have_no_json_form() {
        // The two non-finite rows of Table 1 (note 3: not permitted in JSON).
        for bits in [0x7fffffffffffffff_u64, 0x7ff0000000000000] {
            let double = f64::from_bits(bits);
            assert_eq!(format_double(double), None, "IEEE 754 {bits:016x}");
            assert_eq!(format_double(-double), None, "IEEE 754 -{bits:016x}");
            // serde_json cannot even hold them as numbers.
            assert!(Number::from_f64(double).is_none());
        }
    }

    // ---- cyberphone/json-canonicalization testdata (the RFC's reference implementation) --------

    #[test]
    #[allow(
        clippy::excessive_precision,
        reason = "the test data's literal, verbatim: rounding it to a double is part of the test"
    )]
    fn reference_testdata_values() {
        // testdata/input/values.json, built in code for the reason given at `rfc_sample`.
        let value = json!({
            "numbers": [1E30, 4.50, 333333333.33333329_f64, 2e-3, 0.000000000000000000000000001],
            "escaping": "\u{20ac}$\u{f}\nA'B\"\\\\\"/",
            "literals": [null, true, false]
        });
        assert_eq!(
            canonicalize(&value).unwrap(),
            "{\"escaping\":\"\u{20ac}$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\",\
             \"literals\":[null,true,false],\
             \"numbers\":[1e+30,4.5,333333333.3333333,0.002,1e-27]}"
        );
    }

    #[test]
    fn reference_testdata_weird() {
        let input = r#"{
          "\u20ac": "Euro Sign",
          "1": "One",
          "\u0080": "Control\u007f",
          "\ud83d\ude02": "Smiley",
          "\u00f6": "Latin Small Letter O With Diaeresis",
          "\ufb33": "Hebrew Letter Dalet With Dagesh",
          "</script>": "Browser Challenge"
        }"#;
        assert_eq!(
            canonical_text(input),
            "{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u{80}\":\"Control\u{7f}\",\
             \"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\
             \"\u{1f602}\":\"Smiley\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        );
    }

    #[test]
    fn reference_testdata_structures() {
        let input = r#"{
          "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0},
          "10": { },
          "": "empty",
          "a": { },
          "111": [ { } ],
          "A": { }
        }"#;
        assert_eq!(
            canonical_text(input),
            r#"{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}"#
        );
    }

    #[test]
    fn reference_testdata_arrays() {
        // Input from the reference testdata; expected output derived from the rules (array
        // order kept, members of the nested object sorted).
        let input = r#"[
          56,
          {
            "d": true,
            "10": null,
            "1": [ ]
          }
        ]"#;
        assert_eq!(canonical_text(input), r#"[56,{"1":[],"10":null,"d":true}]"#);
    }

    #[test]
    fn reference_testdata_french() {
        let input = r#"{
          "peach": "This sorting order",
          "péché": "is wrong according to French",
          "pêche": "but canonicalization MUST",
          "sin":   "ingnore locale"
        }"#;
        assert_eq!(
            canonical_text(input),
            "{\"peach\":\"This sorting order\",\"péché\":\"is wrong according to French\",\
             \"pêche\":\"but canonicalization MUST\",\"sin\":\"ingnore locale\"}"
        );
    }

    #[test]
    fn reference_testdata_unicode_is_not_normalized() {
        let input = r#"{
          "Unnormalized Unicode":"\u1e0d\u0307"
        }"#;
        assert_eq!(
            canonical_text(input),
            "{\"Unnormalized Unicode\":\"\u{1e0d}\u{307}\"}"
        );
    }

    #[test]
    fn reference_testdata_simple_string() {
        let canonical = canonical_text(r#"    "this is a test string 1235""#);
        assert_eq!(canonical, "\"this is a test string 1235\"");
        assert_eq!(
            hex::encode_upper(canonical),
            "22 74 68 69 73 20 69 73 20 61 20 74 65 73 74 20 73 74 72 69 6E 67 20 31 32 33 35 22"
                .replace(' ', "")
        );
    }

    // ---- Strings --------------------------------------------------------------------------------

    #[test]
    fn kazakh_and_russian_text_stays_literal_utf8() {
        let value = json!({
            "kk": "Қазақстан Республикасы",
            "ru": "Республика Казахстан",
        });
        let canonical = canonicalize(&value).unwrap();
        assert_eq!(
            canonical,
            r#"{"kk":"Қазақстан Республикасы","ru":"Республика Казахстан"}"#
        );
        assert!(!canonical.contains("\\u"));
    }

    #[test]
    fn control_characters_are_escaped_and_nothing_else_is() {
        let all_controls: String = (0u8..0x20).map(char::from).collect();
        assert_eq!(
            canonicalize(&json!(all_controls)).unwrap(),
            "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\
             \\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\
             \\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\
             \\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\""
        );
        // Quote and backslash escaped; solidus, DEL, non-ASCII, non-BMP and U+2028 literal.
        assert_eq!(
            canonicalize(&json!("\"\\/\u{7f}\u{a0}\u{2028}\u{1f600}<>&'")).unwrap(),
            "\"\\\"\\\\/\u{7f}\u{a0}\u{2028}\u{1f600}<>&'\""
        );
    }

    #[test]
    fn member_names_are_escaped_like_strings() {
        assert_eq!(
            canonicalize(&json!({ "a\"b\\c\nd\u{1}": true })).unwrap(),
            r#"{"a\"b\\c\nd\u0001":true}"#
        );
    }

    // ---- Literals, numbers and structure -------------------------------------------------------

    #[test]
    fn literals_and_empty_containers() {
        assert_eq!(canonicalize(&json!(null)).unwrap(), "null");
        assert_eq!(canonicalize(&json!(true)).unwrap(), "true");
        assert_eq!(canonicalize(&json!(false)).unwrap(), "false");
        assert_eq!(canonicalize(&json!([])).unwrap(), "[]");
        assert_eq!(canonicalize(&json!({})).unwrap(), "{}");
        assert_eq!(canonicalize(&json!("")).unwrap(), "\"\"");
    }

    #[test]
    fn whitespace_is_removed_and_nested_objects_sorted() {
        let input =
            "{ \"b\" : [ 1 , { \"z\" : 1 , \"y\" : [ ] } ] ,\n\t\"a\" : { \"d\" : 1, \"c\" : 2 } }";
        assert_eq!(
            canonical_text(input),
            r#"{"a":{"c":2,"d":1},"b":[1,{"y":[],"z":1}]}"#
        );
    }

    #[test]
    fn integers_are_written_as_doubles() {
        assert_eq!(canonicalize(&json!(0)).unwrap(), "0");
        assert_eq!(canonicalize(&json!(-0.0)).unwrap(), "0");
        assert_eq!(canonicalize(&json!(-1)).unwrap(), "-1");
        assert_eq!(canonicalize(&json!(56.0)).unwrap(), "56");
        assert_eq!(canonical_text("1E2"), "100");
        assert_eq!(canonical_text("-0"), "0");
        assert_eq!(canonical_text("-0.0"), "0");
        // 2^53, and integers above it that have an exact double.
        assert_eq!(
            canonicalize(&json!(9_007_199_254_740_992_u64)).unwrap(),
            "9007199254740992"
        );
        // 2^60 = 1152921504606846976; the shortest digits that read back as it are 16.
        assert_eq!(
            canonicalize(&json!(1_u64 << 60)).unwrap(),
            "1152921504606847000"
        );
        // -2^63 is exact; ECMAScript writes it with 17 significant digits.
        assert_eq!(
            canonicalize(&json!(i64::MIN)).unwrap(),
            "-9223372036854776000"
        );
        // Beyond 1e21 an integer-valued double goes to exponent notation.
        assert_eq!(canonical_text("1000000000000000000000"), "1e+21");
    }

    #[test]
    fn an_integer_without_an_exact_double_is_refused_with_its_path() {
        let value = json!({
            "sections": [
                { "clauses": [1] },
                { "clauses": [9_007_199_254_740_993_u64] },
            ]
        });
        let err = canonicalize(&value).unwrap_err();
        assert_eq!(
            err,
            CanonicalError::InexactInteger {
                path: "$.sections[1].clauses[0]".to_owned(),
                number: "9007199254740993".to_owned(),
            }
        );
        assert_eq!(
            err.to_string(),
            "the integer 9007199254740993 at $.sections[1].clauses[0] cannot be represented \
             exactly as an IEEE 754 double, so it has no canonical JSON form; write it as a string"
        );
        assert_eq!(content_hash(&value), Err(err));

        let negative = json!([{ "2024-01": { "total": -9_007_199_254_740_993_i64 } }]);
        assert_eq!(
            canonicalize(&negative).unwrap_err(),
            CanonicalError::InexactInteger {
                path: "$[0][\"2024-01\"].total".to_owned(),
                number: "-9007199254740993".to_owned(),
            }
        );

        assert_eq!(
            canonicalize(&json!(u64::MAX)).unwrap_err(),
            CanonicalError::InexactInteger {
                path: "$".to_owned(),
                number: u64::MAX.to_string(),
            }
        );
    }

    #[test]
    fn paths_quote_member_names_that_are_not_identifiers() {
        let steps = [
            Step::Member("_ok1"),
            Step::Member("1st"),
            Step::Member(""),
            Step::Member("say \"hi\""),
            Step::Element(7),
            Step::Member("Қазақ"),
        ];
        assert_eq!(
            render_path(&steps),
            r#"$._ok1["1st"][""]["say \"hi\""][7]["Қазақ"]"#
        );
        assert_eq!(render_path(&[]), "$");
    }

    #[test]
    fn non_finite_number_error_message() {
        let err = CanonicalError::NonFiniteNumber {
            path: "$.amount".to_owned(),
            number: "1e400".to_owned(),
        };
        assert_eq!(
            err.to_string(),
            "the number 1e400 at $.amount is not a finite IEEE 754 double, so it has no \
             canonical JSON form"
        );
    }

    // ---- Content hash ---------------------------------------------------------------------------

    #[test]
    fn content_hash_of_the_rfc_sample() {
        // printf '%s' '<RFC_SAMPLE_CANONICAL>' | sha256sum
        assert_eq!(
            content_hash(&rfc_sample()).unwrap(),
            "sha256:2d5e01a318d0f0879ab568c4be289c8b1f64ef8921a53c6277d5e069978baacb"
        );
    }

    #[test]
    fn content_hash_of_kazakh_and_russian_text() {
        // printf '%s' '{"kk":"Қазақстан Республикасы","ru":"Республика Казахстан"}' | sha256sum
        let value = json!({ "ru": "Республика Казахстан", "kk": "Қазақстан Республикасы" });
        let hash = content_hash(&value).unwrap();
        assert_eq!(
            hash,
            "sha256:b119e899dfe21c762e1c8891d2725f7bbb2ff75f0975b0dd54c5bc91f4aa3261"
        );
        assert_eq!(hash.len(), "sha256:".len() + 64);
    }

    #[test]
    fn member_order_does_not_change_the_hash() {
        let mut first = Map::new();
        first.insert("title".to_owned(), json!("Меморандум"));
        first.insert("\u{1f600}".to_owned(), json!(1));
        first.insert("\u{e000}".to_owned(), json!(2));
        first.insert(
            "sections".to_owned(),
            json!([{ "number": 1, "heading": "Жалпы ережелер" }]),
        );

        let mut nested = Map::new();
        nested.insert("heading".to_owned(), json!("Жалпы ережелер"));
        nested.insert("number".to_owned(), json!(1.0));
        let mut second = Map::new();
        second.insert("sections".to_owned(), json!([Value::Object(nested)]));
        second.insert("\u{e000}".to_owned(), json!(2));
        second.insert("\u{1f600}".to_owned(), json!(1));
        second.insert("title".to_owned(), json!("Меморандум"));

        let (first, second) = (Value::Object(first), Value::Object(second));
        assert_eq!(
            content_hash(&first).unwrap(),
            content_hash(&second).unwrap()
        );
        assert_eq!(
            canonicalize(&first).unwrap(),
            "{\"sections\":[{\"heading\":\"Жалпы ережелер\",\"number\":1}],\
             \"title\":\"Меморандум\",\"\u{1f600}\":1,\"\u{e000}\":2}"
        );

        // The same from JSON texts with the members in different orders and spellings.
        let a = r#"{"b": 4.50, "a": [1, {"y": null, "x": "Қ"}]}"#;
        let b = r#"{ "a" : [ 1E0 , { "x" : "\u049a" , "y" : null } ] , "b" : 45e-1 }"#;
        let hash = |text: &str| content_hash(&serde_json::from_str(text).unwrap()).unwrap();
        assert_eq!(hash(a), hash(b));
        // Array order does matter.
        assert_ne!(hash("[1,2]"), hash("[2,1]"));
    }
}
