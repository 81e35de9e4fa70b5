//! Administration → Users: every user with their state, Reset Password and Deactivate after a confirmation,
//! Reactivate and Unlock at once, and New User with a temporary password shown only once.

use crate::components::confirm::Confirm;
use crate::components::field::{Field, SelectField};
use crate::components::form::{edit, field_error, form_error};
use crate::components::list_table::ListTable;
use crate::hooks::command::{use_command, use_command_with};
use crate::session::SessionContext;
use hiredesk_wire::{
    CreateUserRequest, ListUsersRequest, ResetPasswordRequest, Role, SetUserActiveRequest, TemporaryPassword,
    UnlockUserRequest, UserRow,
};
use yew::prelude::*;

const COLUMNS: &[&str] = &["Name", "Email", "Role", "Status"];

/// An action on a user that needs a confirmation first.
#[derive(Clone, PartialEq)]
enum Pending {
    Reset(UserRow),
    Deactivate(UserRow),
}

fn new_user() -> CreateUserRequest {
    CreateUserRequest {
        email: String::new(),
        first_name: String::new(),
        last_name: String::new(),
        role: Role::Recruiter,
    }
}

#[component]
pub fn UsersTab() -> Html {
    let Some(signed_in) = use_context::<SessionContext>() else { return html! {} };
    let users = use_command_with(ListUsersRequest {});
    let create = use_command::<CreateUserRequest>();
    let reset = use_command::<ResetPasswordRequest>();
    let set_active = use_command::<SetUserActiveRequest>();
    let unlock = use_command::<UnlockUserRequest>();
    let temporary = use_state(|| None::<TemporaryPassword>);
    let pending = use_state(|| None::<Pending>);
    let draft = use_state(new_user);
    // After a change, the list is asked again.
    let refresh = {
        let users = users.clone();
        move || users.run(ListUsersRequest {})
    };
    let text = |change: fn(&mut CreateUserRequest, String)| edit(&draft, change);
    let on_role = edit(&draft, |user, role: String| {
        user.role = if role == "Administrator" { Role::Administrator } else { Role::Recruiter };
    });
    let onsubmit = {
        let (draft, temporary, create, refresh) = (draft.clone(), temporary.clone(), create.clone(), refresh.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (draft, temporary, refresh) = (draft.clone(), temporary.clone(), refresh.clone());
            create.run_then((*draft).clone(), move |created| {
                temporary.set(Some(created.clone()));
                draft.set(new_user());
                refresh();
            });
        })
    };
    // Runs a confirmed action, then reloads.
    let act = |action: Pending| {
        let (temporary, pending, reset, set_active, refresh) =
            (temporary.clone(), pending.clone(), reset.clone(), set_active.clone(), refresh.clone());
        Callback::from(move |()| {
            pending.set(None);
            let (temporary, refresh) = (temporary.clone(), refresh.clone());
            match &action {
                Pending::Reset(user) => reset.run_then(ResetPasswordRequest { user_id: user.id }, move |issued| {
                    temporary.set(Some(issued.clone()));
                    refresh();
                }),
                Pending::Deactivate(user) => {
                    set_active.run_then(SetUserActiveRequest { user_id: user.id, active: false }, move |_| refresh());
                }
            }
        })
    };
    let reactivate = |user_id: i32| {
        let (set_active, refresh) = (set_active.clone(), refresh.clone());
        Callback::from(move |_: MouseEvent| {
            let refresh = refresh.clone();
            set_active.run_then(SetUserActiveRequest { user_id, active: true }, move |_| refresh());
        })
    };
    let unlock_user = |user_id: i32| {
        let (unlock, refresh) = (unlock.clone(), refresh.clone());
        Callback::from(move |_: MouseEvent| {
            let refresh = refresh.clone();
            unlock.run_then(UnlockUserRequest { user_id }, move |_| refresh());
        })
    };
    let ask = |action: Pending| {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(Some(action.clone())))
    };
    let cancel = {
        let pending = pending.clone();
        Callback::from(move |()| pending.set(None))
    };
    let own_email = signed_in.session.user.email.clone();
    let error = create.error().or(reset.error()).or(set_active.error()).or(unlock.error()).or(users.error());

    html! {
        <div class="users">
            {form_error(error)}
            if let Some(issued) = &*temporary {
                <div class="notice" id="temporary-password" role="status">
                    {format!("Temporary password for {}: ", issued.email)}
                    <code id="temporary-password-value">{&issued.password}</code>
                    {" — give it to them now; it is shown only this once. They must choose a new password at their \
                        first sign-in."}
                </div>
            }
            <ListTable id="user-list" columns={COLUMNS} actions="Actions">
                { for users.answer().into_iter().flatten().map(|user| {
                    let mut status = vec![if user.active { "Active".to_owned() } else { "Deactivated".to_owned() }];
                    if let Some(until) = &user.locked_until {
                        status.push(format!("locked until {until}"));
                    }
                    if user.must_change_password {
                        status.push("must change password".to_owned());
                    }
                    html! {
                        <tr id={format!("user-{}", user.id)}>
                            <td>{&user.name}</td>
                            <td>{&user.email}</td>
                            <td>{user.role.label()}</td>
                            <td>{status.join(", ")}</td>
                            <td class="row-actions">
                                <button type="button" id={format!("reset-{}", user.id)}
                                    onclick={ask(Pending::Reset(user.clone()))}>{"Reset Password"}</button>
                                // One's own account is neither deactivated here nor, being active, reactivated.
                                if !user.active {
                                    <button type="button" id={format!("reactivate-{}", user.id)}
                                        onclick={reactivate(user.id)}>{"Reactivate"}</button>
                                } else if user.email != own_email {
                                    <button type="button" id={format!("deactivate-{}", user.id)}
                                        onclick={ask(Pending::Deactivate(user.clone()))}>{"Deactivate"}</button>
                                }
                                if user.locked_until.is_some() {
                                    <button type="button" id={format!("unlock-{}", user.id)}
                                        onclick={unlock_user(user.id)}>{"Unlock"}</button>
                                }
                            </td>
                        </tr>
                    }
                }) }
            </ListTable>
            <form class="profile-form card-inline" {onsubmit} novalidate=true aria-label="New User">
                <h2>{"New User"}</h2>
                <div class="field-grid">
                    <Field id="new-user-email" label="Email" value={draft.email.clone()}
                        error={field_error(error, "email")} oninput={text(|d, v| d.email = v)} />
                    <Field id="new-user-first-name" label="First Name" value={draft.first_name.clone()}
                        error={field_error(error, "first_name")} oninput={text(|d, v| d.first_name = v)} />
                    <Field id="new-user-last-name" label="Last Name" value={draft.last_name.clone()}
                        error={field_error(error, "last_name")} oninput={text(|d, v| d.last_name = v)} />
                    <SelectField id="new-user-role" label="Role" onchange={on_role}>
                        <option value="Recruiter" selected={draft.role == Role::Recruiter}>{"Recruiter"}</option>
                        <option value="Administrator" selected={draft.role == Role::Administrator}>
                            {"Administrator"}
                        </option>
                    </SelectField>
                </div>
                <div class="actions">
                    <button type="submit" class="primary" id="create-user">{"Create User"}</button>
                </div>
            </form>
            if let Some(action) = &*pending {
                { match action {
                    Pending::Reset(user) => html! {
                        <Confirm title="Reset this password?" confirm_label="Reset Password"
                            message={format!("{} gets a temporary password and is signed out everywhere.", user.email)}
                            on_confirm={act(action.clone())} on_cancel={cancel.clone()} />
                    },
                    Pending::Deactivate(user) => html! {
                        <Confirm title="Deactivate this user?" confirm_label="Deactivate"
                            message={format!("{} is signed out and can no longer sign in, until reactivated.",
                                user.email)}
                            on_confirm={act(action.clone())} on_cancel={cancel.clone()} />
                    },
                } }
            }
        </div>
    }
}
