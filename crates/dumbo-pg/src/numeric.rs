//! PostgreSQL numeric (binary) to decimal text (helper B).
