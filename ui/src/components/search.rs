//! The one search box (SPEC FS-1): the header's Search button, or Ctrl+K (⌘K on a Mac) from anywhere after
//! sign-in, opens it. Each keystroke asks the core (`search`), whose answer replaces the last; the completions
//! of the word being typed come first, then the hits grouped by kind. Up and Down move through them, Enter
//! takes a completion or opens a hit's job seeker on its tab, Escape closes. Matched words are marked by
//! wrapping text nodes in `<mark>`: a hit's text is never markup.

use crate::hooks::command::use_command;
use crate::shortcuts::{self, use_document_keys, Action};
use crate::workspace_context::{DetailTab, WorkspaceContext};
use hiredesk_wire::{SearchAnswer, SearchCompletion, SearchHit, SearchRequest, SearchTab, Segment, SEARCH_QUERY_LIMIT};
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// One line of the list, in the order Up and Down walk them.
#[derive(Clone, PartialEq)]
enum Line<'a> {
    Completion(&'a SearchCompletion),
    Hit(&'a SearchHit),
}

/// Every line of an answer: completions, then each group's hits.
fn lines(answer: &SearchAnswer) -> Vec<Line<'_>> {
    answer
        .completions
        .iter()
        .map(Line::Completion)
        .chain(answer.groups.iter().flat_map(|group| group.hits.iter().map(Line::Hit)))
        .collect()
}

/// The line selected after a key: Down and Up move and wrap around, anything else keeps it.
pub fn moved(selected: usize, count: usize, key: &str) -> usize {
    match (key, count) {
        (_, 0) => 0,
        ("ArrowDown", _) => (selected + 1) % count,
        ("ArrowUp", _) => (selected + count - 1) % count,
        _ => selected.min(count - 1),
    }
}

/// The detail tab a hit opens.
fn tab(tab: SearchTab) -> DetailTab {
    match tab {
        SearchTab::Profile => DetailTab::Profile,
        SearchTab::Notes => DetailTab::Notes,
        SearchTab::History => DetailTab::History,
        SearchTab::Offers => DetailTab::Offers,
        SearchTab::Communication => DetailTab::Communication,
    }
}

fn marked(segments: &[Segment]) -> Html {
    segments
        .iter()
        .map(|segment| {
            if segment.matched {
                html! { <mark>{&segment.text}</mark> }
            } else {
                html! { {&segment.text} }
            }
        })
        .collect()
}

/// Opens the box on Ctrl+K or ⌘K anywhere in the document.
#[hook]
fn use_shortcut(open: UseStateHandle<bool>) {
    use_document_keys(move |event| {
        if shortcuts::action_of(event) == Some(Action::Search) {
            event.prevent_default();
            open.set(true);
        }
    });
}

#[component]
pub fn SearchBox() -> Html {
    let workspace = use_context::<WorkspaceContext>();
    let open = use_state(|| false);
    let text = use_state(String::new);
    let selected = use_state(|| 0_usize);
    let search = use_command::<SearchRequest>();
    let input = use_node_ref();
    use_shortcut(open.clone());
    {
        let input = input.clone();
        use_effect_with(*open, move |open| {
            if *open {
                if let Some(input) = input.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                    input.select();
                }
            }
        });
    }
    let Some(workspace) = workspace else { return html! {} };

    let ask = {
        let (search, text, selected) = (search.clone(), text.clone(), selected.clone());
        Callback::from(move |query: String| {
            text.set(query.clone());
            selected.set(0);
            search.forget_error();
            search.run(SearchRequest { query, per_kind: None });
        })
    };
    let close = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };
    let open_hit = {
        let (workspace, close) = (workspace.clone(), close.clone());
        Callback::from(move |hit: SearchHit| {
            close.emit(());
            workspace.open_job_seeker(hit.job_seeker_id, tab(hit.kind.tab()));
        })
    };
    let take = {
        let (ask, input) = (ask.clone(), input.clone());
        Callback::from(move |completion: SearchCompletion| {
            ask.emit(completion.query.clone());
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.set_value(&completion.query);
                let _ = input.focus();
            }
        })
    };

    let answer = if text.is_empty() { None } else { search.answer() };
    let all = answer.map(lines).unwrap_or_default();
    let current = moved(*selected, all.len(), "");
    let on_key = {
        let (selected, close, open_hit, take) = (selected.clone(), close.clone(), open_hit.clone(), take.clone());
        let chosen = all.get(current).map(|line| match line {
            Line::Completion(completion) => Err((*completion).clone()),
            Line::Hit(hit) => Ok((*hit).clone()),
        });
        let count = all.len();
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Escape" => {
                event.prevent_default();
                close.emit(());
            }
            "ArrowDown" | "ArrowUp" => {
                event.prevent_default();
                selected.set(moved(current, count, &event.key()));
            }
            "Enter" => {
                event.prevent_default();
                match chosen.clone() {
                    Some(Ok(hit)) => open_hit.emit(hit),
                    Some(Err(completion)) => take.emit(completion),
                    None => {}
                }
            }
            _ => {}
        })
    };
    let on_input = {
        let ask = ask.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                ask.emit(input.value());
            }
        })
    };
    let refusal = search.error().map(|error| error.field("query").unwrap_or(&error.message).to_owned());

    let mut index = 0;
    let mut line = |content: Html, on_pick: Callback<MouseEvent>, class: &'static str| {
        let id = format!("search-line-{index}");
        let is_selected = index == current;
        index += 1;
        html! {
            <div role="option" {id} class={classes!("search-line", class, is_selected.then_some("selected"))}
                aria-selected={is_selected.to_string()} onclick={on_pick}>{content}</div>
        }
    };
    let list: Html = answer.map_or_else(Html::default, |answer| {
        let completions: Html = answer
            .completions
            .iter()
            .map(|completion| {
                let (take, picked) = (take.clone(), completion.clone());
                line(
                    html! { <><span class="search-label">{&completion.label}</span>
                    <span class="search-hint">{&completion.hint}</span></> },
                    Callback::from(move |_: MouseEvent| take.emit(picked.clone())),
                    "completion",
                )
            })
            .collect();
        let groups: Html = answer
            .groups
            .iter()
            .map(|group| {
                let heading = format!("search-group-{:?}", group.kind).to_lowercase();
                let hits: Html = group
                    .hits
                    .iter()
                    .map(|hit| {
                        let (open_hit, picked) = (open_hit.clone(), hit.clone());
                        line(
                            html! { <>
                                <span class="search-title">{marked(&hit.title)}</span>
                                <span class="search-detail">{marked(&hit.detail)}</span>
                                if let Some(when) = &hit.when { <span class="search-when">{when}</span> }
                            </> },
                            Callback::from(move |_: MouseEvent| open_hit.emit(picked.clone())),
                            "hit",
                        )
                    })
                    .collect();
                html! {
                    <div role="group" aria-labelledby={heading.clone()} class="search-group">
                        <div class="search-heading" id={heading}>
                            {&group.heading}
                            if group.more { <span class="search-more">{" — more; add words or a filter"}</span> }
                        </div>
                        {hits}
                    </div>
                }
            })
            .collect();
        html! { <>{completions}{groups}</> }
    });
    let nothing = answer.is_some_and(|answer| answer.groups.is_empty() && answer.completions.is_empty())
        && !search.loading()
        && refusal.is_none();

    html! {
        <>
            <button type="button" class="search-button" id="open-search" aria-keyshortcuts="Control+K Meta+K"
                title={shortcuts::titled("Search job seekers, notes, History, offers and emails", Action::Search)}
                onclick={{ let open = open.clone(); Callback::from(move |_: MouseEvent| open.set(true)) }}>
                {"Search"}<kbd>{shortcuts::of(Action::Search).keys()}</kbd>
            </button>
            if *open {
                <div class="backdrop" onclick={{
                    let close = close.clone();
                    Callback::from(move |event: MouseEvent| {
                        // Only a click on the backdrop itself, not one inside the dialog.
                        if event.target() == event.current_target() {
                            close.emit(());
                        }
                    })
                }}>
                    <div class="dialog search-dialog" role="dialog" aria-modal="true" aria-label="Search">
                        <input ref={input} id="search-input" type="search" role="combobox" aria-expanded="true"
                            aria-controls="search-results" aria-autocomplete="list" aria-label="Search"
                            aria-activedescendant={(!all.is_empty()).then(|| format!("search-line-{current}"))}
                            aria-invalid={refusal.is_some().to_string()} aria-describedby="search-help"
                            maxlength={SEARCH_QUERY_LIMIT.to_string()} autocomplete="off" value={(*text).clone()}
                            placeholder="Names, notes, History, offers, emails — or stage:offer, task:overdue, by:maria"
                            oninput={on_input} onkeydown={on_key} />
                        if let Some(message) = &refusal {
                            <p class="field-error" id="search-error" role="alert">{message}</p>
                        }
                        <div id="search-results" role="listbox" aria-label="Results" class="search-results">
                            {list}
                        </div>
                        if nothing {
                            <p class="muted" id="search-nothing" role="status">{"Nothing found."}</p>
                        }
                        <p class="search-help muted" id="search-help">
                            {"↑ ↓ to move, Enter to open, Esc to close. Filters: stage: req: task: by: after: before:"}
                        </p>
                    </div>
                </div>
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::moved;

    #[test]
    fn up_and_down_wrap_around_the_list() {
        assert_eq!(moved(0, 3, "ArrowDown"), 1);
        assert_eq!(moved(2, 3, "ArrowDown"), 0);
        assert_eq!(moved(0, 3, "ArrowUp"), 2);
        assert_eq!(moved(5, 3, ""), 2, "a shorter answer keeps the selection inside it");
        assert_eq!(moved(1, 0, "ArrowDown"), 0);
    }
}
