//! Every lesson in www/lessons/ is well-formed: it loads, at least one goal is unmet on the
//! starting network, and its solution meets every goal. The index lists exactly those lessons,
//! with the same ids and titles, and cost comparisons name options that the price table has.

use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use vpc_playground::lesson::check;

const LESSONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/lessons");
const PRICES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/data/prices.json");

/// The lesson files (every .json except index.json), sorted by name.
fn lesson_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(LESSONS)
        .expect("www/lessons exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| p.file_name().is_some_and(|n| n != "index.json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no lessons in {LESSONS}");
    files
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

fn read_json(p: &Path) -> Value {
    let text = fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn every_lesson_checks_out() {
    for p in lesson_files() {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&p).unwrap();
        let report = check(&name, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(report.problems.is_empty(), "{name}: {:#?}", report.problems);
        assert_eq!(
            report.id,
            stem(&p),
            "{name}: the lesson id must match the file name"
        );
        assert!(
            report.start.iter().any(|g| !g.met),
            "{name}: every goal is met at the start"
        );
        assert!(
            !report.solved.is_empty(),
            "{name}: no goals after the solution"
        );
        for g in &report.solved {
            assert!(
                g.met,
                "{name}: solution misses \"{}\": {}",
                g.text, g.detail
            );
        }
    }
}

#[test]
fn lessons_are_named_after_their_title() {
    for p in lesson_files() {
        let v = read_json(&p);
        let title = v["lesson"]["title"].as_str().unwrap();
        let name = v["name"].as_str().unwrap_or_default();
        assert!(
            name.starts_with("Lesson ") && name.ends_with(&format!(": {title}")),
            "{}: name \"{name}\" should be \"Lesson N: {title}\"",
            p.display()
        );
        assert!(
            v.get("flow").is_some(),
            "{}: a lesson offers a first flow",
            p.display()
        );
        let hints = v["lesson"]["hints"].as_array().map_or(0, |h| h.len());
        assert!(hints >= 2, "{}: give at least two hints", p.display());
        assert!(
            !v["lesson"]["takeaway"]
                .as_str()
                .unwrap_or_default()
                .is_empty(),
            "{}: no takeaway",
            p.display()
        );
    }
}

#[test]
fn index_lists_exactly_the_lessons() {
    let index = read_json(&Path::new(LESSONS).join("index.json"));
    let listed: Vec<(String, String)> = index["lessons"]
        .as_array()
        .expect("index.json has a lessons array")
        .iter()
        .map(|l| {
            assert!(
                !l["summary"].as_str().unwrap_or_default().is_empty(),
                "index entry {l} has no summary"
            );
            (
                l["id"].as_str().expect("id").to_string(),
                l["title"].as_str().expect("title").to_string(),
            )
        })
        .collect();
    let files: BTreeMap<String, String> = lesson_files()
        .iter()
        .map(|p| {
            let v = read_json(p);
            (stem(p), v["lesson"]["title"].as_str().unwrap().to_string())
        })
        .collect();
    let mut ids: Vec<&String> = listed.iter().map(|(id, _)| id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), listed.len(), "index.json lists a lesson twice");
    assert_eq!(
        ids,
        files.keys().collect::<Vec<_>>(),
        "index.json must list exactly the lesson files"
    );
    for (id, title) in &listed {
        assert_eq!(&files[id], title, "index.json title of {id}");
    }
}

#[test]
fn cost_comparisons_use_priced_options() {
    let prices = read_json(Path::new(PRICES));
    assert!(prices["date"].is_string(), "prices.json needs a date");
    assert!(
        !prices["sources"].as_array().map_or(true, |s| s.is_empty()),
        "prices.json needs sources"
    );
    for p in lesson_files() {
        let v = read_json(&p);
        let Some(cost) = v["lesson"].get("extra").and_then(|e| e.get("cost")) else {
            continue;
        };
        for key in ["gb_per_month", "hours_per_month", "azs"] {
            assert!(cost[key].is_number(), "{}: cost.{key}", p.display());
        }
        for opt in cost["options"].as_array().expect("cost.options") {
            for price in priced_ids(opt, &p) {
                let o = &prices["options"][price.as_str()];
                assert!(
                    o["hourly"].is_number() && o["per_gb"].is_number(),
                    "{}: option {price} has no hourly and per-GB price in prices.json",
                    p.display()
                );
                for s in ["hourly_status", "per_gb_status"] {
                    let status = o[s].as_str().unwrap_or_default();
                    assert!(
                        status == "confirmed" || status == "unconfirmed",
                        "prices.json {price}.{s} is \"{status}\""
                    );
                }
            }
        }
    }
}

/// The price-table ids a cost option uses: the option itself when it is a string, else the
/// `price` of each of its parts (a row that mixes paths), each with numeric units and GB.
fn priced_ids(opt: &Value, lesson: &Path) -> Vec<String> {
    if let Some(id) = opt.as_str() {
        return vec![id.to_string()];
    }
    assert!(
        opt["id"].is_string() && opt["label"].is_string(),
        "{}: option {opt} needs an id and a label",
        lesson.display()
    );
    let parts = opt["parts"].as_array().expect("a mixed option has parts");
    assert!(
        !parts.is_empty(),
        "{}: option {opt} has no parts",
        lesson.display()
    );
    parts
        .iter()
        .map(|part| {
            for key in ["units", "gb_per_month"] {
                assert!(
                    part[key].is_number(),
                    "{}: part {part} needs {key}",
                    lesson.display()
                );
            }
            part["price"]
                .as_str()
                .expect("a part names its price")
                .to_string()
        })
        .collect()
}

/// Every source and note in the price table says which options it concerns, and names only
/// options the table has: the chart shows a lesson only the ones about its own rows.
#[test]
fn price_sources_and_notes_name_priced_options() {
    let prices = read_json(Path::new(PRICES));
    let options = prices["options"].as_object().expect("prices.json options");
    for list in ["sources", "not_included"] {
        for entry in prices[list].as_array().expect("a list") {
            let ids = entry["for"]
                .as_array()
                .unwrap_or_else(|| panic!("{list} entry {entry} has no \"for\""));
            assert!(!ids.is_empty(), "{list} entry {entry} concerns no option");
            for id in ids {
                assert!(
                    options.contains_key(id.as_str().unwrap_or_default()),
                    "{list} entry names {id}, not in the table"
                );
            }
        }
    }
}
