//! `cargo xtask bench size`: what the web view downloads and compiles at every start. Builds the UI as it
//! ships, then prints the shipped wasm's size raw, gzipped (`gzip -9`) and brotli-compressed (`brotli -q 11`,
//! what a web server would send; the goal of issue 16 is ≤ 250 KB), its sections, and its largest functions
//! and crates. The shipped wasm has no names, so functions are read from the wasm as rustc leaves it (before
//! wasm-bindgen and wasm-opt): their sizes there are larger, but they rank alike.
//!
//! The wasm is read with a small parser of the binary format's section headers, the code section's bodies and
//! the name section's function names: enough to attribute bytes, and no dependency for xtask.

use crate::util::{workspace_root, Failure};
use crate::{setup, ui};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

/// The goal for the brotli-compressed wasm (issue 16).
const GOAL_BROTLI: usize = 250 * 1024;

pub fn bench(args: &[String]) -> Result<(), Failure> {
    if !args.is_empty() {
        return Err(Failure::new("usage: cargo xtask bench size"));
    }
    setup::for_size_bench()?;
    ui::build()?;
    let dist = workspace_root().join("ui").join("dist");
    let shipped = read(&dist.join(ui::WASM))?;
    let (gzip, brotli) =
        (compressed("gzip", &["-9", "-c"], &shipped)?, compressed("brotli", &["-q", "11", "-c"], &shipped)?);
    println!("\nThe UI's wasm as shipped ({}):", ui::WASM);
    println!("  raw      {:>9}", kib(shipped.len()));
    println!("  gzip -9  {:>9}", kib(gzip));
    println!(
        "  brotli   {:>9}   (goal ≤ {}: {})",
        kib(brotli),
        kib(GOAL_BROTLI),
        if brotli <= GOAL_BROTLI { "met" } else { "NOT met" }
    );
    let javascript = read(&dist.join("hiredesk_ui.js"))?;
    println!(
        "  and its JavaScript glue: {} raw, {} brotli",
        kib(javascript.len()),
        kib(compressed("brotli", &["-q", "11", "-c"], &javascript)?)
    );

    let module = Module::parse(&shipped)?;
    println!("\nSections of the shipped wasm:");
    let mut sections = module.sections.clone();
    sections.sort_by_key(|section| std::cmp::Reverse(section.size));
    for section in &sections {
        println!("  {:<28} {:>9}", section.name, kib(section.size));
    }

    let compiled = read(&ui::compiled_wasm())?;
    let module = Module::parse(&compiled)?;
    let mut functions = module.functions;
    functions.sort_by_key(|function| std::cmp::Reverse(function.size));
    let total: usize = functions.iter().map(|function| function.size).sum();
    println!(
        "\nLargest functions of the wasm as rustc leaves it ({} functions, {} of code):",
        functions.len(),
        kib(total)
    );
    for function in functions.iter().take(20) {
        println!("  {:>9}  {}", kib(function.size), shorten(&demangle(&function.name), 100));
    }
    let mut by_crate: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for function in &functions {
        let entry = by_crate.entry(crate_of(&function.name)).or_default();
        entry.0 += function.size;
        entry.1 += 1;
    }
    let mut by_crate: Vec<_> = by_crate.into_iter().collect();
    by_crate.sort_by_key(|(_, (size, _))| std::cmp::Reverse(*size));
    println!("\nCode by crate (the crate of a function's own type or module; generic code counts where it is named):");
    for (name, (size, count)) in by_crate.iter().take(15) {
        println!(
            "  {:>9}  {:>5.1} %  {count:>5} functions  {name}",
            kib(*size),
            *size as f64 * 100.0 / total.max(1) as f64
        );
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|error| Failure::new(format!("{}: {error} (is the UI built?)", path.display())))
}

/// The size of `content` compressed by `program` (which writes to its standard output).
fn compressed(program: &str, args: &[&str], content: &[u8]) -> Result<usize, Failure> {
    use std::io::Write;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| Failure::new(format!("{program}: {error}")))?;
    let mut stdin = child.stdin.take().ok_or_else(|| Failure::new(format!("{program}: no stdin")))?;
    let content = content.to_vec();
    // Written from a thread, so that a full output pipe cannot stop the writer and the reader at once.
    let writer = std::thread::spawn(move || stdin.write_all(&content));
    let finished = child.wait_with_output().map_err(|error| Failure::new(format!("{program}: {error}")))?;
    let written = writer.join().map_err(|_| Failure::new(format!("{program}: the writer stopped")))?;
    written.map_err(|error| Failure::new(format!("{program}: {error}")))?;
    if !finished.status.success() {
        return Err(Failure::new(format!("{program} failed ({})", finished.status)));
    }
    Ok(finished.stdout.len())
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        text.chars().take(width - 1).chain(std::iter::once('…')).collect()
    }
}

/// One section of a wasm module: its name (a custom section's own name after `custom:`) and its size.
#[derive(Debug, Clone, PartialEq)]
struct Section {
    name: String,
    size: usize,
}

/// One function body of the code section, with its name from the name section (empty without one).
#[derive(Debug, Clone, PartialEq)]
struct Function {
    name: String,
    size: usize,
}

#[derive(Debug, Default)]
struct Module {
    sections: Vec<Section>,
    functions: Vec<Function>,
}

impl Module {
    fn parse(bytes: &[u8]) -> Result<Module, Failure> {
        if bytes.len() < 8 || &bytes[..4] != b"\0asm" {
            return Err(Failure::new("not a wasm module"));
        }
        let mut reader = Reader { bytes, at: 8 };
        let (mut module, mut imported_functions, mut bodies, mut names) =
            (Module::default(), 0usize, Vec::new(), BTreeMap::new());
        while reader.at < bytes.len() {
            let id = reader.byte()?;
            let size = reader.leb()? as usize;
            let body = reader.take(size)?;
            let name = match id {
                0 => {
                    let mut custom = Reader { bytes: body, at: 0 };
                    let length = custom.leb()? as usize;
                    let name = String::from_utf8_lossy(custom.take(length)?).into_owned();
                    if name == "name" {
                        names = function_names(&body[custom.at..])?;
                    }
                    format!("custom: {name}")
                }
                2 => {
                    imported_functions = count_imported_functions(body)?;
                    "import".to_owned()
                }
                10 => {
                    bodies = body_sizes(body)?;
                    "code".to_owned()
                }
                other => STANDARD_SECTIONS.get(other as usize).copied().unwrap_or("unknown").to_owned(),
            };
            module.sections.push(Section { name, size });
        }
        module.functions = bodies
            .into_iter()
            .enumerate()
            .map(|(index, size)| Function {
                name: names.remove(&(imported_functions + index)).unwrap_or_default(),
                size,
            })
            .collect();
        Ok(module)
    }
}

/// The standard sections by id (0, custom, is named by its own name).
const STANDARD_SECTIONS: &[&str] = &[
    "custom",
    "type",
    "import",
    "function",
    "table",
    "memory",
    "global",
    "export",
    "start",
    "element",
    "code",
    "data",
    "data count",
    "tag",
];

/// A cursor over a module's bytes that fails, rather than panics, on a truncated module.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, Failure> {
        let byte = *self.bytes.get(self.at).ok_or_else(truncated)?;
        self.at += 1;
        Ok(byte)
    }

    /// An unsigned LEB128 number (sizes, counts, indices).
    fn leb(&mut self) -> Result<u64, Failure> {
        let (mut value, mut shift) = (0u64, 0u32);
        loop {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f).checked_shl(shift).ok_or_else(truncated)?;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    fn take(&mut self, length: usize) -> Result<&'a [u8], Failure> {
        let end = self.at.checked_add(length).filter(|end| *end <= self.bytes.len()).ok_or_else(truncated)?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn skip_name(&mut self) -> Result<(), Failure> {
        let length = self.leb()? as usize;
        self.take(length).map(|_| ())
    }
}

fn truncated() -> Failure {
    Failure::new("the wasm module is truncated or malformed")
}

/// How many of the import section's entries are functions: they come first in the function index space.
fn count_imported_functions(body: &[u8]) -> Result<usize, Failure> {
    let mut reader = Reader { bytes: body, at: 0 };
    let (count, mut functions) = (reader.leb()?, 0);
    for _ in 0..count {
        reader.skip_name()?;
        reader.skip_name()?;
        match reader.byte()? {
            0 => {
                reader.leb()?;
                functions += 1;
            }
            1 => {
                reader.byte()?;
                limits(&mut reader)?;
            }
            2 => limits(&mut reader)?,
            3 => {
                reader.byte()?;
                reader.byte()?;
            }
            4 => {
                reader.byte()?;
                reader.leb()?;
            }
            _ => return Err(truncated()),
        }
    }
    Ok(functions)
}

/// A table's or memory's limits: flags, minimum, and a maximum when flag bit 0 says so.
fn limits(reader: &mut Reader<'_>) -> Result<(), Failure> {
    let flags = reader.byte()?;
    reader.leb()?;
    if flags & 1 == 1 {
        reader.leb()?;
    }
    Ok(())
}

/// The size of each function body in the code section, in order.
fn body_sizes(body: &[u8]) -> Result<Vec<usize>, Failure> {
    let mut reader = Reader { bytes: body, at: 0 };
    let count = reader.leb()?;
    let mut sizes = Vec::new();
    for _ in 0..count {
        let size = reader.leb()? as usize;
        reader.take(size)?;
        sizes.push(size);
    }
    Ok(sizes)
}

/// The function names (subsection 1) of a name section's content, by function index.
fn function_names(content: &[u8]) -> Result<BTreeMap<usize, String>, Failure> {
    let mut reader = Reader { bytes: content, at: 0 };
    let mut names = BTreeMap::new();
    while reader.at < content.len() {
        let id = reader.byte()?;
        let size = reader.leb()? as usize;
        let subsection = reader.take(size)?;
        if id != 1 {
            continue;
        }
        let mut entries = Reader { bytes: subsection, at: 0 };
        for _ in 0..entries.leb()? {
            let index = entries.leb()? as usize;
            let length = entries.leb()? as usize;
            names.insert(index, String::from_utf8_lossy(entries.take(length)?).into_owned());
        }
    }
    Ok(names)
}

/// A readable form of a legacy Rust symbol (`_ZN…E`: length-prefixed segments, `$LT$`-style escapes, a hash
/// last); other names (v0 `_R…` symbols, C functions) are returned as they are.
fn demangle(name: &str) -> String {
    let Some(mut rest) = name.strip_prefix("_ZN") else {
        return name.to_owned();
    };
    let mut segments = Vec::new();
    while let Some(digits) = rest.find(|c: char| !c.is_ascii_digit()).filter(|end| *end > 0) {
        let Ok(length) = rest[..digits].parse::<usize>() else { break };
        let Some(segment) = rest.get(digits..digits + length) else { break };
        segments.push(segment);
        rest = &rest[digits + length..];
    }
    if segments.last().is_some_and(|last| last.len() == 17 && last.starts_with('h')) {
        segments.pop();
    }
    let joined = segments.join("::");
    let mut text = joined.trim_start_matches('_').to_owned();
    for (escape, character) in [
        ("$LT$", "<"),
        ("$GT$", ">"),
        ("$u20$", " "),
        ("$RF$", "&"),
        ("$BP$", "*"),
        ("$C$", ","),
        ("$u7b$", "{"),
        ("$u7d$", "}"),
        ("$u27$", "'"),
        ("$u5b$", "["),
        ("$u5d$", "]"),
        ("..", "::"),
    ] {
        text = text.replace(escape, character);
    }
    text
}

/// The crate a function is counted under: the first path in its readable name (for `<T as Trait>::f`, T's
/// crate), or for a v0 symbol the first crate root it names; `other` for names that are not Rust's.
fn crate_of(name: &str) -> String {
    if name.starts_with("_ZN") {
        let readable = demangle(name);
        let first = readable.trim_start_matches(['<', '&', '*', ' ']);
        let end = first.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(first.len());
        return if end == 0 { "other".to_owned() } else { first[..end].to_owned() };
    }
    if let Some(at) = name.strip_prefix("_R").and_then(|rest| rest.find("Cs").map(|at| (rest, at))) {
        let (rest, at) = at;
        // `Cs<disambiguator>_<length><name>`: the crate root of a v0 path.
        if let Some(after) = rest[at + 2..].split_once('_').map(|(_, after)| after) {
            let digits = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
            if let Ok(length) = after[..digits].parse::<usize>() {
                if let Some(crate_name) = after.get(digits..digits + length) {
                    return crate_name.to_owned();
                }
            }
        }
    }
    "other".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with one imported function, two function bodies (3 and 5 bytes) and a name section naming
    /// the second body, assembled by hand.
    fn module() -> Vec<u8> {
        let mut bytes = b"\0asm\x01\0\0\0".to_vec();
        bytes.extend([1, 4, 1, 0x60, 0, 0]); // type section: one `() -> ()`
        bytes.extend([2, 7, 1, 1, b'm', 1, b'f', 0, 0]); // import section: m.f, a function of type 0
        bytes.extend([3, 3, 2, 0, 0]); // function section: two functions of type 0
        bytes.extend([10, 11, 2, 3, 0, 1, 0x0b, 5, 0, 1, 1, 1, 0x0b]); // code: bodies of 3 and 5 bytes
        let names = [1u8, 6, 1, 2, 3, b'r', b'u', b'n'];
        let mut custom = vec![4, b'n', b'a', b'm', b'e'];
        custom.extend(names);
        bytes.push(0);
        bytes.push(custom.len() as u8);
        bytes.extend(custom);
        bytes
    }

    #[test]
    fn sections_bodies_and_names_are_read() {
        let module = Module::parse(&module()).expect("a valid module");
        let names: Vec<&str> = module.sections.iter().map(|section| section.name.as_str()).collect();
        assert_eq!(names, ["type", "import", "function", "code", "custom: name"]);
        assert_eq!(module.sections[3].size, 11);
        assert_eq!(
            module.functions,
            [Function { name: String::new(), size: 3 }, Function { name: "run".to_owned(), size: 5 }],
            "index 2 is the second body, after the one imported function"
        );
    }

    #[test]
    fn a_truncated_module_is_refused_not_panicked_on() {
        let bytes = module();
        for cut in 8..bytes.len() - 1 {
            let _ = Module::parse(&bytes[..cut]);
        }
        assert!(Module::parse(&bytes[..bytes.len() - 1]).is_err());
        assert!(Module::parse(b"not wasm").is_err());
    }

    #[test]
    fn symbols_are_made_readable_and_counted_under_their_crate() {
        let legacy = "_ZN93_$LT$hiredesk_ui..pages..sign_in..SignInPage$u20$as$u20$yew..functional..\
                      FunctionProvider$GT$3run17h0fbb4bc04b025fc2E";
        assert_eq!(
            demangle(legacy),
            "<hiredesk_ui::pages::sign_in::SignInPage as yew::functional::FunctionProvider>::run"
        );
        assert_eq!(crate_of(legacy), "hiredesk_ui");
        assert_eq!(crate_of("_ZN5alloc3vec16Vec$LT$T$C$A$GT$16extend_desugared17hfc29f5ce82fbcdf0E"), "alloc");
        assert_eq!(crate_of("_RNvMs3_NtCs5cOc02OMXlo_5alloc3stre12to_lowercase"), "alloc");
        assert_eq!(crate_of("memcpy"), "other");
    }
}
