//! The History tab (SPEC HI-2): newest first, filtered by kind and requisition, one page of the user's
//! records-per-page at a time (keyset: Older moves on from the last entry shown).

use super::export::{ExportButton, ExportWhat, PrintButton};
use crate::components::field::SelectField;
use crate::components::form::error_message;
use crate::components::list_table::ListTable;
use crate::components::pager::{PageButton, Pager};
use crate::components::toolbar::Toolbar;
use crate::hooks::command::use_command_with;
use crate::hooks::team_status::use_reload_on_change;
use crate::perf::{self, use_painted, Interaction};
use hiredesk_wire::{ApplicationView, HistoryCursor, HistoryEntryView, HistoryPageRequest};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HistoryTabProps {
    pub job_seeker_id: i32,
    pub applications: Vec<ApplicationView>,
    /// The team server's count of changes: when it moves, the page shown is asked for again.
    #[prop_or_default]
    pub changes: u64,
}

#[derive(Clone, PartialEq, Default)]
struct Query {
    kind: Option<String>,
    requisition_id: Option<i32>,
    /// The cursors of the pages before the one shown, to go back to newer entries.
    newer: Vec<Option<HistoryCursor>>,
    after: Option<HistoryCursor>,
}

#[component]
pub fn HistoryTab(props: &HistoryTabProps) -> Html {
    let query = use_state(Query::default);
    let shown = HistoryPageRequest {
        job_seeker_id: props.job_seeker_id,
        kind: query.kind.clone(),
        requisition_id: query.requisition_id,
        after: query.after,
    };
    let page = use_command_with(shown.clone());
    use_painted(Interaction::HistoryPage, page.answer().is_some() && !page.loading());
    {
        let page = page.clone();
        use_reload_on_change(props.changes, move || page.run(shown));
    }
    let on_kind = {
        let query = query.clone();
        Callback::from(move |value: String| {
            query.set(Query {
                kind: (!value.is_empty()).then_some(value),
                requisition_id: query.requisition_id,
                ..Query::default()
            });
        })
    };
    let on_requisition = {
        let query = query.clone();
        Callback::from(move |value: String| {
            query.set(Query { kind: query.kind.clone(), requisition_id: value.parse().ok(), ..Query::default() });
        })
    };
    let older = {
        let (query, page) = (query.clone(), page.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(next) = page.answer().and_then(|page| page.next) {
                let mut newer = query.newer.clone();
                newer.push(query.after);
                query.set(Query { newer, after: Some(next), ..(*query).clone() });
            }
        })
    };
    let newer = {
        let query = query.clone();
        Callback::from(move |_: MouseEvent| {
            let mut newer = query.newer.clone();
            if let Some(after) = newer.pop() {
                query.set(Query { newer, after, ..(*query).clone() });
            }
        })
    };
    let export = ExportWhat::History(HistoryPageRequest {
        job_seeker_id: props.job_seeker_id,
        kind: query.kind.clone(),
        requisition_id: query.requisition_id,
        after: None,
    });
    let mut requisitions: Vec<(i32, String)> = props
        .applications
        .iter()
        .map(|application| (application.requisition_id, application.requisition.clone()))
        .collect();
    requisitions.dedup();

    html! {
        <div class="history">
            <Toolbar>
                <ExportButton id="export-history" what={export.clone()} />
                <PrintButton id="print-history" what={export} />
                <SelectField id="history-kind" label="Kind" inline=true onchange={on_kind}>
                    <option value="" selected={query.kind.is_none()}>{"All kinds"}</option>
                    { for page.answer().map(|page| page.kinds.clone()).unwrap_or_default().into_iter().map(|kind| {
                        let selected = query.kind.as_deref() == Some(kind.kind.as_str());
                        html! { <option value={kind.kind} {selected}>{kind.label}</option> }
                    }) }
                </SelectField>
                <SelectField id="history-requisition" label="Requisition" inline=true onchange={on_requisition}>
                    <option value="" selected={query.requisition_id.is_none()}>{"All requisitions"}</option>
                    { for requisitions.iter().map(|(id, title)| html! {
                        <option value={id.to_string()} selected={query.requisition_id == Some(*id)}>{title}</option>
                    }) }
                </SelectField>
            </Toolbar>
            {error_message(page.error())}
            if let Some(page) = page.answer() {
                <ListTable id="history-list" columns={HISTORY_COLUMNS}>
                    { for page.entries.iter().map(|entry| history_row(entry, "history-entry")) }
                </ListTable>
                if page.entries.is_empty() {
                    <p class="muted">{"No history matches these filters."}</p>
                }
                <Pager
                    back={PageButton {
                        id: "history-newer",
                        label: "Newer",
                        enabled: !query.newer.is_empty(),
                        onclick: perf::timed(Interaction::HistoryPage, newer),
                    }}
                    forward={PageButton {
                        id: "history-older",
                        label: "Older",
                        enabled: page.next.is_some(),
                        onclick: perf::timed(Interaction::HistoryPage, older),
                    }}
                />
            }
        </div>
    }
}

/// The columns of [`history_row`].
pub const HISTORY_COLUMNS: &[&str] = &["When", "User", "Kind", "Requisition", "What happened"];

/// One History entry as a table row: when, who, kind, requisition, and what happened with each changed field
/// (old struck through, new underlined). The History tab and the print window show the same rows.
pub fn history_row(entry: &HistoryEntryView, class: &'static str) -> Html {
    let shown = |value: &str| if value.is_empty() { "(empty)".to_owned() } else { value.to_owned() };
    html! {
        <tr {class}>
            <td class="nowrap">{&entry.at}</td>
            <td>{&entry.user}</td>
            <td>{&entry.kind_label}</td>
            <td>{entry.requisition.clone().unwrap_or_default()}</td>
            <td>
                <div>{&entry.summary}</div>
                if !entry.changes.is_empty() {
                    <ul class="changes">
                        { for entry.changes.iter().map(|change| html! {
                            <li>
                                <span class="change-field">{&change.field}{": "}</span>
                                <del>{shown(&change.old)}</del>
                                {" → "}
                                <ins>{shown(&change.new)}</ins>
                            </li>
                        }) }
                    </ul>
                }
            </td>
        </tr>
    }
}
