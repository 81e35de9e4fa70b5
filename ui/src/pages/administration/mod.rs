//! Administration (Administrators only; the core refuses everyone else): Users, Security Policy, Notification
//! Defaults, Outgoing Mail and Offer Templates.

mod mail_settings;
mod offer_templates;

use super::notifications::NotificationSwitches;
use super::workspace::WorkspaceContext;
use super::{field_error, form_error};
use crate::components::confirm::Confirm;
use crate::components::field::Field;
use crate::ipc;
use hiredesk_wire::{
    CreateUserRequest, IpcError, ListUsersRequest, ResetPasswordRequest, Role, SaveSecurityPolicyRequest,
    SecurityPolicy, SecurityPolicyRequest, SecurityPolicyView, SetUserActiveRequest, TemporaryPassword,
    UnlockUserRequest, UserRow,
};
use mail_settings::MailSettingsTab;
use offer_templates::OfferTemplatesTab;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Users,
    Policy,
    Notifications,
    Mail,
    OfferTemplates,
}

#[derive(Properties, PartialEq)]
pub struct AdministrationProps {
    pub context: WorkspaceContext,
}

#[component]
pub fn AdministrationPage(props: &AdministrationProps) -> Html {
    let tab = use_state(|| Tab::Users);
    let button = |which: Tab, id: &'static str, label: &'static str| {
        let selected = *tab == which;
        let onclick = {
            let tab = tab.clone();
            Callback::from(move |_: MouseEvent| tab.set(which))
        };
        html! {
            <button type="button" role="tab" {id} aria-selected={selected.to_string()}
                class={classes!("tab", selected.then_some("selected"))} {onclick}>{label}</button>
        }
    };
    html! {
        <main class="page" id="administration-page">
            <h1>{"Administration"}</h1>
            <div class="tabs" role="tablist" aria-label="Administration">
                {button(Tab::Users, "tab-users", "Users")}
                {button(Tab::Policy, "tab-policy", "Security Policy")}
                {button(Tab::Notifications, "tab-notification-defaults", "Notification Defaults")}
                {button(Tab::Mail, "tab-mail", "Outgoing Mail")}
                {button(Tab::OfferTemplates, "tab-offer-templates", "Offer Templates")}
            </div>
            <section class="tab-panel" role="tabpanel">
                { match *tab {
                    Tab::Users => html! { <UsersTab context={props.context.clone()} /> },
                    Tab::Policy => html! { <PolicyTab context={props.context.clone()} /> },
                    Tab::Mail => html! { <MailSettingsTab context={props.context.clone()} /> },
                    Tab::OfferTemplates => html! { <OfferTemplatesTab context={props.context.clone()} /> },
                    Tab::Notifications => html! {
                        <NotificationSwitches context={props.context.clone()} organisation_defaults=true />
                    },
                } }
            </section>
        </main>
    }
}

/// An action on a user that needs a confirmation first.
#[derive(Clone, PartialEq)]
enum Pending {
    Reset(UserRow),
    Deactivate(UserRow),
}

#[component]
fn UsersTab(props: &AdministrationProps) -> Html {
    let users = use_state(Vec::<UserRow>::new);
    let error = use_state(|| None::<IpcError>);
    let temporary = use_state(|| None::<TemporaryPassword>);
    let pending = use_state(|| None::<Pending>);
    let draft = use_state(|| CreateUserRequest {
        email: String::new(),
        first_name: String::new(),
        last_name: String::new(),
        role: Role::Recruiter,
    });
    let reload = use_state(|| 0u32);
    {
        let (users, error, context) = (users.clone(), error.clone(), props.context.clone());
        use_effect_with(*reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &ListUsersRequest {}).await {
                    Ok(rows) => users.set(rows),
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        });
    }
    let refresh = {
        let reload = reload.clone();
        move || reload.set(*reload + 1)
    };
    let text = |update: fn(&mut CreateUserRequest, String)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            update(&mut next, value);
            draft.set(next);
        })
    };
    let on_role = {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let role = if event.target_unchecked_into::<HtmlSelectElement>().value() == "Administrator" {
                Role::Administrator
            } else {
                Role::Recruiter
            };
            draft.set(CreateUserRequest { role, ..(*draft).clone() });
        })
    };
    let onsubmit = {
        let (draft, error, temporary, context, refresh) =
            (draft.clone(), error.clone(), temporary.clone(), props.context.clone(), refresh.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = (*draft).clone();
            let (draft, error, temporary, context, refresh) =
                (draft.clone(), error.clone(), temporary.clone(), context.clone(), refresh.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &request).await {
                    Ok(created) => {
                        error.set(None);
                        temporary.set(Some(created));
                        draft.set(CreateUserRequest {
                            email: String::new(),
                            first_name: String::new(),
                            last_name: String::new(),
                            role: Role::Recruiter,
                        });
                        refresh();
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        })
    };
    // Runs a request answering with the users list (or a temporary password), then reloads.
    let act = |action: Pending| {
        let (error, temporary, pending, context, refresh) =
            (error.clone(), temporary.clone(), pending.clone(), props.context.clone(), refresh.clone());
        move || {
            let (error, temporary, pending, context, refresh, action) =
                (error.clone(), temporary.clone(), pending.clone(), context.clone(), refresh.clone(), action.clone());
            wasm_bindgen_futures::spawn_local(async move {
                pending.set(None);
                let outcome = match &action {
                    Pending::Reset(user) => {
                        ipc::call(context.token(), &ResetPasswordRequest { user_id: user.id }).await.map(|issued| {
                            temporary.set(Some(issued));
                        })
                    }
                    Pending::Deactivate(user) => {
                        ipc::call(context.token(), &SetUserActiveRequest { user_id: user.id, active: false })
                            .await
                            .map(drop)
                    }
                };
                match outcome {
                    Ok(()) => {
                        error.set(None);
                        refresh();
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        }
    };
    let immediate = |user_id: i32, unlock: bool| {
        let (error, context, refresh) = (error.clone(), props.context.clone(), refresh.clone());
        Callback::from(move |_: MouseEvent| {
            let (error, context, refresh) = (error.clone(), context.clone(), refresh.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = if unlock {
                    ipc::call(context.token(), &UnlockUserRequest { user_id }).await
                } else {
                    ipc::call(context.token(), &SetUserActiveRequest { user_id, active: true }).await
                };
                match outcome {
                    Ok(_) => refresh(),
                    Err(failure) => error.set(context.check(failure)),
                }
            });
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
    let own_email = props.context.session.user.email.clone();

    html! {
        <div class="users">
            {form_error(&error)}
            if let Some(issued) = &*temporary {
                <div class="notice" id="temporary-password" role="status">
                    {format!("Temporary password for {}: ", issued.email)}<code id="temporary-password-value">{&issued.password}</code>
                    {" — give it to them now; it is shown only this once. They must choose a new password at their first sign-in."}
                </div>
            }
            <table class="list" id="user-list">
                <thead><tr><th>{"Name"}</th><th>{"Email"}</th><th>{"Role"}</th><th>{"Status"}</th><th><span class="visually-hidden">{"Actions"}</span></th></tr></thead>
                <tbody>
                    { for users.iter().map(|user| {
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
                                    <button type="button" id={format!("reset-{}", user.id)} onclick={ask(Pending::Reset(user.clone()))}>{"Reset Password"}</button>
                                    if user.active && user.email != own_email {
                                        <button type="button" id={format!("deactivate-{}", user.id)} onclick={ask(Pending::Deactivate(user.clone()))}>{"Deactivate"}</button>
                                    } else {
                                        <button type="button" id={format!("reactivate-{}", user.id)} onclick={immediate(user.id, false)}>{"Reactivate"}</button>
                                    }
                                    if user.locked_until.is_some() {
                                        <button type="button" id={format!("unlock-{}", user.id)} onclick={immediate(user.id, true)}>{"Unlock"}</button>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <form class="profile-form card-inline" {onsubmit} novalidate=true aria-label="New User">
                <h2>{"New User"}</h2>
                <div class="field-grid">
                    <Field id="new-user-email" label="Email" value={draft.email.clone()} error={field_error(&error, "email")}
                        oninput={text(|d, v| d.email = v)} />
                    <Field id="new-user-first-name" label="First Name" value={draft.first_name.clone()} error={field_error(&error, "first_name")}
                        oninput={text(|d, v| d.first_name = v)} />
                    <Field id="new-user-last-name" label="Last Name" value={draft.last_name.clone()} error={field_error(&error, "last_name")}
                        oninput={text(|d, v| d.last_name = v)} />
                    <div class="field">
                        <label for="new-user-role">{"Role"}</label>
                        <select id="new-user-role" onchange={on_role}>
                            <option value="Recruiter" selected={draft.role == Role::Recruiter}>{"Recruiter"}</option>
                            <option value="Administrator" selected={draft.role == Role::Administrator}>{"Administrator"}</option>
                        </select>
                    </div>
                </div>
                <div class="actions"><button type="submit" class="primary" id="create-user">{"Create User"}</button></div>
            </form>
            if let Some(action) = &*pending {
                { match action {
                    Pending::Reset(user) => html! {
                        <Confirm title="Reset this password?" confirm_label="Reset Password"
                            message={format!("{} gets a temporary password and is signed out everywhere.", user.email)}
                            on_confirm={Callback::from({ let run = act(action.clone()); move |()| run() })} on_cancel={cancel.clone()} />
                    },
                    Pending::Deactivate(user) => html! {
                        <Confirm title="Deactivate this user?" confirm_label="Deactivate"
                            message={format!("{} is signed out and can no longer sign in, until reactivated.", user.email)}
                            on_confirm={Callback::from({ let run = act(action.clone()); move |()| run() })} on_cancel={cancel.clone()} />
                    },
                } }
            }
        </div>
    }
}

#[component]
fn PolicyTab(props: &AdministrationProps) -> Html {
    let view = use_state(|| None::<SecurityPolicyView>);
    let draft = use_state(SecurityPolicy::default);
    let error = use_state(|| None::<IpcError>);
    {
        let (view, draft, error, context) = (view.clone(), draft.clone(), error.clone(), props.context.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &SecurityPolicyRequest {}).await {
                    Ok(answer) => {
                        draft.set(answer.organisation);
                        view.set(Some(answer));
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        });
    }
    let number = |update: fn(&mut SecurityPolicy, u32)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = *draft;
            update(&mut next, value.trim().parse().unwrap_or(0));
            draft.set(next);
        })
    };
    let flag = |update: fn(&mut SecurityPolicy, bool)| {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let mut next = *draft;
            update(&mut next, event.target_unchecked_into::<HtmlInputElement>().checked());
            draft.set(next);
        })
    };
    let onsubmit = {
        let (view, draft, error, context) = (view.clone(), draft.clone(), error.clone(), props.context.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = SaveSecurityPolicyRequest(*draft);
            let (view, error, context) = (view.clone(), error.clone(), context.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &request).await {
                    Ok(answer) => {
                        error.set(None);
                        view.set(Some(answer));
                        context.toast.emit("Security policy saved.".to_owned());
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        })
    };
    let checkbox = |id: &'static str, label: &'static str, checked: bool, onchange: Callback<Event>| {
        html! {
            <div class="field checkbox">
                <label for={id}><input {id} type="checkbox" {checked} {onchange} />{format!(" {label}")}</label>
            </div>
        }
    };
    let value = |n: u32| n.to_string();
    html! {
        <form class="profile-form" {onsubmit} novalidate=true aria-label="Security Policy">
            <p class="lead">{"Passwords and sign-in follow the stricter, rule by rule, of these settings and the system's defaults \
                (at least 12 characters, no common passwords, the last 5 not reused, a lockout after 5 failed attempts for 15 minutes). \
                0 means no requirement of the organisation's own."}</p>
            {form_error(&error)}
            if let Some(current) = &*view {
                if !current.system_stricter.is_empty() {
                    <ul class="notice" id="policy-notes">
                        { for current.system_stricter.iter().map(|note| html! { <li>{note}</li> }) }
                    </ul>
                }
            }
            <div class="field-grid">
                <Field id="policy-min-length" label="Minimum length" input_type="number" value={value(draft.min_length)}
                    error={field_error(&error, "min_length")} oninput={number(|p, v| p.min_length = v)} />
                <Field id="policy-expiry-days" label="Expiration (days)" input_type="number" value={value(draft.expiry_days)}
                    error={field_error(&error, "expiry_days")} oninput={number(|p, v| p.expiry_days = v)} />
                <Field id="policy-reuse-count" label="Passwords remembered" input_type="number" value={value(draft.reuse_count)}
                    error={field_error(&error, "reuse_count")} oninput={number(|p, v| p.reuse_count = v)} />
                <Field id="policy-lockout-attempts" label="Failed attempts before lockout" input_type="number" value={value(draft.lockout_attempts)}
                    error={field_error(&error, "lockout_attempts")} oninput={number(|p, v| p.lockout_attempts = v)} />
                <Field id="policy-lockout-minutes" label="Lockout (minutes)" input_type="number" value={value(draft.lockout_minutes)}
                    error={field_error(&error, "lockout_minutes")} oninput={number(|p, v| p.lockout_minutes = v)} />
                <Field id="policy-idle-minutes" label="Idle period (15–30 minutes)" input_type="number" value={value(draft.idle_minutes)}
                    error={field_error(&error, "idle_minutes")} oninput={number(|p, v| p.idle_minutes = v)} />
            </div>
            <fieldset class="question-slot">
                <legend>{"Required characters"}</legend>
                {checkbox("policy-require-upper", "An upper-case letter", draft.require_upper, flag(|p, v| p.require_upper = v))}
                {checkbox("policy-require-lower", "A lower-case letter", draft.require_lower, flag(|p, v| p.require_lower = v))}
                {checkbox("policy-require-digit", "A digit", draft.require_digit, flag(|p, v| p.require_digit = v))}
                {checkbox("policy-require-symbol", "A symbol", draft.require_symbol, flag(|p, v| p.require_symbol = v))}
            </fieldset>
            {checkbox("policy-question-recovery", "Allow Forgot password with security questions", draft.question_recovery,
                flag(|p, v| p.question_recovery = v))}
            <div class="actions"><button type="submit" class="primary" id="save-policy">{"Save"}</button></div>
        </form>
    }
}
