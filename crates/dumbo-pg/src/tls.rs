//! The TLS connector (rustls with the ring provider), built per pool from the
//! connection's TLS settings.
//!
//! Verification follows libpq: `prefer`/`require` alone encrypt without checking the
//! server certificate (passive eavesdropping only); `verify-ca` (and `require` with a
//! root certificate) checks the chain against the trusted roots; `verify-full` also
//! checks that the certificate names the host. Handshake signatures are always
//! checked, so the peer must hold the key of the certificate it presents.

use std::path::PathBuf;
use std::sync::Arc;

use dumbo_core::{Error, Result};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_postgres::tls::MakeTlsConnect;
use tokio_postgres_rustls::MakeRustlsConnect;

/// How much of the server certificate is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verify {
    /// Encryption only (libpq `prefer`/`require` without a root certificate).
    None,
    /// The chain, against the trusted roots (`verify-ca`).
    Ca,
    /// The chain and the host name (`verify-full`).
    Full,
}

/// PEM data, from a file or given inline (node-postgres' `ssl.ca`, `ssl.cert`, `ssl.key`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Pem {
    File(PathBuf),
    Inline(Vec<u8>),
}

/// The trusted roots.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Roots {
    Pem(Pem),
    /// The platform's trust store (`sslrootcert=system`).
    System,
}

/// Everything the connector needs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TlsSettings {
    pub verify: Verify,
    /// Required unless `verify` is `None`.
    pub roots: Option<Roots>,
    /// Client certificate chain and its key (`sslcert`/`sslkey`).
    pub client_cert: Option<(Pem, Pem)>,
    /// The name sent as SNI and checked by `verify-full` (default: the host).
    pub server_name: Option<String>,
}

impl Default for TlsSettings {
    fn default() -> Self {
        TlsSettings {
            verify: Verify::None,
            roots: None,
            client_cert: None,
            server_name: None,
        }
    }
}

/// The connector of one pool or connection.
#[derive(Clone)]
pub struct Tls {
    inner: MakeRustlsConnect,
    server_name: Option<String>,
}

impl<S> MakeTlsConnect<S> for Tls
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Stream = <MakeRustlsConnect as MakeTlsConnect<S>>::Stream;
    type TlsConnect = <MakeRustlsConnect as MakeTlsConnect<S>>::TlsConnect;
    type Error = <MakeRustlsConnect as MakeTlsConnect<S>>::Error;

    fn make_tls_connect(&mut self, host: &str) -> Result<Self::TlsConnect, Self::Error> {
        let name = self.server_name.as_deref().unwrap_or(host);
        MakeTlsConnect::<S>::make_tls_connect(&mut self.inner, name)
    }
}

/// Builds the connector (reads the PEM files now, so a bad path fails early).
pub fn make_tls(settings: &TlsSettings) -> Result<Tls> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        // Static invariant, independent of user input: ring supports TLS 1.2 and 1.3.
        .expect("the ring provider supports the default TLS versions");
    let verifier: Arc<dyn ServerCertVerifier> = match (settings.verify, &settings.roots) {
        (Verify::None, _) => Arc::new(AcceptAnyCertificate(provider.clone())),
        (verify, Some(roots)) => {
            let webpki = WebPkiServerVerifier::builder_with_provider(
                Arc::new(root_store(roots)?),
                provider.clone(),
            )
            .build()
            .map_err(|e| tls_error(format!("cannot use the root certificates: {e}")))?;
            if verify == Verify::Full {
                webpki
            } else {
                Arc::new(ChainOnly(webpki))
            }
        }
        (_, None) => {
            return Err(tls_error(
                "certificate verification needs root certificates (sslrootcert)".to_owned(),
            ))
        }
    };
    let builder = builder
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let config = match &settings.client_cert {
        None => builder.with_no_client_auth(),
        Some((cert, key)) => builder
            .with_client_auth_cert(certificates(cert, "sslcert")?, private_key(key)?)
            .map_err(|e| tls_error(format!("invalid client certificate or key: {e}")))?,
    };
    Ok(Tls {
        inner: MakeRustlsConnect::new(config),
        server_name: settings.server_name.clone(),
    })
}

fn tls_error(reason: String) -> Error {
    Error::invalid_operation(format!("PostgreSQL TLS: {reason}"))
}

fn describe(pem: &Pem, what: &str) -> String {
    match pem {
        Pem::File(path) => format!("{what} file \"{}\"", path.display()),
        Pem::Inline(_) => format!("{what} (inline PEM)"),
    }
}

fn certificates(pem: &Pem, what: &str) -> Result<Vec<CertificateDer<'static>>> {
    let bytes = match pem {
        Pem::File(path) => std::fs::read(path)
            .map_err(|e| tls_error(format!("cannot read {}: {e}", describe(pem, what))))?,
        Pem::Inline(bytes) => bytes.clone(),
    };
    let certs = CertificateDer::pem_slice_iter(&bytes)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| tls_error(format!("invalid {}: {e}", describe(pem, what))))?;
    if certs.is_empty() {
        return Err(tls_error(format!(
            "no certificate in {}",
            describe(pem, what)
        )));
    }
    Ok(certs)
}

fn private_key(pem: &Pem) -> Result<PrivateKeyDer<'static>> {
    let bytes = match pem {
        Pem::File(path) => std::fs::read(path)
            .map_err(|e| tls_error(format!("cannot read {}: {e}", describe(pem, "sslkey"))))?,
        Pem::Inline(bytes) => bytes.clone(),
    };
    PrivateKeyDer::from_pem_slice(&bytes)
        .map_err(|e| tls_error(format!("invalid {}: {e}", describe(pem, "sslkey"))))
}

fn root_store(roots: &Roots) -> Result<RootCertStore> {
    let mut store = RootCertStore::empty();
    let certs = match roots {
        Roots::Pem(pem) => certificates(pem, "sslrootcert")?,
        Roots::System => {
            let found = rustls_native_certs::load_native_certs();
            if found.certs.is_empty() {
                return Err(tls_error(
                    "sslrootcert=system: no certificate in the platform's trust store".to_owned(),
                ));
            }
            found.certs
        }
    };
    for cert in certs {
        store
            .add(cert)
            .map_err(|e| tls_error(format!("invalid root certificate: {e}")))?;
    }
    Ok(store)
}

/// `verify-ca`: the chain must lead to a trusted root; the host name is not checked.
#[derive(Debug)]
struct ChainOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            // The name is checked after the chain, so this error means the chain is good.
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// Accepts any server certificate (libpq `prefer`/`require` semantics).
#[derive(Debug)]
struct AcceptAnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
