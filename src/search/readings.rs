//! Place-name readings: the syllables of a name, from data/pinyin-overrides.toml where a
//! per-character lookup misreads it (乐清 as leqing, 重庆 as zhongqing), and the stem of a
//! name (江汉 of 江汉区) that counts as an exact hit.

use std::collections::HashMap;

use pinyin::ToPinyin;
use serde::Deserialize;

use crate::error::{Error, Result};

pub const OVERRIDES: &str = include_str!("../../data/pinyin-overrides.toml");

#[derive(Debug, Default, Deserialize)]
struct OverrideFile {
    #[serde(default)]
    words: HashMap<String, Vec<String>>,
    #[serde(default)]
    chars: HashMap<String, String>,
}

/// A word of [words] and its syllables.
type Word = (Vec<char>, Vec<String>);

/// Readings that beat the per-character default.
#[derive(Debug, Default, Clone)]
pub struct Readings {
    /// By first character, longest first.
    words: HashMap<char, Vec<Word>>,
    chars: HashMap<char, String>,
}

impl Readings {
    pub fn parse(file: &str, text: &str) -> Result<Readings> {
        let f: OverrideFile = toml::from_str(text).map_err(|e| Error::Parse {
            file: file.into(),
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0),
            msg: e.message().to_string(),
        })?;
        let mut words: Vec<Word> = Vec::new();
        for (w, syl) in f.words {
            let chars: Vec<char> = w.chars().collect();
            // An empty word would match everywhere without moving `syllables` on: a hang.
            if chars.is_empty() {
                return Err(Error::Parse {
                    file: file.into(),
                    line: 0,
                    msg: "an empty word in [words]".into(),
                });
            }
            if chars.len() != syl.len() {
                return Err(Error::Parse {
                    file: file.into(),
                    line: text
                        .find(&w)
                        .map(|o| text[..o].matches('\n').count() + 1)
                        .unwrap_or(0),
                    msg: format!(
                        "{w}: {} characters but {} syllables",
                        chars.len(),
                        syl.len()
                    ),
                });
            }
            words.push((
                chars,
                syl.iter().map(|s| spell_u(&s.to_lowercase())).collect(),
            ));
        }
        // Longest words first so 长寿区 wins over 长寿 if both are listed.
        words.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut by_first: HashMap<char, Vec<Word>> = HashMap::new();
        for (w, syl) in words {
            by_first.entry(w[0]).or_default().push((w, syl));
        }
        let words = by_first;
        let chars = f
            .chars
            .into_iter()
            .filter_map(|(k, v)| k.chars().next().map(|c| (c, spell_u(&v.to_lowercase()))))
            .collect();
        Ok(Readings { words, chars })
    }

    pub fn embedded() -> Readings {
        Readings::parse("data/pinyin-overrides.toml", OVERRIDES).unwrap_or_default()
    }

    /// Syllables of `name`, one per character (non-Hanzi characters pass through lowercased).
    pub fn syllables(&self, name: &str) -> Vec<String> {
        let chars: Vec<char> = name.chars().collect();
        let mut out: Vec<String> = Vec::with_capacity(chars.len());
        let mut i = 0;
        'outer: while i < chars.len() {
            for (w, syl) in self.words.get(&chars[i]).into_iter().flatten() {
                if chars[i..].starts_with(w) {
                    out.extend(syl.iter().cloned());
                    i += w.len();
                    continue 'outer;
                }
            }
            let c = chars[i];
            if let Some(s) = self.chars.get(&c) {
                out.push(s.clone());
            } else if let Some(p) = c.to_pinyin() {
                out.push(spell_u(p.plain()));
            } else if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase().to_string());
            }
            i += 1;
        }
        out
    }
}

/// A syllable as every Chinese input method types it: ü as `v` (吕 lü is `lv`), so that the
/// keys stay ASCII and a query typed with `v`, `u:` or `ü` (see `query::normalize`) finds it.
pub(super) fn spell_u(syllable: &str) -> String {
    syllable.replace('ü', "v")
}

/// Name suffixes dropped for "exact" matching: 江汉 is an exact hit on 江汉区.
const SUFFIXES: [&str; 14] = [
    "社区居民委员会",
    "村民委员会",
    "社区居委会",
    "居委会",
    "村委会",
    "街道办事处",
    "自治区",
    "街道",
    "社区",
    "区",
    "县",
    "市",
    "镇",
    "乡",
];

/// What ends an autonomous division's name, after the peoples it is named for.
const AUTONOMOUS: [&str; 4] = ["自治区", "自治州", "自治县", "自治旗"];

/// The peoples named in autonomous divisions' names (广西壮族自治区, 新疆维吾尔自治区,
/// 黔东南苗族侗族自治州), longest first where one ends another.
const PEOPLES: [&str; 56] = [
    "柯尔克孜族",
    "乌孜别克族",
    "鄂伦春族",
    "达斡尔族",
    "鄂温克族",
    "塔吉克族",
    "塔塔尔族",
    "俄罗斯族",
    "哈萨克族",
    "维吾尔族",
    "维吾尔",
    "蒙古族",
    "朝鲜族",
    "布依族",
    "土家族",
    "哈尼族",
    "傈僳族",
    "拉祜族",
    "东乡族",
    "纳西族",
    "景颇族",
    "仫佬族",
    "毛南族",
    "仡佬族",
    "高山族",
    "布朗族",
    "撒拉族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "德昂族",
    "保安族",
    "裕固族",
    "独龙族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
    "回族",
    "藏族",
    "苗族",
    "彝族",
    "壮族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "傣族",
    "黎族",
    "佤族",
    "畲族",
    "水族",
    "羌族",
    "怒族",
    "京族",
    "土族",
];

/// The name without the first of `SUFFIXES` it ends with, unless that leaves nothing. A
/// province drops 省 and an autonomous division its peoples too, so that 湖北 is 湖北省's
/// whole stem and 宁夏 宁夏回族自治区's, as people say them, and a province ranks before
/// a village of the same stem (湖北村委会).
pub(super) fn strip_suffix(name: &str) -> &str {
    if let Some(x) = name.strip_suffix('省').filter(|x| !x.is_empty()) {
        return x;
    }
    if let Some(mut x) = AUTONOMOUS.iter().find_map(|s| name.strip_suffix(s)) {
        while let Some(y) = PEOPLES.iter().find_map(|p| x.strip_suffix(p)) {
            if y.is_empty() {
                break;
            }
            x = y;
        }
        if !x.is_empty() {
            return x;
        }
    }
    for s in SUFFIXES {
        if let Some(x) = name.strip_suffix(s) {
            if !x.is_empty() {
                return x;
            }
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_name_readings_override_the_character_default() {
        let r = Readings::embedded();
        assert_eq!(r.syllables("乐清市").concat(), "yueqingshi");
        assert_eq!(r.syllables("重庆市").concat(), "chongqingshi");
        assert_eq!(r.syllables("长沙市").concat(), "changshashi");
        assert_eq!(r.syllables("厦门市").concat(), "xiamenshi");
        assert_eq!(r.syllables("兴庆区").concat(), "xingqingqu");
        assert_eq!(r.syllables("东阿县").concat(), "dongexian");
        assert_eq!(r.syllables("莘庄镇").concat(), "xinzhuangzhen");
        assert_eq!(r.syllables("莘县").concat(), "shenxian");
    }

    #[test]
    fn provinces_and_autonomous_divisions_have_the_stems_people_say() {
        for (name, stem) in [
            ("湖北省", "湖北"),
            ("宁夏回族自治区", "宁夏"),
            ("新疆维吾尔自治区", "新疆"),
            ("广西壮族自治区", "广西"),
            ("内蒙古自治区", "内蒙古"),
            ("黔东南苗族侗族自治州", "黔东南"),
            ("延边朝鲜族自治州", "延边"),
            ("东乡族自治县", "东乡族"),
            ("湖北村委会", "湖北"),
            ("省", "省"),
        ] {
            assert_eq!(strip_suffix(name), stem, "{name}");
        }
    }

    #[test]
    fn u_umlaut_is_spelled_v() {
        let r = Readings::embedded();
        assert_eq!(r.syllables("吕梁市").concat(), "lvliangshi");
        assert_eq!(r.syllables("绿园区").concat(), "lvyuanqu");
        assert_eq!(r.syllables("旅顺口区").concat(), "lvshunkouqu");
        assert_eq!(r.syllables("女织寨镇").concat(), "nvzhizhaizhen");
        assert_eq!(r.syllables("略阳县").concat(), "lveyangxian");
    }
}
