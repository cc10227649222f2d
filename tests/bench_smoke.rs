//! The benchmark cannot rot: `benches/run.sh --smoke` (one province, debug binaries, every
//! measurement once) runs and prints its table. And the figure it times is right: the
//! coverage report equals an independent recount in SQL from the exported sites.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::{params, Connection};

const SGZ: &str = env!("CARGO_BIN_EXE_sgz");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn smoke_run_prints_the_table() {
    if Command::new("bash").arg("--version").output().is_err() {
        eprintln!("no bash here: the benchmark smoke run is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("bash")
        .arg(root().join("benches/run.sh"))
        .arg("--smoke")
        .env("SGZ_BENCH_DIR", dir.path())
        .env("SGZ_LOG", "off")
        .env("SGZ_BIN", SGZ)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("| measurement | sgz: median [min–max] | anchor, same run | target |"),
        "{stdout}"
    );
    // Every row has its sgz figure, and nothing is judged in a smoke run.
    let rows: Vec<&str> = stdout
        .lines()
        .filter(|l| l.ends_with("| not judged (smoke) |"))
        .collect();
    assert_eq!(rows.len(), 16, "{stdout}");
    // A smoke run starts one session on its one province; the side-by-side and nationwide
    // sessions are measured on the national database only.
    let national_only = [
        "8 province sessions",
        "32 province sessions",
        "a nationwide session",
    ];
    for r in rows {
        let sgz = r.split('|').nth(2).unwrap_or("").trim();
        if national_only.iter().any(|n| r.contains(n)) {
            assert_eq!(sgz, "—", "{r}");
        } else {
            assert!(sgz != "—" && !sgz.is_empty(), "no figure: {r}");
        }
    }
}

/// Ningxia's rows of the repository's division list, as `init --national` reads them.
fn ningxia_divisions(dir: &Path) {
    for f in ["provinces", "cities", "areas", "streets", "villages"] {
        let text = std::fs::read_to_string(root().join(format!("data/divisions/{f}.csv"))).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .enumerate()
            .filter(|(k, l)| *k == 0 || l.starts_with("64"))
            .map(|(_, l)| l)
            .collect();
        std::fs::write(dir.join(format!("{f}.csv")), kept.join("\n") + "\n").unwrap();
    }
}

fn sgz(db: &Path, args: &[&str]) -> String {
    let out = Command::new(SGZ)
        .env("SGZ_LOG", "off")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "sgz {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// The recount: divisions from the source CSV files, sites from `sgz export sites`; a site
/// covers its division on D when established on or before D and not suspended by then.
fn recount_db(src: &Path, sites_csv: &str) -> Connection {
    let c = Connection::open_in_memory().unwrap();
    c.execute_batch(
        "CREATE TABLE divisions (code TEXT PRIMARY KEY, name TEXT, digits INTEGER);
         CREATE TABLE sites (division TEXT, tier TEXT, established_on TEXT, suspended_on TEXT);",
    )
    .unwrap();
    for f in ["provinces", "cities", "areas", "streets", "villages"] {
        let text = std::fs::read_to_string(src.join(format!("{f}.csv"))).unwrap();
        for row in csv_rows(&text) {
            c.execute(
                "INSERT INTO divisions VALUES (?1, ?2, length(?1))",
                params![row["code"], row["name"]],
            )
            .unwrap();
        }
    }
    for row in csv_rows(sites_csv) {
        c.execute(
            "INSERT INTO sites VALUES (?1, ?2, nullif(?3, ''), nullif(?4, ''))",
            params![
                row["division_code"],
                row["tier"],
                row["established_on"],
                row["suspended_on"]
            ],
        )
        .unwrap();
    }
    c
}

/// Required and covered per Ningxia milestone (宁民发〔2021〕22号 §一), for the province and
/// per city (GROUP BY the 4-digit prefix).
fn recount(
    c: &Connection,
    milestone: &str,
    as_of: &str,
) -> (u32, u32, BTreeMap<String, (u32, u32)>) {
    // The divisions a milestone requires, with the tier of site that covers each.
    let parts = match milestone {
        // Every county's guidance center and every urban street's station.
        "centers-urban-stations" => {
            "SELECT code, 'center' AS tier FROM divisions WHERE digits = 6
             UNION ALL
             SELECT code, 'station' FROM divisions WHERE digits = 9
               AND (name LIKE '%街道' OR name LIKE '%街道办事处' OR name LIKE '%社区' OR name LIKE '%居委会')"
        }
        // Every township and street has a station.
        "stations-full" => "SELECT code, 'station' AS tier FROM divisions WHERE digits = 9",
        other => panic!("no recount for milestone {other}"),
    };
    let sql = format!(
        "WITH required AS ({parts})
         SELECT substr(r.code, 1, 4), count(*),
                count(s.division) FILTER (WHERE s.established_on <= ?1
                                           AND (s.suspended_on IS NULL OR s.suspended_on > ?1))
         FROM required r LEFT JOIN sites s ON s.division = r.code AND s.tier = r.tier
         WHERE r.code LIKE '64%'
         GROUP BY 1 ORDER BY 1"
    );
    let mut st = c.prepare(&sql).unwrap();
    let by_city: BTreeMap<String, (u32, u32)> = st
        .query_map([as_of], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let required = by_city.values().map(|v| v.0).sum();
    let covered = by_city.values().map(|v| v.1).sum();
    (required, covered, by_city)
}

#[test]
fn coverage_report_equals_a_sql_recount_of_the_exported_sites() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("divisions");
    std::fs::create_dir(&src).unwrap();
    ningxia_divisions(&src);
    let db = dir.path().join("smoke.db");
    sgz(&db, &["init", "--national", src.to_str().unwrap()]);
    let sites = sgz(&db, &["export", "sites", "--format", "csv"]);
    let c = recount_db(&src, &sites);
    for as_of in ["2021-09-30", "2021-12-31", "2023-06-30", "2025-12-31"] {
        let json = sgz(
            &db,
            &[
                "report", "coverage", "--scope", "64", "--as-of", as_of, "--format", "json",
            ],
        );
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let milestones = v["milestones"].as_array().unwrap();
        assert_eq!(milestones.len(), 2, "{json}");
        for m in milestones {
            let id = m["id"].as_str().unwrap();
            let (required, covered, by_city) = recount(&c, id, as_of);
            assert!(required > 0);
            assert_eq!(m["required"], required, "{id} {as_of} required");
            assert_eq!(m["covered"], covered, "{id} {as_of} covered");
            let children: BTreeMap<String, (u32, u32)> = m["children"]
                .as_array()
                .unwrap()
                .iter()
                .map(|ch| {
                    (
                        ch["code"].as_str().unwrap().to_string(),
                        (
                            ch["required"].as_u64().unwrap() as u32,
                            ch["covered"].as_u64().unwrap() as u32,
                        ),
                    )
                })
                .collect();
            assert_eq!(children, by_city, "{id} {as_of} per city");
        }
    }
}
