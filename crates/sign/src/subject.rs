//! Who a certificate names: person, position, organisation, BIN, country.

use crate::SignError;

/// The subject of a signer's (or an organisation CA's) certificate.
///
/// Encoded as the distinguished name `C, O, serialNumber, title, CN`:
/// - `name` → commonName (2.5.4.3), UTF8String (Kazakh and Russian names are fine);
/// - `position` → title (2.5.4.12), UTF8String, omitted when empty;
/// - `organisation` → organizationName (2.5.4.10), omitted when empty;
/// - `bin` (the 12-digit Business Identification Number) → serialNumber (2.5.4.5) as the
///   PrintableString `"BIN" + digits`, the convention of Kazakh national-CA certificates;
/// - `country` → countryName (2.5.4.6), PrintableString, `KZ` by default.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Subject {
    /// The person's (or the CA's) name.
    pub name: String,
    /// Position (job title).
    #[serde(default)]
    pub position: String,
    /// Organisation name.
    #[serde(default)]
    pub organisation: String,
    /// BIN, 12 digits, where known.
    #[serde(default)]
    pub bin: Option<String>,
    /// ISO 3166 two-letter country code.
    pub country: String,
}

impl Subject {
    /// A subject in Kazakhstan (country `KZ`), without BIN.
    pub fn new(name: &str, position: &str, organisation: &str) -> Self {
        Subject {
            name: name.to_owned(),
            position: position.to_owned(),
            organisation: organisation.to_owned(),
            bin: None,
            country: "KZ".to_owned(),
        }
    }

    /// The same subject with a BIN.
    pub fn with_bin(mut self, bin: &str) -> Self {
        self.bin = Some(bin.to_owned());
        self
    }

    /// Checks every field; the first problem is returned.
    pub fn validate(&self) -> Result<(), SignError> {
        let bad = |m: &str| Err(SignError::InvalidSubject(m.to_owned()));
        if self.name.trim().is_empty() {
            return bad("the name is empty");
        }
        for (field, value) in [
            ("name", &self.name),
            ("position", &self.position),
            ("organisation", &self.organisation),
        ] {
            if value.chars().count() > 200 || value.chars().any(char::is_control) {
                return Err(SignError::InvalidSubject(format!(
                    "the {field} is longer than 200 characters or holds control characters"
                )));
            }
        }
        if let Some(bin) = &self.bin {
            if bin.len() != 12 || !bin.bytes().all(|b| b.is_ascii_digit()) {
                return bad("the BIN must be 12 digits");
            }
        }
        if self.country.len() != 2 || !self.country.bytes().all(|b| b.is_ascii_uppercase()) {
            return bad("the country must be two capital letters (ISO 3166)");
        }
        Ok(())
    }
}
