//! Downloads of the statistics tables: CSV (UTF-8 with a byte-order mark,
//! so Excel shows Vietnamese letters) and XLSX (numbers stay numbers).
//! Both are written from the same [`Table`] the page shows.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::domain::report::{Cell, Table};
use crate::error::AppError;

/// The byte-order mark that tells Excel a CSV file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub const CSV_TYPE: &str = "text/csv; charset=utf-8";
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A download format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    /// `csv` or `xlsx` (the end of the requested path).
    pub fn parse(extension: &str) -> Option<Self> {
        match extension {
            "csv" => Some(Self::Csv),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Csv => CSV_TYPE,
            Self::Xlsx => XLSX_TYPE,
        }
    }
}

/// A file ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The table in `format`, named `<stem>.<ext>` (the stem made ASCII).
pub fn download(table: &Table, stem: &str, format: ExportFormat) -> Result<Download, AppError> {
    let bytes = match format {
        ExportFormat::Csv => csv_bytes(table)?,
        ExportFormat::Xlsx => xlsx_bytes(table)?,
    };
    Ok(Download {
        file_name: format!("{}.{}", ascii_name(stem), format.extension()),
        content_type: format.content_type(),
        bytes,
    })
}

/// The header row, then one line per row (and the totals row), comma
/// separated, numbers with a decimal point.
pub fn csv_bytes(table: &Table) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    let failed = |err: csv::Error| {
        tracing::error!(error = %err, "writing a CSV export failed");
        AppError::Internal
    };
    writer
        .write_record(table.columns.iter().map(|c| c.label.as_str()))
        .map_err(failed)?;
    for row in table.all_rows() {
        writer.write_record(row.iter().map(Cell::plain)).map_err(failed)?;
    }
    writer.into_inner().map_err(|err| {
        tracing::error!(error = %err, "finishing a CSV export failed");
        AppError::Internal
    })
}

/// The first row of the sheet that holds the column headings (above it:
/// the title).
pub const XLSX_HEADER_ROW: u32 = 2;

/// One sheet named after the table: the title, an empty row, the bold
/// headings (frozen), the rows and the bold totals row.
pub fn xlsx_bytes(table: &Table) -> Result<Vec<u8>, AppError> {
    write_xlsx(table).map_err(|err| {
        tracing::error!(error = %err, "writing an XLSX export failed");
        AppError::Internal
    })
}

fn write_xlsx(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let formats = NumberFormats::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name(&table.title))?;
    sheet.write_string_with_format(0, 0, &table.title, &Format::new().set_bold().set_font_size(14))?;
    for (col, column) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(XLSX_HEADER_ROW, col_num(col), &column.label, &bold)?;
    }
    let mut row_num = XLSX_HEADER_ROW;
    for (index, row) in table.all_rows().enumerate() {
        row_num += 1;
        let totals = index >= table.rows.len();
        for (col, cell) in row.iter().enumerate() {
            let format = formats.of(cell, totals);
            let col = col_num(col);
            match (cell, cell.number()) {
                (Cell::Text(text), _) => sheet.write_string_with_format(row_num, col, text, &format)?,
                (_, Some(number)) if number.is_finite() => {
                    sheet.write_number_with_format(row_num, col, number, &format)?
                }
                _ => sheet.write_blank(row_num, col, &format)?,
            };
        }
    }
    sheet.set_freeze_panes(XLSX_HEADER_ROW + 1, 0)?;
    sheet.autofit();
    workbook.save_to_buffer()
}

/// The cell formats: whole numbers, one decimal, two decimals; bold for
/// the totals row.
struct NumberFormats {
    plain: [Format; 2],
    int: [Format; 2],
    one: [Format; 2],
    two: [Format; 2],
}

impl NumberFormats {
    fn new() -> Self {
        let pair = |f: Format| [f.clone(), f.set_bold()];
        NumberFormats {
            plain: pair(Format::new()),
            int: pair(Format::new().set_num_format("#,##0")),
            one: pair(Format::new().set_num_format("#,##0.0")),
            two: pair(Format::new().set_num_format("#,##0.00")),
        }
    }

    fn of(&self, cell: &Cell, totals: bool) -> Format {
        let set = match cell {
            Cell::Int(_) => &self.int,
            Cell::Percent(_) => &self.one,
            Cell::Decimal(_, d) | Cell::Change(_, d) => match d {
                0 => &self.int,
                1 => &self.one,
                _ => &self.two,
            },
            Cell::Text(_) | Cell::Empty => &self.plain,
        };
        set[usize::from(totals)].clone()
    }
}

fn col_num(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

/// A worksheet name Excel accepts, from the title before its colon (the
/// period is in the first row): at most 31 characters, none of
/// `* ? : [ ] \ /`, not starting or ending with an apostrophe.
pub fn sheet_name(title: &str) -> String {
    let heading = title.split(':').next().unwrap_or_default();
    let cleaned: String = heading
        .chars()
        .map(|c| if "*?:[]\\/".contains(c) { '-' } else { c })
        .collect();
    let mut name = String::new();
    let mut units = 0;
    for c in cleaned.trim().trim_matches('\'').chars() {
        units += c.len_utf16();
        if units > 31 {
            break;
        }
        name.push(c);
    }
    let name = name.trim().trim_matches('\'').to_owned();
    if name.is_empty() {
        "Bang".to_owned()
    } else {
        name
    }
}

/// A file name safe in a `Content-Disposition` header: ASCII letters,
/// digits and dashes (Vietnamese letters lose their marks: "Quý" → "quy").
pub fn ascii_name(text: &str) -> String {
    let folded = phanhoi_routing::text::fold(text);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "bang".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::report::Column;
    use std::io::Read;

    fn sample() -> Table {
        let mut table = Table::new(
            "xep-hang",
            "Xếp hạng cơ quan: Quý III/2026",
            vec![
                Column::new("Hạng"),
                Column::header("Cơ quan"),
                Column::new("Đúng hạn (%)"),
            ],
        );
        table.rows.push(vec![
            Cell::Int(1),
            Cell::Text("Sở Xây dựng, \"Ban\" <&>".into()),
            Cell::Percent(94.25),
        ]);
        table.rows.push(vec![
            Cell::Int(2),
            Cell::Text("UBND phường Hạc Thành".into()),
            Cell::Empty,
        ]);
        table.totals = Some(vec![Cell::Empty, Cell::Text("Toàn tỉnh".into()), Cell::Percent(90.0)]);
        table
    }

    #[test]
    fn csv_has_a_bom_and_parses_back() {
        let bytes = csv_bytes(&sample()).expect("csv");
        assert!(bytes.starts_with(BOM));
        let mut reader = csv::Reader::from_reader(&bytes[BOM.len()..]);
        let headers: Vec<String> = reader.headers().expect("headers").iter().map(str::to_owned).collect();
        assert_eq!(headers, ["Hạng", "Cơ quan", "Đúng hạn (%)"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(&rows[0][1], "Sở Xây dựng, \"Ban\" <&>");
        assert_eq!(&rows[0][2], "94.2");
        assert_eq!(&rows[1][2], "");
        assert_eq!(&rows[2][1], "Toàn tỉnh");
    }

    fn xlsx_part(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut file = archive.by_name(name).expect("the part");
        let mut text = String::new();
        file.read_to_string(&mut text).expect("utf-8");
        text
    }

    #[test]
    fn xlsx_is_a_workbook_with_the_sheet() {
        let bytes = xlsx_bytes(&sample()).expect("xlsx");
        assert!(bytes.starts_with(b"PK"));
        let workbook = xlsx_part(&bytes, "xl/workbook.xml");
        assert!(workbook.contains("name=\"Xếp hạng cơ quan\""), "{workbook}");
        let strings = xlsx_part(&bytes, "xl/sharedStrings.xml");
        for text in [
            "Hạng",
            "Cơ quan",
            "Toàn tỉnh",
            "UBND phường Hạc Thành",
            "Sở Xây dựng, \"Ban\" &lt;&amp;&gt;",
        ] {
            assert!(strings.contains(text), "{text} in {strings}");
        }
        let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains("<v>94.25</v>"), "numbers stay numbers: {sheet}");
        // Title, headings on row 3, two rows and the totals: rows 1, 3, 4, 5, 6.
        assert!(sheet.contains("<row r=\"6\""));
        assert!(!sheet.contains("<row r=\"7\""));
    }

    #[test]
    fn names_are_safe() {
        assert_eq!(sheet_name("a/b*d?[e]\\: Quý I/2026"), "a-b-d--e--");
        assert_eq!(sheet_name("'x'"), "x");
        assert_eq!(sheet_name(""), "Bang");
        assert_eq!(sheet_name(&"Đ".repeat(40)).chars().count(), 31);
        assert_eq!(ascii_name("Xếp hạng Quý III/2026"), "xep-hang-quy-iii-2026");
        assert_eq!(ascii_name("Đúng hạn"), "dung-han");
        assert_eq!(ascii_name("«»"), "bang");
    }

    #[test]
    fn downloads_carry_type_and_name() {
        let csv = download(&sample(), "xếp hạng", ExportFormat::Csv).expect("csv");
        assert_eq!(csv.file_name, "xep-hang.csv");
        assert_eq!(csv.content_type, CSV_TYPE);
        let xlsx = download(&sample(), "xep-hang", ExportFormat::Xlsx).expect("xlsx");
        assert_eq!(xlsx.file_name, "xep-hang.xlsx");
        assert_eq!(ExportFormat::parse("pdf"), None);
    }
}
