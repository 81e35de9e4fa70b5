//! What a move between backends verifies before its transaction commits: the row count of every table and a
//! checksum of History (every column of every entry, in id order), read from the source and from the copy, and
//! how they differ when they do.

use super::{history, quoted, Count, TransferError, TABLES};
use diesel::prelude::*;
use diesel::query_builder::SqlQuery;
use diesel::query_dsl::LoadQuery;
use sha2::{Digest, Sha256};
use std::fmt;

/// What was verified on both sides of a move: the same rows in every table, and the same History.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// Every table's rows, in the order of [`TABLES`].
    pub tables: Vec<TableRows>,
    pub history_checksum: HistoryChecksum,
}

/// How many rows a table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableRows {
    pub table: &'static str,
    pub rows: i64,
}

/// SHA-256 over every column of every History entry, in id order; each value tagged with its type and whether it
/// is there, and each text preceded by its length, so that different entries cannot give the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryChecksum(pub [u8; 32]);

impl fmt::Display for HistoryChecksum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02x}"))
    }
}

/// How a copy differs from its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    Rows { table: &'static str, source: i64, copy: i64 },
    History { source: HistoryChecksum, copy: HistoryChecksum },
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::Rows { table, source, copy } => write!(f, "{table} has {source} rows but its copy {copy}"),
            Difference::History { source, copy } => write!(f, "History's checksum is {source} but its copy's {copy}"),
        }
    }
}

/// The rows of every table and History's checksum, read from `conn` (the backend's own way of streaming History is
/// given by the caller).
pub(super) fn verify<C>(
    conn: &mut C,
    checksum: impl FnOnce(&mut C) -> QueryResult<HistoryChecksum>,
) -> QueryResult<Verified>
where
    for<'a> SqlQuery: LoadQuery<'a, C, Count>,
{
    let mut tables = Vec::with_capacity(TABLES.len());
    for &table in TABLES {
        let rows =
            diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {}", quoted(table))).get_result::<Count>(conn)?.n;
        tables.push(TableRows { table, rows });
    }
    Ok(Verified { tables, history_checksum: checksum(conn)? })
}

/// The copy's figures when they are the source's; otherwise every difference, which rolls the copy back.
pub(super) fn compare(source: &Verified, copy: Verified) -> Result<Verified, TransferError> {
    let mut differences: Vec<Difference> = source
        .tables
        .iter()
        .zip(&copy.tables)
        .filter(|(source, copy)| source.rows != copy.rows)
        .map(|(source, copy)| Difference::Rows { table: source.table, source: source.rows, copy: copy.rows })
        .collect();
    if source.history_checksum != copy.history_checksum {
        differences.push(Difference::History { source: source.history_checksum, copy: copy.history_checksum });
    }
    if differences.is_empty() {
        Ok(copy)
    } else {
        Err(TransferError::Mismatch(differences))
    }
}

/// A value's bytes in History's checksum.
trait Fingerprint {
    fn feed(&self, hasher: &mut Sha256);
}

impl Fingerprint for i32 {
    fn feed(&self, hasher: &mut Sha256) {
        hasher.update([b'i']);
        hasher.update(self.to_be_bytes());
    }
}

impl Fingerprint for i64 {
    fn feed(&self, hasher: &mut Sha256) {
        hasher.update([b'l']);
        hasher.update(self.to_be_bytes());
    }
}

impl Fingerprint for String {
    fn feed(&self, hasher: &mut Sha256) {
        hasher.update([b's']);
        hasher.update((self.len() as u64).to_be_bytes());
        hasher.update(self.as_bytes());
    }
}

impl<T: Fingerprint> Fingerprint for Option<T> {
    fn feed(&self, hasher: &mut Sha256) {
        match self {
            None => hasher.update([b'-']),
            Some(value) => {
                hasher.update([b'+']);
                value.feed(hasher);
            }
        }
    }
}

/// History's checksum over `entries`, which come in id order.
pub(super) fn history_checksum(
    entries: impl Iterator<Item = QueryResult<history::Row>>,
) -> QueryResult<HistoryChecksum> {
    let mut hasher = Sha256::new();
    for entry in entries {
        // Every column by name: a column added to History does not compile here until it is in the checksum.
        let (id, at, actor_user_id, actor_email, job_seeker_id, requisition_id, kind, summary, details) = entry?;
        id.feed(&mut hasher);
        at.feed(&mut hasher);
        actor_user_id.feed(&mut hasher);
        actor_email.feed(&mut hasher);
        job_seeker_id.feed(&mut hasher);
        requisition_id.feed(&mut hasher);
        kind.feed(&mut hasher);
        summary.feed(&mut hasher);
        details.feed(&mut hasher);
    }
    Ok(HistoryChecksum(hasher.finalize().into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_checksums_tell_apart_values_that_run_together() {
        let entry = |summary: &str, details: &str| -> history::Row {
            (1, 2, None, "a@b.example".into(), Some(3), None, "note".into(), summary.into(), details.into())
        };
        let once = |row: history::Row| history_checksum(std::iter::once(Ok(row))).expect("checksum");
        assert_ne!(once(entry("ab", "c")), once(entry("a", "bc")));
        assert_eq!(once(entry("ab", "c")), once(entry("ab", "c")));
        assert_eq!(once(entry("ab", "c")).to_string().len(), 64);
    }
}
