//! The table of a list page (job seekers, History, users, requisitions, emails, …): the headings, then the
//! rows the page renders as its children. The stylesheet's `table.list` gives every list the same look.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ListTableProps {
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Classes beside `list` (the print window's `print-table`).
    #[prop_or_default]
    pub class: Classes,
    pub columns: &'static [&'static str],
    /// A last column for the row's buttons. Its heading is read to screen readers only; an empty one has
    /// no heading at all.
    #[prop_or_default]
    pub actions: Option<&'static str>,
    /// The rows (`<tr>`).
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn ListTable(props: &ListTableProps) -> Html {
    html! {
        <table class={classes!("list", props.class.clone())} id={props.id.clone()}>
            <thead>
                <tr>
                    { for props.columns.iter().map(|column| html! { <th>{*column}</th> }) }
                    { match props.actions {
                        Some("") => html! { <th></th> },
                        Some(label) => html! { <th><span class="visually-hidden">{label}</span></th> },
                        None => html! {},
                    } }
                </tr>
            </thead>
            <tbody>{props.children.clone()}</tbody>
        </table>
    }
}
