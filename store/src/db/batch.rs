//! Multi-row statements: many rows in one round trip, with `$n` binds both engines accept
//! (`INSERT ... VALUES (...), (...)`, `WHERE id IN (...)`). The sync push writes a whole
//! batch of changes this way (docs/sync.md, "How a push is batched").

/// Binds one statement may carry: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_BINDS: usize = 30_000;

/// The most rows of `columns` binds each that one statement may carry.
pub fn rows_per_statement(columns: usize) -> usize {
    (MAX_BINDS / columns.max(1)).max(1)
}

/// `($first, ..), (..)`: `rows` tuples of `columns` binds, numbered on from `first`.
pub fn values(rows: usize, columns: usize, first: usize) -> String {
    let mut sql = String::with_capacity(rows * columns * 5);
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..columns {
            if column > 0 {
                sql.push_str(", ");
            }
            sql.push('$');
            sql.push_str(&(first + row * columns + column).to_string());
        }
        sql.push(')');
    }
    sql
}

/// `$first, ..`: a list of `n` binds for `IN (...)`.
pub fn list(n: usize, first: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binds_are_numbered_across_rows_from_the_first() {
        assert_eq!(values(2, 3, 1), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(values(1, 2, 4), "($4, $5)");
        assert_eq!(list(3, 2), "$2, $3, $4");
        assert_eq!(rows_per_statement(16), 1_875);
    }
}
