//! The statistics pages' tables, built from the figures of
//! `domain::stats`: the public agency ranking, the staff ranking and each
//! table of the coordinator's dashboard. The pages render them and the
//! export routes download them, so both always show the same numbers.

use super::{Cell, Column, Table};
use crate::domain::rating::Satisfaction;
use crate::domain::stats::{AgencyRanking, Change, Dashboard, GroupRow, Score, StaffRanking, Tally};

/// The dashboard's tables: (slug, heading), in page order. The slug names
/// the export: `/can-bo/thong-ke/<slug>.csv`.
pub const DASHBOARD_TABLES: [(&str, &str); 6] = [
    ("trang-thai", "Theo trạng thái"),
    ("co-quan", "Theo cơ quan, đơn vị"),
    ("linh-vuc", "Theo lĩnh vực"),
    ("xa-phuong", "Theo xã, phường"),
    ("thang", "Theo tháng"),
    ("danh-gia", "Mức độ hài lòng"),
];

/// The public ranking's slug.
pub const RANKING: &str = "xep-hang";
/// The staff ranking's slug.
pub const STAFF_RANKING: &str = "xep-hang-can-bo";

fn int(n: i64) -> Cell {
    Cell::Int(n)
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn rank(rank: Option<u32>) -> Cell {
    rank.map_or(Cell::Empty, |r| Cell::Int(i64::from(r)))
}

/// The figures every ranking shows after its name columns.
fn ranked_cells(tally: &Tally, score: Option<&Score>, change: Option<&Change>) -> Vec<Cell> {
    let mut cells = vec![
        Cell::percent(tally.on_time_percent()),
        Cell::decimal(tally.average_score(), 2),
        Cell::percent(tally.satisfied_percent()),
        int(tally.open),
        int(tally.overdue),
        Cell::decimal(score.map(|s| s.on_time), 2),
        Cell::decimal(score.and_then(|s| s.satisfaction), 2),
        Cell::decimal(score.map(|s| s.composite), 2),
    ];
    match change {
        Some(change) => {
            cells.push(Cell::change(change.score_delta, 2));
            cells.push(Cell::change(change.rank_delta.map(|d| d as f64), 0));
        }
        None => cells.extend([Cell::Empty, Cell::Empty]),
    }
    cells
}

fn ranked_columns() -> Vec<Column> {
    [
        "Đúng hạn (%)",
        "Hài lòng trung bình (1–5)",
        "Hài lòng (%)",
        "Đang xử lý",
        "Quá hạn",
        "Điểm đúng hạn",
        "Điểm hài lòng",
        "Điểm tổng hợp",
        "Thay đổi điểm",
        "Thay đổi hạng",
    ]
    .into_iter()
    .map(Column::new)
    .collect()
}

/// Bảng xếp hạng cơ quan: one row per agency (ranked first), then the
/// province.
pub fn ranking_table(ranking: &AgencyRanking) -> Table {
    let mut columns = vec![
        Column::new("Hạng"),
        Column::header("Cơ quan, đơn vị"),
        Column::new("Tiếp nhận"),
        Column::new("Đã trả lời"),
    ];
    columns.extend(ranked_columns());
    let mut table = Table::new(
        RANKING,
        format!("Xếp hạng cơ quan, đơn vị: {}", ranking.period.label()),
        columns,
    );
    for row in &ranking.rows {
        let mut cells = vec![
            rank(row.rank),
            text(&row.name),
            int(row.tally.received),
            int(row.tally.answered),
        ];
        cells.extend(ranked_cells(&row.tally, row.score.as_ref(), Some(&row.change)));
        table.rows.push(cells);
    }
    let province = &ranking.province;
    let mut totals = vec![
        Cell::Empty,
        text("Toàn tỉnh"),
        int(province.received),
        int(province.answered),
    ];
    totals.extend(ranked_cells(province, ranking.province_score.as_ref(), None));
    table.totals = Some(totals);
    table
}

/// Xếp hạng cán bộ: one row per officer, then the total.
pub fn staff_table(ranking: &StaffRanking) -> Table {
    let mut columns = vec![
        Column::new("Hạng"),
        Column::header("Cán bộ"),
        Column::new("Cơ quan, đơn vị"),
        Column::new("Đã xử lý"),
    ];
    columns.extend(ranked_columns());
    let scope = ranking.agency_name.as_deref().unwrap_or("toàn tỉnh");
    let mut table = Table::new(
        STAFF_RANKING,
        format!("Xếp hạng cán bộ, {scope}: {}", ranking.period.label()),
        columns,
    );
    for row in &ranking.rows {
        let mut cells = vec![
            rank(row.rank),
            text(&row.full_name),
            text(&row.agency_name),
            int(row.tally.answered),
        ];
        cells.extend(ranked_cells(&row.tally, row.score.as_ref(), Some(&row.change)));
        table.rows.push(cells);
    }
    let total = &ranking.total;
    let mut totals = vec![Cell::Empty, text("Tổng"), Cell::Empty, int(total.answered)];
    totals.extend(ranked_cells(total, None, None));
    table.totals = Some(totals);
    table
}

/// One of the dashboard's tables by slug (see [`DASHBOARD_TABLES`]).
pub fn dashboard_table(dashboard: &Dashboard, slug: &str) -> Option<Table> {
    let heading = DASHBOARD_TABLES.iter().find(|(s, _)| *s == slug)?.1;
    let title = format!("{heading}: {}", dashboard.period.label());
    Some(match slug {
        "trang-thai" => status_table(dashboard, title),
        "co-quan" => group_table(slug, title, "Cơ quan, đơn vị", &dashboard.by_agency, &dashboard.totals),
        "linh-vuc" => group_table(slug, title, "Lĩnh vực", &dashboard.by_category, &dashboard.totals),
        "xa-phuong" => group_table(slug, title, "Xã, phường", &dashboard.by_commune, &dashboard.totals),
        "thang" => month_table(dashboard, title),
        _ => rating_table(&dashboard.totals, title),
    })
}

fn status_table(dashboard: &Dashboard, title: String) -> Table {
    let mut table = Table::new(
        "trang-thai",
        title,
        vec![Column::header("Trạng thái"), Column::new("Số phản ánh")],
    );
    for row in &dashboard.by_status {
        table.rows.push(vec![text(row.status.label()), int(row.count)]);
    }
    let total = dashboard.by_status.iter().map(|r| r.count).sum();
    table.totals = Some(vec![text("Tổng"), int(total)]);
    table
}

fn tally_columns() -> [Column; 7] {
    [
        Column::new("Tiếp nhận"),
        Column::new("Đã trả lời"),
        Column::new("Đúng hạn"),
        Column::new("Đúng hạn (%)"),
        Column::new("Đang xử lý"),
        Column::new("Quá hạn"),
        Column::new("Hài lòng trung bình (1–5)"),
    ]
}

fn tally_cells(tally: &Tally) -> [Cell; 7] {
    [
        int(tally.received),
        int(tally.answered),
        int(tally.on_time),
        Cell::percent(tally.on_time_percent()),
        int(tally.open),
        int(tally.overdue),
        Cell::decimal(tally.average_score(), 2),
    ]
}

fn group_table(slug: &str, title: String, name: &str, rows: &[GroupRow], total: &Tally) -> Table {
    let mut columns = vec![Column::header(name)];
    columns.extend(tally_columns());
    let mut table = Table::new(slug, title, columns);
    for row in rows {
        let mut cells = vec![text(&row.name)];
        cells.extend(tally_cells(&row.tally));
        table.rows.push(cells);
    }
    let mut totals = vec![text("Toàn tỉnh")];
    totals.extend(tally_cells(total));
    table.totals = Some(totals);
    table
}

fn month_table(dashboard: &Dashboard, title: String) -> Table {
    let mut columns = vec![Column::header("Tháng")];
    columns.extend(tally_columns());
    let mut table = Table::new("thang", title, columns);
    for row in &dashboard.by_month {
        let mut cells = vec![text(&row.label)];
        cells.extend(tally_cells(&row.tally));
        table.rows.push(cells);
    }
    let mut totals = vec![text("Cả kỳ")];
    totals.extend(tally_cells(&dashboard.totals));
    table.totals = Some(totals);
    table
}

/// The rating's label: "5 – Rất hài lòng".
pub fn rating_label(score: i64) -> String {
    match Satisfaction::new(score) {
        Some(s) => format!("{score} – {}", s.label()),
        None => score.to_string(),
    }
}

fn rating_table(totals: &Tally, title: String) -> Table {
    let mut table = Table::new(
        "danh-gia",
        title,
        vec![
            Column::header("Mức đánh giá"),
            Column::new("Số đánh giá"),
            Column::new("Tỷ lệ (%)"),
        ],
    );
    let rated = totals.rated();
    for (score, count) in (1..=5).zip(totals.ratings) {
        table.rows.push(vec![
            text(&rating_label(score)),
            int(count),
            Cell::percent(crate::domain::stats::percent(count, rated)),
        ]);
    }
    table.totals = Some(vec![
        text("Tổng"),
        int(rated),
        Cell::percent(crate::domain::stats::percent(rated, rated)),
    ]);
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::stats::{AgencyRankRow, MonthRow, Period, StatusCount};
    use crate::domain::ComplaintStatus;

    fn tally() -> Tally {
        Tally {
            received: 12,
            answered: 10,
            on_time: 9,
            ratings: [1, 0, 1, 2, 4],
            open: 2,
            overdue: 1,
        }
    }

    fn period() -> Period {
        Period::Month { year: 2026, month: 10 }
    }

    fn dashboard() -> Dashboard {
        Dashboard {
            period: period(),
            totals: tally(),
            by_status: vec![
                StatusCount {
                    status: ComplaintStatus::Received,
                    count: 2,
                },
                StatusCount {
                    status: ComplaintStatus::Published,
                    count: 10,
                },
            ],
            by_agency: vec![GroupRow {
                id: Some(1),
                name: "Sở Xây dựng".into(),
                tally: tally(),
            }],
            by_category: vec![],
            by_commune: vec![],
            by_month: vec![MonthRow {
                year: 2026,
                month: 10,
                label: "10/2026".into(),
                tally: tally(),
            }],
            as_of: 0,
        }
    }

    #[test]
    fn ranking_rows_then_the_province() {
        let score = Score {
            on_time: 88.0,
            satisfaction: Some(70.0),
            composite: 79.0,
        };
        let ranking = AgencyRanking {
            period: period(),
            previous: period().previous(),
            rows: vec![AgencyRankRow {
                agency_id: 1,
                code: "sxd".into(),
                name: "Sở Xây dựng".into(),
                tally: tally(),
                score: Some(score),
                rank: Some(1),
                change: Change {
                    previous_score: Some(80.0),
                    previous_rank: Some(2),
                    score_delta: Some(-1.0),
                    rank_delta: Some(1),
                },
            }],
            province: tally(),
            province_score: Some(score),
            as_of: 0,
        };
        let table = ranking_table(&ranking);
        assert_eq!(table.title, "Xếp hạng cơ quan, đơn vị: Tháng 10/2026");
        assert_eq!(table.columns.len(), 14);
        assert!(table.columns[1].row_header);
        let row = &table.rows[0];
        assert_eq!(row.len(), 14);
        assert_eq!(row[0], Cell::Int(1));
        assert_eq!(row[4].display(), "90,0\u{a0}%");
        assert_eq!(row[5].display(), "4,00");
        assert_eq!(row[6].display(), "75,0\u{a0}%");
        assert_eq!(row[11].display(), "79,00");
        assert_eq!(row[12].display(), "▼ 1,00");
        assert_eq!(row[13].display(), "▲ 1");
        let totals = table.totals.as_ref().unwrap();
        assert_eq!(totals.len(), 14);
        assert_eq!(totals[1], Cell::Text("Toàn tỉnh".into()));
        assert_eq!(totals[12], Cell::Empty);
    }

    #[test]
    fn every_dashboard_table_is_built() {
        let d = dashboard();
        for (slug, heading) in DASHBOARD_TABLES {
            let table = dashboard_table(&d, slug).expect(slug);
            assert_eq!(table.slug, slug);
            assert!(table.title.starts_with(heading));
            assert!(table.columns[0].row_header);
            for row in table.all_rows() {
                assert_eq!(row.len(), table.columns.len(), "{slug}");
            }
        }
        assert_eq!(dashboard_table(&d, "khac"), None);
        let status = dashboard_table(&d, "trang-thai").unwrap();
        assert_eq!(status.totals.unwrap()[1], Cell::Int(12));
        let ratings = dashboard_table(&d, "danh-gia").unwrap();
        assert_eq!(ratings.rows.len(), 5);
        assert_eq!(ratings.rows[4][0], Cell::Text("5 – Rất hài lòng".into()));
        assert_eq!(ratings.rows[4][2].display(), "50,0\u{a0}%");
        assert_eq!(ratings.totals.unwrap()[1], Cell::Int(8));
    }

    #[test]
    fn rates_without_cases_are_empty() {
        let empty = Tally::default();
        let cells = tally_cells(&empty);
        assert_eq!(cells[3], Cell::Empty);
        assert_eq!(cells[6], Cell::Empty);
        let ratings = rating_table(&empty, "x".into());
        assert_eq!(ratings.rows[0][2], Cell::Empty);
    }
}
