//! Property tests: no input makes the parser panic, whatever its format claims.

use dossier::catalog::Catalog;
use dossier::parse::Parser;
use proptest::prelude::*;

fn parser() -> Parser {
    Parser::new(&Catalog::builtin().expect("catalog")).expect("parser")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let parser = parser();
        let _ = parser.parse_bytes(&bytes, "fuzz.txt", &mut |_| {});
        let _ = parser.parse_bytes(&bytes, "fuzz.html", &mut |_| {});
    }

    #[test]
    fn telegram_like_text_never_panics(
        head in "(FM AMEMBASSY [A-Z ]{0,12}\n|S E C R E T [A-Z]{0,8} [0-9]{0,7}\n|TAGS[: ]{0,2}[A-Z, ]{0,20}\n|SUBJECT: [A-Z ]{0,30}\n|[0-9]{6}Z [A-Z]{3} [0-9]{2}\n|\\(S/NF\\) |¶|\n){0,12}",
        body in "\\PC{0,400}",
    ) {
        let parser = parser();
        let text = format!("{head}{body}");
        let _ = parser.parse_bytes(text.as_bytes(), "t.txt", &mut |_| {});
        let csv = format!("\"1\",\"1/2/2003 10:00\",\"03X1\",\"{head}\",\"{body}\n");
        let _ = parser.parse_bytes(csv.as_bytes(), "c.csv", &mut |_| {});
    }

    #[test]
    fn article_like_text_never_panics(lines in proptest::collection::vec("\\PC{0,80}", 0..30)) {
        let parser = parser();
        let text = lines.join("\n");
        let _ = parser.parse_bytes(text.as_bytes(), "a.txt", &mut |_| {});
        let _ = parser.parse_bytes(format!("---\n{text}").as_bytes(), "a.md", &mut |_| {});
    }
}
