use super::*;
use crate::domain::policy::Profile;

fn profile(file: &str, text: &str) -> Profile {
    crate::io::policy::parse(file, text).expect("profile parses")
}

fn wenzhou() -> Profile {
    profile(
        "wenzhou-2021.toml",
        include_str!("../../../data/policies/wenzhou-2021.toml"),
    )
}

fn thousand() -> Profile {
    profile(
        "thousand-point.toml",
        include_str!("../../../data/policies-test/thousand-point.toml"),
    )
}

fn blank(p: &Profile, status: EvalStatus) -> Evaluation {
    Evaluation {
        id: 7,
        site_id: 3,
        year: 2025,
        phase: p.evaluation.phases[0],
        template: p.id.clone(),
        status,
        total: None,
        grade: None,
        version: 4,
        scores: BTreeMap::new(),
        synthetic: false,
    }
}

fn type_str(s: &mut Sheet, text: &str) {
    for c in text.chars() {
        s.type_char(c).expect("editable");
    }
}

/// Type `text` into row `row` and commit.
fn enter_at(s: &mut Sheet, row: usize, text: &str) -> Result<Option<DraftWrite>, SheetError> {
    s.set_cursor(row)?;
    type_str(s, text);
    s.commit()
}

#[test]
fn validation_table_at_the_cell() {
    let p = wenzhou();
    // Row 0 is mgmt-plan, max 8.
    let cases: &[(&str, Result<f64, ScoreError>)] = &[
        ("", Err(ScoreError::Empty)),
        ("-1", Err(ScoreError::Negative)),
        ("9", Err(ScoreError::OverMax { max: 8.0 })),
        ("8.1", Err(ScoreError::OverMax { max: 8.0 })),
        ("7.25", Err(ScoreError::TooManyDecimals)),
        ("1.2.3", Err(ScoreError::NotANumber("1.2.3".into()))),
        ("7-", Err(ScoreError::NotANumber("7-".into()))),
        ("７．５", Ok(7.5)),
        ("８", Ok(8.0)),
        ("0", Ok(0.0)),
        ("6.5", Ok(6.5)),
    ];
    for (text, want) in cases {
        let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
        s.start_edit().expect("editable");
        type_str(&mut s, text);
        let got = s.commit();
        match want {
            Ok(v) => {
                assert_eq!(
                    got,
                    Ok(Some(DraftWrite::Put {
                        item: "mgmt-plan".into(),
                        score: *v
                    })),
                    "{text:?}"
                );
                assert_eq!(s.rows()[0].value, Some(*v));
                assert_eq!(s.rows()[0].edit, None);
                // Full-width input is shown normalised once committed.
                assert_eq!(s.rows()[0].display(), fmt_score(*v));
            }
            Err(e) => {
                assert_eq!(got, Err(SheetError::Score(e.clone())), "{text:?}");
                let r = &s.rows()[0];
                assert_eq!(r.value, None, "never committed: {text:?}");
                assert_eq!(
                    r.error.as_ref(),
                    Some(e),
                    "reason kept at the cell: {text:?}"
                );
                assert_eq!(r.edit.as_deref(), Some(*text), "text kept: {text:?}");
                assert!(!s.is_dirty());
            }
        }
    }
}

#[test]
fn an_invalid_cell_blocks_moving_and_esc_restores() {
    let p = wenzhou();
    let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
    enter_at(&mut s, 0, "5").expect("valid");
    s.set_cursor(0).expect("no edit");
    type_str(&mut s, "99");
    assert!(matches!(
        s.move_down(),
        Err(SheetError::Score(ScoreError::OverMax { .. }))
    ));
    assert_eq!(s.cursor(), 0);
    s.type_char('9').expect("editable");
    assert_eq!(
        s.rows()[0].error,
        None,
        "a changed text drops the stale reason"
    );
    s.cancel_edit();
    assert_eq!(s.rows()[0].display(), "5");
    assert!(!s.is_editing());
    s.backspace().expect("editable");
    assert_eq!(s.rows()[0].edit.as_deref(), Some(""));
    s.cancel_edit();
    s.move_down().expect("moves");
    assert_eq!(s.cursor(), 1);
    s.move_up().expect("moves");
    s.move_up().expect("stays at the top");
    assert_eq!(s.cursor(), 0);
}

#[test]
fn grade_bands_at_their_boundaries_on_100_points() {
    let p = wenzhou();
    // Fill every item at max, then lower the last (fund-efficiency, max 5) to reach totals.
    let cases = [
        (100.0, Grade::Excellent),
        (90.0, Grade::Excellent),
        (89.9, Grade::Good),
        (80.0, Grade::Good),
        (79.9, Grade::Qualified),
        (60.0, Grade::Qualified),
        (59.9, Grade::Unqualified),
        (0.0, Grade::Unqualified),
    ];
    for (total, want) in cases {
        let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
        let mut left: f64 = total;
        for k in 0..s.rows().len() {
            let max = s.rows()[k].max;
            let v = (left.min(max) * 10.0).round() / 10.0;
            left -= v;
            enter_at(&mut s, k, &fmt_score(v)).expect("valid");
        }
        assert!(
            (s.total() - total).abs() < 1e-9,
            "total {} for {total}",
            s.total()
        );
        assert_eq!(s.grade(), Some(want), "total {total}");
    }
}

#[test]
fn grade_bands_at_their_boundaries_on_1000_points() {
    let p = thousand();
    assert_eq!(p.evaluation.total_max(), 1000.0);
    let cases = [
        (900.0, Grade::Excellent),
        (899.5, Grade::Good),
        (800.0, Grade::Good),
        (799.9, Grade::Qualified),
        (600.0, Grade::Qualified),
        (599.9, Grade::Unqualified),
    ];
    for (total, want) in cases {
        let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
        let mut left: f64 = total;
        for k in 0..s.rows().len() {
            let v = (left.min(s.rows()[k].max) * 10.0).round() / 10.0;
            left -= v;
            enter_at(&mut s, k, &fmt_score(v)).expect("valid");
        }
        assert!((s.total() - total).abs() < 1e-6);
        assert_eq!(s.grade(), Some(want), "total {total} of 1000");
    }
}

#[test]
fn undo_redo_across_the_sheet() {
    let p = wenzhou();
    let mut stored = blank(&p, EvalStatus::Draft);
    stored.scores.insert("mgmt-rules".into(), 6.0);
    let mut s = Sheet::new(&p.evaluation, &stored);
    assert!(!s.can_undo());
    enter_at(&mut s, 0, "7").expect("valid");
    enter_at(&mut s, 1, "5").expect("valid");
    enter_at(&mut s, 4, "10").expect("valid");
    assert_eq!(s.unsaved().len(), 3);
    // Committing the same value again is not a change.
    assert_eq!(enter_at(&mut s, 4, "10.0"), Ok(None));

    s.set_cursor(11).expect("moves");
    assert_eq!(
        s.undo(),
        Some(DraftWrite::Clear {
            item: "perf-volume".into()
        })
    );
    assert_eq!(s.cursor(), 4, "the cursor follows the undone change");
    // Back to the stored 6: no draft needed for that cell.
    assert_eq!(
        s.undo(),
        Some(DraftWrite::Clear {
            item: "mgmt-rules".into()
        })
    );
    assert_eq!(s.rows()[1].value, Some(6.0));
    assert_eq!(
        s.redo(),
        Some(DraftWrite::Put {
            item: "mgmt-rules".into(),
            score: 5.0
        })
    );
    assert_eq!(
        s.undo(),
        Some(DraftWrite::Clear {
            item: "mgmt-rules".into()
        })
    );
    assert_eq!(
        s.undo(),
        Some(DraftWrite::Clear {
            item: "mgmt-plan".into()
        })
    );
    assert_eq!(s.undo(), None);
    assert!(!s.is_dirty());
    assert_eq!(
        s.redo(),
        Some(DraftWrite::Put {
            item: "mgmt-plan".into(),
            score: 7.0
        })
    );
    // A new commit drops the redo stack.
    enter_at(&mut s, 2, "3").expect("valid");
    assert!(!s.can_redo());
    assert_eq!(s.redo(), None);
    // Undo while typing only drops the text.
    s.type_char('1').expect("editable");
    assert_eq!(s.undo(), None);
    assert_eq!(s.rows()[2].value, Some(3.0));
    assert_eq!(
        s.undo(),
        Some(DraftWrite::Clear {
            item: "mgmt-staff".into()
        })
    );
    assert_eq!(
        s.unsaved(),
        BTreeMap::from([("mgmt-plan".to_string(), 7.0)])
    );
}

#[test]
fn a_whole_wenzhou_sheet_by_digits_and_twelve_commits() {
    let p = wenzhou();
    let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
    let typed = [
        "7", "7.5", "８", "5", "11", "10.5", "9", "9", "6", "7", "4", "4.5",
    ];
    assert_eq!(s.rows().len(), 12);
    let mut writes = Vec::new();
    for t in typed {
        type_str(&mut s, t);
        writes.push(s.enter().expect("valid"));
    }
    assert_eq!(
        writes
            .iter()
            .filter(|w| matches!(w, Some(DraftWrite::Put { .. })))
            .count(),
        12
    );
    assert!(s.is_complete());
    assert!((s.total() - 88.5).abs() < 1e-9);
    assert_eq!(s.grade(), Some(Grade::Good));
    let dims = s.dimension_totals();
    assert_eq!(
        dims.iter().map(|d| d.total).collect::<Vec<_>>(),
        vec![27.5, 39.5, 21.5]
    );
    assert_eq!(
        dims.iter().map(|d| d.max).collect::<Vec<_>>(),
        vec![30.0, 45.0, 25.0]
    );
    let req = s.save_request();
    assert_eq!(req.base_version, 4);
    assert_eq!(req.scores.len(), 12);
    assert_eq!(req.total, Some(88.5));
    assert_eq!(req.grade, Some(Grade::Good));
    assert!(s.is_dirty());
    // Wenzhou renews when every evaluation is at least qualified (default reading, §八).
    let r = s.renewal();
    assert_eq!(r.allowed(), Some(true));
    assert_eq!(r.cite.clause, "§八");
    s.mark_saved(5);
    assert!(!s.is_dirty());
    assert_eq!(s.version(), 5);
}

#[test]
fn incomplete_sheets_save_no_total_and_keep_renewal_pending() {
    let p = wenzhou();
    let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
    enter_at(&mut s, 0, "8").expect("valid");
    assert_eq!(s.grade(), None);
    assert_eq!(s.save_request().total, None);
    assert_eq!(s.renewal().allowed(), None);
    assert_eq!(s.filled(), 1);
}

#[test]
fn locked_sheets_refuse_edits() {
    let p = wenzhou();
    let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Locked));
    assert_eq!(
        s.type_char('5'),
        Err(SheetError::ReadOnly(EvalStatus::Locked))
    );
    assert_eq!(s.backspace(), Err(SheetError::ReadOnly(EvalStatus::Locked)));
    assert!(s.move_down().is_ok());
}

#[test]
fn resume_from_drafts() {
    let p = wenzhou();
    let mut stored = blank(&p, EvalStatus::Draft);
    stored.scores.insert("mgmt-plan".into(), 6.0);
    let drafts = BTreeMap::from([
        ("mgmt-plan".to_string(), 7.0),
        ("fund-budget".to_string(), 5.0),
    ]);
    let s = Sheet::resume(&p.evaluation, &stored, &drafts, Some(4));
    assert_eq!(s.unsaved(), drafts);
    assert!(!s.stale_drafts());
    assert_eq!(s.rows()[0].stored, Some(6.0));
    let stale = Sheet::resume(&p.evaluation, &stored, &drafts, Some(3));
    assert!(stale.stale_drafts());
    assert_eq!(
        stale.save_request().base_version,
        3,
        "saving stale drafts meets the conflict check"
    );
    // Someone saved version 4 (mgmt-plan 6) after the drafts were typed on version 3: the
    // draft for mgmt-plan is a conflict to settle, not a silent overwrite.
    let mut c = stale.conflict_with(&stored);
    assert_eq!(c.items.len(), 2);
    assert_eq!(
        (
            c.items[0].item.as_str(),
            c.items[0].base,
            c.items[0].mine,
            c.items[0].theirs
        ),
        ("mgmt-plan", None, Some(7.0), Some(6.0))
    );
    c.choose_all(Side::Mine);
    let mut stale = stale;
    stale.resolve(&c).expect("resolved");
    assert_eq!(stale.version(), 4);
    assert!(!stale.stale_drafts());
    assert_eq!(stale.unsaved(), drafts);
}

#[test]
fn conflict_per_item_and_for_all() {
    let p = wenzhou();
    let mut base = blank(&p, EvalStatus::Draft);
    base.scores = BTreeMap::from([
        ("mgmt-plan".into(), 6.0),
        ("mgmt-rules".into(), 6.0),
        ("mgmt-staff".into(), 6.0),
    ]);
    let mut s = Sheet::new(&p.evaluation, &base);
    enter_at(&mut s, 0, "7").expect("valid"); // both change, differently
    enter_at(&mut s, 1, "5").expect("valid"); // both change, the same
    enter_at(&mut s, 3, "4").expect("valid"); // only mine
    let mut theirs = base.clone();
    theirs.version = 5;
    theirs.scores.insert("mgmt-plan".into(), 8.0);
    theirs.scores.insert("mgmt-rules".into(), 5.0);
    theirs.scores.insert("mgmt-staff".into(), 3.0); // only theirs

    let mut c = s.conflict_with(&theirs);
    assert_eq!(c.items.len(), 1);
    let it = &c.items[0];
    assert_eq!(
        (it.item.as_str(), it.base, it.mine, it.theirs),
        ("mgmt-plan", Some(6.0), Some(7.0), Some(8.0))
    );
    assert_eq!(c.taken_over, vec!["mgmt-staff".to_string()]);
    assert_eq!(s.resolve(&c), Err(SheetError::Unresolved(1)));

    let mut keep_mine = s.clone();
    c.choose(0, Side::Mine);
    let writes = keep_mine.resolve(&c).expect("resolved");
    assert_eq!(keep_mine.version(), 5);
    assert_eq!(keep_mine.rows()[0].value, Some(7.0));
    assert_eq!(keep_mine.rows()[1].value, Some(5.0));
    assert_eq!(
        keep_mine.rows()[2].value,
        Some(3.0),
        "their change to an item I left is taken"
    );
    assert_eq!(keep_mine.rows()[3].value, Some(4.0));
    assert_eq!(
        keep_mine.unsaved(),
        BTreeMap::from([
            ("mgmt-plan".to_string(), 7.0),
            ("mgmt-site".to_string(), 4.0)
        ])
    );
    assert_eq!(
        writes,
        vec![
            DraftWrite::Put {
                item: "mgmt-plan".into(),
                score: 7.0
            },
            DraftWrite::Clear {
                item: "mgmt-rules".into()
            },
            DraftWrite::Put {
                item: "mgmt-site".into(),
                score: 4.0
            },
        ]
    );
    assert!(!keep_mine.can_undo());

    c.choose_all(Side::Theirs);
    s.resolve(&c).expect("resolved");
    assert_eq!(s.rows()[0].value, Some(8.0));
    assert_eq!(
        s.unsaved(),
        BTreeMap::from([("mgmt-site".to_string(), 4.0)])
    );
    assert_eq!(s.save_request().base_version, 5);
}

#[test]
fn a_comma_is_refused_at_the_cell_and_never_dropped_or_guessed() {
    let p = thousand();
    // Row 2 (tp-services) has room for 225 on this 1000-point scheme.
    let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
    s.set_cursor(2).expect("moves");
    assert!(s.rows()[2].max >= 225.0);
    s.type_char('2').expect("a digit");
    s.type_char('2').expect("a digit");
    assert_eq!(
        s.type_char(','),
        Err(SheetError::Score(ScoreError::Comma)),
        "refused at once, with the reason"
    );
    assert_eq!(
        s.type_char('5'),
        Err(SheetError::Score(ScoreError::Comma)),
        "the cell stays refused while the comma is in it"
    );
    assert_eq!(s.rows()[2].display(), "22,5", "what was typed, as typed");
    assert_eq!(s.rows()[2].error, Some(ScoreError::Comma));
    assert_eq!(s.enter(), Err(SheetError::Score(ScoreError::Comma)));
    assert_eq!(s.rows()[2].value, None, "neither 225 nor a guessed 22.5");
    assert_eq!(s.cursor(), 2, "Enter does not leave a refused cell");
    // Fixing it: two backspaces, then the point.
    s.backspace().expect("editable");
    assert_eq!(s.rows()[2].error, Some(ScoreError::Comma));
    s.backspace().expect("editable");
    assert_eq!(s.rows()[2].error, None, "the comma is gone, and its reason");
    for c in ".5".chars() {
        s.type_char(c).expect("score characters");
    }
    assert_eq!(
        s.enter(),
        Ok(Some(DraftWrite::Put {
            item: "tp-services".into(),
            score: 22.5
        }))
    );
}

#[test]
fn letters_and_the_full_width_comma_are_refused_too() {
    let p = wenzhou();
    for (c, want) in [
        ('，', ScoreError::Comma),
        ('q', ScoreError::NotAScoreChar('q')),
        (' ', ScoreError::NotAScoreChar(' ')),
    ] {
        let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
        s.type_char('5').expect("a digit");
        assert_eq!(s.type_char(c), Err(SheetError::Score(want.clone())));
        assert_eq!(s.move_down(), Err(SheetError::Score(want)), "{c:?}");
        assert_eq!(s.rows()[0].value, None, "{c:?}");
        s.cancel_edit();
        assert_eq!(s.rows()[0].error, None, "Esc drops the text and its reason");
    }
}

#[test]
fn past_the_longest_text_a_character_is_refused_with_its_reason() {
    let p = wenzhou();
    let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
    for _ in 0..MAX_TEXT {
        s.type_char('0').expect("room left");
    }
    assert_eq!(
        s.type_char('1'),
        Err(SheetError::Score(ScoreError::TooLong { max: MAX_TEXT }))
    );
    assert_eq!(s.rows()[0].display(), "0".repeat(MAX_TEXT));
}

#[test]
fn submitted_sheets_are_read_only_like_locked_ones() {
    let p = wenzhou();
    for status in [EvalStatus::Submitted, EvalStatus::Locked] {
        let mut s = Sheet::new(&p.evaluation, &blank(&p, status));
        assert!(s.is_read_only());
        assert_eq!(s.type_char('5'), Err(SheetError::ReadOnly(status)));
        assert_eq!(s.enter(), Err(SheetError::ReadOnly(status)));
    }
}

#[test]
fn status_changes_and_who_may_make_them() {
    use EvalStatus::{Draft, Locked, Submitted};
    let cases = [
        (Draft, Submitted, Some(StatusChange::Submit), false),
        (Submitted, Draft, Some(StatusChange::Reopen), false),
        (Draft, Locked, Some(StatusChange::Lock), true),
        (Submitted, Locked, Some(StatusChange::Lock), true),
        (Locked, Submitted, Some(StatusChange::Unlock), true),
        (Locked, Draft, Some(StatusChange::Unlock), true),
    ];
    for (from, to, want, admin) in cases {
        let got = StatusChange::between(from, to);
        assert_eq!(got, want, "{from:?} -> {to:?}");
        assert_eq!(got.map(StatusChange::admin_only), Some(admin));
    }
    for st in [Draft, Submitted, Locked] {
        assert_eq!(StatusChange::between(st, st), None, "{st:?} stays");
    }
    assert_eq!(StatusChange::Unlock.target(), Submitted);
    assert_eq!(StatusChange::Reopen.target(), Draft);
}

#[test]
fn empty_counts_the_items_without_a_score() {
    let p = wenzhou();
    let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
    assert_eq!(s.empty(), 12);
    enter_at(&mut s, 3, "4").expect("valid");
    assert_eq!(s.empty(), 11);
}

#[test]
fn score_chars_for_the_keymap() {
    assert!("0123456789０１９.．。-".chars().all(is_score_char));
    assert!(!"uqjk ".chars().any(is_score_char));
}

// ---------------------------------------------------------------- parts of a split sheet

fn guangzhou() -> Profile {
    profile(
        "guangzhou-style-1000.toml",
        include_str!("../../../data/policies-examples/guangzhou-style-1000.toml"),
    )
}

fn parts(
    mine: Option<ScorerRole>,
    submitted: &[ScorerRole],
) -> crate::domain::evaluation::SheetParts {
    crate::domain::evaluation::SheetParts {
        mine,
        submitted: submitted.iter().copied().collect(),
    }
}

#[test]
fn a_scorer_fills_only_its_part_and_nothing_of_a_submitted_one() {
    use ScorerRole::{Bureau, Purchaser, ThirdParty};
    let p = guangzhou();
    let ev = blank(&p, EvalStatus::Draft);
    let s = Sheet::new(&p.evaluation, &ev).with_parts(parts(Some(Purchaser), &[ThirdParty]), false);
    assert!(s.is_split());
    assert_eq!(s.roles(), vec![ThirdParty, Purchaser, Bureau]);
    let first = |role| {
        s.rows()
            .iter()
            .position(|r| r.scorer == Some(role))
            .expect("a row")
    };
    let mut s2 = s.clone();
    // Another role's item: refused at the first key, with whose it is.
    s2.set_cursor(first(Bureau)).expect("moves");
    assert_eq!(
        s2.type_char('5'),
        Err(SheetError::NotYourPart {
            part: Bureau,
            mine: Some(Purchaser)
        })
    );
    assert_eq!(s2.rows()[first(Bureau)].edit, None, "nothing typed in");
    // Its own item takes a score.
    assert!(enter_at(&mut s2, first(Purchaser), "5").is_ok());
    // An admin with no scorer role fills any part that is not in; a submitted part nobody.
    let admin = Sheet::new(&p.evaluation, &ev).with_parts(parts(None, &[ThirdParty]), true);
    assert_eq!(admin.refusal(first(Bureau)), None);
    assert_eq!(
        admin.refusal(first(ThirdParty)),
        Some(SheetError::PartSubmitted(ThirdParty))
    );
    // An admin who has a scorer role is kept to it, as the store keeps it.
    let admin_pu = Sheet::new(&p.evaluation, &ev).with_parts(parts(Some(Purchaser), &[]), true);
    assert!(matches!(
        admin_pu.refusal(first(Bureau)),
        Some(SheetError::NotYourPart { .. })
    ));
    // An editor without a scorer role fills nothing of a split sheet.
    let none = Sheet::new(&p.evaluation, &ev).with_parts(parts(None, &[]), false);
    assert!(none
        .rows()
        .iter()
        .enumerate()
        .all(|(k, _)| none.refusal(k).is_some()));
    assert_eq!(none.my_part(), Err(SheetError::NoPart(None)));
}

#[test]
fn part_totals_add_up_to_the_sheet_and_a_part_submits_only_when_saved_whole() {
    use ScorerRole::{Purchaser, ThirdParty};
    let p = guangzhou();
    let mut ev = blank(&p, EvalStatus::Draft);
    // Every leaf at a value of its own (its max less 1, floored at 0), saved.
    for (_, i) in p.evaluation.items() {
        ev.scores.insert(i.id.clone(), (i.max - 1.0).max(0.0));
    }
    let s = Sheet::new(&p.evaluation, &ev).with_parts(parts(Some(Purchaser), &[ThirdParty]), false);
    let totals = s.part_totals();
    let by_parts: f64 = totals.iter().map(|t| t.total).sum();
    let max_by_parts: f64 = totals.iter().map(|t| t.max).sum();
    assert!((by_parts - s.total()).abs() < 1e-9);
    assert!((max_by_parts - 1000.0).abs() < 1e-9);
    // The roles' maxima as the example states them (DOMAIN.md: 700 + 200 + 100).
    let maxima: Vec<(ScorerRole, f64)> = totals.iter().map(|t| (t.role, t.max)).collect();
    assert_eq!(
        maxima,
        vec![
            (ThirdParty, 700.0),
            (Purchaser, 200.0),
            (ScorerRole::Bureau, 100.0)
        ]
    );
    assert!(totals[0].submitted && !totals[1].submitted && totals[1].mine);
    assert_eq!(s.check_part_submit(), Ok(Purchaser));
    // One purchaser item not saved: refused with the count.
    let item = s
        .rows()
        .iter()
        .find(|r| r.scorer == Some(Purchaser))
        .expect("a purchaser row")
        .item
        .clone();
    ev.scores.remove(&item);
    let s = Sheet::new(&p.evaluation, &ev).with_parts(parts(Some(Purchaser), &[]), false);
    assert_eq!(
        s.check_part_submit(),
        Err(SheetError::PartIncomplete {
            part: Purchaser,
            empty: 1
        })
    );
}

#[test]
fn a_scorer_opens_on_its_part_and_enter_walks_past_the_others() {
    use ScorerRole::{Bureau, Purchaser};
    let p = guangzhou();
    let ev = blank(&p, EvalStatus::Draft);
    let mut s = Sheet::new(&p.evaluation, &ev).with_parts(parts(Some(Bureau), &[]), false);
    let first = s
        .rows()
        .iter()
        .position(|r| r.scorer == Some(Bureau))
        .expect("a bureau row");
    assert_eq!(s.cursor(), first);
    // On a purchaser row, Enter goes down instead of refusing.
    let pu = s
        .rows()
        .iter()
        .position(|r| r.scorer == Some(Purchaser))
        .expect("a purchaser row");
    s.set_cursor(pu).expect("moves");
    assert_eq!(s.enter(), Ok(None));
    assert_eq!(s.cursor(), pu + 1);
}
