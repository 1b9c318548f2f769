//! The trust store: counterparties' certificates and CA certificates, by SHA-256 fingerprint.

use kelisim_store::TrustedCertificate;

use crate::dto::TrustedCertificateDto;
use crate::{actor, AppError, Kelisim};

fn dto(c: TrustedCertificate) -> TrustedCertificateDto {
    TrustedCertificateDto {
        fingerprint: c.fingerprint,
        subject: c.subject,
        is_ca: c.is_ca,
        added_at: c.added_at,
    }
}

/// A fingerprint as typed (any case, spaces or colons or none) in the stored form `3F2A 9C01 …`.
pub fn normalise_fingerprint(typed: &str) -> Result<String, AppError> {
    let hex: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ':')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::InvalidInput {
            field: "fingerprint".into(),
            message: "a SHA-256 fingerprint is 64 hexadecimal digits (spaces allowed)".into(),
        });
    }
    let groups: Vec<&str> = (0..16).filter_map(|i| hex.get(i * 4..i * 4 + 4)).collect();
    Ok(groups.join(" "))
}

/// A certificate given as PEM or DER.
pub(crate) fn read_certificate(bytes: &[u8]) -> Result<kelisim_sign::CertificateInfo, AppError> {
    kelisim_sign::certificate_info(bytes).map_err(|err| AppError::InvalidInput {
        field: "certificate".into(),
        message: format!("not an X.509 certificate in PEM or DER ({err})"),
    })
}

impl Kelisim {
    /// Adds a certificate (PEM or DER) to the trust store; its fingerprint is returned so the
    /// user can compare it with the owner's.
    pub async fn trust_add(&self, certificate: &[u8]) -> Result<TrustedCertificateDto, AppError> {
        let info = read_certificate(certificate)?;
        let cert = TrustedCertificate {
            fingerprint: info.fingerprint.clone(),
            subject: info.subject,
            certificate: info.der,
            is_ca: info.is_ca,
            added_at: String::new(),
        };
        self.store.trust_add(&cert, &actor()).await?;
        self.trust_list()
            .await?
            .into_iter()
            .find(|c| c.fingerprint == info.fingerprint)
            .ok_or_else(|| AppError::Render("the certificate was not stored".into()))
    }

    /// Every trusted certificate.
    pub async fn trust_list(&self) -> Result<Vec<TrustedCertificateDto>, AppError> {
        Ok(self
            .store
            .trust_list()
            .await?
            .into_iter()
            .map(dto)
            .collect())
    }

    /// Removes a certificate from the trust store by its fingerprint.
    pub async fn trust_remove(&self, fingerprint: &str) -> Result<(), AppError> {
        let fingerprint = normalise_fingerprint(fingerprint)?;
        Ok(self.store.trust_remove(&fingerprint, &actor()).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_accepted_in_any_spelling() {
        let canonical =
            "3F2A 9C01 0000 1111 2222 3333 4444 5555 6666 7777 8888 9999 AAAA BBBB CCCC DDDD";
        let squashed = canonical.replace(' ', "").to_lowercase();
        assert_eq!(normalise_fingerprint(&squashed).unwrap(), canonical);
        assert_eq!(normalise_fingerprint(canonical).unwrap(), canonical);
        assert!(normalise_fingerprint("3F2A").is_err());
    }
}
