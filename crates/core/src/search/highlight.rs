//! The matched words of a hit, marked as text segments for the UI to show (never markup), and long texts
//! shortened around the first match. Words are compared as the indexes compare them: case and accents folded,
//! each query word a prefix of a word of the text.

use hiredesk_wire::Segment;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// How many characters of a long text a hit shows.
const SHOWN: usize = 160;
/// How many of them come before the first match.
const BEFORE: usize = 50;

/// A word as the indexes keep it: lower case, without accents.
pub fn fold(word: &str) -> String {
    word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// The query's words, folded, for [`segments`].
pub fn terms<'a>(words: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    words.into_iter().map(|word| fold(word)).filter(|term| !term.is_empty()).collect()
}

/// `text` cut into segments, a word marked where one of `terms` begins it. White space runs become one space.
pub fn segments(text: &str, terms: &[String]) -> Vec<Segment> {
    let text = squeeze(text);
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |piece: &str, matched: bool| match out.last_mut() {
        Some(last) if last.matched == matched => last.text.push_str(piece),
        _ => out.push(Segment { text: piece.to_owned(), matched }),
    };
    let mut rest = text.as_str();
    while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
        push(&rest[..start], false);
        let word_and_after = &rest[start..];
        let end = word_and_after.find(|c: char| !c.is_alphanumeric()).unwrap_or(word_and_after.len());
        let word = &word_and_after[..end];
        let folded = fold(word);
        push(word, terms.iter().any(|term| folded.starts_with(term.as_str())));
        rest = &word_and_after[end..];
    }
    push(rest, false);
    out.retain(|segment| !segment.text.is_empty());
    out
}

/// [`segments`] of a text shortened to about [`SHOWN`] characters around its first match, with "…" where it
/// was cut.
pub fn snippet(text: &str, terms: &[String]) -> Vec<Segment> {
    let all = segments(text, terms);
    let length: usize = all.iter().map(|segment| segment.text.chars().count()).sum();
    if length <= SHOWN {
        return all;
    }
    let first_match =
        all.iter().take_while(|segment| !segment.matched).map(|segment| segment.text.chars().count()).sum::<usize>();
    let start = if first_match >= length { 0 } else { first_match.saturating_sub(BEFORE) };
    let end = (start + SHOWN).min(length);
    let mut shown = cut(all, start, end);
    if start > 0 {
        shown.insert(0, Segment { text: "\u{2026}".to_owned(), matched: false });
    }
    if end < length {
        shown.push(Segment { text: "\u{2026}".to_owned(), matched: false });
    }
    shown
}

/// The segments' characters from `start` to `end`, moved out to whole words where a cut falls inside one.
fn cut(all: Vec<Segment>, start: usize, end: usize) -> Vec<Segment> {
    let mut shown = Vec::new();
    let mut at = 0;
    for segment in all {
        let count = segment.text.chars().count();
        let (from, to) = (start.max(at), end.min(at + count));
        if from < to || (segment.matched && at < end && at + count > start) {
            let text = if segment.matched {
                segment.text
            } else {
                segment.text.chars().skip(from - at).take(to - from).collect()
            };
            shown.push(Segment { text, matched: segment.matched });
        }
        at += count;
    }
    shown
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|segment| if segment.matched { format!("[{}]", segment.text) } else { segment.text.clone() })
            .collect()
    }

    #[test]
    fn prefixes_are_marked_with_case_and_accents_folded() {
        let terms = terms(&["reloc".to_owned(), "DENV".to_owned(), "zur".to_owned()]);
        assert_eq!(
            marked(&segments("Mentioned  Relocating to Denver,\nor Zürich.", &terms)),
            "Mentioned [Relocating] to [Denver], or [Zürich]."
        );
    }

    #[test]
    fn markup_stays_text() {
        let shown = segments("<b>Nurse</b>", &terms(&["nurse".to_owned()]));
        assert_eq!(marked(&shown), "<b>[Nurse]</b>");
        assert!(shown.iter().any(|segment| segment.text == "<b>" && !segment.matched));
    }

    #[test]
    fn a_long_text_is_cut_around_its_first_match() {
        let text = format!("{} Denver {}", "word ".repeat(100), "tail ".repeat(100));
        let shown = snippet(&text, &terms(&["denver".to_owned()]));
        let joined = marked(&shown);
        assert!(joined.starts_with('\u{2026}') && joined.ends_with('\u{2026}'), "{joined}");
        assert!(joined.contains("[Denver]"));
        assert!(joined.chars().count() < 200, "{}", joined.chars().count());
    }
}
