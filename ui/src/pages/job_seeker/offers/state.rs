//! The Offers tab's state and its reducer: which application the tab is about, what core last said about
//! its offer, what the recruiter is typing (template, tags, expiry date, a response), which panel shows, and
//! the tab's one message. Every change is an [`Action`], so the tab's rules live here in one place: a
//! changed tag makes the preview stale, a newly chosen template keeps what was typed for the tags it shares
//! with the old one, and a fresh answer from core starts the form again from the offer it describes — unless
//! it only refreshes the tab after a change on another desktop, which leaves what the recruiter is typing alone.

use hiredesk_wire::{FieldError, IpcError, OfferTab, OfferTag, OfferView};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// What the recruiter is typing: the chosen template, the tag column and the expiry date.
#[derive(Clone, PartialEq, Default)]
pub struct OfferForm {
    pub template_id: Option<i32>,
    pub tags: Vec<OfferTag>,
    pub expires_on: String,
    /// Changed since the last \[Save\]: the preview is stale and the letter cannot be sent yet.
    pub dirty: bool,
}

impl OfferForm {
    fn from_offer(offer: Option<&OfferView>) -> OfferForm {
        match offer {
            Some(offer) => OfferForm {
                template_id: Some(offer.template_id),
                tags: offer.tags.clone(),
                expires_on: offer.expires_on.clone(),
                dirty: false,
            },
            None => OfferForm::default(),
        }
    }
}

/// The form of [Record Response].
#[derive(Clone, PartialEq, Default)]
pub struct ResponseForm {
    pub accepted: Option<bool>,
    pub date: String,
    pub comment: String,
}

#[derive(Clone, PartialEq)]
pub struct OffersState {
    /// The application the tab shows (one of the job seeker's at stage Offer).
    pub application_id: i32,
    /// What core last said about the offer; `None` until it has answered.
    pub tab: Option<Rc<OfferTab>>,
    pub form: OfferForm,
    /// [View History] shows the offer's actions in place of the preview.
    pub show_history: bool,
    /// [Record Response] is open.
    pub response: Option<ResponseForm>,
    /// The tab's message: core's refusal of the last change, or a check made before asking core.
    pub error: Option<IpcError>,
}

impl OffersState {
    pub fn new(application_id: i32) -> Self {
        OffersState {
            application_id,
            tab: None,
            form: OfferForm::default(),
            show_history: false,
            response: None,
            error: None,
        }
    }

    /// The offer's latest version, if one was generated.
    pub fn offer(&self) -> Option<&OfferView> {
        self.tab.as_ref().and_then(|tab| tab.offer.as_ref())
    }
}

pub enum Action {
    /// Another of the job seeker's applications at stage Offer.
    ChooseApplication(i32),
    /// Core's view of the offer, after loading, saving or an action: the form starts again from it. Boxed:
    /// the tab is large, the other actions are small.
    Show(Box<OfferTab>),
    /// Core's view of the offer, asked for again because another desktop changed something (an approval, say):
    /// the status and actions follow it, but tags or a response being typed are kept.
    Refresh(Box<OfferTab>),
    /// The tags of a newly chosen template, filled from the database where core could.
    ChooseTemplate {
        template_id: i32,
        tags: Vec<OfferTag>,
    },
    SetTag {
        name: String,
        value: String,
    },
    SetExpiry(String),
    ToggleHistory,
    /// [Record Response] opens, dated today in the user's time zone.
    StartResponse,
    SetAccepted(bool),
    SetResponseDate(String),
    SetResponseComment(String),
    CancelResponse,
    /// Core refused, or a check before asking it failed.
    Fail(IpcError),
}

impl Action {
    /// A check made before asking core, shown next to `field` as core's own messages are.
    pub fn refuse(field: &str, message: &str) -> Action {
        Action::Fail(IpcError::validation(vec![FieldError { field: field.into(), message: message.into() }]))
    }
}

impl Reducible for OffersState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::ChooseApplication(id) => next.application_id = id,
            Action::Show(tab) => {
                next.form = OfferForm::from_offer(tab.offer.as_ref());
                next.tab = Some(Rc::new(*tab));
                next.error = None;
                next.response = None;
            }
            Action::Refresh(tab) => {
                if !self.form.dirty {
                    next.form = OfferForm::from_offer(tab.offer.as_ref());
                }
                next.tab = Some(Rc::new(*tab));
            }
            Action::ChooseTemplate { template_id, tags } => {
                // Keep what was typed for the tags the new template shares with the old one.
                let typed: BTreeMap<&str, &str> = self
                    .form
                    .tags
                    .iter()
                    .filter(|tag| tag.filled.is_none())
                    .map(|tag| (tag.name.as_str(), tag.value.as_str()))
                    .collect();
                let tags = tags
                    .into_iter()
                    .map(|tag| match typed.get(tag.name.as_str()) {
                        Some(value) if tag.filled.is_none() => OfferTag { value: (*value).to_owned(), ..tag },
                        _ => tag,
                    })
                    .collect();
                next.form = OfferForm { template_id: Some(template_id), tags, dirty: true, ..self.form.clone() };
                next.error = None;
            }
            Action::SetTag { name, value } => {
                if let Some(tag) = next.form.tags.iter_mut().find(|tag| tag.name == name) {
                    tag.value = value;
                }
                next.form.dirty = true;
            }
            Action::SetExpiry(expires_on) => {
                next.form.expires_on = expires_on;
                next.form.dirty = true;
            }
            Action::ToggleHistory => next.show_history = !self.show_history,
            Action::StartResponse => {
                let date = self.tab.as_ref().map(|tab| tab.today.clone()).unwrap_or_default();
                next.response = Some(ResponseForm { date, ..ResponseForm::default() });
            }
            Action::SetAccepted(accepted) => edit_response(&mut next, |response| response.accepted = Some(accepted)),
            Action::SetResponseDate(date) => edit_response(&mut next, |response| response.date = date),
            Action::SetResponseComment(comment) => edit_response(&mut next, |response| response.comment = comment),
            Action::CancelResponse => next.response = None,
            Action::Fail(error) => next.error = Some(error),
        }
        Rc::new(next)
    }
}

/// Changes the open response form; with none open there is nothing to change.
fn edit_response(state: &mut OffersState, change: impl FnOnce(&mut ResponseForm)) {
    if let Some(response) = state.response.as_mut() {
        change(response);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(name: &str, filled: Option<&str>, value: &str) -> OfferTag {
        OfferTag { name: name.into(), label: name.into(), filled: filled.map(str::to_owned), value: value.into() }
    }

    fn reduce(state: OffersState, action: Action) -> OffersState {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn tab(today: &str) -> OfferTab {
        OfferTab {
            templates: vec![(1, "Full-Time Offer".into())],
            offer: None,
            events: Vec::new(),
            today: today.into(),
        }
    }

    #[test]
    fn a_new_template_keeps_the_typed_values_of_the_tags_it_shares() {
        let mut state = OffersState::new(7);
        state.form.tags =
            vec![tag("salary", None, "$82,000"), tag("first_name", Some("Ada"), "Ada L."), tag("bonus", None, "")];
        let state = reduce(
            state,
            Action::ChooseTemplate {
                template_id: 2,
                tags: vec![tag("salary", None, ""), tag("first_name", Some("Ada"), "Ada"), tag("hours", None, "")],
            },
        );
        assert_eq!(state.form.template_id, Some(2));
        let values: Vec<&str> = state.form.tags.iter().map(|tag| tag.value.as_str()).collect();
        // Typed values carry over; a database value comes fresh from core, even if it was changed by hand.
        assert_eq!(values, ["$82,000", "Ada", ""]);
        assert!(state.form.dirty, "the preview no longer matches the tags");
    }

    #[test]
    fn typing_makes_the_preview_stale_and_core_s_answer_starts_the_form_again() {
        let mut state = OffersState::new(7);
        state.form.tags = vec![tag("salary", None, "")];
        let state = reduce(state, Action::SetTag { name: "salary".into(), value: "$90,000".into() });
        assert_eq!(state.form.tags[0].value, "$90,000");
        assert!(state.form.dirty);
        let state = reduce(state, Action::refuse("template", "Choose a template first."));
        assert_eq!(state.error.as_ref().and_then(|error| error.field("template")), Some("Choose a template first."));

        let state = reduce(state, Action::Show(Box::new(tab("11/23/2026"))));
        assert!(!state.form.dirty);
        assert!(state.form.tags.is_empty(), "no offer yet: an empty form");
        assert!(state.error.is_none(), "a fresh answer clears the message");
    }

    #[test]
    fn a_refresh_follows_core_but_keeps_what_is_being_typed() {
        let mut state = OffersState::new(7);
        state.form.tags = vec![tag("salary", None, "")];
        let state = reduce(state, Action::SetTag { name: "salary".into(), value: "$90,000".into() });
        let state = reduce(state, Action::StartResponse);
        let mut refreshed = tab("11/24/2026");
        refreshed.templates.push((2, "Internship Offer".into()));
        let state = reduce(state, Action::Refresh(Box::new(refreshed.clone())));
        assert_eq!(state.tab.as_deref(), Some(&refreshed), "the tab follows core");
        assert_eq!(state.form.tags[0].value, "$90,000", "the typed tag is kept");
        assert!(state.form.dirty, "and still waits for Save");
        assert!(state.response.is_some(), "an open response form stays open");

        // With nothing typed since the last Save, the form follows the offer core describes.
        let mut clean = OffersState::new(7);
        clean.form.tags = vec![tag("salary", None, "$80,000")];
        let clean = reduce(clean, Action::Refresh(Box::new(refreshed)));
        assert!(clean.form.tags.is_empty(), "no offer in core's answer: the form starts again from it");
        assert!(!clean.form.dirty);
    }

    #[test]
    fn the_response_form_opens_dated_today_and_closes_with_the_next_answer() {
        let state = reduce(OffersState::new(7), Action::Show(Box::new(tab("11/23/2026"))));
        assert!(state.response.is_none());
        let state = reduce(state, Action::SetAccepted(true));
        assert!(state.response.is_none(), "nothing to change while the form is closed");
        let state = reduce(state, Action::StartResponse);
        let state = reduce(state, Action::SetAccepted(false));
        let state = reduce(state, Action::SetResponseComment("Took another position".into()));
        let response = state.response.clone().unwrap_or_default();
        assert_eq!((response.accepted, response.date.as_str()), (Some(false), "11/23/2026"));
        assert_eq!(response.comment, "Took another position");
        let state = reduce(state, Action::Show(Box::new(tab("11/23/2026"))));
        assert!(state.response.is_none());
    }
}
