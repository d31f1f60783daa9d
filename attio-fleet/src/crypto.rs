//! Tokens and webhook secrets sealed at rest: XChaCha20-Poly1305 (the
//! RustCrypto `chacha20poly1305` crate), a random 24-byte nonce per value
//! and the workspace id as associated data, so that a sealed token copied
//! into another workspace's row does not open.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use crate::FleetError;

/// The environment variable holding the current key: 64 hex digits (32 bytes).
pub const KEY_ENV: &str = "ATTIO_FLEET_KEY";

/// The environment variable holding former keys, comma-separated, still
/// accepted for opening until [`Installations::rotate_key`](crate::Installations::rotate_key)
/// has re-sealed every value under the current key.
pub const OLD_KEYS_ENV: &str = "ATTIO_FLEET_OLD_KEYS";

/// The format byte in front of every sealed value.
const VERSION: u8 = 1;
const NONCE_LEN: usize = 24;

/// The current key, which seals, and former keys, which only open.
#[derive(Clone)]
pub struct Keyring {
    current: XChaCha20Poly1305,
    old: Vec<XChaCha20Poly1305>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("current", &"<redacted>")
            .field("old", &self.old.len())
            .finish()
    }
}

impl Keyring {
    /// A keyring from a hex key (64 hex digits) and former hex keys.
    pub fn new(current_hex: &str, old_hex: &[&str]) -> Result<Keyring, FleetError> {
        Ok(Keyring {
            current: cipher(current_hex)?,
            old: old_hex
                .iter()
                .map(|k| cipher(k))
                .collect::<Result<_, _>>()?,
        })
    }

    /// The keys of `ATTIO_FLEET_KEY` and `ATTIO_FLEET_OLD_KEYS`.
    pub fn from_env() -> Result<Keyring, FleetError> {
        let current = std::env::var(KEY_ENV).map_err(|_| {
            FleetError::Crypto(format!(
                "{KEY_ENV} is not set: set it to 64 hex digits (e.g. `openssl rand -hex 32`)"
            ))
        })?;
        let old = std::env::var(OLD_KEYS_ENV).unwrap_or_default();
        let old: Vec<&str> = old
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .collect();
        Keyring::new(&current, &old)
    }

    /// A new random key, as 64 hex digits.
    pub fn generate_key() -> String {
        hex::encode(XChaCha20Poly1305::generate_key(&mut OsRng))
    }

    /// Seals `plain` for the row of `workspace_id`.
    pub fn seal(&self, workspace_id: &str, plain: &str) -> Result<Vec<u8>, FleetError> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let payload = Payload {
            msg: plain.as_bytes(),
            aad: workspace_id.as_bytes(),
        };
        let sealed = self
            .current
            .encrypt(&nonce, payload)
            .map_err(|_| FleetError::Crypto("sealing failed".into()))?;
        let mut out = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
        out.push(VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Opens a value sealed for `workspace_id` with the current key or a
    /// former one; also says whether it was a former one (to re-seal).
    pub fn open(&self, workspace_id: &str, sealed: &[u8]) -> Result<(String, bool), FleetError> {
        if sealed.len() < 1 + NONCE_LEN || sealed[0] != VERSION {
            return Err(FleetError::Crypto(
                "a sealed value is truncated or of an unknown format".into(),
            ));
        }
        let nonce = XNonce::from_slice(&sealed[1..1 + NONCE_LEN]);
        let keys = std::iter::once(&self.current).chain(&self.old);
        for (n, key) in keys.enumerate() {
            let payload = Payload {
                msg: &sealed[1 + NONCE_LEN..],
                aad: workspace_id.as_bytes(),
            };
            if let Ok(plain) = key.decrypt(nonce, payload) {
                let plain = String::from_utf8(plain)
                    .map_err(|_| FleetError::Crypto("a sealed value is not text".into()))?;
                return Ok((plain, n > 0));
            }
        }
        Err(FleetError::Crypto(format!(
            "a value of workspace {workspace_id} opens with none of the keys: give the key it was sealed with in {OLD_KEYS_ENV}"
        )))
    }
}

fn cipher(hex_key: &str) -> Result<XChaCha20Poly1305, FleetError> {
    let bytes = hex::decode(hex_key.trim())
        .ok()
        .filter(|b| b.len() == 32)
        .ok_or_else(|| FleetError::Crypto("a key must be 64 hex digits (32 bytes)".into()))?;
    XChaCha20Poly1305::new_from_slice(&bytes)
        .map_err(|_| FleetError::Crypto("a key must be 32 bytes".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_for_its_workspace_and_key() {
        let key = Keyring::generate_key();
        let ring = Keyring::new(&key, &[]).unwrap();
        let sealed = ring.seal("w1", "token-1").unwrap();
        assert!(!String::from_utf8_lossy(&sealed).contains("token-1"));
        assert_eq!(ring.open("w1", &sealed).unwrap(), ("token-1".into(), false));
        assert!(ring.open("w2", &sealed).is_err());
        let other = Keyring::new(&Keyring::generate_key(), &[]).unwrap();
        assert!(other.open("w1", &sealed).is_err());
        // Two seals of one value differ (a fresh nonce each).
        assert_ne!(ring.seal("w1", "token-1").unwrap(), sealed);
    }

    #[test]
    fn a_former_key_still_opens_and_says_so() {
        let old = Keyring::generate_key();
        let sealed = Keyring::new(&old, &[]).unwrap().seal("w", "t").unwrap();
        let ring = Keyring::new(&Keyring::generate_key(), &[&old]).unwrap();
        assert_eq!(ring.open("w", &sealed).unwrap(), ("t".into(), true));
    }

    #[test]
    fn malformed_keys_are_refused_and_keys_never_debug_print() {
        assert!(Keyring::new("abc", &[]).is_err());
        let key = Keyring::generate_key();
        let ring = Keyring::new(&key, &[]).unwrap();
        assert!(!format!("{ring:?}").contains(&key));
    }
}
