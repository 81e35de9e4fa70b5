//! A short success message that goes away by itself.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToastProps {
    pub message: AttrValue,
    pub on_done: Callback<()>,
}

#[component]
pub fn Toast(props: &ToastProps) -> Html {
    {
        let on_done = props.on_done.clone();
        use_effect_with(props.message.clone(), move |_| {
            let timeout = Timeout::new(4_000, move || on_done.emit(()));
            move || drop(timeout)
        });
    }
    html! { <div class="toast" role="status" id="toast">{props.message.clone()}</div> }
}
