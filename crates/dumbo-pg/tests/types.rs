//! Type round trips against a real PostgreSQL, with plain tokio-postgres:
//! parameters encoded by `dumbo_pg::encode`, results decoded by `dumbo_pg::decode`.
//!
//! Needs `DUMBO_TEST_PG_URL` (e.g. `postgresql://postgres@127.0.0.1:5432/test`);
//! without it the tests are skipped, except on CI where that is an error.
//! Each test works in its own schema, dropped and recreated at its start.

use dumbo_core::json::write_json_string;
use dumbo_core::SqlValue;
use dumbo_pg::decode::{rows_to_json, DecodeOptions};
use dumbo_pg::encode::params;
use dumbo_rows::{JsonRows, SpecialCell, SpecialValue};
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, NoTls};

const RAW: DecodeOptions = DecodeOptions { raw_json: true };

/// A client whose `search_path` is a fresh schema, or `None` when no server is configured.
async fn connect(schema: &str) -> Option<Client> {
    let url = match std::env::var("DUMBO_TEST_PG_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("DUMBO_TEST_PG_URL is not set");
            }
            eprintln!("DUMBO_TEST_PG_URL is not set; skipping PostgreSQL type tests");
            return None;
        }
    };
    let (client, connection) = tokio_postgres::connect(&url, NoTls)
        .await
        .expect("connect to DUMBO_TEST_PG_URL");
    tokio::spawn(async move {
        let _ = connection.await;
    });
    client
        .batch_execute(&format!(
            "SET client_min_messages = warning;
             DROP SCHEMA IF EXISTS {schema} CASCADE;
             CREATE SCHEMA {schema};
             SET search_path = {schema};
             SET TimeZone = 'UTC';"
        ))
        .await
        .expect("create the test schema");
    Some(client)
}

async fn drop_schema(client: &Client, schema: &str) {
    client
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .await
        .expect("drop the test schema");
}

fn refs<'a>(ps: &'a [dumbo_pg::encode::Param<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    ps.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

async fn execute(client: &Client, sql: &str, values: &[SqlValue]) -> u64 {
    let ps = params(values);
    client
        .execute(sql, &refs(&ps))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e:?}"))
}

async fn query_with(
    client: &Client,
    sql: &str,
    values: &[SqlValue],
    opts: &DecodeOptions,
) -> JsonRows {
    let statement = client.prepare(sql).await.expect("prepare");
    let ps = params(values);
    let rows = client
        .query(&statement, &refs(&ps))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
    rows_to_json(statement.columns(), &rows, opts)
}

async fn query(client: &Client, sql: &str, values: &[SqlValue]) -> JsonRows {
    query_with(client, sql, values, &RAW).await
}

fn cell(row: u32, column: u32, value: SpecialValue) -> SpecialCell {
    SpecialCell { row, column, value }
}

fn text(s: &str) -> SqlValue {
    SqlValue::Text(s.to_owned())
}

fn json_string(s: &str) -> String {
    let mut out = String::new();
    write_json_string(&mut out, s);
    out
}

const HOSTILE: &[&str] = &[
    "quote\"inside",
    "back\\slash",
    "{braces}",
    "a,b",
    "NULL",
    "null",
    "",
    " spaced ",
    "multi\nline\ttab\r",
    "ünïcödé 🎉",
    "\\\"}",
    "'single'",
    "$1",
];

#[tokio::test]
async fn typed_columns_round_trip() {
    let schema = "dumbo_rs_types_columns";
    let Some(client) = connect(schema).await else {
        return;
    };
    client
        .batch_execute(
            "CREATE TYPE mood AS ENUM ('sad', 'happy');
             CREATE TABLE t (
               id int4 PRIMARY KEY,
               u uuid, ts timestamptz, j jsonb, m mood, n numeric,
               i4 int4, i8 int8, f8 float8, b bytea,
               ia int4[], ta text[], flag bool, tx text, js json
             );",
        )
        .await
        .expect("create table");

    let hostile_array = SqlValue::Array(
        HOSTILE
            .iter()
            .map(|s| text(s))
            .chain([SqlValue::Null])
            .collect(),
    );
    let inserted = execute(
        &client,
        "INSERT INTO t (id, u, ts, j, m, n, i4, i8, f8, b, ia, ta, flag, tx, js)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        &[
            SqlValue::Integer(1),
            text("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"),
            SqlValue::Date(1_709_168_523_456.0),
            SqlValue::Json(r#"{"b":1,"a":[true,null,"x\"y"]}"#.to_owned()),
            text("happy"),
            text("123.4500"),
            SqlValue::Integer(-2_147_483_648),
            SqlValue::BigInt(i128::from(i64::MAX)),
            SqlValue::Float(0.1),
            SqlValue::Blob(vec![0, 1, 2, 0x5c, 255]),
            SqlValue::Array(vec![
                SqlValue::Integer(1),
                SqlValue::Null,
                SqlValue::Integer(3),
            ]),
            hostile_array,
            SqlValue::Bool(true),
            text(&HOSTILE.concat()),
            SqlValue::Json(r#"{"b": 1,  "a": 2}"#.to_owned()),
        ],
    )
    .await;
    assert_eq!(inserted, 1);

    // Second row: NULLs everywhere, and numbers in other shapes.
    execute(
        &client,
        "INSERT INTO t (id, n, i4, i8, f8, ia, ta, flag)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            SqlValue::Integer(2),
            SqlValue::Float(1.5),
            SqlValue::Null,
            SqlValue::Integer(42),
            SqlValue::Float(f64::NAN),
            SqlValue::Array(vec![]),
            SqlValue::Array(vec![SqlValue::Null]),
            SqlValue::Bool(false),
        ],
    )
    .await;

    let rows = query(
        &client,
        "SELECT id, u, ts, j, m, n, i4, i8, f8, b, ia, ta, flag, tx, js FROM t ORDER BY id",
        &[],
    )
    .await;
    let hostile_json = format!(
        "[{},null]",
        HOSTILE
            .iter()
            .map(|s| json_string(s))
            .collect::<Vec<_>>()
            .join(",")
    );
    let expected = format!(
        concat!(
            r#"[{{"id":1,"u":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","ts":null,"#,
            r#""j":{{"a": [true, null, "x\"y"], "b": 1}},"m":"happy","n":"123.4500","#,
            r#""i4":-2147483648,"i8":null,"f8":0.1,"b":null,"ia":[1,null,3],"ta":{},"#,
            r#""flag":true,"tx":{},"js":{{"b": 1,  "a": 2}}}},"#,
            r#"{{"id":2,"u":null,"ts":null,"j":null,"m":null,"n":"1.5","i4":null,"#,
            r#""i8":null,"f8":null,"b":null,"ia":[],"ta":[null],"flag":false,"tx":null,"js":null}}]"#
        ),
        hostile_json,
        json_string(&HOSTILE.concat())
    );
    assert_eq!(rows.json, expected);
    assert_eq!(rows.row_count, 2);
    assert_eq!(
        rows.columns,
        ["id", "u", "ts", "j", "m", "n", "i4", "i8", "f8", "b", "ia", "ta", "flag", "tx", "js"]
    );
    assert_eq!(rows.specials.len(), 5);
    assert_eq!(
        rows.specials[0],
        cell(0, 2, SpecialValue::Date(1_709_168_523_456.0))
    );
    assert_eq!(rows.specials[1], cell(0, 7, SpecialValue::BigInt(i64::MAX)));
    assert_eq!(
        rows.specials[2],
        cell(0, 9, SpecialValue::Blob(vec![0, 1, 2, 0x5c, 255]))
    );
    assert_eq!(rows.specials[3], cell(1, 7, SpecialValue::BigInt(42)));
    assert!(matches!(
        rows.specials[4],
        SpecialCell { row: 1, column: 8, value: SpecialValue::Float(f) } if f.is_nan()
    ));

    // json/jsonb for a custom serializer: passed as text specials.
    let serialized = query_with(
        &client,
        "SELECT j, js FROM t WHERE id = 1",
        &[],
        &DecodeOptions { raw_json: false },
    )
    .await;
    assert_eq!(serialized.json, r#"[{"j":null,"js":null}]"#);
    assert_eq!(
        serialized.specials,
        vec![
            cell(
                0,
                0,
                SpecialValue::Json(r#"{"a": [true, null, "x\"y"], "b": 1}"#.to_owned())
            ),
            cell(0, 1, SpecialValue::Json(r#"{"b": 1,  "a": 2}"#.to_owned())),
        ]
    );

    // Parameters compared against typed columns in WHERE clauses.
    let found = query(
        &client,
        "SELECT id FROM t WHERE u = $1 AND m = $2 AND ts = $3 AND b = $4 AND ta = $5 AND j = $6",
        &[
            text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            text("happy"),
            SqlValue::Date(1_709_168_523_456.0),
            SqlValue::Blob(vec![0, 1, 2, 0x5c, 255]),
            SqlValue::Array(
                HOSTILE
                    .iter()
                    .map(|s| text(s))
                    .chain([SqlValue::Null])
                    .collect(),
            ),
            SqlValue::Json(r#"{"a":[true,null,"x\"y"],"b":1}"#.to_owned()),
        ],
    )
    .await;
    assert_eq!(found.json, r#"[{"id":1}]"#);

    drop_schema(&client, schema).await;
}

#[tokio::test]
async fn parameter_forms() {
    let schema = "dumbo_rs_types_params";
    let Some(client) = connect(schema).await else {
        return;
    };
    client
        .batch_execute(
            "CREATE TABLE p (
               id int4, n numeric, f8 float8, f4 float4, i2 int2, tz timestamptz,
               ts timestamp, d date, t text, b bytea, jb jsonb[], m int4[][], i8a int8[],
               ba bytea[], da timestamptz[], bo bool[]
             );",
        )
        .await
        .expect("create table");

    execute(
        &client,
        "INSERT INTO p (id, n, f8, f4, i2, tz, ts, d, t, b, jb, m, i8a, ba, da, bo)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        &[
            SqlValue::Integer(1),
            SqlValue::BigInt(-123_456_789_012_345_678_901_234_567_890),
            SqlValue::Float(f64::INFINITY),
            SqlValue::Float(1.1),
            SqlValue::Integer(-7),
            // 1 BC, as new Date('0000-06-15T12:00:00Z').
            SqlValue::Date(-62_152_833_600_000.0),
            SqlValue::Date(1_709_168_523_456.0),
            SqlValue::Date(1_709_164_800_000.0),
            // A Buffer bound to text is sent as its hex form.
            SqlValue::Blob(vec![0xde, 0xad]),
            SqlValue::Blob(vec![]),
            SqlValue::Array(vec![
                SqlValue::Json(r#"{"k":"v\\n\""}"#.to_owned()),
                SqlValue::Json("[1,2]".to_owned()),
                SqlValue::Null,
            ]),
            SqlValue::Array(vec![
                SqlValue::Array(vec![SqlValue::Integer(1), SqlValue::Integer(2)]),
                SqlValue::Array(vec![SqlValue::Integer(3), SqlValue::Null]),
            ]),
            SqlValue::Array(vec![
                SqlValue::BigInt(i128::from(i64::MIN)),
                SqlValue::Integer(5),
                SqlValue::Null,
            ]),
            SqlValue::Array(vec![SqlValue::Blob(vec![0x0a, 0x0b]), SqlValue::Null]),
            SqlValue::Array(vec![SqlValue::Date(0.0)]),
            SqlValue::Array(vec![SqlValue::Bool(true), SqlValue::Bool(false)]),
        ],
    )
    .await;
    execute(
        &client,
        "INSERT INTO p (id, n, f8) VALUES ($1, $2, $3)",
        &[
            SqlValue::Integer(2),
            SqlValue::Float(f64::NAN),
            SqlValue::Float(-0.000_001_5),
        ],
    )
    .await;
    execute(
        &client,
        "INSERT INTO p (id, n, f8) VALUES ($1, $2, $3)",
        &[
            SqlValue::Integer(3),
            SqlValue::Float(1e21),
            SqlValue::Float(f64::NEG_INFINITY),
        ],
    )
    .await;

    let rows = query(
        &client,
        "SELECT id, n, f8, f4, i2, tz, ts, d, t, b, jb, m, i8a, ba, da, bo,
                tz::text AS tz_text FROM p ORDER BY id",
        &[],
    )
    .await;
    assert_eq!(
        rows.json,
        concat!(
            r#"[{"id":1,"n":"-123456789012345678901234567890","f8":null,"f4":1.1,"i2":-7,"#,
            r#""tz":null,"ts":null,"d":null,"t":"\\xdead","b":null,"#,
            r#""jb":[{"k": "v\\n\""},[1, 2],null],"m":[[1,2],[3,null]],"i8a":null,"ba":null,"#,
            r#""da":null,"bo":[true,false],"tz_text":"0001-06-15 12:00:00+00 BC"},"#,
            r#"{"id":2,"n":"NaN","f8":-0.0000015,"f4":null,"i2":null,"tz":null,"ts":null,"#,
            r#""d":null,"t":null,"b":null,"jb":null,"m":null,"i8a":null,"ba":null,"da":null,"#,
            r#""bo":null,"tz_text":null},"#,
            r#"{"id":3,"n":"1000000000000000000000","f8":null,"f4":null,"i2":null,"tz":null,"#,
            r#""ts":null,"d":null,"t":null,"b":null,"jb":null,"m":null,"i8a":null,"ba":null,"#,
            r#""da":null,"bo":null,"tz_text":null}]"#
        )
    );
    assert_eq!(
        rows.specials,
        vec![
            cell(0, 2, SpecialValue::Float(f64::INFINITY)),
            cell(0, 5, SpecialValue::Date(-62_152_833_600_000.0)),
            // timestamp without time zone: the wall clock, read as UTC.
            cell(0, 6, SpecialValue::LocalDate(1_709_168_523_456.0)),
            cell(0, 7, SpecialValue::LocalDate(1_709_164_800_000.0)),
            cell(0, 9, SpecialValue::Blob(vec![])),
            cell(
                0,
                12,
                SpecialValue::Array(vec![
                    SpecialValue::BigInt(i64::MIN),
                    SpecialValue::BigInt(5),
                    SpecialValue::Null,
                ])
            ),
            cell(
                0,
                13,
                SpecialValue::Array(vec![SpecialValue::Blob(vec![10, 11]), SpecialValue::Null])
            ),
            cell(0, 14, SpecialValue::Array(vec![SpecialValue::Date(0.0)])),
            cell(2, 2, SpecialValue::Float(f64::NEG_INFINITY)),
        ]
    );

    drop_schema(&client, schema).await;
}

#[tokio::test]
async fn parameter_errors_are_errors() {
    let schema = "dumbo_rs_types_errors";
    let Some(client) = connect(schema).await else {
        return;
    };
    // An invalid Date fails in to_sql, before anything is sent.
    let values = [SqlValue::Date(f64::NAN)];
    let ps = params(&values);
    let err = client
        .query("SELECT $1::timestamptz", &refs(&ps))
        .await
        .expect_err("invalid date");
    let cause = std::error::Error::source(&err).map(ToString::to_string);
    assert!(
        cause.as_deref().is_some_and(|c| c.contains("invalid Date")),
        "{err}: {cause:?}"
    );
    let values = [SqlValue::Array(vec![SqlValue::Date(9e15)])];
    let ps = params(&values);
    assert!(client
        .query("SELECT $1::timestamptz[]", &refs(&ps))
        .await
        .is_err());
    // NUL in text is rejected by the server.
    let values = [text("nul\0byte")];
    let ps = params(&values);
    assert!(client.query("SELECT $1::text", &refs(&ps)).await.is_err());
    // Text the target type cannot parse is a server error, and the connection survives.
    let values = [text("not-a-uuid")];
    let ps = params(&values);
    let err = client
        .query("SELECT $1::uuid", &refs(&ps))
        .await
        .expect_err("bad uuid");
    assert_eq!(
        err.as_db_error().map(|e| e.code().code()),
        Some("22P02"),
        "{err}"
    );
    let ok = query(&client, "SELECT 1 AS one", &[]).await;
    assert_eq!(ok.json, r#"[{"one":1}]"#);
    drop_schema(&client, schema).await;
}

#[tokio::test]
async fn server_values_decode_like_node_postgres() {
    let schema = "dumbo_rs_types_select";
    let Some(client) = connect(schema).await else {
        return;
    };
    client
        .batch_execute(
            "CREATE TYPE mood AS ENUM ('sad', 'happy');
             CREATE DOMAIN posint AS int4 CHECK (VALUE > 0);
             CREATE TABLE c (x int4); INSERT INTO c VALUES (1), (2), (3);",
        )
        .await
        .expect("setup");

    let rows = query(
        &client,
        r#"SELECT 1::int2 AS i2, 2::int4 AS i4, 26::oid AS o, 1.25::float4 AS f4,
                  '123.4500'::numeric AS n, '-0.001'::numeric AS nn, 'abc'::varchar(5) AS vc,
                  'ab'::char(4) AS bp, 'x'::"char" AS ch, 'nm'::name AS nm, 'lit' AS lit,
                  true AS yes, '12:34:56.5'::time AS t, '12:34:56.5+02'::timetz AS ttz,
                  '1 year 2 mons 3 days 04:05:06.789'::interval AS iv,
                  '-1 days +02:00:00'::interval AS iv2, '0'::interval AS iv0,
                  '192.168.0.1'::inet AS ip, '10.0.0.0/8'::cidr AS net, '::1'::inet AS ip6,
                  '2001:db8::/32'::cidr AS net6, '::ffff:1.2.3.4'::inet AS mapped,
                  '08:00:2b:01:02:03'::macaddr AS mac,
                  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS u,
                  '{"a": 1}'::json AS js, '[1, {"b": null}]'::jsonb AS jb,
                  '{{1,2},{3,4}}'::int4[] AS a2, '{}'::int4[] AS a0,
                  '{1.10,2,NaN}'::numeric[] AS an, '{"a\"b","c,d",NULL}'::text[] AS at,
                  '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'::uuid[] AS au,
                  '{happy,sad}'::mood[] AS am, '[1,10)'::int4range AS r,
                  '[1.5,2.25]'::numrange AS nr, B'0101'::bit(4) AS bits,
                  '(1.5,-2)'::point AS p, 'happy'::mood AS e, 7::posint AS dom,
                  '16/B374D848'::pg_lsn AS lsn, ARRAY['{"x": [1]}'::jsonb] AS ja,
                  (SELECT count(*) FROM c) AS cnt, 'a' AS dup, 'b' AS dup"#,
        &[],
    )
    .await;
    assert_eq!(
        rows.json,
        concat!(
            r#"[{"i2":1,"i4":2,"o":26,"f4":1.25,"n":"123.4500","nn":"-0.001","vc":"abc","#,
            r#""bp":"ab  ","ch":"x","nm":"nm","lit":"lit","yes":true,"t":"12:34:56.5","#,
            r#""ttz":"12:34:56.5+02","iv":"1 year 2 mons 3 days 04:05:06.789","#,
            r#""iv2":"-1 days +02:00:00","iv0":"00:00:00","ip":"192.168.0.1","#,
            r#""net":"10.0.0.0/8","ip6":"::1","net6":"2001:db8::/32","#,
            r#""mapped":"::ffff:1.2.3.4","mac":"08:00:2b:01:02:03","#,
            r#""u":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","js":{"a": 1},"#,
            r#""jb":[1, {"b": null}],"a2":[[1,2],[3,4]],"a0":[],"an":["1.10","2","NaN"],"#,
            r#""at":["a\"b","c,d",null],"au":["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"],"#,
            r#""am":["happy","sad"],"r":"[1,10)","nr":"[1.5,2.25]","bits":"0101","#,
            r#""p":{"x":1.5,"y":-2},"e":"happy","dom":7,"lsn":"16/B374D848","#,
            r#""ja":[{"x": [1]}],"cnt":null,"dup":"a","dup":"b"}]"#
        )
    );
    assert_eq!(rows.specials, vec![cell(0, 40, SpecialValue::BigInt(3))]);

    let dates = query(
        &client,
        "SELECT '2024-02-29'::date AS d, '2024-02-29 01:02:03.456789'::timestamp AS ts,
                '2024-02-29 01:02:03.456789+00'::timestamptz AS tz,
                'infinity'::timestamptz AS pinf, '-infinity'::date AS ninf,
                ARRAY['2024-02-29'::date, NULL] AS ad, '{1.5,NaN,-Infinity}'::float8[] AS af,
                '{1,NULL}'::int8[] AS a8, 'a fat cat'::tsvector AS tsv",
        &[],
    )
    .await;
    assert_eq!(
        dates.json,
        concat!(
            r#"[{"d":null,"ts":null,"tz":null,"pinf":null,"ninf":null,"ad":null,"af":null,"#,
            r#""a8":null,"tsv":"\\x0000000361000000636174000000666174000000"}]"#
        )
    );
    let specials: Vec<SpecialValue> = dates.specials.into_iter().map(|c| c.value).collect();
    assert_eq!(specials.len(), 8);
    assert_eq!(specials[0], SpecialValue::LocalDate(1_709_164_800_000.0));
    assert_eq!(specials[1], SpecialValue::LocalDate(1_709_168_523_456.0));
    assert_eq!(specials[2], SpecialValue::Date(1_709_168_523_456.0));
    assert_eq!(specials[3], SpecialValue::Float(f64::INFINITY));
    assert_eq!(specials[4], SpecialValue::Float(f64::NEG_INFINITY));
    assert_eq!(
        specials[5],
        SpecialValue::Array(vec![
            SpecialValue::LocalDate(1_709_164_800_000.0),
            SpecialValue::Null
        ])
    );
    match &specials[6] {
        SpecialValue::Array(items) => {
            assert_eq!(items[0], SpecialValue::Float(1.5));
            assert!(matches!(items[1], SpecialValue::Float(f) if f.is_nan()));
            assert_eq!(items[2], SpecialValue::Float(f64::NEG_INFINITY));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        specials[7],
        SpecialValue::Array(vec![SpecialValue::BigInt(1), SpecialValue::Null])
    );

    drop_schema(&client, schema).await;
}

#[tokio::test]
async fn interval_and_network_text_matches_the_server() {
    let schema = "dumbo_rs_types_text";
    let Some(client) = connect(schema).await else {
        return;
    };
    // Each value next to PostgreSQL's own text for it: the decoded binary must agree.
    let cases = [
        ("interval", "1 year 2 mons 3 days 04:05:06.789"),
        ("interval", "-1 years -2 mons +3 days -04:05:06"),
        ("interval", "1 day -00:00:00.000001"),
        ("interval", "-11 mons"),
        ("interval", "2562047788:00:54.775807"),
        ("time", "23:59:59.999999"),
        ("time", "24:00:00"),
        ("timetz", "00:00:00-05:30"),
        ("timetz", "01:02:03+14:59:59"),
        ("inet", "192.168.0.1/24"),
        ("inet", "::1.2.3.4"),
        ("inet", "1:0:0:2:0:0:0:3"),
        ("inet", "0:0:0:0:0:1:0:0"),
        ("inet", "fe80::1:2/64"),
        ("cidr", "10/8"),
        ("cidr", "::/0"),
        ("macaddr8", "08:00:2b:01:02:03:04:05"),
        ("numeric", "1e-20"),
        ("numeric", "-99999999999999999999.00000000000000000001"),
        ("numeric", "Infinity"),
        ("daterange", "[0044-03-15 BC,2024-01-01)"),
        ("int8range", "(,5]"),
        ("varbit", "101100111"),
        ("tid", "(4294967295,65535)"),
        ("money", "-1234.5"),
    ];
    for (ty, literal) in cases {
        let sql = format!("SELECT v, format('%s', v) AS t FROM (SELECT $1::{ty} AS v) s");
        let rows = query(&client, &sql, &[text(literal)]).await;
        let printed = client
            .query_one(&format!("SELECT format('%s', $1::text::{ty})"), &[&literal])
            .await
            .expect("server text")
            .get::<_, String>(0);
        let want = format!(
            "[{{\"v\":{},\"t\":{}}}]",
            json_string(&printed),
            json_string(&printed)
        );
        assert_eq!(rows.json, want, "{ty} {literal}");
    }
    drop_schema(&client, schema).await;
}
