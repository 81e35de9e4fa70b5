//! The commands the UI invokes: each reads its arguments, hands them to the core on a worker thread and
//! returns the core's answer or its typed error. Names match `hiredesk_wire::Command`.

use crate::state::AppState;
use hiredesk_wire::{
    AppStatus, ChangePasswordRequest, CheckPasswordRequest, CreateFirstAdministratorRequest, DemoAccount, IpcError,
    PasswordRuleCheck, SignInRequest, SignedIn, UserProfile,
};
use tauri::State;

type Answer<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Answer<AppStatus> {
    state.run(|desk| desk.app_status()).await
}

/// The UI's first form is interactive. Under the start-up benchmark, report it and quit.
#[tauri::command]
pub fn app_ready(app: tauri::AppHandle, state: State<'_, AppState>) {
    if state.startup_probe {
        println!("hiredesk-ready");
        app.exit(0);
    }
}

#[tauri::command]
pub async fn create_first_administrator(
    state: State<'_, AppState>,
    request: CreateFirstAdministratorRequest,
) -> Answer<()> {
    state.run(move |desk| desk.create_first_administrator(&request)).await
}

#[tauri::command]
pub async fn load_demo_data(state: State<'_, AppState>) -> Answer<Vec<DemoAccount>> {
    state.run(|desk| desk.load_demo_data()).await
}

#[tauri::command]
pub async fn sign_in(state: State<'_, AppState>, request: SignInRequest) -> Answer<SignedIn> {
    state.run(move |desk| desk.sign_in(&request)).await
}

#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>, token: String) -> Answer<()> {
    state.run(move |desk| desk.sign_out(&token)).await
}

#[tauri::command]
pub async fn current_user(state: State<'_, AppState>, token: String) -> Answer<UserProfile> {
    state.run(move |desk| desk.current_user(&token)).await
}

#[tauri::command]
pub async fn check_password(state: State<'_, AppState>, request: CheckPasswordRequest) -> Answer<Vec<PasswordRuleCheck>> {
    state.run(move |desk| desk.check_password(&request)).await
}

#[tauri::command]
pub async fn change_password(
    state: State<'_, AppState>,
    token: String,
    request: ChangePasswordRequest,
) -> Answer<()> {
    state.run(move |desk| desk.change_password(&token, &request)).await
}
