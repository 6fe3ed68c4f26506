//! `dossier parse` on real and realistic documents: the seeds field by field, every
//! input format, other encodings and hostile files.

mod util;

use std::path::Path;

use serde_json::Value;
use util::dossier;

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
        .display()
        .to_string()
}

/// Runs `dossier parse --json` and returns the records, stderr and exit code.
fn parse(files: &[String]) -> (Vec<Value>, String, i32) {
    let out = dossier()
        .arg("parse")
        .arg("--json")
        .args(files)
        .output()
        .expect("runs");
    let records = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every stdout line is a JSON record"))
        .collect();
    (
        records,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn names(record: &Value, kind: &str) -> Vec<String> {
    record["actors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["type"] == kind)
        .map(|a| a["name"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn seeds_match_their_labels_field_by_field() {
    let labels: Vec<Value> = std::fs::read_to_string(data("seeds/seeds.labels.jsonl"))
        .expect("labels")
        .lines()
        .map(|l| serde_json::from_str(l).expect("label"))
        .collect();
    let files: Vec<String> = labels
        .iter()
        .map(|l| data(&format!("seeds/{}", l["file"].as_str().unwrap_or(""))))
        .collect();
    let (records, stderr, code) = parse(&files);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(records.len(), labels.len());
    for (label, record) in labels.iter().zip(&records) {
        let file = label["file"].as_str().unwrap_or("");
        assert_eq!(record["date"], label["date"], "{file}: date");
        assert_eq!(record["outlet"], label["outlet"], "{file}: outlet");
        assert_eq!(
            record["classification"], label["classification"],
            "{file}: classification"
        );
        let want_kind = if label["kind"] == "cable" {
            "cable"
        } else {
            "article"
        };
        assert_eq!(record["kind"], want_kind, "{file}: kind");
        let title = record["title"].as_str().unwrap_or("").to_lowercase();
        let want = label["title"].as_str().unwrap_or("").to_lowercase();
        assert_eq!(
            title.replace(['’', '\''], ""),
            want.replace(['’', '\''], ""),
            "{file}: title"
        );
        // Every labelled person is found under a name that ends with the same word.
        let persons = names(record, "person");
        for person in label["persons"].as_array().into_iter().flatten() {
            let surname = person
                .as_str()
                .unwrap_or("")
                .rsplit(' ')
                .next()
                .unwrap_or("")
                .to_lowercase();
            let surname = surname.trim_start_matches("al-").replace(['’', '\''], "");
            assert!(
                persons.iter().any(|p| p
                    .to_lowercase()
                    .replace(['’', '\''], "")
                    .ends_with(&surname)),
                "{file}: person {person} not found in {persons:?}"
            );
        }
    }
    let cable = &records[2];
    assert_eq!(cable["cable"]["ref"], "10DAMASCUS159");
    assert_eq!(
        cable["cable"]["tags"],
        serde_json::json!(["PTER", "PREL", "PGOV", "SY"])
    );
    assert_eq!(cable["cable"]["dtg"], "241408Z FEB 10");
    assert_eq!(cable["cable"]["classified_by"], "CDA Charles Hunter");
    assert_eq!(cable["cable"]["signature"], "HUNTER");
    assert_eq!(cable["caveats"], serde_json::json!(["NOFORN", "SIPDIS"]));
    // One person, one name, whatever the spelling: 004 writes `Ali Mamluk`.
    for record in &records {
        let persons = names(record, "person");
        assert!(persons.contains(&"Ali Mamlouk".to_string()), "{persons:?}");
        assert!(!persons.iter().any(|p| p.contains("Mamluk")), "{persons:?}");
    }
    // Seed 003 states no date: none is guessed.
    assert_eq!(records[3]["date"], Value::Null);
}

#[test]
fn a_bare_confidential_telegram_with_wrapped_tags() {
    let (records, stderr, code) = parse(&[data("parse/telegram_confidential.txt")]);
    assert_eq!(code, 0, "{stderr}");
    let r = &records[0];
    assert_eq!(r["kind"], "cable");
    assert_eq!(r["id"], "08BEIRUT342");
    assert_eq!(r["date"], "2008-03-03");
    assert_eq!(r["outlet"], "Embassy Beirut");
    assert_eq!(r["classification"], "CONFIDENTIAL");
    assert_eq!(r["caveats"], serde_json::json!(["NOFORN", "SIPDIS"]));
    assert_eq!(
        r["cable"]["tags"],
        serde_json::json!(["PREL", "PGOV", "PTER", "LE", "SY"])
    );
    assert_eq!(
        r["title"],
        "LEBANON: HIZBALLAH SECRETARY GENERAL NASRALLAH WARNS OF RETALIATION FOR MUGHNIYEH KILLING"
    );
    assert_eq!(r["cable"]["classified_by"], "Ambassador Michele Sison");
    assert_eq!(r["cable"]["signature"], "SISON");
    let persons = names(r, "person");
    assert!(
        persons.contains(&"Hassan Nasrallah".to_string()),
        "{persons:?}"
    );
    assert!(
        persons.contains(&"Imad Mughniyeh".to_string()),
        "{persons:?}"
    );
    assert!(names(r, "organization").contains(&"Hezbollah".to_string()));
}

#[test]
fn cables_csv_dump_streams_every_row_with_escaped_quotes() {
    let (records, stderr, code) = parse(&[data("parse/cables.csv")]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["id"], "08BEIRUT342");
    assert!(records[0]["path"]
        .as_str()
        .unwrap_or("")
        .ends_with("cables.csv#1"));
    assert_eq!(records[0]["caveats"], serde_json::json!(["NOFORN"]));
    assert_eq!(records[1]["id"], "66BUENOSAIRES2481");
    assert_eq!(records[1]["date"], "1966-12-28");
    assert_eq!(records[1]["outlet"], "Embassy Buenos Aires");
    assert_eq!(records[1]["title"], "ELECTIONS");
}

#[test]
fn another_outlets_html_page() {
    let (records, stderr, code) = parse(&[data("parse/almonitor.html")]);
    assert_eq!(code, 0, "{stderr}");
    let r = &records[0];
    assert_eq!(r["title"], "Syrian, Turkish spy chiefs meet in Moscow");
    assert_eq!(r["outlet"], "Al-Monitor");
    assert_eq!(r["date"], "2020-01-14");
    assert_eq!(r["authors"], serde_json::json!(["Amberin Zaman"]));
    let persons = names(r, "person");
    for want in [
        "Hakan Fidan",
        "Ali Mamlouk",
        "Recep Tayyip Erdogan",
        "Bashar al-Assad",
    ] {
        assert!(
            persons.contains(&want.to_string()),
            "{want} not in {persons:?}"
        );
    }
    assert!(
        !persons.iter().any(|p| p.contains("Zaman")),
        "the author is not an actor"
    );
}

#[test]
fn front_matter_fields_win_over_inference() {
    let (records, stderr, code) = parse(&[data("parse/frontmatter.md")]);
    assert_eq!(code, 0, "{stderr}");
    let r = &records[0];
    assert_eq!(r["title"], "Spy chiefs meet again");
    assert_eq!(r["date"], "2021-06-02");
    assert_eq!(r["outlet"], "Enab Baladi");
    assert_eq!(
        r["authors"],
        serde_json::json!(["Reporter One", "Reporter Two"])
    );
}

#[test]
fn json_lines_yield_one_record_per_line_and_report_bad_lines() {
    let (records, stderr, code) = parse(&[data("parse/records.jsonl")]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["outlet"], "Reuters");
    assert_eq!(records[0]["date"], "2020-01-14");
    assert_eq!(records[1]["outlet"], "Middle East Eye");
    assert_eq!(records[1]["date"], Value::Null);
    assert!(records[1]["path"]
        .as_str()
        .unwrap_or("")
        .ends_with("records.jsonl#2"));
}

#[test]
fn other_encodings_decode_and_binary_files_are_refused_by_name() {
    let (records, stderr, code) = parse(&[
        data("parse/utf16.txt"),
        data("parse/windows1252.txt"),
        data("parse/image.png"),
    ]);
    assert_eq!(code, 1, "one of three failed: {stderr}");
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["title"], "Erdoğan meets Assad");
    assert!(names(&records[0], "person").contains(&"Recep Tayyip Erdogan".to_string()));
    assert_eq!(records[1]["title"], "Café talks");
    assert!(
        stderr.contains("image.png") && stderr.contains("binary"),
        "{stderr}"
    );
}

#[test]
fn hostile_files_give_one_clear_line_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let bomb = dir.path().join("bomb.txt.gz");
    {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b'a'; 1 << 20];
        for _ in 0..300 {
            enc.write_all(&zeros).expect("compress");
        }
        std::fs::write(&bomb, enc.finish().expect("finish")).expect("write");
    }
    let nested = dir.path().join("nested.html");
    let depth = 100_000;
    std::fs::write(
        &nested,
        format!(
            "<html><body>{}deep{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        ),
    )
    .expect("write");
    let missing = dir.path().join("missing.txt");
    let files: Vec<String> = [&empty, &bomb, &nested, &missing]
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let (records, stderr, code) = parse(&files);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(records.len(), 1, "the nested page still parses");
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
    assert!(
        stderr.contains("bomb.txt.gz") && stderr.contains("compression bomb"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn gzip_compressed_documents_are_read() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cable.txt.gz");
    let text = std::fs::read(data("parse/telegram_confidential.txt")).expect("fixture");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&text).expect("compress");
    std::fs::write(&path, enc.finish().expect("finish")).expect("write");
    let (records, stderr, code) = parse(&[path.display().to_string()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(records[0]["id"], "08BEIRUT342");
    assert!(records[0]["path"]
        .as_str()
        .unwrap_or("")
        .ends_with("cable.txt.gz"));
}

/// Parses one document written to a temporary file.
fn parse_text(name: &str, text: &str) -> Value {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    let (records, stderr, code) = parse(&[path.display().to_string()]);
    assert_eq!(code, 0, "{stderr}");
    records.into_iter().next().expect("one record")
}

#[test]
fn a_mirror_layout_cable_with_a_glued_marking_and_page_headers() {
    let text = "07AMMAN999\nJORDAN: PALACE REVIEWS\nTue Mar 06 10:15:00 +0100 2007\n\
        CONFIDENTIAL//NOFORN\nEmbassy Amman\n\
        This record is a partial extract of the original cable. The full text of the \
        original cable is not available.VZCZCXRO1234\nRR RUEHDE\nDE RUEHAM #0999/01 0651015\n\
        R 061015Z MAR 07\nFM AMEMBASSY AMMAN\nTO RUEHC/SECSTATE WASHDC 1234\n\
        INFO RUEAIIA/CIA WASHDC\nRHEFDIA/DIA WASHINGTON DCC O N F I D E N T I A L SECTION 01 OF 02 AMMAN 000999\n\
        \nSIPDIS\n\nE.O. 12958: DECL: 03/05/2017\nTAGS PREL, PGOV, JO\n\
        SUBJECT: JORDAN: PALACE REVIEWS CABINET CHANGES AFTER\nPARLIAMENT VOTE\n\n\
        REF: A. AMMAN 812\n     B. AMMAN 845\n\nAMMAN 00000999  001.2 OF 002\n\n\
        Classified By: Ambassador David Hale for reasons 1.4 (b) and (d).\n\
        1. (C) Summary: Royal Court chief Salem Tarawneh told PolOff on March 4 that the GOJ\n\
        would present its program to Parliament next week. End summary.\n\
        AMMAN 00000999  002 OF 002\n\
        2. (C) The MFA said the Ministry of Interior had not been consulted.\nHALE\n";
    let record = parse_text("c_mirror.txt", text);
    assert_eq!(record["id"], "07AMMAN999");
    assert_eq!(record["date"], "2007-03-06");
    assert_eq!(record["classification"], "CONFIDENTIAL");
    assert_eq!(record["outlet"], "Embassy Amman");
    assert_eq!(
        record["title"],
        "JORDAN: PALACE REVIEWS CABINET CHANGES AFTER PARLIAMENT VOTE"
    );
    let caveats = record["caveats"].as_array().expect("caveats");
    assert!(caveats.contains(&Value::from("NOFORN")), "{caveats:?}");
    let persons = names(&record, "person");
    assert!(
        persons.contains(&"Salem Tarawneh".to_string()),
        "{persons:?}"
    );
    assert!(persons.contains(&"David Hale".to_string()), "{persons:?}");
    let orgs = names(&record, "organization");
    // Routing lines address the telegram; the host's institutions are Jordan's.
    assert!(!orgs.iter().any(|o| o == "CIA"), "{orgs:?}");
    assert!(
        orgs.contains(&"Government of Jordan".to_string()),
        "{orgs:?}"
    );
    assert!(
        orgs.contains(&"Ministry of Interior of Jordan".to_string()),
        "{orgs:?}"
    );
}

#[test]
fn a_viewer_telegram_without_blank_lines_keeps_its_body() {
    let page = "<html><body><table class='cable'><tr><th>Reference ID</th></tr><tr>\
        <td>09DAMASCUS999</td><td>2009-05-02 10:00</td><td>2010-12-01 00:00</td>\
        <td>CONFIDENTIAL</td><td>Embassy Damascus</td></tr></table>\
        <pre>C O N F I D E N T I A L DAMASCUS 000999 &#x000A;&#x000A;SIPDIS &#x000A;\
        EO 12958 DECL: 05/01/2019 &#x000A;TAGS PREL, SY &#x000A;SUBJECT: VISIT &#x000A;&#x000A;\
        Classified By: CDA Maura Connelly, reasons 1.4 (b) and (d)&#x000A;\
        &#182;1. (C) Deputy Foreign Minister Fayssal Mekdad told the CDA that Nabil Haddad \
        said the talks would go on.&#x000A;CONNELLY</pre></body></html>";
    let record = parse_text("c_viewer.html", page);
    let persons = names(&record, "person");
    assert!(
        persons.contains(&"Faisal al-Miqdad".to_string()),
        "{persons:?}"
    );
    assert!(persons.contains(&"Nabil Haddad".to_string()), "{persons:?}");
    assert!(
        persons.contains(&"Maura Connelly".to_string()),
        "{persons:?}"
    );
}

#[test]
fn an_all_caps_telegram_names_people_by_given_name_and_surname() {
    let text = "UNCLAS SECTION 01 OF 02 PRETORIA 001234\n\nE.O. 12356: N/A\nTAGS: PGOV SF\n\
        SUBJECT: MBEKI ON THE ARMS DEAL\n\n\
        1. DEPUTY PRESIDENT THABO MBEKI TOLD THE AMBASSADOR THAT THE INQUIRY INTO THE \
        ARMS DEAL WOULD GO ON. ALFRED NZO'S OFFICE SAID THE CABINET WOULD MEET. \
        JESSE JACKSON VISIT WAS NOT DISCUSSED WITH THE GOVERNMENT.\n\nLEWIS\n";
    let record = parse_text("c_caps.txt", text);
    let persons = names(&record, "person");
    for want in ["Thabo Mbeki", "Alfred Nzo", "Jesse Jackson", "Lewis"] {
        assert!(
            persons.contains(&want.to_string()),
            "{want} not in {persons:?}"
        );
    }
    assert!(!persons.iter().any(|p| p.contains("Visit")), "{persons:?}");
}

#[test]
fn an_article_s_headline_and_date_are_found_below_its_chrome() {
    let text = "Skip to main content\n24 Nov 2024\nLebanon News\n\
        Tuesday 16 March 2021 - 21:48\n\n\
        Minister says talks with neighbours can resume | Section | Middle East Eye\n\n\
        Minister says talks with neighbours can resume\n\
        The foreign minister said on Tuesday that the talks could resume within a month, \
        officials in the capital confirmed.\n";
    let record = parse_text("a_chrome.txt", text);
    assert_eq!(
        record["title"],
        "Minister says talks with neighbours can resume"
    );
    assert_eq!(record["date"], "2021-03-16");
    assert_eq!(record["outlet"], "Middle East Eye");
}

#[test]
fn reporters_and_photographers_are_not_actors_of_the_story() {
    let text = "Uncovering Syria: Tales of a Spying State\n\n\
        A protester in Beirut holds a portrait. (Photo: Haytham al-Moussawi)\n\n\
        By: Basheer al-Baker\n\nPublished Thursday, August 25, 2011\n\n\
        Intelligence officer Rustum Ghazaleh met Ali Mamlouk in Damascus, \
        Basheer al-Baker learned from two witnesses.\n\n\
        Foto: Juma Mohammad / ZUMA Wire\n";
    let record = parse_text("a_credits.txt", text);
    assert_eq!(record["authors"], serde_json::json!(["Basheer al-Baker"]));
    let persons = names(&record, "person");
    assert!(persons.contains(&"Ali Mamlouk".to_string()), "{persons:?}");
    for credited in ["Basheer al-Baker", "Haytham al-Moussawi", "Juma Mohammad"] {
        assert!(
            !persons.iter().any(|p| p == credited),
            "{credited} in {persons:?}"
        );
    }
    // A byline naming an agency credits the outlet; it is no author.
    let wire = parse_text(
        "a_wire.txt",
        "Jordan and Iraq sign a trade deal\n\nBy JT - Feb 09,2019 - Last updated at Feb 09,2019\n\n\
         AMMAN — The two governments signed the deal on Saturday.\n",
    );
    assert_eq!(wire["authors"], serde_json::json!([]));
    assert_eq!(wire["outlet"], "The Jordan Times");
}

#[test]
fn a_re_cased_signer_and_the_declassification_stamp() {
    let text = "09TELAVIV1098\nISRAEL: ORGANISED CRIME\nFri May 15 00:00:00 +0200 2009\n\
        UNCLASSIFIED\nEmbassy Tel Aviv\nTAGS: PGOV KCRM IS\n\
        SUBJECT: ISRAEL: ORGANISED CRIME\n\n1. (SBU) Crime families are not automatically ineligible for travel.\n\n\
        Cunningham\n\nDeclassified/Released US Department of State EO\n\
        Systematic Review 05 JUL 2006\n";
    let record = parse_text("c_signed.txt", text);
    assert!(names(&record, "person").contains(&"Cunningham".to_string()));
    let orgs = names(&record, "organization");
    assert!(
        !orgs
            .iter()
            .any(|o| o.contains("Declassified") || o.contains("Review")),
        "{orgs:?}"
    );
    // A body that ends in an ordinary word is not signed by it.
    let unsigned = parse_text(
        "c_unsigned.txt",
        "09TELAVIV1099\nISRAEL: VISAS\nFri May 15 00:00:00 +0200 2009\nUNCLASSIFIED\n\
         Embassy Tel Aviv\nTAGS: CVIS IS\nSUBJECT: ISRAEL: VISAS\n\n1. (U) The consulate issued the visas on time and will\ncontinue\n",
    );
    assert!(names(&unsigned, "person").is_empty(), "{unsigned}");
}

#[test]
fn a_nickname_inside_a_name_is_left_out_of_it() {
    let text = "Militia commander killed in Baghdad strike\n\n\
        Militias say one of those killed was Wissam Mohammed “Abu Bakr” al-Saadi, a commander. \
        The ambassador was accompanied by Colonel Bjarne (Michael) Iverson, Executive Officer. \
        In a feud between the clans, crime boss Shalom \"Charlie\" Abutbul was shot. \
        The chief of the Islamic Revolution Guards Corps (IRGC) Hossein Salami spoke.\n";
    let record = parse_text("a_nicknames.txt", text);
    let persons = names(&record, "person");
    for want in [
        "Wissam Mohammed al-Saadi",
        "Bjarne Iverson",
        "Shalom Abutbul",
        "Hossein Salami",
    ] {
        assert!(
            persons.contains(&want.to_string()),
            "{want} not in {persons:?}"
        );
    }
    assert!(
        !persons
            .iter()
            .any(|p| p.contains("Charlie") || p.contains("Bakr")),
        "{persons:?}"
    );
}

#[test]
fn surnames_after_abbreviated_offices_and_given_names_that_are_words() {
    let text = "Scenesetter for the Assistant Secretary\n\n\
        MbZ told A/S Welch March 28 that he did not think so. Treasury U/S Levey will \
        return to the capital. Deputy CHOD Basbug's press briefing was calm. \
        Maj. Gen. Abdulfattah Qudsiya was transferred. They are married to \
        Slim Zarrouk and Marouane Mabrouk. Martin Biesel will advise the minister. \
        Will Smith and the Christian Democratic Union were not mentioned.\n";
    let record = parse_text("a_offices.txt", text);
    let persons = names(&record, "person");
    for want in [
        "Levey",
        "Basbug",
        "Abdulfattah Qudsiya",
        "Slim Zarrouk",
        "Martin Biesel",
    ] {
        assert!(
            persons.contains(&want.to_string()),
            "{want} not in {persons:?}"
        );
    }
    assert!(persons.iter().any(|p| p.ends_with("Welch")), "{persons:?}");
    for not in ["Will Smith", "Christian Democratic", "March"] {
        assert!(
            !persons.iter().any(|p| p.contains(not)),
            "{not} in {persons:?}"
        );
    }
    // In capitals, an English-word given name counts only after an office.
    let cable = "72TEHRAN5055\nIRAN: TERRORISM\nWed Aug 23 00:00:00 +0100 1972\nCONFIDENTIAL\n\
        Embassy Tehran\nTAGS: PINS IR\nSUBJECT: TERRORISM CONTINUES\n\n\
        1. FOLLOWING ASSASSINATION OF GENERAL SAID TAHERI, BOMBINGS CONTINUED. \
        THEY WILL ROB NORIEGA OF HIS ALLIES.\n\nHELMS\n";
    let persons = names(&parse_text("c_caps_offices.txt", cable), "person");
    assert!(persons.contains(&"Said Taheri".to_string()), "{persons:?}");
    assert!(!persons.iter().any(|p| p.starts_with("Rob")), "{persons:?}");
}

#[test]
fn abd_al_spellings_and_a_lone_given_name_join_their_person() {
    let text =
        "08RIYADH649\nSAUDI KING ABDULLAH AND SENIOR PRINCES\nSun Apr 20 00:00:00 +0200 2008\n\
        SECRET\nEmbassy Riyadh\nTAGS: PREL SA\nSUBJECT: SAUDI KING ABDULLAH AND SENIOR PRINCES\n\n\
        1. (S) The Ambassador met King Abdullah bin Abd al-Aziz and Interior Minister Prince \
        Nayif bin Abd al-Aziz. Prince Nayif said the border was quiet.\n";
    let record = parse_text("c_riyadh.txt", text);
    let persons = names(&record, "person");
    assert!(
        persons.contains(&"Abdullah bin Abdulaziz".to_string()),
        "{persons:?}"
    );
    assert!(!persons.contains(&"Nayif".to_string()), "{persons:?}");
    assert!(
        persons.iter().filter(|p| p.starts_with("Nay")).count() == 1,
        "{persons:?}"
    );
}

#[test]
fn organization_names_run_on_past_of_for_on_and_in() {
    let text = "Committee hears the envoy\n\n\
        The Senate Select Committee on Intelligence met on Friday. Officials of the Higher \
        Regional Court of Koblenz and the Washington Institute for Near East Policy spoke. \
        The U.S. Embassy in Baghdad said the National Assembly on Jan. 5 had adjourned, and \
        the army's Fourth Division of Assad guarded the Bessma Society -- Leila Ben Ali runs it.\n";
    let record = parse_text("a_long_orgs.txt", text);
    let orgs = names(&record, "organization");
    for want in [
        "Senate Select Committee on Intelligence",
        "Higher Regional Court of Koblenz",
        "Washington Institute for Near East Policy",
    ] {
        assert!(orgs.contains(&want.to_string()), "{want} not in {orgs:?}");
    }
    assert!(
        orgs.iter().any(|o| o.ends_with("Embassy in Baghdad")),
        "{orgs:?}"
    );
    for cut in ["Jan", "of Assad", "Leila"] {
        assert!(!orgs.iter().any(|o| o.contains(cut)), "{cut} in {orgs:?}");
    }
}

#[test]
fn a_surname_alone_is_the_person_the_document_names_in_full() {
    // `Turner` alone would resolve to a catalogued bearer; the document names its own.
    let text = "Codel visit to Cairo\n\nParticipants: Congressman Mike Turner (R-OH).\n\n\
        Congressman Turner asked whether Syria would cooperate. Manuel Noriega was not \
        discussed; NORIEGA PLANS FOR A NEW YEAR IN POWER.\n";
    let persons = names(&parse_text("a_turner.txt", text), "person");
    assert!(persons.contains(&"Mike Turner".to_string()), "{persons:?}");
    assert_eq!(
        persons.iter().filter(|p| p.ends_with("Turner")).count(),
        1,
        "{persons:?}"
    );
    assert!(
        persons.contains(&"Manuel Noriega".to_string()),
        "{persons:?}"
    );
}

#[test]
fn followers_name_the_person_they_follow() {
    let text = "Turkish politics\n\nLeading members have expressed to us the Gulenists' sense \
        that the government cannot hack it, echoing the Khatami-ist current in Iran.\n";
    let persons = names(&parse_text("a_followers.txt", text), "person");
    assert!(persons.iter().any(|p| p.ends_with("Gulen")), "{persons:?}");
    assert!(
        persons.contains(&"Mohammad Khatami".to_string()),
        "{persons:?}"
    );
}

#[test]
fn outlets_named_in_the_story_are_organizations_with_their_own_names() {
    let text = "Leaks to the press\n\nThe leaks to The New York Times appeared on Monday, and \
        the Washington Post reported them. The Minister of Foreign Affairs declined to comment; \
        the ministries of Interior, Foreign Affairs, and Justice were silent.\n";
    let orgs = names(&parse_text("a_press.txt", text), "organization");
    for want in ["The New York Times", "The Washington Post"] {
        assert!(orgs.contains(&want.to_string()), "{want} not in {orgs:?}");
    }
    assert!(!orgs.contains(&"Foreign Affairs".to_string()), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o == "New York"), "{orgs:?}");
}

#[test]
fn an_article_s_dateline_says_whose_institutions_it_names() {
    let filed = parse_text(
        "a_kuwait.txt",
        "Assembly session adjourned\n\nKUWAIT: National Assembly Speaker Ahmad Al-Saadoun on \
         Tuesday adjourned the National Assembly's regular session.\n",
    );
    let orgs = names(&filed, "organization");
    assert!(
        orgs.contains(&"National Assembly of Kuwait".to_string()),
        "{orgs:?}"
    );
    // Without a dateline, no country is guessed.
    let unfiled = parse_text(
        "a_unfiled.txt",
        "Assembly session adjourned\n\nThe National Assembly adjourned its regular session.\n",
    );
    assert!(names(&unfiled, "organization").contains(&"National Assembly".to_string()));
}

#[test]
fn an_administration_of_a_catalogued_president_is_no_organization() {
    let text = "09CAIRO874\nSCENESETTER\nTue May 19 00:00:00 +0200 2009\nSECRET\nEmbassy Amman\n\
        TAGS: PREL JO\nSUBJECT: SCENESETTER\n\n1. (S) Relations between the two capitals \
        cooled under the Bush\nAdministration, senior officials at the Prime Ministry said to \
        us, and the Interior\nMinistry agreed with that reading of the last eight years.\n";
    let orgs = names(&parse_text("c_admin.txt", text), "organization");
    assert!(
        !orgs.iter().any(|o| o.contains("Administration")),
        "{orgs:?}"
    );
    assert!(
        orgs.contains(&"Prime Ministry of Jordan".to_string()),
        "{orgs:?}"
    );
    assert!(
        orgs.contains(&"Ministry of Interior of Jordan".to_string()),
        "{orgs:?}"
    );
}

#[test]
fn relatives_named_by_given_name_take_the_family_name() {
    let text =
        "Crime families in Israel\n\nIn a feud between the clans, Yaakov Alperon was killed. \
        Alperon's brother, Nissim, was arrested in May. Among their targets were Aviv and Adam \
        Abutbul. French-Syrians Mazen Dabbagh and his son Patrick were detained in 2013.\n";
    let persons = names(&parse_text("a_families.txt", text), "person");
    for want in [
        "Yaakov Alperon",
        "Nissim Alperon",
        "Aviv Abutbul",
        "Adam Abutbul",
        "Mazen Dabbagh",
        "Patrick Dabbagh",
    ] {
        assert!(
            persons.contains(&want.to_string()),
            "{want} not in {persons:?}"
        );
    }
}

#[test]
fn particles_inside_names_and_at_the_head_of_outlet_names() {
    let text =
        "Ankara meets the new rulers\n\nThe minister met the leader of the new administration, \
        Ahmed al Sharaa, in the capital. The Ambassador was briefed by Joan A. Polaschik, who \
        had read Le Monde.\n";
    let record = parse_text("a_particles.txt", text);
    let persons = names(&record, "person");
    assert!(persons.iter().any(|p| p.ends_with("Sharaa")), "{persons:?}");
    assert!(!persons.contains(&"Ahmed al".to_string()), "{persons:?}");
    assert!(
        persons.contains(&"Joan A. Polaschik".to_string()),
        "{persons:?}"
    );
    assert!(names(&record, "organization").contains(&"Le Monde".to_string()));
}

/// A title carrying a terminal escape and a bidi override (a hostile page's
/// `<title>`) is shown, not obeyed, in the summary `parse` prints without `--json`.
#[test]
fn the_summary_shows_escapes_and_bidi_overrides_instead_of_obeying_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("hostile.html");
    std::fs::write(
        &page,
        "<html><head><title>Minister \u{1b}]0;pwned\u{7} meets \u{202e}lanoitan</title></head>\
         <body><p>Beirut, 3 May 2021. The minister met the ambassador on Monday.</p></body></html>",
    )
    .expect("write");
    let out = dossier().arg("parse").arg(&page).output().expect("runs");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
        "{shown}"
    );
    assert!(
        shown.contains("\\x1b") && shown.contains("\\u{202e}"),
        "{shown}"
    );
}

/// A folder is walked as `index` walks it: its files and its subfolders' files, in
/// path order, hidden entries skipped, each record's path under the folder as given.
#[test]
fn a_folder_is_parsed_file_by_file_as_index_walks_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seeds");
    let mut names: Vec<_> = std::fs::read_dir(&seeds)
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    std::fs::create_dir_all(dir.path().join("sub")).expect("subfolder");
    std::fs::copy(&names[0], dir.path().join("a.txt")).expect("copy");
    std::fs::copy(&names[1], dir.path().join("sub/b.txt")).expect("copy");
    std::fs::copy(&names[2], dir.path().join(".hidden.txt")).expect("copy");
    let (records, stderr, code) = parse(&[dir.path().display().to_string()]);
    assert_eq!(code, 0, "{stderr}");
    let paths: Vec<&str> = records.iter().filter_map(|r| r["path"].as_str()).collect();
    let shown = |rel: &str| dir.path().join(rel).display().to_string();
    assert_eq!(paths, [shown("a.txt"), shown("sub/b.txt")]);
}

/// Terminal escapes and bidi overrides in a document's text and in a file's name are
/// shown, never obeyed, wherever they are printed: the summary of `parse`, and the
/// error that names a file.
#[test]
fn escapes_and_bidi_overrides_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let name = "brief\u{1b}[2J\u{202e}txt.gpj";
    let file = dir.path().join(format!("{name}.txt"));
    std::fs::write(
        &file,
        "Report\u{1b}]0;owned\u{7} on \u{202e}Damascus\u{202c}\n\nDAMASCUS, March 3, 2009 \
         \u{2014} Ali Mamlouk met envoys.\u{1b}[31m\n",
    )
    .expect("write");
    let out = dossier()
        .arg("parse")
        .arg(&file)
        .output()
        .expect("parse runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for hostile in ['\u{1b}', '\u{7}', '\u{202e}', '\u{202c}'] {
        assert!(
            !stdout.contains(hostile),
            "{hostile:?} reached the terminal:\n{stdout}"
        );
    }
    assert!(
        stdout.contains("\\x1b") && stdout.contains("\\u{202e}"),
        "{stdout}"
    );

    let missing = dir.path().join(format!("{name}-missing.txt"));
    let out = dossier()
        .arg("parse")
        .arg(&missing)
        .output()
        .expect("parse runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("missing") && stderr.contains("\\x1b"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'),
        "{stderr}"
    );
}
