//! The query front-end on its own: syntax, limits and hostile input.

use dossier::search::query::{parse, Expr, Value, MAX_DEPTH, MAX_QUERY_BYTES};
use proptest::prelude::*;

fn shown(query: &str) -> String {
    parse(query).expect("query parses").to_string()
}

#[test]
fn words_are_anded_and_or_binds_looser() {
    assert_eq!(shown("ali mamlouk"), "(ali AND mamlouk)");
    assert_eq!(shown("a b OR c"), "((a AND b) OR c)");
    assert_eq!(shown("a AND (b OR c) -d"), "(a AND (b OR c) AND NOT d)");
    assert_eq!(shown("NOT a"), "NOT a");
    assert_eq!(shown("*"), "*");
}

#[test]
fn prefix_fuzzy_phrases_fields_and_ranges() {
    assert_eq!(shown("assa*"), "assa*");
    assert_eq!(shown("assad~1"), "assad~1");
    assert_eq!(shown("\"ali mamlouk\"~2"), "\"ali mamlouk\"~2");
    assert_eq!(
        shown("outlet:\"Middle East Eye\""),
        "outlet:\"Middle East Eye\""
    );
    assert_eq!(
        shown("date:[2018-01 TO 2019-06]"),
        "date:[2018-01 TO 2019-06]"
    );
    assert_eq!(shown("date:>=2010"), "date:[2010 TO *]");
    assert_eq!(shown("outlet:(a OR b)"), "(outlet:a OR outlet:b)");
    assert_eq!(shown("Al-Assad"), "Al-Assad");
    let Expr::Clause(clause) = parse("tag:PTER").expect("parses") else {
        panic!("a clause")
    };
    assert_eq!(clause.field.as_deref(), Some("tag"));
    assert_eq!(clause.value, Value::Term("PTER".into()));
}

#[test]
fn errors_point_at_the_column_with_a_caret() {
    let err = parse("ali \"mamlouk").expect_err("unbalanced quote");
    assert_eq!(err.column, 5);
    let text = err.to_string();
    assert!(text.contains("column 5"), "{text}");
    assert!(
        text.lines()
            .nth(2)
            .is_some_and(|l| l.trim_end().ends_with('^')),
        "{text}"
    );

    let err = parse("(a OR b").expect_err("unbalanced paren");
    assert_eq!(err.column, 1);
    let err = parse("a OR b)").expect_err("stray paren");
    assert_eq!(err.column, 7);
    assert!(parse("as*ad").is_err());
    assert!(parse("assad~7").is_err());
    assert!(parse("outlet:").is_err());
    assert!(parse("date:[2018 TO").is_err());
    assert!(parse("").is_err());
}

#[test]
fn twenty_thousand_nested_parentheses_are_an_error_not_a_crash() {
    let query = format!("{}a{}", "(".repeat(20_000), ")".repeat(20_000));
    let err = parse(&query).expect_err("too deep");
    assert_eq!(err.column, MAX_DEPTH + 1);
    assert!(err.to_string().len() < 1000, "the excerpt is bounded");
    let nots = "NOT ".repeat(10_000) + "a";
    assert!(parse(&nots).is_ok());
}

#[test]
fn a_one_megabyte_query_is_an_error_with_a_position() {
    let query = "mamlouk ".repeat(1 << 17);
    let err = parse(&query).expect_err("too long");
    assert_eq!(err.column, MAX_QUERY_BYTES + 1);
    assert!(err.to_string().len() < 1000);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn arbitrary_strings_never_panic(query in "\\PC{0,80}") {
        let _ = parse(&query).map(|e| e.to_string());
    }

    #[test]
    fn query_syntax_soup_never_panics(query in "[()\"\\[\\]{}:*~!+\\- a-zA-Z0-9&|<>=\\\\]{0,60}") {
        if let Err(err) = parse(&query) {
            prop_assert!(err.column <= query.chars().count() + 1);
            let _ = err.to_string();
        }
    }
}
