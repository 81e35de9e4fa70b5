//! `bench-ui`: from click to paint in the real app, on the seeded data set (100,000 job seekers, one of them
//! with 10,000 History entries), driven through WebDriver and timed by the app's own performance marks
//! (`ui/src/perf.rs`: the click handler marks the start, the region that shows the answer marks the end once
//! its frame is painted):
//!
//! - opening the job seeker list (Home → Job Seekers, once Home has shown its To-Do list), page 1 of 100,000 by
//!   name;
//! - opening the job seeker with 10,000 History entries from the list (its detail with Previous/Next, read from
//!   the list's page it was clicked on);
//! - paging that job seeker's History (Older).
//!
//! p50 and p95 over the runs of each, after two unmeasured warm-up runs, beside the core's own time for the
//! same requests on the same file in the same run (what the click costs before IPC and rendering). Goals:
//! list and detail ≤ 100 ms p95, a History page ≤ 50 ms p95.

use crate::bench_history::{ms, percentile, verdict};
use crate::driver::{Driven, Measured};
use crate::failure::Failure;
use crate::thousands;
use hiredesk_core::seed::{self, ADMINISTRATOR_EMAIL, ADMINISTRATOR_PASSWORD};
use hiredesk_core::{db, Hiredesk, HiredeskConfig};
use hiredesk_wire::{
    HistoryPageRequest, JobSeekerFilter, JobSeekerListRequest, JobSeekerRequest, JobSeekerSort, NeighboursRequest,
    SignInRequest, SignOutRequest,
};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const WARM_UP: usize = 2;
const SCREEN_GOAL: Duration = Duration::from_millis(100);
const PAGE_GOAL: Duration = Duration::from_millis(50);

/// What `bench-ui` and `bench-memory` are given.
pub struct AppBench {
    pub hiredesk: PathBuf,
    /// The minimal Tauri window (`bench-memory` only).
    pub minimal: Option<PathBuf>,
    /// A seeded data directory (see `cargo xtask seed`).
    pub data_dir: PathBuf,
    pub runs: usize,
}

impl AppBench {
    /// `--hiredesk PATH [--minimal PATH] --data-dir DIR [--runs N]`.
    pub fn parse(args: &[String], default_runs: usize) -> Result<AppBench, Failure> {
        let (mut hiredesk, mut minimal, mut data_dir, mut runs) = (None, None, None, default_runs);
        let mut rest = args.iter();
        while let Some(flag) = rest.next() {
            let value = rest.next().ok_or_else(|| Failure::Usage(format!("{flag} needs a value")))?;
            match flag.as_str() {
                "--hiredesk" => hiredesk = Some(PathBuf::from(value)),
                "--minimal" => minimal = Some(PathBuf::from(value)),
                "--data-dir" => data_dir = Some(PathBuf::from(value)),
                "--runs" => {
                    runs = value.parse::<usize>().ok().filter(|runs| *runs >= 1).ok_or_else(|| {
                        Failure::Usage(format!("--runs takes a whole number of at least 1, not {value:?}"))
                    })?;
                }
                _ => return Err(Failure::Usage(format!("unknown option {flag:?}\n\n{}", crate::USAGE))),
            }
        }
        let needed = |what: Option<PathBuf>, flag: &str| {
            what.ok_or_else(|| Failure::Usage(format!("{flag} is needed\n\n{}", crate::USAGE)))
        };
        Ok(AppBench {
            hiredesk: needed(hiredesk, "--hiredesk")?,
            minimal,
            data_dir: needed(data_dir, "--data-dir")?,
            runs,
        })
    }
}

/// The seeded job seeker with the most History, as the benchmarks find and open it.
pub struct BusyJobSeeker {
    pub id: i32,
    pub email: String,
    pub entries: i64,
    job_seekers: usize,
}

impl BusyJobSeeker {
    /// Looks the job seeker up in `data_dir`'s database, and lets the database go before the app opens it.
    pub fn find(data_dir: &Path) -> Result<BusyJobSeeker, Failure> {
        if !data_dir.join(db::DATABASE_FILE).exists() {
            return Err(Failure::Setup(format!(
                "{} has no database: run `cargo xtask seed` first",
                data_dir.display()
            )));
        }
        let pool = db::open(&db::Location::in_data_dir(data_dir))?;
        let mut conn = db::connection(&pool)?;
        let (id, entries) = seed::busiest_job_seeker(&mut conn)?
            .ok_or_else(|| Failure::Setup("the database has no History: seed it with `cargo xtask seed`".to_owned()))?;
        let job_seekers = seed::job_seeker_ids(&mut conn)?.len();
        drop(conn);
        drop(pool);
        let (desk, token) = signed_in(data_dir)?;
        let email = desk.call(&token, &JobSeekerRequest { id })?.profile.email;
        desk.call(&token, &SignOutRequest {})?;
        Ok(BusyJobSeeker { id, email, entries, job_seekers })
    }
}

/// The core on `data_dir`, signed in as the seeded Administrator.
fn signed_in(data_dir: &Path) -> Result<(Hiredesk, String), Failure> {
    let desk = Hiredesk::open(&HiredeskConfig::new(data_dir))?;
    let sign_in = SignInRequest { email: ADMINISTRATOR_EMAIL.to_owned(), password: ADMINISTRATOR_PASSWORD.to_owned() };
    let token = desk.call_public(&sign_in)?.token;
    Ok((desk, token))
}

/// The app's arguments for the seeded data folder.
pub fn app_args(data_dir: &Path) -> Vec<String> {
    vec!["--data-dir".to_owned(), data_dir.display().to_string()]
}

pub fn main(args: &[String]) -> Result<(), Failure> {
    let bench = AppBench::parse(args, 20)?;
    let busy = BusyJobSeeker::find(&bench.data_dir)?;
    println!(
        "Click to paint on {}: {} job seekers; job seeker {} has {} History entries.",
        bench.data_dir.display(),
        thousands(busy.job_seekers),
        busy.id,
        thousands(busy.entries),
    );
    let (painted, breakdowns) = crate::driver::runtime()?.block_on(async {
        let driven = Driven::launch(&bench.hiredesk, &app_args(&bench.data_dir), &[]).await?;
        let painted = measure_all(&driven, &busy, bench.runs).await;
        driven.close().await;
        painted
    })?;
    let (core, mut neighbours) = core_times(&bench.data_dir, &busy, bench.runs)?;

    println!(
        "\nFrom click to paint in the app, and the core's own time for the same requests; {} runs each:",
        bench.runs
    );
    println!("  {:<46}{:>11}{:>11}{:>13}{:>13}", "", "p50", "p95", "core p50", "core p95");
    let rows = [
        (format!("job seeker list, page 1 of {}", thousands(busy.job_seekers)), painted.list, core.list, SCREEN_GOAL),
        (
            format!("job seeker with {} History entries", thousands(busy.entries)),
            painted.detail,
            core.detail,
            SCREEN_GOAL,
        ),
        ("its History, the next page (Older)".to_owned(), painted.history, core.history, PAGE_GOAL),
    ];
    let mut goals = Vec::new();
    for (name, mut app, mut core, goal) in rows {
        let (p50, p95) = (percentile(&mut app, 50), percentile(&mut app, 95));
        println!(
            "  {name:<46}{:>11}{:>11}{:>13}{:>13}",
            ms(p50),
            ms(p95),
            ms(percentile(&mut core, 50)),
            ms(percentile(&mut core, 95))
        );
        goals.push(format!("  {name}: p95 {} (goal ≤ {}): {}", ms(p95), ms(goal), verdict(p95 <= goal)));
    }
    println!(
        "  Opened from the list, the detail reads Previous/Next from the list's page; asked of the core (a step \
         across a page's edge) they take p50 {}, p95 {} there.",
        ms(percentile(&mut neighbours, 50)),
        ms(percentile(&mut neighbours, 95))
    );
    let [list, detail, history] = breakdowns;
    list.print("job seeker list");
    detail.print("job seeker");
    history.print("History page");
    println!("\nGoals:\n{}", goals.join("\n"));
    Ok(())
}

/// Click-to-paint times of each interaction.
struct Series {
    list: Vec<Duration>,
    detail: Vec<Duration>,
    history: Vec<Duration>,
}

/// Where an interaction's time goes: each mark's times after the click, over the runs.
#[derive(Default)]
struct Breakdown {
    marks: Vec<(String, Vec<Duration>)>,
}

impl Breakdown {
    fn add(&mut self, measured: &Measured) {
        for (name, at) in &measured.marks {
            match self.marks.iter_mut().find(|(known, _)| known == name) {
                Some((_, times)) => times.push(*at),
                None => self.marks.push((name.clone(), vec![*at])),
            }
        }
    }

    /// Each mark's median time after the click, in the order of those medians.
    fn print(mut self, interaction: &str) {
        let mut medians: Vec<(String, Duration, usize)> =
            self.marks.iter_mut().map(|(name, times)| (name.clone(), percentile(times, 50), times.len())).collect();
        medians.sort_by_key(|(_, at, _)| *at);
        println!("\n  {interaction}: the page's marks after the click (median; runs that had it)");
        for (name, at, runs) in medians {
            println!("    {:>10}  {name} ({runs})", ms(at));
        }
    }
}

async fn measure_all(driven: &Driven, busy: &BusyJobSeeker, runs: usize) -> Result<(Series, [Breakdown; 3]), Failure> {
    sign_in(driven).await?;
    let mut series = Series { list: Vec::new(), detail: Vec::new(), history: Vec::new() };
    let mut breakdowns: [Breakdown; 3] = Default::default();
    for run in 0..WARM_UP + runs {
        driven.click("home").await?;
        // Home settled: its To-Do list is on screen (at the seeded data's 20,000 open tasks it takes a while,
        // and a click before then waits behind it on the page's one thread: Home's time, not the list's).
        driven.css("#todo, #todo-empty").await?;
        let kept = (run >= WARM_UP).then_some((&mut series.list, &mut breakdowns[0]));
        click_measured(driven, "nav-job-seekers", "job-seeker-list", kept).await?;
    }
    let row = find_in_list(driven, busy).await?;
    for run in 0..WARM_UP + runs {
        let kept = (run >= WARM_UP).then_some((&mut series.detail, &mut breakdowns[1]));
        click_measured(driven, &row, "job-seeker", kept).await?;
        driven.click("back-to-list").await?;
        driven.element(&row).await?;
    }
    driven.click(&row).await?;
    driven.click("tab-history").await?;
    driven.element("history-older").await?;
    for run in 0..WARM_UP + runs {
        let kept = (run >= WARM_UP).then_some((&mut series.history, &mut breakdowns[2]));
        click_measured(driven, "history-older", "history-page", kept).await?;
    }
    Ok((series, breakdowns))
}

/// Clicks `id` and waits for the page's measure `measure`; keeps its time and marks in `kept` (`None` for a
/// warm-up run).
async fn click_measured(
    driven: &Driven,
    id: &str,
    measure: &str,
    kept: Option<(&mut Vec<Duration>, &mut Breakdown)>,
) -> Result<(), Failure> {
    driven.clear_measures().await?;
    driven.click(id).await?;
    let measured = driven.measure(measure).await?;
    if let Some((times, breakdown)) = kept {
        times.push(measured.took);
        breakdown.add(&measured);
    }
    Ok(())
}

/// Signs in as the seeded Administrator and waits for the workspace.
pub async fn sign_in(driven: &Driven) -> Result<(), Failure> {
    driven.fill("email", ADMINISTRATOR_EMAIL).await?;
    driven.fill("password", ADMINISTRATOR_PASSWORD).await?;
    driven.click("sign-in").await?;
    driven.element("nav-job-seekers").await?;
    Ok(())
}

/// Searches the list for the busy job seeker; returns the id of its row's link.
async fn find_in_list(driven: &Driven, busy: &BusyJobSeeker) -> Result<String, Failure> {
    driven.click("nav-job-seekers").await?;
    driven.fill("search", &busy.email).await?;
    driven.text_when("page-status", "one job seeker", |text| text.ends_with(" 1 job seekers")).await?;
    let row = format!("job-seeker-{}", busy.id);
    driven.element(&row).await?;
    Ok(row)
}

/// From the workspace, opens the busy job seeker through the list's search.
pub async fn open_busy_job_seeker(driven: &Driven, busy: &BusyJobSeeker) -> Result<(), Failure> {
    let row = find_in_list(driven, busy).await?;
    driven.click(&row).await?;
    driven.element("job-seeker-name").await?;
    Ok(())
}

/// The core's time for the requests behind each interaction, on the same database, through the dispatcher
/// the shell's commands call (session check included; IPC, serialisation and rendering not): the list's
/// first page; the detail; the next History page. Beside them, the detail's Previous/Next in the searched list
/// as the core finds them, which the detail asks for only when the list's page does not show them.
fn core_times(data_dir: &Path, busy: &BusyJobSeeker, runs: usize) -> Result<(Series, Vec<Duration>), Failure> {
    let (desk, token) = signed_in(data_dir)?;
    let mut series = Series { list: Vec::new(), detail: Vec::new(), history: Vec::new() };
    let mut neighboured = Vec::new();
    let list = JobSeekerListRequest { filter: JobSeekerFilter::default(), sort: JobSeekerSort::Name, page: 1 };
    let searched = JobSeekerFilter { search: busy.email.clone(), ..JobSeekerFilter::default() };
    let neighbours = NeighboursRequest { filter: searched, sort: JobSeekerSort::Name, current_id: busy.id };
    let first = HistoryPageRequest { job_seeker_id: busy.id, kind: None, requisition_id: None, after: None };
    let mut after = desk.call(&token, &first)?.next;
    for run in 0..WARM_UP + runs {
        let started = Instant::now();
        desk.call(&token, &list)?;
        let listed = started.elapsed();

        let started = Instant::now();
        desk.call(&token, &JobSeekerRequest { id: busy.id })?;
        let detailed = started.elapsed();

        let started = Instant::now();
        desk.call(&token, &neighbours)?;
        let stepped = started.elapsed();

        let started = Instant::now();
        let page = desk.call(&token, &HistoryPageRequest { after, ..first.clone() })?;
        let paged = started.elapsed();
        after = page.next;
        if run >= WARM_UP {
            series.list.push(listed);
            series.detail.push(detailed);
            series.history.push(paged);
            neighboured.push(stepped);
        }
    }
    desk.call(&token, &SignOutRequest {})?;
    Ok((series, neighboured))
}
