//! An import file as rows of text cells, read within fixed bounds. A file states its own shape (a workbook's
//! declared dimension and string count, each zip entry's size, the cells' positions), and the readers below
//! would allocate for what it states; so every statement is checked against [`Bounds`] before anything is
//! allocated for it, and a file beyond them is refused with a message at the file field. This module reads;
//! which column means what, and the rules for each row, live in `import.rs`.

use crate::error::{CoreError, CoreResult};
use std::io::{BufReader, Cursor, Read};

/// What an import may state and cost. An export of tens of thousands of job seekers fits well within these;
/// a file beyond them is refused rather than read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounds {
    /// The file itself, as it arrives.
    pub file_bytes: usize,
    /// Rows, the header row included.
    pub rows: u32,
    /// Columns of any row.
    pub columns: u32,
    /// Cells with a value, in the whole sheet.
    pub cells: u32,
    /// Every entry of a workbook's zip package together, once decompressed.
    pub unpacked_bytes: u64,
    /// Entries in a workbook's zip package.
    pub entries: usize,
}

impl Bounds {
    /// The bounds every import is read within.
    pub const IMPORT: Bounds = Bounds {
        file_bytes: 20 * 1024 * 1024,
        rows: 100_001,
        columns: 200,
        cells: 2_000_000,
        unpacked_bytes: 200 * 1024 * 1024,
        entries: 1_000,
    };
}

/// The file as rows of text cells, the header first.
pub(crate) fn read_rows(file_name: &str, content: &[u8], bounds: &Bounds) -> CoreResult<Vec<Vec<String>>> {
    if content.len() > bounds.file_bytes {
        return Err(too_large(bounds));
    }
    let lower = file_name.to_lowercase();
    if lower.ends_with(".xlsx") {
        read_xlsx(content, bounds)
    } else if lower.ends_with(".csv") || lower.ends_with(".txt") {
        read_csv(content, bounds)
    } else {
        Err(CoreError::field("file", "Choose a .csv or .xlsx file exported from the careers site."))
    }
}

/// The refusal of a file larger than the bounds allow, before a byte of it is parsed.
pub(super) fn too_large(bounds: &Bounds) -> CoreError {
    CoreError::field(
        "file",
        format!("The file is larger than {} MB. Split it and import the parts.", bounds.file_bytes / (1024 * 1024)),
    )
}

fn refused(what: String) -> CoreError {
    CoreError::field("file", format!("{what} Split the file and import the parts."))
}

/// Rows built one cell at a time, refusing the first cell beyond the bounds. Positions are those of the file;
/// rows and columns before the first cell with a value are dropped at the end, as a spreadsheet's used range
/// starts at its first value.
struct Grid<'b> {
    bounds: &'b Bounds,
    rows: Vec<Vec<String>>,
    cells: u32,
}

impl<'b> Grid<'b> {
    fn new(bounds: &'b Bounds) -> Self {
        Grid { bounds, rows: Vec::new(), cells: 0 }
    }

    fn check_shape(&self, rows: u64, columns: u64) -> CoreResult<()> {
        if rows > u64::from(self.bounds.rows) {
            return Err(refused(format!("The sheet has more than {} rows.", self.bounds.rows)));
        }
        if columns > u64::from(self.bounds.columns) {
            return Err(refused(format!("The sheet has more than {} columns.", self.bounds.columns)));
        }
        Ok(())
    }

    fn put(&mut self, row: u32, column: u32, value: String) -> CoreResult<()> {
        self.check_shape(u64::from(row) + 1, u64::from(column) + 1)?;
        if value.is_empty() {
            return Ok(());
        }
        self.cells += 1;
        if self.cells > self.bounds.cells {
            return Err(refused(format!("The sheet has more than {} cells with a value.", self.bounds.cells)));
        }
        // Both indices are within the bounds checked above, so these allocations are bounded too.
        let (row, column) = (row as usize, column as usize);
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            cells.resize_with(column + 1, String::new);
        }
        cells[column] = value;
        Ok(())
    }

    fn into_rows(mut self) -> Vec<Vec<String>> {
        let first_row = self.rows.iter().position(|row| row.iter().any(|cell| !cell.is_empty()));
        let Some(first_row) = first_row else { return Vec::new() };
        self.rows.drain(..first_row);
        let first_column =
            self.rows.iter().filter_map(|row| row.iter().position(|cell| !cell.is_empty())).min().unwrap_or(0);
        for row in &mut self.rows {
            row.drain(..first_column.min(row.len()));
        }
        self.rows
    }
}

fn read_csv(content: &[u8], bounds: &Bounds) -> CoreResult<Vec<Vec<String>>> {
    // A byte-order mark from spreadsheet programs would otherwise stick to the first column's name.
    let content = content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(content);
    let mut rows = Vec::new();
    let mut cells = 0u64;
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|error| {
            CoreError::field("file", format!("The file could not be read as CSV at line {}: {error}", index + 1))
        })?;
        if index >= bounds.rows as usize {
            return Err(refused(format!("The sheet has more than {} rows.", bounds.rows)));
        }
        if record.len() > bounds.columns as usize {
            return Err(refused(format!("The sheet has more than {} columns.", bounds.columns)));
        }
        cells += record.iter().filter(|cell| !cell.trim().is_empty()).count() as u64;
        if cells > u64::from(bounds.cells) {
            return Err(refused(format!("The sheet has more than {} cells with a value.", bounds.cells)));
        }
        rows.push(record.iter().map(|cell| cell.trim().to_owned()).collect());
    }
    Ok(rows)
}

fn unreadable(error: impl std::fmt::Display) -> CoreError {
    CoreError::field("file", format!("The file could not be read as an Excel workbook: {error}"))
}

/// Checks the workbook's zip package before calamine opens it: the number of entries, every entry's size as
/// declared and as actually decompressed (a declared size can lie), and the shared strings' declared count,
/// which calamine reserves room for at once.
fn check_package(content: &[u8], bounds: &Bounds) -> CoreResult<()> {
    let mut package = zip::ZipArchive::new(Cursor::new(content)).map_err(unreadable)?;
    if package.len() > bounds.entries {
        return Err(refused(format!("The workbook has more than {} parts.", bounds.entries)));
    }
    let too_big =
        || refused(format!("The workbook unpacks to more than {} MB.", bounds.unpacked_bytes / (1024 * 1024)));
    let mut declared = 0u64;
    for index in 0..package.len() {
        declared = declared.saturating_add(package.by_index(index).map_err(unreadable)?.size());
    }
    if declared > bounds.unpacked_bytes {
        return Err(too_big());
    }
    let mut unpacked = 0u64;
    for index in 0..package.len() {
        let entry = package.by_index(index).map_err(unreadable)?;
        let shared_strings = entry.name().map_err(unreadable)?.ends_with("sharedStrings.xml");
        // One byte more than is left tells a too-large entry from one that fills the bounds exactly.
        let mut limited = entry.take(bounds.unpacked_bytes - unpacked + 1);
        if shared_strings {
            check_string_count(&mut limited, bounds)?;
        }
        unpacked += std::io::copy(&mut limited, &mut std::io::sink()).map_err(unreadable)?;
        if unpacked > bounds.unpacked_bytes {
            return Err(too_big());
        }
    }
    Ok(())
}

/// Reads the shared strings' opening `<sst>` tag and refuses a declared count beyond the cell bound.
fn check_string_count(xml: &mut impl Read, bounds: &Bounds) -> CoreResult<()> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(xml));
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer).map_err(unreadable)? {
            Event::Start(tag) | Event::Empty(tag) if tag.local_name().as_ref() == "sst" => {
                for name in ["uniqueCount", "count"] {
                    let Some(attribute) = tag.try_get_attribute(name).map_err(unreadable)? else { continue };
                    let count = attribute.value.parse::<u64>().ok();
                    if count.is_some_and(|count| count > u64::from(bounds.cells)) {
                        return Err(refused(format!(
                            "The workbook declares more than {} different texts.",
                            bounds.cells
                        )));
                    }
                }
                return Ok(());
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn read_xlsx(content: &[u8], bounds: &Bounds) -> CoreResult<Vec<Vec<String>>> {
    use calamine::{DataRef, Reader, Xlsx};
    check_package(content, bounds)?;
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(content))
        .map_err(|error: calamine::XlsxError| unreadable(error))?;
    let first = workbook.sheet_names().into_iter().next().ok_or_else(|| unreadable("it has no worksheet"))?;
    let mut cells = workbook.worksheet_cells_reader(&first).map_err(unreadable)?;
    let mut grid = Grid::new(bounds);
    // The declared dimension is checked first, so a sheet that states the far corner is refused before any cell.
    let declared = cells.dimensions();
    if declared.end != (0, 0) {
        grid.check_shape(u64::from(declared.end.0) + 1, u64::from(declared.end.1) + 1)?;
    }
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        let text = match cell.get_value() {
            DataRef::Empty => String::new(),
            // Whole numbers (a ZIP code or phone typed as a number) without a trailing ".0".
            DataRef::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => format!("{number:.0}"),
            other => calamine::Data::from(other.clone()).to_string().trim().to_owned(),
        };
        grid.put(row, column, text)?;
    }
    Ok(grid.into_rows())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Bounds = Bounds { file_bytes: 1000, rows: 3, columns: 2, cells: 4, unpacked_bytes: 1000, entries: 5 };

    fn message(result: CoreResult<Vec<Vec<String>>>) -> String {
        match result {
            Err(CoreError::User(error)) => error.field("file").unwrap_or_default().to_owned(),
            other => panic!("refused at the file field, not {other:?}"),
        }
    }

    #[test]
    fn csv_cells_keep_commas_quotes_and_accents() {
        let rows = read_csv("\u{feff}First Name,Last Name\n\"Zoë, Jr.\",\"O\"\"Brien\"\n".as_bytes(), &Bounds::IMPORT)
            .expect("csv");
        assert_eq!(
            rows,
            vec![
                vec!["First Name".to_owned(), "Last Name".to_owned()],
                vec!["Zoë, Jr.".to_owned(), "O\"Brien".to_owned()]
            ]
        );
    }

    #[test]
    fn only_csv_and_xlsx_are_accepted() {
        assert!(read_rows("people.pdf", b"%PDF", &Bounds::IMPORT).is_err());
        assert!(read_rows("people.xlsx", b"not a zip", &Bounds::IMPORT).is_err());
    }

    #[test]
    fn a_csv_beyond_the_bounds_is_refused_by_what_it_exceeds() {
        assert_eq!(read_csv(b"a,b\nc,d\ne,f\n", &Bounds { cells: 6, ..SMALL }).map(|rows| rows.len()).ok(), Some(3));
        assert_eq!(
            message(read_csv(b"a\nb\nc\nd\n", &SMALL)),
            "The sheet has more than 3 rows. Split the file and import the parts."
        );
        assert_eq!(
            message(read_csv(b"a,b,c\n", &SMALL)),
            "The sheet has more than 2 columns. Split the file and import the parts."
        );
        assert_eq!(
            message(read_csv(b"a,b\nc,d\ne,f\n", &Bounds { cells: 5, ..SMALL })),
            "The sheet has more than 5 cells with a value. Split the file and import the parts."
        );
    }

    #[test]
    fn the_grid_refuses_the_first_cell_beyond_the_bounds_and_starts_at_the_first_value() {
        let mut grid = Grid::new(&SMALL);
        grid.put(1, 1, "header".into()).expect("inside");
        grid.put(2, 1, "value".into()).expect("inside");
        grid.put(2, 0, String::new()).expect("an empty cell counts nothing");
        assert!(grid.put(3, 0, "x".into()).is_err(), "a fourth row");
        assert!(grid.put(0, 2, "x".into()).is_err(), "a third column");
        assert_eq!(grid.into_rows(), vec![vec!["header".to_owned()], vec!["value".to_owned()]]);

        let mut grid = Grid::new(&Bounds { rows: 10, columns: 10, ..SMALL });
        for column in 0..4 {
            grid.put(0, column, "x".into()).expect("four cells");
        }
        assert!(grid.put(1, 0, "x".into()).is_err(), "a fifth cell");
    }
}
