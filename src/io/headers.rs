//! One table of column names for every sheet sgz writes and reads: each column's id (what
//! `export` writes by default and scripts rely on) and the Chinese header a clerk reads
//! (`--headers zh`), with the other names office sheets give the same column. Every import
//! takes the id, the Chinese header, any alias, and the bilingual form the score sheets
//! write (`区划代码(division_code)`).

/// Which sheet a header belongs to (the same Chinese word can name different columns:
/// 站点名称 is a site's `name` in the site list and `site_name` in the staff list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Sites,
    Staff,
    Duties,
}

/// (id, Chinese header, other names accepted on import).
type Column = (&'static str, &'static str, &'static [&'static str]);

const SITES: &[Column] = &[
    ("site_id", "站点编号", &["站点ID"]),
    ("version", "版本", &[]),
    (
        "division_code",
        "区划代码",
        &["行政区划代码", "区划编码", "统计用区划代码"],
    ),
    ("division_name", "区划名称", &["行政区划"]),
    ("level", "区划层级", &[]),
    ("urbanity", "城乡类型", &[]),
    ("tier", "站点层级", &["层级", "类型"]),
    ("name", "站点名称", &["名称", "站名"]),
    ("status_today", "当前状态", &[]),
    ("established_on", "建成日期", &["挂牌日期"]),
    ("suspended_on", "暂停日期", &[]),
    ("history", "状态记录", &["状态历史"]),
    ("operator", "运营机构", &["承接机构", "运营单位"]),
    (
        "area_m2",
        "面积（平方米）",
        &["面积(平方米)", "面积", "使用面积"],
    ),
    ("civil_reg", "民非登记日期", &["民非登记"]),
    ("head", "站长", &["负责人"]),
    ("synthetic", "合成数据", &[]),
];

const STAFF: &[Column] = &[
    ("staff_id", "人员编号", &["人员ID"]),
    ("version", "版本", &[]),
    ("site_id", "站点编号", &["站点ID"]),
    ("division_code", "区划代码", &["行政区划代码", "区划编码"]),
    ("site_name", "站点名称", &["所在站点"]),
    ("name", "姓名", &[]),
    ("role", "岗位", &["岗位类别", "职务"]),
    ("birth", "出生日期", &["出生年月"]),
    ("hired", "入职日期", &["入职时间", "到岗日期"]),
    ("contract_start", "合同开始日期", &["合同起始日期"]),
    (
        "contract_end",
        "合同到期日期",
        &["合同终止日期", "合同截止日期"],
    ),
    (
        "cert_level",
        "职业资格等级",
        &["持证等级", "证书等级", "职业资格"],
    ),
    ("cert_passed", "资格取得日期", &["取得证书日期"]),
    ("reg_date", "登记日期", &["注册日期"]),
    ("reg_expiry", "登记有效期至", &["注册有效期至"]),
    ("ce_hours", "继续教育学时", &[]),
    (
        "training_hours_this_year",
        "本年度培训学时",
        &["本年培训学时"],
    ),
    ("training_earlier", "往年培训学时", &["历年培训学时"]),
    ("sw_degree", "社工专业学历", &[]),
    ("prior_years", "此前工作年限", &[]),
    ("departed", "离职日期", &[]),
    ("synthetic", "合成数据", &[]),
    ("next_deadline_kind", "下一期限事项", &[]),
    ("next_deadline", "下一期限", &[]),
    ("days_left", "剩余天数", &[]),
];

const DUTIES: &[Column] = &[
    ("policy", "政策", &[]),
    ("duty", "事项", &[]),
    ("owner_code", "责任单位代码", &[]),
    ("owner_name", "责任单位", &[]),
    ("period", "期间", &[]),
    ("due", "截止日期", &[]),
    ("status", "状态", &[]),
    ("days_late", "逾期天数", &[]),
    ("received", "收到日期", &[]),
    ("note", "备注", &[]),
    ("version", "版本", &[]),
    ("clause", "条款", &[]),
    ("duty_label", "事项名称", &[]),
    ("synthetic", "合成数据", &[]),
];

impl Sheet {
    fn columns(self) -> &'static [Column] {
        match self {
            Sheet::Sites => SITES,
            Sheet::Staff => STAFF,
            Sheet::Duties => DUTIES,
        }
    }

    /// The Chinese header of a column id (the id itself if the table has none).
    pub fn zh(self, id: &str) -> &str {
        self.columns()
            .iter()
            .find(|(i, _, _)| *i == id)
            .map(|(_, zh, _)| *zh)
            .unwrap_or(id)
    }

    /// The header row for `ids`: the ids, or with `zh` the Chinese headers.
    pub fn header_row(self, ids: &[&str], zh: bool) -> Vec<String> {
        ids.iter()
            .map(|id| if zh { self.zh(id) } else { id }.to_string())
            .collect()
    }

    /// The column id a header cell names: an id (any case), the Chinese header or an alias,
    /// or the bilingual `区划代码(division_code)`; any other header is returned trimmed and
    /// lower-cased (a column sgz does not read).
    pub fn column_id(self, cell: &str) -> String {
        let t = cell.trim().trim_start_matches('\u{feff}').trim();
        let known = |s: &str| {
            self.columns()
                .iter()
                .find(|(id, _, _)| id.eq_ignore_ascii_case(s))
                .map(|(id, _, _)| *id)
        };
        if let Some(body) = t.strip_suffix(')').or_else(|| t.strip_suffix('）')) {
            if let Some(k) = body.rfind(['(', '（']) {
                let inner = body[k..].trim_start_matches(['(', '（']).trim();
                if let Some(id) = known(inner) {
                    return id.to_string();
                }
            }
        }
        if let Some(id) = known(t) {
            return id.to_string();
        }
        self.columns()
            .iter()
            .find(|(_, zh, aliases)| *zh == t || aliases.contains(&t))
            .map(|(id, _, _)| id.to_string())
            .unwrap_or_else(|| t.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_a_header_names_the_same_column() {
        for cell in [
            "division_code",
            "Division_Code",
            " 区划代码 ",
            "\u{feff}区划代码",
            "区划代码(division_code)",
            "区划代码（division_code）",
            "行政区划代码",
        ] {
            assert_eq!(Sheet::Sites.column_id(cell), "division_code", "{cell:?}");
            assert_eq!(Sheet::Staff.column_id(cell), "division_code", "{cell:?}");
        }
        assert_eq!(Sheet::Sites.column_id("站点名称"), "name");
        assert_eq!(Sheet::Staff.column_id("站点名称"), "site_name");
        assert_eq!(Sheet::Staff.column_id("姓名"), "name");
        assert_eq!(Sheet::Staff.column_id("岗位"), "role");
        // Parentheses that are part of the Chinese header, not an id.
        assert_eq!(Sheet::Sites.column_id("面积(平方米)"), "area_m2");
        assert_eq!(Sheet::Sites.column_id("面积（平方米）"), "area_m2");
        assert_eq!(Sheet::Duties.column_id("收到日期(received)"), "received");
        assert_eq!(Sheet::Sites.column_id("Remarks"), "remarks");
    }

    #[test]
    fn chinese_headers_are_unique_within_a_sheet_and_read_back() {
        for sheet in [Sheet::Sites, Sheet::Staff, Sheet::Duties] {
            let cols = sheet.columns();
            for (id, zh, aliases) in cols {
                assert_eq!(sheet.column_id(zh), *id);
                for a in *aliases {
                    assert_eq!(sheet.column_id(a), *id, "{a}");
                }
                let others = cols.iter().filter(|(i, z, a)| {
                    i != id && (z == zh || a.contains(zh) || aliases.contains(z))
                });
                assert_eq!(others.count(), 0, "{zh} names two columns");
            }
        }
    }
}
