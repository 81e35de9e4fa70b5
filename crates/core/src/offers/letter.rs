//! Offer letters: checking a template when an administrator saves it, and merging an offer's values into
//! it (SPEC OF-2 to OF-5).
//!
//! A template is plain text with Tera tags. Only two forms are allowed, which keeps letters simple for the
//! people who write them and leaves no way around the escaping:
//!
//! - `{{ tag }}`, optionally through the filters `upper`, `lower`, `capitalize`, `title` or `trim`;
//! - `{% if tag %}` … `{% elif tag %}` … `{% else %}` … `{% endif %}`, with `not`, `and`, `or`, and
//!   `{# comments #}`.
//!
//! Tera compiles each letter three times: the subject and the plain text with auto-escaping off, and an
//! HTML version (the text escaped outside the tags, kept in `white-space: pre-wrap`) with auto-escaping on,
//! so every merged value is escaped exactly once. In the preview, Tera's escape function also wraps each
//! value in `<mark class="merged">`, and an empty tag shows as `<mark class="missing">`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use tera::{Context, Tera};

/// The filters a tag may go through; none of them can mark a value safe.
const FILTERS: [&str; 5] = ["upper", "lower", "capitalize", "title", "trim"];

/// Marks a value the recruiter still has to type, for the preview's escape function.
const MISSING: char = '\u{E000}';

/// Why a template was refused: the field ("subject" or "body") and a message naming the line and the tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub field: &'static str,
    pub message: String,
}

/// One piece of a template: text, or what stands between Tera's delimiters.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    /// `{{ … }}`, `{% … %}` or `{# … #}`: the opening delimiter's second character, the inside (without
    /// whitespace-control dashes), the whole piece as written, and its line.
    Tag {
        kind: char,
        inside: &'a str,
        whole: &'a str,
        line: usize,
    },
}

fn pieces(source: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut rest = source;
    let mut line = 1;
    while let Some(start) = ["{{", "{%", "{#"].iter().filter_map(|open| rest.find(open)).min() {
        let (text, from_tag) = rest.split_at(start);
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        line += text.matches('\n').count();
        let kind = from_tag.as_bytes()[1] as char;
        let close = match kind {
            '{' => "}}",
            '%' => "%}",
            _ => "#}",
        };
        let Some(end) = from_tag[2..].find(close) else {
            return Err(format!("Line {line}: {} is opened but never closed with {close}.", &from_tag[..2]));
        };
        let whole = &from_tag[..end + 4];
        let inside = whole[2..whole.len() - 2].trim_start_matches('-').trim_end_matches('-').trim();
        pieces.push(Piece::Tag { kind, inside, whole, line });
        line += whole.matches('\n').count();
        rest = &from_tag[end + 4..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    Ok(pieces)
}

fn is_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|first| first.is_ascii_lowercase() || first == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The tags a condition tests, or why it is not allowed.
fn condition_tags(condition: &str) -> Option<Vec<&str>> {
    let words: Vec<&str> = condition.split_whitespace().collect();
    let mut tags = Vec::new();
    let mut expect_tag = true;
    for word in &words {
        match (*word, expect_tag) {
            ("not", true) => {}
            ("and" | "or", false) => expect_tag = true,
            (tag, true) if is_name(tag) => {
                tags.push(tag);
                expect_tag = false;
            }
            _ => return None,
        }
    }
    (!expect_tag).then_some(tags)
}

/// The tags a template uses: those printed outside any `{% if %}` are required, the others optional.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TagUse {
    pub required: BTreeSet<String>,
    pub optional: BTreeSet<String>,
}

fn check(
    source: &str,
    field: &'static str,
    known: &dyn Fn(&str) -> bool,
    uses: &mut TagUse,
) -> Result<(), TemplateError> {
    let refuse = |message: String| TemplateError { field, message };
    const FORMS: &str = "Only {{ tag }} and {% if tag %} … {% else %} … {% endif %} can be used in a letter";
    // How many `{% if %}` blocks the current piece is in: a tag printed only inside one is optional.
    let mut depth = 0usize;
    for piece in pieces(source).map_err(refuse)? {
        let Piece::Tag { kind, inside, whole, line } = piece else { continue };
        let mut named = |tag: &str, printed: bool| {
            if !known(tag) {
                return Err(refuse(format!(
                    "Line {line}: {whole} uses the unknown tag \"{tag}\". Pick a tag from the list."
                )));
            }
            if printed {
                uses.required.insert(tag.to_owned());
            } else {
                uses.optional.insert(tag.to_owned());
            }
            Ok(())
        };
        match kind {
            '{' => {
                let mut parts = inside.split('|').map(str::trim);
                let tag = parts.next().unwrap_or_default();
                if !is_name(tag) {
                    return Err(refuse(format!("Line {line}: {whole} is not a tag. {FORMS}.")));
                }
                if let Some(filter) = parts.find(|filter| !FILTERS.contains(filter)) {
                    return Err(refuse(format!(
                        "Line {line}: {whole} uses the filter \"{filter}\"; only {} are allowed.",
                        FILTERS.join(", ")
                    )));
                }
                named(tag, depth == 0)?;
            }
            '%' => {
                let (keyword, condition) = inside.split_once(char::is_whitespace).unwrap_or((inside, ""));
                match keyword {
                    "if" | "elif" => {
                        if keyword == "if" {
                            depth += 1;
                        }
                        let tags = condition_tags(condition).ok_or_else(|| {
                            refuse(format!("Line {line}: {whole} can only test tags, e.g. {{% if signing_bonus %}}."))
                        })?;
                        for tag in tags {
                            named(tag, false)?;
                        }
                    }
                    "else" if condition.is_empty() => {}
                    "endif" if condition.is_empty() => depth = depth.saturating_sub(1),
                    _ => return Err(refuse(format!("Line {line}: {whole} is not allowed. {FORMS}."))),
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The HTML version of a template: the text between tags escaped, the tags as they are.
fn html_source(source: &str) -> String {
    let mut html = String::with_capacity(source.len() + 64);
    for piece in pieces(source).unwrap_or_default() {
        match piece {
            Piece::Text(text) => html.push_str(&escape(text)),
            Piece::Tag { whole, .. } => html.push_str(whole),
        }
    }
    html
}

/// HTML-escapes text.
pub fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The preview's escape function: each merged value escaped and highlighted, an empty one shown in red.
fn mark(value: &str, out: &mut dyn Write) -> std::io::Result<()> {
    match value.strip_prefix(MISSING) {
        Some(label) => {
            out.write_all(b"<mark class=\"missing\">[")?;
            tera::escape_html(label, out)?;
            out.write_all(b"]</mark>")
        }
        None => {
            out.write_all(b"<mark class=\"merged\">")?;
            tera::escape_html(value, out)?;
            out.write_all(b"</mark>")
        }
    }
}

const SUBJECT: &str = "subject.txt";
const TEXT: &str = "letter.txt";
const HTML: &str = "letter.html";

/// A template that passed every check, ready to merge values into.
pub struct Letter {
    tera: Tera,
    preview: Tera,
    pub tags: TagUse,
}

/// A merged letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub subject: String,
    pub text: String,
    /// The body as an HTML fragment; every value escaped (and in the preview, highlighted).
    pub html: String,
}

impl std::fmt::Debug for Letter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Letter").field("tags", &self.tags).finish_non_exhaustive()
    }
}

fn syntax(field: &'static str, error: &tera::Error) -> TemplateError {
    let message = match error.kind() {
        tera::ErrorKind::SyntaxError(report) => {
            format!("Line {}: {}.", report.span().start_line, report.message().trim_end_matches('.'))
        }
        _ => format!("The template could not be read: {error}."),
    };
    TemplateError { field, message }
}

impl Letter {
    /// Checks and compiles a template's subject and body; `known` says whether a tag exists.
    pub fn compile(subject: &str, body: &str, known: &dyn Fn(&str) -> bool) -> Result<Letter, TemplateError> {
        let mut tags = TagUse::default();
        if subject.contains("{%") {
            return Err(TemplateError {
                field: "subject",
                message: "The subject can use tags like {{ requisition_title }}, but no {% if %}.".into(),
            });
        }
        check(subject, "subject", known, &mut tags)?;
        check(body, "body", known, &mut tags)?;
        tags.optional.retain(|tag| !tags.required.contains(tag));
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        tera.add_raw_template(SUBJECT, subject).map_err(|error| syntax("subject", &error))?;
        tera.add_raw_template(TEXT, body).map_err(|error| syntax("body", &error))?;
        tera.add_raw_template(HTML, &html_source(body)).map_err(|error| syntax("body", &error))?;
        let mut preview = Tera::new();
        preview.autoescape_on([".html"]);
        preview.set_escape_fn(mark);
        preview.add_raw_template(HTML, &html_source(body)).map_err(|error| syntax("body", &error))?;
        let letter = Letter { tera, preview, tags };
        // Catches what only shows when rendering (e.g. an `{% if %}` Tera reads differently).
        let sample: BTreeMap<String, String> =
            letter.all_tags().map(|tag| (tag.to_owned(), "sample".to_owned())).collect();
        letter.merge(&sample)?;
        Ok(letter)
    }

    /// Every tag the template uses.
    pub fn all_tags(&self) -> impl Iterator<Item = &str> {
        self.tags.required.iter().chain(&self.tags.optional).map(String::as_str)
    }

    fn context(&self, values: &BTreeMap<String, String>, missing: impl Fn(&str) -> String) -> Context {
        let mut context = Context::new();
        for tag in self.all_tags() {
            let value = values.get(tag).map(|value| value.trim()).unwrap_or_default();
            let value =
                if value.is_empty() && self.tags.required.contains(tag) { missing(tag) } else { value.to_owned() };
            context.insert(tag.to_owned(), &value);
        }
        context
    }

    fn render(tera: &Tera, name: &str, context: &Context) -> Result<String, TemplateError> {
        tera.render(name, context).map_err(|error| TemplateError {
            field: if name == SUBJECT { "subject" } else { "body" },
            message: format!("The letter could not be merged: {error}"),
        })
    }

    /// The context as emailed: an empty tag stays empty.
    fn merged_context(&self, values: &BTreeMap<String, String>) -> Context {
        self.context(values, |_| String::new())
    }

    /// The subject as emailed, on one line.
    pub fn subject(&self, values: &BTreeMap<String, String>) -> Result<String, TemplateError> {
        self.subject_in(&self.merged_context(values))
    }

    fn subject_in(&self, context: &Context) -> Result<String, TemplateError> {
        Ok(Self::render(&self.tera, SUBJECT, context)?.lines().collect::<Vec<_>>().join(" ").trim().to_owned())
    }

    /// The letter as emailed: values escaped in the HTML, as typed in the text. Every required tag must
    /// have a value (see [`Letter::missing`]).
    pub fn merge(&self, values: &BTreeMap<String, String>) -> Result<Merged, TemplateError> {
        let context = self.merged_context(values);
        Ok(Merged {
            subject: self.subject_in(&context)?,
            text: Self::render(&self.tera, TEXT, &context)?,
            html: Self::render(&self.tera, HTML, &context)?,
        })
    }

    /// The preview: every merged value highlighted, every empty required tag shown by `label` in red.
    pub fn preview(
        &self,
        values: &BTreeMap<String, String>,
        label: impl Fn(&str) -> String,
    ) -> Result<String, TemplateError> {
        let context = self.context(values, |tag| format!("{MISSING}{}", label(tag)));
        Self::render(&self.preview, HTML, &context)
    }

    /// The required tags without a value.
    pub fn missing<'a>(&'a self, values: &'a BTreeMap<String, String>) -> impl Iterator<Item = &'a str> + 'a {
        self.tags
            .required
            .iter()
            .filter(|tag| values.get(tag.as_str()).is_none_or(|value| value.trim().is_empty()))
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(tag: &str) -> bool {
        ["first_name", "salary", "signing_bonus", "title"].contains(&tag)
    }

    fn compile(body: &str) -> Result<Letter, TemplateError> {
        Letter::compile("Offer for {{ first_name }}", body, &known)
    }

    fn refusal(body: &str) -> String {
        compile(body).expect_err("refused").message
    }

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(tag, value)| ((*tag).to_owned(), (*value).to_owned())).collect()
    }

    #[test]
    fn refusals_name_the_line_and_the_tag() {
        assert_eq!(
            refusal("Dear {{ first_name }},\n\nYour pay: {{ salry }}."),
            "Line 3: {{ salry }} uses the unknown tag \"salry\". Pick a tag from the list."
        );
        assert!(refusal("Hello\n{% for x in y %}{% endfor %}").starts_with("Line 2: {% for x in y %} is not allowed."));
        assert!(refusal("{{ first_name | safe }}").contains("the filter \"safe\""));
        assert!(refusal("A\nB\n{{ first_name ").starts_with("Line 3: {{ is opened but never closed"));
        assert!(refusal("{% if salary %}no end").starts_with("Line 1:"), "{}", refusal("{% if salary %}no end"));
        assert!(refusal("{% if salary > 3 %}x{% endif %}").contains("can only test tags"));
        assert!(refusal("{{ \"text\" }}").contains("is not a tag"));
        assert!(refusal("{% include \"x\" %}").contains("is not allowed"));
        let subject = Letter::compile("{% if salary %}x{% endif %}", "ok", &known).expect_err("refused");
        assert_eq!(subject.field, "subject");
    }

    #[test]
    fn tags_inside_an_if_are_optional() {
        let letter = compile(concat!(
            "{{ first_name }} {% if signing_bonus %}Bonus: {{ signing_bonus }}{% endif %}",
            "{% if not salary %}{% endif %}\n{{ title }}"
        ))
        .expect("compiles");
        assert_eq!(letter.tags.required, ["first_name", "title"].map(String::from).into());
        assert_eq!(letter.tags.optional, ["salary", "signing_bonus"].map(String::from).into());
    }

    #[test]
    fn merged_values_are_escaped_once_and_the_text_between_tags_too() {
        let letter = compile("Dear {{ first_name }} <b>&</b>\nPay: {{ salary | upper }}").expect("compiles");
        let merged = letter
            .merge(&values(&[("first_name", "<img src=x onerror=alert(1)>"), ("salary", "a&b")]))
            .expect("merges");
        assert_eq!(merged.html, "Dear &lt;img src=x onerror=alert(1)&gt; &lt;b&gt;&amp;&lt;/b&gt;\nPay: A&amp;B");
        assert_eq!(merged.text, "Dear <img src=x onerror=alert(1)> <b>&</b>\nPay: A&B");
        assert_eq!(merged.subject, "Offer for <img src=x onerror=alert(1)>");
    }

    #[test]
    fn the_preview_highlights_values_and_shows_empty_tags_in_red() {
        let letter = compile("{{ first_name }} earns {{ salary }}").expect("compiles");
        let preview =
            letter.preview(&values(&[("first_name", "Ana \"Q\"")]), |tag| format!("Label of {tag}")).expect("renders");
        assert_eq!(
            preview,
            "<mark class=\"merged\">Ana &quot;Q&quot;</mark> earns <mark class=\"missing\">[Label of salary]</mark>"
        );
        assert_eq!(letter.missing(&values(&[("first_name", "Ana")])).collect::<Vec<_>>(), ["salary"]);
    }

    #[test]
    fn an_xss_corpus_stays_inert_in_every_output() {
        let corpus = [
            "<script>alert(1)</script>",
            "\"><svg onload=alert(1)>",
            "' onmouseover='alert(1)",
            "{{ salary }}",
            "{% if x %}boom{% endif %}",
            "{# hidden #}",
            "</mark><script>x</script>",
            "javascript:alert(1)",
            "Zoë Ñúñez 山田 \u{202E}gnp.exe",
            "&lt;already escaped&gt;",
        ];
        let letter =
            compile("<p>{{ first_name }}</p>\n{% if signing_bonus %}{{ title }}{% endif %}").expect("compiles");
        for value in corpus {
            let values = values(&[("first_name", value), ("signing_bonus", value), ("title", value)]);
            let merged = letter.merge(&values).expect("merges");
            let preview = letter.preview(&values, str::to_owned).expect("renders");
            for html in [&merged.html, &preview] {
                // Apart from the highlighting, nothing that could open a tag or an attribute is left raw.
                let bare = html.replace("<mark class=\"merged\">", "").replace("</mark>", "");
                assert!(!bare.contains(['<', '>', '"', '\'']), "{value}: {html}");
            }
            // The value arrives intact as text: Tera does not evaluate tags inside values.
            assert!(merged.text.contains(value), "{value}: {}", merged.text);
        }
    }
}
