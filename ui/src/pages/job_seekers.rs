//! The job seeker list (SPEC JS-3): search, stage and requisition filters, sort, and pages of the user's
//! records-per-page. The list state lives in the workspace, so the detail's Previous/Next walk this list.

use crate::components::field::SelectField;
use crate::components::form::error_message;
use crate::components::list_table::ListTable;
use crate::components::pager::{PageButton, Pager};
use crate::components::toolbar::Toolbar;
use crate::hooks::command::use_command_with;
use crate::perf::{self, use_painted, Interaction};
use crate::workspace_context::{ListState, ListedPage, View, WorkspaceContext};
use hiredesk_wire::{JobSeekerListRequest, JobSeekerSort, RequisitionChoicesRequest, Stage};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

const COLUMNS: &[&str] = &["Name", "Email", "Requisition", "Stage", "Last activity"];

#[component]
pub fn JobSeekersPage() -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    let list = workspace.list().clone();
    let page =
        use_command_with(JobSeekerListRequest { filter: list.filter.clone(), sort: list.sort, page: list.page.max(1) });
    let requisitions = use_command_with(RequisitionChoicesRequest {});
    use_painted(Interaction::JobSeekerList, page.answer().is_some() && !page.loading() && !requisitions.loading());

    let change = |update: fn(&mut ListState, String)| {
        let (list, workspace) = (list.clone(), workspace.clone());
        move |value: String| {
            let mut next = list.clone();
            update(&mut next, value);
            workspace.show_list(next);
        }
    };
    let on_search = {
        let apply = change(|list, value| {
            list.filter.search = value;
            list.page = 1;
        });
        Callback::from(move |event: InputEvent| apply(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_stage = Callback::from(change(|list, value| {
        list.filter.stage = Stage::from_label(&value);
        list.page = 1;
    }));
    let on_requisition = Callback::from(change(|list, value| {
        list.filter.requisition_id = value.parse().ok();
        list.page = 1;
    }));
    let on_sort = Callback::from(change(|list, value| {
        list.sort = if value == "activity" { JobSeekerSort::LastActivity } else { JobSeekerSort::Name };
        list.page = 1;
    }));
    let go_to_page = |target: u32| {
        let (list, workspace) = (list.clone(), workspace.clone());
        Callback::from(move |_: MouseEvent| workspace.show_list(ListState { page: target, ..list.clone() }))
    };
    // The rows' page, for the detail's Previous/Next; only while the answer shown is the one for these filters.
    let listed = page
        .answer()
        .filter(|_| !page.loading() && page.error().is_none())
        .map(|answer| Rc::new(ListedPage::new(&list, answer)));
    let open = |id: i32| match &listed {
        Some(listed) => workspace.open_listed(id, listed.clone()),
        None => workspace.go_to(View::JobSeeker(id)),
    };
    let filter = &list.filter;
    let requisitions = requisitions.answer().map(Vec::as_slice).unwrap_or_default();

    html! {
        <main class="page" id="job-seekers-page">
            <div class="detail-bar">
                <h1>{"Job Seekers"}</h1>
                <span class="spacer"></span>
                <button type="button" id="add-job-seeker" onclick={workspace.go_to(View::AddJobSeeker)}>
                    {"Add Job Seeker"}
                </button>
                <button type="button" id="import-job-seekers" onclick={workspace.go_to(View::Import)}>
                    {"Import"}
                </button>
            </div>
            <Toolbar role="search">
                <div class="field inline">
                    <label for="search">{"Search"}</label>
                    <input id="search" type="search" placeholder="Name or email" value={filter.search.clone()}
                        oninput={on_search} />
                </div>
                <SelectField id="stage-filter" label="Stage" inline=true onchange={on_stage}>
                    <option value="" selected={filter.stage.is_none()}>{"All stages"}</option>
                    { for Stage::ALL.iter().map(|stage| html! {
                        <option value={stage.label()} selected={filter.stage == Some(*stage)}>{stage.label()}</option>
                    }) }
                </SelectField>
                <SelectField id="requisition-filter" label="Requisition" inline=true onchange={on_requisition}>
                    <option value="" selected={filter.requisition_id.is_none()}>{"All requisitions"}</option>
                    { for requisitions.iter().map(|requisition| html! {
                        <option value={requisition.id.to_string()}
                            selected={filter.requisition_id == Some(requisition.id)}>
                            {&requisition.title}{if requisition.is_open { "" } else { " (closed)" }}
                        </option>
                    }) }
                </SelectField>
                <SelectField id="sort" label="Sort by" inline=true onchange={on_sort}>
                    <option value="name" selected={list.sort == JobSeekerSort::Name}>{"Name"}</option>
                    <option value="activity" selected={list.sort == JobSeekerSort::LastActivity}>
                        {"Last activity"}
                    </option>
                </SelectField>
            </Toolbar>
            {error_message(page.error())}
            if let Some(page) = page.answer() {
                <ListTable id="job-seeker-list" columns={COLUMNS}>
                    { for page.rows.iter().map(|row| html! {
                        <tr>
                            <td>
                                <button type="button" class="link" id={format!("job-seeker-{}", row.id)}
                                    onclick={perf::timed(Interaction::JobSeeker, open(row.id))}>
                                    {&row.name}
                                </button>
                            </td>
                            <td>{&row.email}</td>
                            <td>{&row.requisition}</td>
                            <td>{row.stage.label()}</td>
                            <td>{&row.last_activity}</td>
                        </tr>
                    }) }
                </ListTable>
                if page.rows.is_empty() {
                    <p class="muted" id="no-job-seekers">{"No job seeker matches these filters."}</p>
                }
                <Pager
                    back={PageButton {
                        id: "previous-page",
                        label: "Previous",
                        enabled: page.page > 1,
                        onclick: go_to_page(page.page.saturating_sub(1)),
                    }}
                    forward={PageButton {
                        id: "next-page",
                        label: "Next",
                        enabled: page.page < page.page_count,
                        onclick: go_to_page(page.page + 1),
                    }}>
                    <span id="page-status">
                        {format!("Page {} of {} · {} job seekers", page.page, page.page_count, page.total)}
                    </span>
                </Pager>
            }
        </main>
    }
}
