//! Sign-in throttling, counted atomically in the database.
//!
//! Every attempt first claims a place in three counters with one upsert each: the account and
//! client address together (the guesser at one account), the client address (one guesser
//! spraying many accounts) and the account (many addresses at one account). The counter's
//! answer decides, so parallel attempts each get a distinct number and the sixth of six
//! simultaneous tries is refused, on SQLite and on PostgreSQL alike. A successful sign-in
//! gives its places back. The counters live in the database, so every app server sees them.
//!
//! The pair limit is the small one: someone guessing from elsewhere does not lock the real
//! user out, who signs in from their own address. Only a guesser behind many addresses reaches
//! the account limit.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};
use sha2::{Digest, Sha256};

/// The window attempts are counted in.
pub const WINDOW: Duration = Duration::minutes(15);

/// What one counter counts, with its limit per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// One account from one client address.
    AccountFromAddress,
    /// One client address, whatever the account.
    Address,
    /// One account, from anywhere.
    Account,
}

impl Counted {
    /// Failed attempts a window allows before further tries are refused.
    pub fn limit(self) -> i64 {
        match self {
            Counted::AccountFromAddress => 5,
            Counted::Address => 50,
            Counted::Account => 100,
        }
    }
}

/// The counters one attempt claims.
pub struct Attempt {
    keys: [(Counted, String); 3],
}

impl Attempt {
    /// An attempt at `email` (normalised) from `client` (an address, or "" when unknown).
    pub fn new(email: &str, client: &str) -> Attempt {
        let key = |kind: &str, value: &str| {
            Sha256::digest(format!("{kind}\u{0}{value}").as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        Attempt {
            keys: [
                (
                    Counted::AccountFromAddress,
                    key("pair", &format!("{email}\u{0}{client}")),
                ),
                (Counted::Address, key("address", client)),
                (Counted::Account, key("account", email)),
            ],
        }
    }

    /// Claims a place in every counter. `Err(minutes)` when one of them is over its limit:
    /// the minutes until that window ends.
    pub async fn claim(
        &self,
        db: &impl ConnectionTrait,
        now: DateTime<Utc>,
    ) -> Result<Result<(), i64>, DbErr> {
        let mut wait = None;
        for (counted, key) in &self.keys {
            let (attempts, window_start) = bump(db, key, now).await?;
            if attempts > counted.limit() {
                let ends = window_start + WINDOW.num_seconds();
                let minutes = ((ends - now.timestamp()) + 59) / 60;
                wait = Some(wait.unwrap_or(0).max(minutes.max(1)));
            }
        }
        Ok(wait.map_or(Ok(()), Err))
    }

    /// Gives the places back after a successful sign-in: the pair starts afresh.
    pub async fn succeeded(&self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let backend = db.get_database_backend();
        for (counted, key) in &self.keys {
            let sql = match counted {
                Counted::AccountFromAddress => "DELETE FROM login_throttles WHERE counter_key = $1",
                _ => "UPDATE login_throttles SET attempts = attempts - 1 WHERE counter_key = $1 AND attempts > 0",
            };
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                placeholders(backend, sql),
                [Value::from(key.clone())],
            ))
            .await?;
        }
        Ok(())
    }
}

/// One atomic bump: a new window when the last one ended, else one attempt more. Returns the
/// attempts now counted and when the window began.
async fn bump(
    db: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(i64, i64), DbErr> {
    let backend = db.get_database_backend();
    // Every SET expression reads the row as it was before this statement, on both databases.
    let sql =
        "INSERT INTO login_throttles (counter_key, window_start, attempts) VALUES ($1, $2, 1) \
               ON CONFLICT (counter_key) DO UPDATE SET \
               attempts = CASE WHEN login_throttles.window_start <= excluded.window_start - $3 \
                          THEN 1 ELSE login_throttles.attempts + 1 END, \
               window_start = CASE WHEN login_throttles.window_start <= excluded.window_start - $3 \
                          THEN excluded.window_start ELSE login_throttles.window_start END \
               RETURNING attempts, window_start";
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            [
                Value::from(key.to_owned()),
                Value::from(now.timestamp()),
                Value::from(WINDOW.num_seconds()),
            ],
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("the throttle upsert returned no row".to_owned()))?;
    let attempts: i32 = row.try_get("", "attempts")?;
    let window_start: i64 = row.try_get("", "window_start")?;
    Ok((i64::from(attempts), window_start))
}

/// Deletes counters whose window ended: they decide nothing any more.
pub async fn purge(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        placeholders(
            backend,
            "DELETE FROM login_throttles WHERE window_start <= $1",
        ),
        [Value::from(now.timestamp() - WINDOW.num_seconds())],
    ))
    .await?;
    Ok(())
}

/// PostgreSQL numbers its placeholders (`$1`); SQLite takes `?NNN` for the same meaning.
fn placeholders(backend: DbBackend, sql: &str) -> String {
    match backend {
        DbBackend::Postgres => sql.to_owned(),
        _ => sql.replace('$', "?"),
    }
}
