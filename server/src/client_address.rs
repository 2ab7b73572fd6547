//! The client's address, for sign-in throttling.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::startup::AppState;

/// Where a request comes from: the configured proxy header's value when the server runs behind
/// a reverse proxy, else the connection's peer address; "" when neither is known (a router
/// driven without a listener).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddress(pub String);

/// The longest address kept: an IPv6 address with a zone is far shorter.
const MAX_ADDRESS_LENGTH: usize = 64;

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(header) = &state.client_address_header {
            // A proxy that appends (X-Forwarded-For) puts the address it saw last.
            let forwarded = parts
                .headers
                .get(header)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .map(str::trim)
                .filter(|v| !v.is_empty());
            if let Some(address) = forwarded {
                return Ok(ClientAddress(
                    address.chars().take(MAX_ADDRESS_LENGTH).collect(),
                ));
            }
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string())
            .unwrap_or_default();
        Ok(ClientAddress(peer))
    }
}
