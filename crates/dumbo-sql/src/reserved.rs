//! Reserved-word lists used by identifier quoting.
//!
//! - [`ANSI_RESERVED`]: upstream `core/sql/valueMappers/reservedSqlWords.ts`
//!   (`ansiSqlReservedMap`, 176 words), used by the default / SQLite formatter.
//! - [`POSTGRESQL_RESERVED`]: upstream
//!   `storage/postgresql/core/sql/formatter/reserved.ts` (145 words), itself ported from
//!   node-pg-format `lib/reserved.js`, used by the PostgreSQL formatter.
//!
//! Both slices are sorted in byte order so lookups can use binary search.

/// ANSI SQL reserved words (upstream `ansiSqlReservedMap`), sorted.
pub(crate) const ANSI_RESERVED: &[&str] = &[
    "ADD", "ALL", "ALTER", "AND", "ANY", "ARE", "ARRAY", "AS", "ASC", "AT", "AUTHORIZATION",
    "BEGIN", "BETWEEN", "BINARY", "BOTH", "BY", "CASCADE", "CASE", "CAST", "CHECK", "CLOSE",
    "COLLATE", "COLUMN", "COMMIT", "CONNECT", "CONSTRAINT", "CONTINUE", "CORRESPONDING",
    "CREATE", "CROSS", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER",
    "CURSOR", "DEALLOCATE", "DECLARE", "DEFAULT", "DEFERRABLE", "DELETE", "DESC", "DESCRIBE",
    "DISCONNECT", "DISTINCT", "DO", "DROP", "ELSE", "END", "ESCAPE", "EXCEPT", "EXECUTE",
    "EXISTS", "FALSE", "FETCH", "FIRST", "FLOAT", "FOR", "FOREIGN", "FROM", "FULL", "GET",
    "GLOBAL", "GO", "GOTO", "GRANT", "GROUP", "HAVING", "HOUR", "IMMEDIATE", "IN", "INDICATOR",
    "INITIALLY", "INNER", "INPUT", "INSERT", "INT", "INTEGER", "INTERSECT", "INTERVAL", "INTO",
    "IS", "JOIN", "LANGUAGE", "LAST", "LEADING", "LEFT", "LIKE", "LOCAL", "LOCALTIME",
    "LOCALTIMESTAMP", "MATCH", "MINUTE", "MODULE", "MONTH", "NATIONAL", "NATURAL", "NEW",
    "NEXT", "NO", "NOT", "NULL", "NULLS", "OF", "OLD", "ON", "ONLY", "OPEN", "OR", "ORDER",
    "OUTER", "OUTPUT", "OVERLAPS", "PARTIAL", "PARTITION", "PLACING", "PREPARE", "PRESERVE",
    "PRIMARY", "PRIOR", "PRIVILEGES", "PROCEDURE", "PUBLIC", "READ", "REAL", "REFERENCES",
    "RESTRICT", "REVOKE", "RIGHT", "ROLLBACK", "ROWS", "SCHEMA", "SCROLL", "SECOND", "SECTION",
    "SELECT", "SESSION_USER", "SET", "SIMILAR", "SIZE", "SMALLINT", "SOME", "SQL", "SQLCODE",
    "SQLERROR", "SQLSTATE", "TABLE", "TEMPORARY", "THEN", "TIMEZONE_HOUR", "TIMEZONE_MINUTE",
    "TO", "TRAILING", "TRANSACTION", "TRANSLATE", "TRANSLATION", "TRUE", "UNION", "UNIQUE",
    "UNKNOWN", "UPDATE", "USER", "USING", "VALUE", "VALUES", "VARCHAR", "VARYING", "VIEW",
    "WHEN", "WHENEVER", "WHERE", "WITH", "WITHOUT", "WORK", "WRITE", "YEAR", "ZONE",
];

/// PostgreSQL reserved words (upstream `storage/postgresql/core/sql/formatter/reserved.ts`), sorted.
pub(crate) const POSTGRESQL_RESERVED: &[&str] = &[
    "AES128", "AES256", "ALL", "ALLOWOVERWRITE", "ANALYSE", "ANALYZE", "AND", "ANY", "ARRAY",
    "AS", "ASC", "AUTHORIZATION", "BACKUP", "BETWEEN", "BINARY", "BLANKSASNULL", "BOTH",
    "BYTEDICT", "CASE", "CAST", "CHECK", "COLLATE", "COLUMN", "CONSTRAINT", "CREATE",
    "CREDENTIALS", "CROSS", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER",
    "CURRENT_USER_ID", "DEFAULT", "DEFERRABLE", "DEFLATE", "DEFRAG", "DELTA", "DELTA32K",
    "DESC", "DISABLE", "DISTINCT", "DO", "ELSE", "EMPTYASNULL", "ENABLE", "ENCODE", "ENCRYPT",
    "ENCRYPTION", "END", "EXCEPT", "EXPLICIT", "FALSE", "FOR", "FOREIGN", "FREEZE", "FROM",
    "FULL", "GLOBALDICT256", "GLOBALDICT64K", "GRANT", "GROUP", "GZIP", "HAVING", "IDENTITY",
    "IGNORE", "ILIKE", "IN", "INITIALLY", "INNER", "INTERSECT", "INTO", "IS", "ISNULL", "JOIN",
    "LEADING", "LEFT", "LIKE", "LIMIT", "LOCALTIME", "LOCALTIMESTAMP", "LUN", "LUNS", "LZO",
    "LZOP", "MINUS", "MOSTLY13", "MOSTLY32", "MOSTLY8", "NATURAL", "NEW", "NOT", "NOTNULL",
    "NULL", "NULLS", "OFF", "OFFLINE", "OFFSET", "OLD", "ON", "ONLY", "OPEN", "OR", "ORDER",
    "OUTER", "OVERLAPS", "PARALLEL", "PARTITION", "PERCENT", "PLACING", "PRIMARY", "RAW",
    "READRATIO", "RECOVER", "REFERENCES", "REJECTLOG", "RESORT", "RESTORE", "RIGHT", "SELECT",
    "SESSION_USER", "SIMILAR", "SOME", "SYSDATE", "SYSTEM", "TABLE", "TAG", "TDES", "TEXT255",
    "TEXT32K", "THEN", "TO", "TOP", "TRAILING", "TRUE", "TRUNCATECOLUMNS", "UNION", "UNIQUE",
    "USER", "USING", "VERBOSE", "WALLET", "WHEN", "WHERE", "WITH", "WITHOUT",
];

/// Whether `upper` (an already upper-cased word) is in the sorted `words` list.
pub(crate) fn contains(words: &[&str], upper: &str) -> bool {
    words.binary_search(&upper).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_sorted_unique(words: &[&str]) {
        for pair in words.windows(2) {
            assert!(pair[0] < pair[1], "{} !< {}", pair[0], pair[1]);
        }
    }

    #[test]
    fn lists_have_upstream_sizes_and_are_sorted() {
        assert_eq!(ANSI_RESERVED.len(), 176);
        assert_eq!(POSTGRESQL_RESERVED.len(), 145);
        assert_sorted_unique(ANSI_RESERVED);
        assert_sorted_unique(POSTGRESQL_RESERVED);
    }

    #[test]
    fn lookups() {
        for w in ["DESC", "JOIN", "CROSS", "SELECT", "USER", "WITHOUT"] {
            assert!(contains(ANSI_RESERVED, w), "{w}");
            assert!(contains(POSTGRESQL_RESERVED, w), "{w}");
        }
        assert!(contains(POSTGRESQL_RESERVED, "AES128"));
        assert!(!contains(ANSI_RESERVED, "AES128"));
        assert!(!contains(ANSI_RESERVED, "USERS"));
        assert!(!contains(POSTGRESQL_RESERVED, "USERS"));
        assert!(!contains(ANSI_RESERVED, "desc"));
    }
}
