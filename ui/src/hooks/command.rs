//! Running the shell's commands from components. [`use_command`] gives a handle for an action, run when the
//! user asks; [`use_command_with`] also runs its request on mount and whenever the request changes (what a
//! page shows), and [`use_command_with_then`] hands each of those answers on as well (a form's draft starts
//! from it). A handle says whether its command is running and keeps its last answer and its last error. An
//! ended session (`ErrorKind::SessionExpired`) goes back to sign-in by itself; every other error, field
//! messages included, is the page's to show.
//!
//! A handle follows one request at a time: when it runs again before the earlier answer has come, that
//! answer is dropped, follow-up and all, so a list never shows the answer to an older filter and a form
//! never acts on a stale save. What a page shows ([`use_command_with`]) also keeps one request in flight: a
//! request that changes while the last one runs waits for it, and only the latest waiting one is sent, so
//! typing a search sends the text as it stands whenever the last answer comes rather than one query per key
//! (each of which the core would run to the end, ahead of whatever is asked next).
//!
//! [`Caller`] is the building block beneath the hooks, for the few places that follow a command their own
//! way: the export's progress polling, the idle timer's pings, signing out.

use crate::session::SessionContext;
use crate::{ipc, perf};
use hiredesk_wire::{encoded, IpcError, Rpc};
use serde::de::DeserializeOwned;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use yew::prelude::*;

/// How a component reaches the shell: with the session's token when there is a session (none before
/// sign-in and in the print window).
#[derive(Clone, PartialEq)]
pub struct Caller {
    // Shared rather than copied: every handle and every request in flight holds a Caller, and copying the
    // session (with the user's profile) into each cost the wasm about 140 KB of inlined clones.
    session: Option<Rc<SessionContext>>,
}

impl Caller {
    pub fn token(&self) -> Option<&str> {
        self.session.as_deref().map(SessionContext::token)
    }

    /// Calls the command of `request` and hands back its answer, whatever it is.
    pub async fn call<R: Rpc>(&self, request: &R) -> Result<R::Response, IpcError> {
        ipc::call(self.token(), request).await
    }

    /// Sends `failure` to sign-in when the session has ended; hands any other failure back.
    pub fn check(&self, failure: IpcError) -> Option<IpcError> {
        match &self.session {
            Some(session) => session.check(failure),
            None => Some(failure),
        }
    }

    /// Sends `request` and lets its answer go, whatever it is: for calls whose failure changes nothing on
    /// screen (the idle timer notices an ended session by itself).
    pub fn send<R: Rpc + 'static>(&self, request: R) {
        let caller = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = caller.call(&request).await;
        });
    }
}

/// The [`Caller`] of this component: the session's, if it has one.
#[hook]
pub fn use_caller() -> Caller {
    let session = use_context::<SessionContext>();
    // One Rc for as long as the session stays the same, rather than a new one at every render.
    let shared = use_memo(session, |session| session.clone().map(Rc::new));
    Caller { session: (*shared).clone() }
}

/// An answer of any command as the hooks keep it; [`UseCommandHandle`] reads it back as its own response type.
/// The hooks' machinery is the same for every command, so it is written for this type once rather than
/// compiled again for each command's response (which cost the wasm about a hundred kilobytes).
type AnyAnswer = Rc<dyn Any>;

/// A request on its way: its call, not yet started (a future does nothing until it is polled).
type Asked = Pin<Box<dyn Future<Output = Result<AnyAnswer, IpcError>>>>;

/// What is done with an answer (of the command's response type, behind `dyn Any`), or a failure, once it
/// comes.
type Settled = Box<dyn FnOnce(Result<&dyn Any, &IpcError>)>;

/// Where a command stands: the request it follows (by ticket), whether that one is running, and the last
/// answer and error. Generic over the answer only so that its tests can use plain values.
struct Standing<T = AnyAnswer> {
    ticket: u64,
    running: bool,
    answer: Option<T>,
    error: Option<IpcError>,
}

enum Step<T = AnyAnswer> {
    Start(u64),
    Answer(u64, T),
    Fail(u64, IpcError),
    /// The session ended; sign-in takes over.
    Ended(u64),
    ForgetError,
}

impl<T: Clone> Reducible for Standing<T> {
    type Action = Step<T>;

    fn reduce(self: Rc<Self>, step: Step<T>) -> Rc<Self> {
        let mut next =
            Standing { ticket: self.ticket, running: self.running, answer: self.answer.clone(), error: None };
        match step {
            Step::Start(ticket) => {
                next.ticket = ticket;
                next.running = true;
                // The last error stays until the new answer replaces it, so a form's message does not
                // flicker while it is sent again.
                next.error = self.error.clone();
            }
            Step::Answer(ticket, answer) if ticket == self.ticket => {
                next.running = false;
                next.answer = Some(answer);
            }
            Step::Fail(ticket, error) if ticket == self.ticket => {
                next.running = false;
                next.error = Some(error);
            }
            Step::Ended(ticket) if ticket == self.ticket => next.running = false,
            Step::ForgetError => {}
            // An answer to a request that a later one replaced.
            Step::Answer(..) | Step::Fail(..) | Step::Ended(_) => return self,
        }
        Rc::new(next)
    }
}

/// The requests of [`use_command_with`]: whether one is in flight, and the one that waits for it.
struct Line<T> {
    in_flight: bool,
    waiting: Option<T>,
}

impl<T> Line<T> {
    fn new() -> Self {
        Line { in_flight: false, waiting: None }
    }

    /// Puts `next` in line: handed back to be sent now when nothing is in flight, otherwise kept to wait
    /// (in place of any request waiting already, which is never sent).
    fn join(&mut self, next: T) -> Option<T> {
        if self.in_flight {
            self.waiting = Some(next);
            None
        } else {
            self.in_flight = true;
            Some(next)
        }
    }

    /// The request in flight has settled: the one waiting, to be sent now, if there is one.
    fn settled(&mut self) -> Option<T> {
        let next = self.waiting.take();
        self.in_flight = next.is_some();
        next
    }
}

/// A request of [`use_command_with`], its ticket and what is done with its outcome.
type Queued = (u64, Asked, Settled);

/// What every command's handle holds, whatever its request: its standing, its caller, its tickets and its
/// line.
#[derive(Clone)]
struct Runner {
    standing: UseReducerHandle<Standing>,
    caller: Caller,
    tickets: Rc<Cell<u64>>,
    line: Rc<RefCell<Line<Queued>>>,
}

impl Runner {
    /// A new ticket, the one the answers now shown must carry.
    fn start(&self) -> u64 {
        let ticket = self.tickets.get() + 1;
        self.tickets.set(ticket);
        self.standing.dispatch(Step::Start(ticket));
        ticket
    }

    /// Sends `asked` as what the page shows: at once when nothing of [`use_command_with`] is in flight,
    /// otherwise once that has settled, unless a later request replaces it first.
    fn follow(&self, asked: Asked, settled: Settled) {
        let ticket = self.start();
        let now = self.line.borrow_mut().join((ticket, asked, settled));
        if let Some((ticket, asked, settled)) = now {
            self.send(ticket, asked, settled, true);
        }
    }

    /// Sends `asked` under `ticket`; `followed`: it is the [`Line`]'s, which sends what waits once it settles.
    fn send(&self, ticket: u64, asked: Asked, settled: Settled, followed: bool) {
        let runner = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let (standing, tickets) = (&runner.standing, &runner.tickets);
            match asked.await {
                Ok(answer) => {
                    standing.dispatch(Step::Answer(ticket, answer.clone()));
                    if tickets.get() == ticket {
                        settled(Ok(&*answer));
                    }
                }
                Err(failure) => match runner.caller.check(failure) {
                    Some(failure) => {
                        standing.dispatch(Step::Fail(ticket, failure.clone()));
                        if tickets.get() == ticket {
                            settled(Err(&failure));
                        }
                    }
                    None => standing.dispatch(Step::Ended(ticket)),
                },
            }
            if followed {
                let next = runner.line.borrow_mut().settled();
                if let Some((ticket, asked, settled)) = next {
                    runner.send(ticket, asked, settled, true);
                }
            }
        });
    }
}

/// A command a component runs: its state, and [`run`](Self::run) to send it.
pub struct UseCommandHandle<R> {
    runner: Runner,
    request: PhantomData<fn(R)>,
}

impl<R> Clone for UseCommandHandle<R> {
    fn clone(&self) -> Self {
        UseCommandHandle { runner: self.runner.clone(), request: PhantomData }
    }
}

impl<R> UseCommandHandle<R>
where
    R: Rpc + 'static,
    R::Response: 'static,
{
    /// The latest request has not been answered yet.
    pub fn loading(&self) -> bool {
        self.runner.standing.running
    }

    /// The last answer, kept while the command runs again and after it fails.
    pub fn answer(&self) -> Option<&R::Response> {
        self.runner.standing.answer.as_deref().and_then(<dyn Any>::downcast_ref)
    }

    /// The last failure, until the command succeeds (or [`forget_error`](Self::forget_error)).
    pub fn error(&self) -> Option<&IpcError> {
        self.runner.standing.error.as_ref()
    }

    pub fn forget_error(&self) {
        self.runner.standing.dispatch(Step::ForgetError);
    }

    /// Sends `request`; its answer replaces the last one.
    pub fn run(&self, request: R) {
        self.run_then(request, |_| {});
    }

    /// Sends `request`, then hands a successful answer to `then` (a toast, the next view, a form's draft).
    pub fn run_then(&self, request: R, then: impl FnOnce(&R::Response) + 'static) {
        self.run_settled(request, |outcome| {
            if let Ok(answer) = outcome {
                then(answer);
            }
        });
    }

    /// Sends `request`, then hands the outcome to `settled`, failure included (sign-in empties the password
    /// after a refusal). An ended session settles nothing: sign-in takes over.
    pub fn run_settled(&self, request: R, settled: impl FnOnce(Result<&R::Response, &IpcError>) + 'static) {
        let ticket = self.runner.start();
        self.runner.send(ticket, self.ask(request), typed(settled), false);
    }

    /// [`Runner::follow`] for `request`, handing a successful answer to `then`.
    fn follow(&self, request: R, then: impl FnOnce(&R::Response) + 'static) {
        let settled = typed(|outcome: Result<&R::Response, &IpcError>| {
            if let Ok(answer) = outcome {
                then(answer);
            }
        });
        self.runner.follow(self.ask(request), settled);
    }

    /// The call of `request`, its answer kept as [`AnyAnswer`].
    fn ask(&self, request: R) -> Asked {
        let question = Question {
            caller: self.runner.caller.clone(),
            command: R::COMMAND.name(),
            needs_session: R::NEEDS_SESSION,
            request: encoded::encode(&request),
            decode: decode_any::<R::Response>,
        };
        Box::pin(question.ask())
    }
}

/// A command's answer decoded as its response, `T`, and kept as [`AnyAnswer`].
fn decode_any<T: DeserializeOwned + 'static>(answer: &str) -> Result<AnyAnswer, IpcError> {
    ipc::decode::<T>(answer).map(|answer| Rc::new(answer) as AnyAnswer)
}

/// A request encoded, with what its call needs: the same code asks every command, and only [`decode_any`] is
/// compiled for each.
struct Question {
    caller: Caller,
    command: &'static str,
    needs_session: bool,
    request: String,
    decode: fn(&str) -> Result<AnyAnswer, IpcError>,
}

impl Question {
    async fn ask(self) -> Result<AnyAnswer, IpcError> {
        let token = self.caller.token().filter(|_| self.needs_session);
        let answer = ipc::invoke(self.command, token, &self.request).await?;
        let decoded = (self.decode)(&answer);
        perf::traced(self.command, "decoded");
        decoded
    }
}

/// `settled` for an answer of type `T`, as the runner hands it on. The answer is always a `T`: a handle
/// keeps the answers of its own command only.
fn typed<T: 'static>(settled: impl FnOnce(Result<&T, &IpcError>) + 'static) -> Settled {
    Box::new(move |outcome| match outcome {
        Ok(answer) => {
            if let Some(answer) = answer.downcast_ref::<T>() {
                settled(Ok(answer));
            }
        }
        Err(failure) => settled(Err(failure)),
    })
}

/// The part of [`use_command`] that is the same for every command.
#[hook]
fn use_runner() -> Runner {
    let caller = use_caller();
    let standing = use_reducer(|| Standing { ticket: 0, running: false, answer: None, error: None });
    let tickets = use_memo((), |()| Cell::new(0));
    let line = use_memo((), |()| RefCell::new(Line::new()));
    Runner { standing, caller, tickets: Rc::clone(&tickets), line: Rc::clone(&line) }
}

/// A command run when asked (Save, Delete, an action).
#[hook]
pub fn use_command<R>() -> UseCommandHandle<R>
where
    R: Rpc + 'static,
    R::Response: 'static,
{
    UseCommandHandle { runner: use_runner(), request: PhantomData }
}

/// A command run on mount and again whenever `request` changes (what a page shows); it can also be run when
/// asked, e.g. to refresh.
#[hook]
pub fn use_command_with<R>(request: R) -> UseCommandHandle<R>
where
    R: Rpc + Clone + PartialEq + 'static,
    R::Response: 'static,
{
    use_command_with_then(request, |_| {})
}

/// [`use_command_with`] for a request that is not always needed: run on mount and whenever `request` changes,
/// while it is `Some`.
#[hook]
pub fn use_command_when<R>(request: Option<R>) -> UseCommandHandle<R>
where
    R: Rpc + Clone + PartialEq + 'static,
    R::Response: 'static,
{
    let command = use_command::<R>();
    {
        let command = command.clone();
        use_effect_with(request, move |request| {
            if let Some(request) = request {
                command.follow(request.clone(), |_| {});
            }
        });
    }
    command
}

/// [`use_command_with`], handing each answer to `then` as well (a form's draft starts from what was
/// loaded).
#[hook]
pub fn use_command_with_then<R, F>(request: R, then: F) -> UseCommandHandle<R>
where
    R: Rpc + Clone + PartialEq + 'static,
    R::Response: 'static,
    F: FnOnce(&R::Response) + 'static,
{
    let command = use_command::<R>();
    {
        let command = command.clone();
        use_effect_with(request, move |request| command.follow(request.clone(), then));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;
    use hiredesk_wire::ErrorKind;

    fn step(standing: Rc<Standing<&'static str>>, step: Step<&'static str>) -> Rc<Standing<&'static str>> {
        standing.reduce(step)
    }

    fn fresh() -> Rc<Standing<&'static str>> {
        Rc::new(Standing { ticket: 0, running: false, answer: None, error: None })
    }

    #[test]
    fn an_answer_to_a_replaced_request_is_dropped() {
        let standing = step(step(fresh(), Step::Start(1)), Step::Start(2));
        let standing = step(standing, Step::Answer(1, "older filter"));
        assert!(standing.answer.is_none() && standing.running, "still waiting for the latest request");
        let standing = step(standing, Step::Answer(2, "latest filter"));
        assert_eq!(standing.answer, Some("latest filter"));
        assert!(!standing.running);
        let standing = step(standing, Step::Fail(1, IpcError::new(ErrorKind::Internal, "late")));
        assert!(standing.error.is_none(), "a late failure of a replaced request is dropped too");
    }

    #[test]
    fn one_request_is_in_flight_and_only_the_latest_waits() {
        let mut line = Line::new();
        assert_eq!(line.join("o"), Some("o"), "sent at once");
        assert_eq!(line.join("ol"), None, "waits for o");
        assert_eq!(line.join("oli"), None, "waits in place of ol");
        assert_eq!(line.settled(), Some("oli"), "o settled: the latest goes");
        assert_eq!(line.join("olivia"), None, "oli is in flight");
        assert_eq!(line.settled(), Some("olivia"));
        assert_eq!(line.settled(), None, "nothing waits");
        assert_eq!(line.join(""), Some(""), "nothing in flight: sent at once");
    }

    #[test]
    fn a_failure_keeps_the_last_answer_and_stays_until_the_next_answer() {
        let standing = step(step(fresh(), Step::Start(1)), Step::Answer(1, "saved"));
        let standing = step(step(standing, Step::Start(2)), Step::Fail(2, IpcError::new(ErrorKind::Validation, "No")));
        assert_eq!(standing.answer, Some("saved"));
        let standing = step(standing, Step::Start(3));
        assert_eq!(standing.error.as_ref().map(|error| error.message.as_str()), Some("No"), "kept while sent again");
        let standing = step(standing, Step::Answer(3, "saved again"));
        assert!(standing.error.is_none());
        let standing = step(step(standing, Step::Start(4)), Step::Ended(4));
        assert!(!standing.running && standing.error.is_none(), "an ended session leaves nothing to show");
    }
}
