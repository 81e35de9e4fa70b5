//! Import job seekers from a careers site's CSV or XLSX export (SPEC JS-6): choose the requisition and the
//! file, see every row's outcome before anything is written, then import the ready rows and see the summary.
//! The file is chosen in the native open dialog and read by the shell, never by this page: the page knows the
//! chosen file's name and size only, and asks the shell for the preview and the import of it.

use crate::components::form::{field_error, form_error};
use crate::components::list_table::ListTable;
use crate::components::requisition_picker::RequisitionPicker;
use crate::components::toolbar::Toolbar;
use crate::hooks::command::use_command;
use crate::workspace_context::{View, WorkspaceContext};
use hiredesk_wire::{
    ChooseImportFileRequest, ChosenImportFile, CommitImportFileRequest, ImportOutcome, ImportReport,
    PreviewImportFileRequest,
};
use yew::prelude::*;

const COLUMNS: &[&str] = &["Line", "Name", "Email", "Outcome"];

/// What the import did, telling new job seekers from new applications of job seekers already on file.
fn summary(report: &ImportReport) -> String {
    let plural = |count: u32| if count == 1 { "" } else { "s" };
    let new = report.ready - report.known.min(report.ready);
    let imported = match (new, report.known) {
        (new, 0) => format!("Imported {new} job seeker{}.", plural(new)),
        (0, known) => format!("Added an application for {known} job seeker{} already on file.", plural(known)),
        (new, known) => {
            format!("Imported {new} job seeker{} and added an application for {known} already on file.", plural(new))
        }
    };
    format!(
        "{imported} Skipped {} already applied or listed twice, and {} with errors.",
        report.duplicates, report.errors
    )
}

#[component]
pub fn ImportPage() -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    let requisition = use_state(|| None::<i32>);
    let file = use_state(|| None::<ChosenImportFile>);
    // The last preview's or import's outcome, forgotten when the requisition or the file changes.
    let report = use_state(|| None::<ImportReport>);
    let choose = use_command::<ChooseImportFileRequest>();
    let preview = use_command::<PreviewImportFileRequest>();
    let commit = use_command::<CommitImportFileRequest>();
    let busy = choose.loading() || preview.loading() || commit.loading();

    let on_requisition = {
        let (requisition, report) = (requisition.clone(), report.clone());
        Callback::from(move |chosen: Option<i32>| {
            requisition.set(chosen);
            report.set(None);
        })
    };
    let on_choose = {
        let (file, report, choose, preview, commit) =
            (file.clone(), report.clone(), choose.clone(), preview.clone(), commit.clone());
        Callback::from(move |_: MouseEvent| {
            if choose.loading() {
                return;
            }
            // A new choice replaces the last one's messages; a closed dialog keeps the file chosen before.
            preview.forget_error();
            commit.forget_error();
            let (file, report) = (file.clone(), report.clone());
            choose.run_then(ChooseImportFileRequest {}, move |chosen: &Option<ChosenImportFile>| {
                if let Some(chosen) = chosen {
                    file.set(Some(chosen.clone()));
                    report.set(None);
                }
            });
        })
    };
    let send = |committing: bool| {
        let (requisition, report, choose, preview, commit) =
            (requisition.clone(), report.clone(), choose.clone(), preview.clone(), commit.clone());
        Callback::from(move |_: MouseEvent| {
            if preview.loading() || commit.loading() {
                return;
            }
            let requisition_id = *requisition;
            let report = report.clone();
            choose.forget_error();
            let show = move |answer: &ImportReport| report.set(Some(answer.clone()));
            // Each step replaces the other's message.
            if committing {
                preview.forget_error();
                commit.run_then(CommitImportFileRequest { requisition_id }, show);
            } else {
                commit.forget_error();
                preview.run_then(PreviewImportFileRequest { requisition_id }, show);
            }
        })
    };
    let error = commit.error().or(preview.error()).or(choose.error());
    let file_error = field_error(error, "file");
    let requisition_error = field_error(error, "requisition_id");

    html! {
        <main class="page" id="import-page">
            <h1>{"Import Job Seekers"}</h1>
            <p class="lead">{"Import the CSV or Excel (.xlsx) export of a careers site. The first row names the \
                columns: First Name, Last Name and Email at least; Phone, Address, City, State and ZIP Code when \
                present."}</p>
            {form_error(error)}
            <Toolbar>
                <RequisitionPicker id="import-requisition" inline=true selected={*requisition} error={requisition_error}
                    on_change={on_requisition} />
                <div class={classes!("field", "inline", file_error.is_some().then_some("invalid"))}>
                    <label for="import-file">{"File"}</label>
                    <button type="button" id="import-file" disabled={busy} onclick={on_choose}>
                        {"Choose File…"}
                    </button>
                    <span id="import-file-name">
                        {(*file).as_ref().map(|file| file.name.clone()).unwrap_or_else(|| "No file chosen".to_owned())}
                    </span>
                    if let Some(message) = file_error {
                        <p class="field-error" id="import-file-error">{message}</p>
                    }
                </div>
                <button type="button" id="preview-import" disabled={busy || file.is_none()} onclick={send(false)}>
                    {"Preview"}
                </button>
            </Toolbar>
            if let Some(report) = &*report {
                if report.imported {
                    <p class="notice" id="import-summary" role="status">
                        {summary(report)}
                    </p>
                } else {
                    <p id="import-counts">
                        {format!("{} ready to import · {} already applied or listed twice · {} with errors",
                            report.ready, report.duplicates, report.errors)}
                    </p>
                }
                <ListTable id="import-rows" columns={COLUMNS}>
                    { for report.rows.iter().map(|row| {
                        let (class, outcome) = match &row.outcome {
                            ImportOutcome::Ready if report.imported => ("ready", html! { {"Imported"} }),
                            ImportOutcome::Ready => ("ready", html! { {"Ready"} }),
                            ImportOutcome::Duplicate(reason) => ("duplicate", html! { {format!("Skipped: {reason}")} }),
                            ImportOutcome::Error(messages) => ("error", html! {
                                <ul class="row-errors">
                                    { for messages.iter().map(|message| html! { <li>{message}</li> }) }
                                </ul>
                            }),
                        };
                        html! {
                            <tr id={format!("import-row-{}", row.line)} class={class}>
                                <td>{row.line}</td><td>{&row.name}</td><td>{&row.email}</td><td>{outcome}</td>
                            </tr>
                        }
                    }) }
                </ListTable>
                <div class="actions">
                    if report.imported {
                        <button type="button" class="primary" id="import-done"
                            onclick={workspace.go_to(View::JobSeekers)}>{"Done"}</button>
                    } else {
                        <button type="button" class="primary" id="commit-import" disabled={busy || report.ready == 0}
                            onclick={send(true)}>
                            {format!("Import {} Job Seeker{}", report.ready, if report.ready == 1 { "" } else { "s" })}
                        </button>
                    }
                </div>
            }
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(ready: u32, known: u32) -> ImportReport {
        ImportReport { rows: Vec::new(), ready, errors: 1, duplicates: 0, known, imported: true }
    }

    #[test]
    fn the_summary_tells_new_job_seekers_from_new_applications() {
        assert_eq!(
            summary(&report(2, 0)),
            "Imported 2 job seekers. Skipped 0 already applied or listed twice, and 1 with errors."
        );
        assert_eq!(
            summary(&report(1, 1)),
            "Added an application for 1 job seeker already on file. Skipped 0 already applied or listed twice, \
             and 1 with errors."
        );
        assert_eq!(
            summary(&report(3, 1)),
            "Imported 2 job seekers and added an application for 1 already on file. Skipped 0 already applied or \
             listed twice, and 1 with errors."
        );
    }
}
