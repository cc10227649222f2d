//! Search ranking and place-name readings.

use sgz::domain::division::{parse_code, Tree};
use sgz::search::{Class, Index, Readings};

fn tree(rows: &[(&str, &str)]) -> Tree {
    Tree::build(rows.iter().map(|(c, n)| {
        let (code, level) = parse_code(c).unwrap();
        (code, level, (*n).into())
    }))
    .0
}

fn seed() -> Tree {
    let divisions = sgz::io::divisions::read_texts(&sgz::seed::DIVISION_TEXTS).unwrap();
    sgz::domain::division::Tree::from_divisions(&divisions)
}

fn names(t: &Tree, idx: &mut Index, q: &str, n: usize) -> Vec<String> {
    idx.search(t, q, n)
        .into_iter()
        .map(|h| t.node(h.node).name.to_string())
        .collect()
}

#[test]
fn xq_xingqing_and_hanzi_all_find_xingqing_first() {
    let t = seed();
    let mut idx = Index::build(&t, &Readings::embedded());
    for q in ["xq", "xingqing", "兴庆", "兴庆区", "XQ"] {
        assert_eq!(names(&t, &mut idx, q, 1), ["兴庆区"], "{q}");
    }
}

#[test]
fn exact_and_prefix_before_fuzzy_and_higher_tiers_first_on_ties() {
    let t = tree(&[
        ("64", "宁夏回族自治区"),
        ("6401", "银川市"),
        ("640104", "兴庆区"),
        ("640104001", "兴庆街道"),
        ("640104001001", "兴庆社区居委会"),
        ("640104100", "新桥镇"),
    ]);
    let mut idx = Index::build(&t, &Readings::embedded());
    let hits = idx.search(&t, "兴庆", 10);
    let got: Vec<(&str, Class)> = hits
        .iter()
        .map(|h| (t.node(h.node).name.as_ref(), h.class))
        .collect();
    assert_eq!(
        got,
        [
            ("兴庆区", Class::Exact),
            ("兴庆街道", Class::Exact),
            ("兴庆社区居委会", Class::Exact)
        ]
    );
    let hits = idx.search(&t, "xq", 10);
    assert_eq!(t.node(hits[0].node).name.as_str(), "兴庆区");
    assert!(hits
        .iter()
        .any(|h| t.node(h.node).name.as_str() == "新桥镇"));
}

#[test]
fn place_name_readings_chongqing_changsha_xiamen_yueqing() {
    let t = tree(&[
        ("50", "重庆市"),
        ("43", "湖南省"),
        ("4301", "长沙市"),
        ("35", "福建省"),
        ("3502", "厦门市"),
        ("33", "浙江省"),
        ("3303", "温州市"),
        ("330382", "乐清市"),
    ]);
    let mut idx = Index::build(&t, &Readings::embedded());
    assert_eq!(names(&t, &mut idx, "chongqing", 1), ["重庆市"]);
    assert_eq!(names(&t, &mut idx, "changsha", 1), ["长沙市"]);
    assert_eq!(names(&t, &mut idx, "xiamen", 1), ["厦门市"]);
    assert_eq!(names(&t, &mut idx, "yueqing", 1), ["乐清市"]);
    assert_eq!(names(&t, &mut idx, "yq", 1), ["乐清市"]);
    assert!(
        names(&t, &mut idx, "zhongqing", 5).is_empty()
            || names(&t, &mut idx, "zhongqing", 1) != ["重庆市"]
    );
}

#[test]
fn a_longer_query_narrows_the_previous_hits_and_gives_the_same_answer() {
    let t = seed();
    let mut narrowed = Index::build(&t, &Readings::embedded());
    let mut fresh = Index::build(&t, &Readings::embedded());
    let mut q = String::new();
    for c in "jianghan".chars() {
        q.push(c);
        let a = narrowed.search(&t, &q, 50);
        let b = {
            fresh.search(&t, "", 1);
            fresh.search(&t, &q, 50)
        };
        assert_eq!(a, b, "{q}");
    }
    assert_eq!(names(&t, &mut narrowed, "jh", 1), ["江汉区"]);
}

#[test]
fn overrides_file_rejects_a_word_with_the_wrong_number_of_syllables() {
    let err = Readings::parse("o.toml", "[words]\n\"重庆\" = [\"chong\"]\n")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("o.toml:2:"), "{err}");
}

#[test]
fn the_saved_index_reads_back_and_answers_the_same() {
    let t = seed();
    let mut built = Index::build(&t, &Readings::embedded());
    let mut read = Index::from_bytes(&built.to_bytes()).unwrap();
    for q in ["xq", "江汉", "yueqing", "jhq", "凤凰"] {
        assert_eq!(built.query(q, 20), read.query(q, 20), "{q}");
    }
    let k = read.find("640104").unwrap();
    assert_eq!(read.path(k, " › "), "宁夏回族自治区 › 银川市 › 兴庆区");
    assert!(Index::from_bytes(b"not an index").is_none());
    let mut cut = built.to_bytes();
    cut.truncate(cut.len() / 2);
    assert!(
        Index::from_bytes(&cut).is_none(),
        "a truncated index is refused"
    );
}

#[test]
fn an_index_saved_in_an_older_format_is_refused_and_rebuilt() {
    let t = seed();
    let built = Index::build(&t, &Readings::embedded());
    let mut old = built.to_bytes();
    old[..8].copy_from_slice(b"SGZIDX3\0");
    assert!(Index::from_bytes(&old).is_none());
    assert!(Index::from_vec(old).is_none());
    assert!(Index::from_vec(built.to_bytes()).is_some_and(|i| i.len() == built.len()));

    // `sgz find` and the TUI read the saved index; an old one is built again and saved.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    sgz::commands::init_demo(&db, &sgz::io::policy::embedded().unwrap()).unwrap();
    let mut store = sgz::store::Store::open(&db).unwrap();
    let n = store.division_count().unwrap();
    store
        .set_search_index(b"SGZIDX1\0 an old index", n)
        .unwrap();
    let mut idx = sgz::search::search_index(&mut store).unwrap();
    assert_eq!(idx.query("xq", 1).len(), 1);
    let saved = store.search_index().unwrap().unwrap();
    assert!(
        Index::from_vec(saved).is_some(),
        "saved again in the current format"
    );
}

/// Real divisions (NBS codes, 2023) whose names hold ü, with their parents.
fn u_umlaut_tree() -> Tree {
    tree(&[
        ("13", "河北省"),
        ("1302", "唐山市"),
        ("130202", "路南区"),
        ("130202103", "女织寨镇"),
        ("14", "山西省"),
        ("1411", "吕梁市"),
        ("21", "辽宁省"),
        ("2102", "大连市"),
        ("210212", "旅顺口区"),
        ("22", "吉林省"),
        ("2201", "长春市"),
        ("220106", "绿园区"),
        ("61", "陕西省"),
        ("6107", "汉中市"),
        ("610727", "略阳县"),
        // Neighbours that must not be taken for them.
        ("32", "江苏省"),
        ("3207", "连云港市"),
        ("320703", "连云区"),
        ("3208", "淮安市"),
        ("320830", "盱眙县"),
    ])
}

#[test]
fn u_umlaut_is_found_typed_as_v_u_colon_yu_or_u_umlaut() {
    let t = u_umlaut_tree();
    let mut idx = Index::build(&t, &Readings::embedded());
    for (want, spellings) in [
        (
            "吕梁市",
            &[
                "lvliang", "lu:liang", "lüliang", "lyuliang", "LVLIANG", "ll",
            ][..],
        ),
        (
            "绿园区",
            &["lvyuan", "lu:yuan", "lüyuan", "lyuyuan", "lvyuanqu"],
        ),
        (
            "旅顺口区",
            &["lvshunkou", "lu:shunkou", "lüshunkou", "lyushunkou", "lsk"],
        ),
        (
            "女织寨镇",
            &["nvzhizhai", "nu:zhizhai", "nüzhizhai", "nyuzhizhai"],
        ),
        ("略阳县", &["lveyang", "lu:eyang", "lüeyang", "lyueyang"]),
    ] {
        for q in spellings {
            assert_eq!(names(&t, &mut idx, q, 1), [want], "{q}");
            // The same query typed letter by letter (the narrowing path) ends the same.
            idx.query("", 1);
            for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
                idx.query(&q[..end], 5);
            }
            assert_eq!(names(&t, &mut idx, q, 1), [want], "typed {q}");
        }
    }
    // `yu` after a syllable that can end in n is yu, not ü: lianyun is 连云, xuyi is 盱眙.
    assert_eq!(names(&t, &mut idx, "lianyun", 1), ["连云区"]);
    assert_eq!(names(&t, &mut idx, "xuyi", 1), ["盱眙县"]);
}

#[test]
fn dong_e_and_xinzhuang_are_read_as_the_places_say_them() {
    let t = tree(&[
        ("37", "山东省"),
        ("3715", "聊城市"),
        ("371522", "莘县"),
        ("371524", "东阿县"),
        ("31", "上海市"),
        ("3101", "市辖区"),
        ("310112", "闵行区"),
        ("310112101", "莘庄镇"),
        ("22", "吉林省"),
        ("2224", "延边朝鲜族自治州"),
        ("222404", "图们市"),
        ("222404201", "石岘镇"),
        ("222404201204", "东阿拉村委会"),
    ]);
    let mut idx = Index::build(&t, &Readings::embedded());
    for q in ["donge", "dong'e", "dong’e", "dongexian", "dex"] {
        assert_eq!(names(&t, &mut idx, q, 1), ["东阿县"], "{q}");
    }
    assert_eq!(names(&t, &mut idx, "xinzhuang", 1), ["莘庄镇"]);
    assert_eq!(names(&t, &mut idx, "xz", 1), ["莘庄镇"]);
    assert_eq!(names(&t, &mut idx, "shenxian", 1), ["莘县"]);
    assert_eq!(names(&t, &mut idx, "dongala", 1), ["东阿拉村委会"]);
}

#[test]
fn two_letter_initials_list_the_higher_tiers_first() {
    // xc and dh on the seed regions: every exact hit at a higher tier comes before any at a
    // lower one, and each query's first hit is a county or above where one exists.
    let t = seed();
    let mut idx = Index::build(&t, &Readings::embedded());
    for q in ["xc", "dh", "xq", "yc"] {
        let hits = idx.search(&t, q, 200);
        assert!(!hits.is_empty(), "{q}");
        let levels: Vec<(Class, u8)> = hits
            .iter()
            .map(|h| (h.class, t.node(h.node).level.index()))
            .collect();
        let mut sorted = levels.clone();
        sorted.sort();
        assert_eq!(levels, sorted, "{q}: class, then tier");
    }
    let t = tree(&[
        ("15", "内蒙古自治区"),
        ("1501", "呼和浩特市"),
        ("150102", "新城区"),
        ("150121", "土默特左旗"),
        ("150121100", "新城镇"),
        ("150121100200", "新城村委会"),
        ("150121101", "东华街道"),
        ("150121101200", "东湖村委会"),
        ("1502", "包头市"),
        ("150202", "东河区"),
    ]);
    let mut idx = Index::build(&t, &Readings::embedded());
    assert_eq!(
        names(&t, &mut idx, "xc", 3),
        ["新城区", "新城镇", "新城村委会"]
    );
    assert_eq!(
        names(&t, &mut idx, "dh", 3),
        ["东河区", "东华街道", "东湖村委会"]
    );
}

#[test]
fn names_sort_in_pinyin_order_not_by_code_point() {
    // Worked out by hand: an ding, chong qing, dong hua, xi an, xian feng, zhong shan; 欧阳 is
    // ou yang; a name that reads like another follows its characters.
    let mut names = vec![
        "中山",
        "西安",
        "东华",
        "先锋",
        "重庆",
        "安定",
        "欧阳刚",
        "东化",
    ];
    names.sort_by_cached_key(|n| sgz::search::name_order(n));
    assert_eq!(
        names,
        [
            "安定",
            "重庆",
            "东化",
            "东华",
            "欧阳刚",
            "西安",
            "先锋",
            "中山"
        ]
    );
}

#[test]
fn a_province_said_short_ranks_before_villages_of_the_same_name() {
    let t = tree(&[
        ("22", "吉林省"),
        ("2224", "延边朝鲜族自治州"),
        ("222403", "敦化市"),
        ("222403108", "雁鸣湖镇"),
        ("222403108207", "湖北村委会"),
        ("42", "湖北省"),
        ("63", "青海省"),
        ("6322", "海北藏族自治州"),
        ("632224", "刚察县"),
        ("632224201", "泉吉乡"),
        ("632224201202", "宁夏村委会"),
        ("64", "宁夏回族自治区"),
    ]);
    let mut idx = Index::build(&t, &Readings::embedded());
    for (q, first) in [
        ("湖北", "湖北省"),
        ("hubei", "湖北省"),
        ("宁夏", "宁夏回族自治区"),
        ("ningxia", "宁夏回族自治区"),
        ("nx", "宁夏回族自治区"),
        ("延边", "延边朝鲜族自治州"),
    ] {
        assert_eq!(names(&t, &mut idx, q, 3)[0], first, "{q}");
    }
}
