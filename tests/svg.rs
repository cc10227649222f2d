//! `sgz report coverage --format svg`: every milestone of the scope on one slide-sized
//! canvas, every label inside it and none over another, whatever the scope, the date and the
//! language; `--milestone` narrows it to one; the synthetic label stays.
//!
//! Text extents are estimated here on their own terms (a Chinese character or a symbol one
//! em, a capital 0.65 em, other ASCII 0.5 em: Noto Sans CJK's own advances are at most these
//! for the characters used), not with the writer's estimate.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;

fn demo_db() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, p) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("demo.db");
        sgz(&p).args(["init", "--demo"]).assert().success();
        (dir, p)
    });
    p
}

fn sgz(db: &Path) -> Command {
    let mut c = Command::cargo_bin("sgz").unwrap();
    c.arg("--db")
        .arg(db)
        .args(["--today", "2026-11-22"])
        .env_remove("SGZ_DB")
        .env_remove("SGZ_POLICY_DIR")
        .env("SGZ_LANG", "zh")
        // Not into the runner's own log (~/.local/state/sgz); tests/cli_conventions.rs reads one.
        .env("SGZ_LOG", "off");
    c
}

fn svg(args: &[&str]) -> String {
    let mut all = vec!["report", "coverage", "--format", "svg"];
    all.extend_from_slice(args);
    let out = sgz(demo_db()).args(&all).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// One `<text>` element: position, size, anchor and its text (entities decoded).
#[derive(Debug)]
struct Text {
    x: f64,
    y: f64,
    size: f64,
    anchor: String,
    body: String,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

fn texts(svg: &str) -> Vec<Text> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find("<text ") {
        let tag_end = rest[i..].find('>').unwrap() + i;
        let close = rest[tag_end..].find("</text>").unwrap() + tag_end;
        let tag = &rest[i..tag_end];
        let num = |n: &str| attr(tag, n).unwrap().parse::<f64>().unwrap();
        out.push(Text {
            x: num("x"),
            y: num("y"),
            size: num("font-size"),
            anchor: attr(tag, "text-anchor").unwrap_or_else(|| "start".into()),
            body: rest[tag_end + 1..close]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&"),
        });
        rest = &rest[close..];
    }
    out
}

fn view_box(svg: &str) -> (f64, f64) {
    let v = attr(svg, "viewBox").unwrap();
    let n: Vec<f64> = v.split(' ').map(|x| x.parse().unwrap()).collect();
    (n[2], n[3])
}

/// Left, top, right, bottom of a text as drawn (baseline `y`, descent 0.25 em).
fn extent(t: &Text) -> (f64, f64, f64, f64) {
    let w: f64 = t
        .body
        .chars()
        .map(|c| {
            if c.is_ascii_uppercase() {
                0.65
            } else if c.is_ascii() {
                0.5
            } else {
                1.0
            }
        })
        .sum::<f64>()
        * t.size;
    let left = match t.anchor.as_str() {
        "end" => t.x - w,
        "middle" => t.x - w / 2.0,
        _ => t.x,
    };
    (left, t.y - t.size * 0.8, left + w, t.y + t.size * 0.25)
}

fn check(label: &str, svg: &str) -> Vec<Text> {
    let (w, h) = view_box(svg);
    assert!(
        (w / h - 16.0 / 9.0).abs() < 0.01 && w >= 1280.0,
        "{label}: {w}x{h} is not a 16:9 slide"
    );
    let ts = texts(svg);
    assert!(!ts.is_empty(), "{label}: no text");
    let boxes: Vec<_> = ts.iter().map(extent).collect();
    for (t, b) in ts.iter().zip(&boxes) {
        assert!(
            b.0 >= 0.0 && b.1 >= 0.0 && b.2 <= w && b.3 <= h,
            "{label}: {:?} ({b:?}) runs off the {w}x{h} canvas",
            t.body
        );
    }
    for i in 0..ts.len() {
        for j in i + 1..ts.len() {
            let (a, b) = (boxes[i], boxes[j]);
            let overlap = a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
            assert!(
                !overlap,
                "{label}: {:?} {a:?} overlaps {:?} {b:?}",
                ts[i].body, ts[j].body
            );
        }
    }
    // Every point of every line lies on the canvas too.
    for part in svg.split(" d=\"").skip(1) {
        let d = &part[..part.find('"').unwrap()];
        for pt in d.split(['M', 'L', ' ']) {
            if let Some((x, y)) = pt.split_once(',') {
                let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
                assert!(
                    (0.0..=w).contains(&x) && (0.0..=h).contains(&y),
                    "{label}: the line reaches ({x}, {y}), off the canvas"
                );
            }
        }
    }
    assert!(
        svg.contains("Noto Sans CJK SC") && svg.contains("Microsoft YaHei"),
        "{label}: no Chinese font in the font-family list"
    );
    ts
}

#[test]
fn every_label_lies_inside_the_canvas_and_none_overlaps_another() {
    for lang in ["zh", "en"] {
        for scope in [
            None,
            Some("64"),
            Some("3303"),
            Some("4201"),
            Some("320682"),
            Some("500112"),
            Some("330383"),
        ] {
            for date in ["2020-06-30", "2021-12-31", "2026-11-22", "2099-12-31"] {
                let mut args = vec!["--lang", lang, "--as-of", date];
                if let Some(s) = scope {
                    args.extend(["--scope", s]);
                }
                let s = svg(&args);
                let ts = check(&format!("{lang} {scope:?} {date}"), &s);
                let synthetic = if lang == "zh" { "合成" } else { "synthetic" };
                assert!(
                    ts.iter().any(|t| t.body.contains(synthetic)),
                    "{lang} {scope:?} {date}: the synthetic label is missing"
                );
            }
        }
    }
}

/// The number of panels: each has one target label.
fn panels(ts: &[Text]) -> usize {
    ts.iter()
        .filter(|t| t.body.starts_with("目标 ") || t.body.starts_with("target "))
        .count()
}

#[test]
fn all_milestones_of_the_scope_on_one_canvas_and_milestone_narrows_to_one() {
    // Every bound jurisdiction: five regions, two milestones each.
    let all = texts(&svg(&["--as-of", "2026-11-22"]));
    assert_eq!(panels(&all), 10);
    // Wenzhou: the count target and full coverage, with their real targets.
    let wz = texts(&svg(&["--scope", "3303", "--as-of", "2026-11-22"]));
    assert_eq!(panels(&wz), 2);
    for target in ["目标 80", "目标 191"] {
        assert!(wz.iter().any(|t| t.body == target), "no {target}");
    }
    // The y axis is labelled with the scale's real top, above the 186 reached, not 80.
    let tops: Vec<f64> = wz
        .iter()
        .filter_map(|t| t.body.parse::<f64>().ok())
        .collect();
    assert!(tops.iter().any(|&v| v >= 186.0), "y labels {tops:?}");
    let one = texts(&svg(&[
        "--scope",
        "3303",
        "--as-of",
        "2026-11-22",
        "--milestone",
        "stations-80",
    ]));
    assert_eq!(panels(&one), 1);
    assert!(one.iter().any(|t| t.body == "目标 80"));
    let out = sgz(demo_db())
        .args([
            "report",
            "coverage",
            "--scope",
            "3303",
            "--format",
            "svg",
            "--milestone",
            "nope",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nope") && err.contains("stations-80"), "{err}");
}
