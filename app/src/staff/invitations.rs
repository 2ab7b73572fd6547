//! Invitations: issuing a personal one (whose raw token only ever goes to its respondent),
//! and a round's open link with its cap and printable sheet.
//!
//! Staff never hold a personal link: it is made here and handed straight to the respondent
//! (by e-mail, or on the page the open link redirects them to), and only its hash is stored.

use chrono::{DateTime, Utc};
use quickscan_domain::RespondentGroup;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    TransactionTrait,
};

use super::rounds::{manageable_open_round, readable_round};
use super::view::OpenLinkSheet;
use super::StaffError;
use crate::auth::StaffUser;
use crate::db::{invitation, open_link};
use crate::paths;
use crate::server_context::ServerContext;

/// Inserts one personal invitation for `round_id` and returns its raw token.
///
/// Only the token's hash is stored, so the returned token is the one copy there is: hand it
/// to the respondent (their e-mail, or the page the open link redirects them to) and to
/// nobody else — never to a staff page, an export or a log. The caller has checked access
/// and that the round is open, and runs this inside its transaction.
pub async fn issue_personal(
    txn: &impl ConnectionTrait,
    round_id: i32,
    group: Option<RespondentGroup>,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = invitation::new_token();
    invitation::Entity::insert(invitation::ActiveModel {
        round_id: Set(round_id),
        token_hash: Set(invitation::hash_token(&token)),
        respondent_group: Set(group.map(|g| g.code().to_owned())),
        created_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(txn)
    .await?;
    Ok(token)
}

/// The largest response cap an open link may have.
pub const MAX_OPEN_LINK_CAP: i32 = 10_000;

/// The full shared address of an open link.
pub fn open_link_address(ctx: &ServerContext, slug: &str) -> String {
    format!("{}{}", ctx.public_url, paths::OPEN_LINK.with(slug))
}

/// Creates the round's open link with `cap`, or sets the cap of the one it has.
///
/// A cap below what the link already issued is allowed: the link then starts no one new.
pub async fn set_open_link(
    ctx: &ServerContext,
    user: &StaffUser,
    round_id: i32,
    cap: i32,
) -> Result<(), StaffError> {
    let round = manageable_open_round(&ctx.db, user, round_id).await?;
    if !(1..=MAX_OPEN_LINK_CAP).contains(&cap) {
        return Err(StaffError::InvalidCap);
    }
    let txn = ctx.db.begin().await?;
    let updated = open_link::Entity::update_many()
        .col_expr(open_link::Column::ResponseCap, Expr::value(cap))
        .filter(open_link::Column::RoundId.eq(round.id))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        open_link::Entity::insert(open_link::ActiveModel {
            round_id: Set(round.id),
            slug: Set(invitation::new_token()),
            response_cap: Set(cap),
            responses: Set(0),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The printable invitation sheet of a round's open link, for those who may read the round.
pub async fn open_link_sheet(
    ctx: &ServerContext,
    user: StaffUser,
    round_id: i32,
) -> Result<OpenLinkSheet, StaffError> {
    let (round, organisation) = readable_round(&ctx.db, &user, round_id).await?;
    let link = open_link::Entity::find()
        .filter(open_link::Column::RoundId.eq(round.id))
        .one(&ctx.db)
        .await?
        .ok_or(StaffError::NotFound)?;
    let address = open_link_address(ctx, &link.slug);
    let qr_svg = qr_svg(&address).ok_or_else(|| {
        tracing::error!("the open link does not fit a QR code");
        StaffError::Storage
    })?;
    Ok(OpenLinkSheet {
        user,
        round_id: round.id,
        organisation: organisation.name,
        round: round.name,
        link: address,
        qr_svg,
    })
}

/// A QR code of `text` as an inline SVG element (without the XML declaration).
fn qr_svg(text: &str) -> Option<String> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    let start = image.find("<svg")?;
    Some(image[start..].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_is_one_inline_svg_element() {
        let svg = qr_svg("http://127.0.0.1:3000/j/abcdefghijklmnopqrstuvwxyz").unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(!svg.contains("<?xml"));
    }
}
