//! What the search box's text asks for: words (each a prefix, in any order) and filters (`key:value`), parsed
//! without the database. A filter the box does not know, or a value it cannot read, is refused with a message
//! for the field, so a typo never silently finds nothing.

use chrono::NaiveDate;
use hiredesk_wire::{Stage, SEARCH_QUERY_LIMIT};

/// The filter keys, in the order completions list them, with what each does.
pub const KEYS: [(&str, &str); 6] = [
    ("stage:", "the stage of an application: new, screening, interview, offer, hired, not-hired"),
    ("req:", "a requisition's title, in quotes when it has spaces"),
    ("task:", "tasks only: overdue, open or done"),
    ("by:", "written by a user: first name, last name or email"),
    ("after:", "on or after a date: 2026-01-31 or 01/31/2026"),
    ("before:", "before a date: 2026-01-31 or 01/31/2026"),
];

/// Which tasks `task:` keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskFilter {
    /// Not completed and due before today (in the user's zone).
    Overdue,
    /// Not completed.
    Open,
    /// Completed.
    Done,
}

impl TaskFilter {
    pub const ALL: [(TaskFilter, &'static str); 3] =
        [(TaskFilter::Overdue, "overdue"), (TaskFilter::Open, "open"), (TaskFilter::Done, "done")];

    /// The name bound into the queries.
    pub fn name(self) -> &'static str {
        match self {
            TaskFilter::Overdue => "overdue",
            TaskFilter::Open => "open",
            TaskFilter::Done => "done",
        }
    }
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The words, as typed (each a run of letters and digits); matched as prefixes, case and accents folded.
    pub words: Vec<String>,
    pub stage: Option<Stage>,
    /// Part of a requisition's title.
    pub requisition: Option<String>,
    pub task: Option<TaskFilter>,
    /// The start of a user's first name, last name or email.
    pub by: Option<String>,
    /// From this day on, in the user's zone.
    pub after: Option<NaiveDate>,
    /// Before this day, in the user's zone.
    pub before: Option<NaiveDate>,
}

impl Query {
    /// Nothing to look for: no word and no filter.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && !self.has_filters()
    }

    pub fn has_filters(&self) -> bool {
        self.stage.is_some()
            || self.requisition.is_some()
            || self.task.is_some()
            || self.by.is_some()
            || self.after.is_some()
            || self.before.is_some()
    }
}

/// Why a query was refused: the message for the search field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

/// Splits the text into tokens at white space, keeping a quoted part (`req:"Lab Technician"`, `"nurse aide"`)
/// in its token. An unclosed quote runs to the end.
pub fn tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// The runs of letters and digits of `text`: the words an index holds and a query looks for.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty())
}

/// A token's filter key (lower-cased, without the colon) and its value without quotes, when it has the form
/// `letters:value`.
fn filter(token: &str) -> Option<(String, String)> {
    let (key, value) = token.split_once(':')?;
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some((key.to_ascii_lowercase(), value.trim_matches('"').trim().to_owned()))
}

/// A stage as a filter names it: its label in any case, with a space, a dash or nothing between words.
pub fn stage_named(value: &str) -> Option<Stage> {
    let folded: String = value.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    Stage::ALL.into_iter().find(|stage| stage.label().replace(' ', "").to_lowercase() == folded)
}

/// The slug a completion writes for a stage: `offer`, `not-hired`.
pub fn stage_slug(stage: Stage) -> String {
    stage.label().to_lowercase().replace(' ', "-")
}

/// A date as a filter gives it: `2026-01-31` or `01/31/2026`.
pub fn date_named(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(value, "%m/%d/%Y")).ok()
}

/// Parses the search box's text.
pub fn parse(text: &str) -> Result<Query, Refusal> {
    if text.chars().count() > SEARCH_QUERY_LIMIT {
        return Err(Refusal(format!("Search for at most {SEARCH_QUERY_LIMIT} characters.")));
    }
    // Control characters (a pasted NUL, a tab) separate words like spaces do.
    let text: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut query = Query::default();
    for token in tokens(&text) {
        let Some((key, value)) = filter(&token) else {
            query.words.extend(words(&token).map(str::to_owned));
            continue;
        };
        let missing = || Refusal(format!("Say what {key}: looks for, e.g. {}", example(&key)));
        match key.as_str() {
            "stage" => {
                query.stage = Some(stage_named(&value).ok_or_else(|| {
                    Refusal(format!(
                        "There is no stage \u{201c}{value}\u{201d}: use new, screening, interview, offer, hired or \
                         not-hired."
                    ))
                })?)
            }
            "req" if value.is_empty() => return Err(missing()),
            "req" => query.requisition = Some(value),
            "task" => {
                let named = TaskFilter::ALL.into_iter().find(|(_, name)| value.eq_ignore_ascii_case(name));
                query.task =
                    Some(named.map(|(task, _)| task).ok_or_else(|| {
                        Refusal(format!("task: is overdue, open or done, not \u{201c}{value}\u{201d}."))
                    })?)
            }
            "by" if value.is_empty() => return Err(missing()),
            "by" => query.by = Some(value.to_lowercase()),
            "after" | "before" => {
                let date = date_named(&value).ok_or_else(|| {
                    Refusal(format!(
                        "Enter the date of {key}: like 2026-01-31 or 01/31/2026, not \u{201c}{value}\u{201d}."
                    ))
                })?;
                if key == "after" {
                    query.after = Some(date);
                } else {
                    query.before = Some(date);
                }
            }
            _ => {
                return Err(Refusal(format!(
                    "There is no filter {key}: \u{2014} the filters are stage:, req:, task:, by:, after: and before:."
                )))
            }
        }
    }
    Ok(query)
}

fn example(key: &str) -> &'static str {
    match key {
        "req" => "req:\"Lab Technician\".",
        _ => "by:maria.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_filters_are_told_apart() {
        let query = parse(r#"nurse Denver stage:offer req:"Lab Technician" task:overdue by:Maria after:01/31/2026"#)
            .expect("parsed");
        assert_eq!(query.words, ["nurse", "Denver"]);
        assert_eq!(query.stage, Some(Stage::Offer));
        assert_eq!(query.requisition.as_deref(), Some("Lab Technician"));
        assert_eq!(query.task, Some(TaskFilter::Overdue));
        assert_eq!(query.by.as_deref(), Some("maria"));
        assert_eq!(query.after, NaiveDate::from_ymd_opt(2026, 1, 31));
    }

    #[test]
    fn stages_are_named_in_any_case_and_spacing() {
        for name in ["not-hired", "NotHired", "\"Not Hired\"", "not_hired"] {
            assert_eq!(parse(&format!("stage:{name}")).expect("parsed").stage, Some(Stage::NotHired), "{name}");
        }
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(parse("o'brien (617) 555-0123").expect("parsed").words, ["o", "brien", "617", "555", "0123"]);
        assert_eq!(parse("10:30").expect("parsed").words, ["10", "30"]);
        assert_eq!(parse("née\u{0}x").expect("parsed").words, ["née", "x"]);
    }

    #[test]
    fn unknown_filters_and_unreadable_values_are_refused_with_a_message() {
        for (text, says) in [
            ("stgae:offer", "no filter stgae:"),
            ("stage:maybe", "no stage"),
            ("task:later", "overdue, open or done"),
            ("after:yesterday", "like 2026-01-31"),
            ("req:", "Say what req:"),
        ] {
            let Refusal(message) = parse(text).expect_err(text);
            assert!(message.contains(says), "{text}: {message}");
        }
        let long = "a".repeat(SEARCH_QUERY_LIMIT + 1);
        assert!(parse(&long).expect_err("too long").0.contains("at most 500"));
    }
}
