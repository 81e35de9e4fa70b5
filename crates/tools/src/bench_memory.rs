//! `bench-memory`: what Hiredesk holds in memory while it sits idle, beside the minimal Tauri window
//! (`bench/minimal-window`) that stays open, in the same run. RSS and PSS of the app's process and of every
//! process it started (WebKit's web and network processes), summed from `/proc` ([`Memory::of_tree`]) after
//! 10 s of idling:
//!
//! - Hiredesk on the sign-in form;
//! - Hiredesk after signing in and opening the job seeker with 10,000 History entries, on its History tab;
//! - the minimal window, on its one form.
//!
//! Each is started through tauri-driver and WebKitWebDriver (the job seeker needs WebDriver to be opened, so
//! every program is, alike), one after the other and never at once (they would share pages, lowering both
//! PSS figures), in alternating order over the rounds; medians of the rounds. Goal (issue 16): Hiredesk idle
//! ≤ the minimal window + 40 MiB.

use crate::bench_history::verdict;
use crate::bench_ui::{app_args, open_busy_job_seeker, sign_in, AppBench, BusyJobSeeker};
use crate::driver::Driven;
use crate::failure::Failure;
use crate::processes::{mib, signed_mib, Memory};
use std::path::Path;
use std::time::Duration;

const IDLE: Duration = Duration::from_secs(10);
const GOAL_KIB: u64 = 40 * 1024;

/// The three states measured in one round.
#[derive(Default)]
struct Round {
    minimal: Memory,
    sign_in: Memory,
    job_seeker: Memory,
}

pub fn main(args: &[String]) -> Result<(), Failure> {
    let bench = AppBench::parse(args, 3)?;
    let minimal_app =
        bench.minimal.clone().ok_or_else(|| Failure::Usage("bench-memory needs --minimal PATH".into()))?;
    let busy = BusyJobSeeker::find(&bench.data_dir)?;
    let runtime = crate::driver::runtime()?;
    let mut rounds = Vec::new();
    for round in 1..=bench.runs {
        let measured = runtime.block_on(async {
            let mut measured = Round::default();
            // Alternating, so that whatever the machine does over time falls on both alike.
            if round % 2 == 1 {
                measured.minimal = minimal(&minimal_app).await?;
                (measured.sign_in, measured.job_seeker) = hiredesk(&bench, &busy).await?;
            } else {
                (measured.sign_in, measured.job_seeker) = hiredesk(&bench, &busy).await?;
                measured.minimal = minimal(&minimal_app).await?;
            }
            Ok::<_, Failure>(measured)
        })?;
        println!(
            "  run {round}: minimal window {} RSS / {} PSS; sign-in {} / {}; job seeker {} / {}",
            mib(measured.minimal.rss_kib),
            mib(measured.minimal.pss_kib),
            mib(measured.sign_in.rss_kib),
            mib(measured.sign_in.pss_kib),
            mib(measured.job_seeker.rss_kib),
            mib(measured.job_seeker.pss_kib),
        );
        rounds.push(measured);
    }

    let median_of = |pick: fn(&Round) -> u64| {
        let mut values: Vec<u64> = rounds.iter().map(pick).collect();
        values.sort_unstable();
        values[(values.len() - 1) / 2]
    };
    type Pick = fn(&Round) -> u64;
    let rows: [(&str, Pick, Pick); 3] = [
        ("minimal Tauri window (baseline)", |r| r.minimal.rss_kib, |r| r.minimal.pss_kib),
        ("hiredesk, sign-in form", |r| r.sign_in.rss_kib, |r| r.sign_in.pss_kib),
        ("hiredesk, job seeker with 10,000 entries", |r| r.job_seeker.rss_kib, |r| r.job_seeker.pss_kib),
    ];
    let processes = rounds.last().map(|r| (r.minimal.processes, r.sign_in.processes)).unwrap_or_default();
    println!(
        "\nIdle memory {} s after each state is on screen, the app and the processes it started ({} for the \
         minimal window, {} for hiredesk), median of {} rounds (release builds):",
        IDLE.as_secs(),
        processes.0,
        processes.1,
        rounds.len()
    );
    println!("  {:<44}{:>12}{:>12}{:>14}{:>14}", "", "RSS", "PSS", "RSS - base", "PSS - base");
    let (base_rss, base_pss) = (median_of(rows[0].1), median_of(rows[0].2));
    for (name, rss, pss) in rows {
        let (rss, pss) = (median_of(rss), median_of(pss));
        println!(
            "  {name:<44}{:>12}{:>12}{:>14}{:>14}",
            mib(rss),
            mib(pss),
            signed_mib(rss, base_rss),
            signed_mib(pss, base_pss)
        );
    }
    let over =
        |rss: Pick, pss: Pick| median_of(rss).saturating_sub(base_rss).max(median_of(pss).saturating_sub(base_pss));
    let (sign_in_over, job_seeker_over) = (over(rows[1].1, rows[1].2), over(rows[2].1, rows[2].2));
    println!(
        "\nGoal: idle ≤ minimal window + {} (the larger of the RSS and PSS differences): sign-in form +{}, job \
         seeker +{}: {}",
        mib(GOAL_KIB),
        mib(sign_in_over),
        mib(job_seeker_over),
        verdict(sign_in_over <= GOAL_KIB && job_seeker_over <= GOAL_KIB)
    );
    Ok(())
}

/// The minimal window after idling on its form.
async fn minimal(app: &Path) -> Result<Memory, Failure> {
    // The minimal window quits once its page has reported in, unless told to stay.
    let driven = Driven::launch(app, &[], &[("HIREDESK_STARTUP_PROBE", "stay")]).await?;
    let memory = async {
        driven.element("email").await?;
        idle_then_measure(&driven).await
    }
    .await;
    driven.close().await;
    memory
}

/// Hiredesk after idling on the sign-in form, then after idling on the busy job seeker's History.
async fn hiredesk(bench: &AppBench, busy: &BusyJobSeeker) -> Result<(Memory, Memory), Failure> {
    let driven = Driven::launch(&bench.hiredesk, &app_args(&bench.data_dir), &[]).await?;
    let measured = async {
        driven.element("sign-in").await?;
        let sign_in_form = idle_then_measure(&driven).await?;
        sign_in(&driven).await?;
        open_busy_job_seeker(&driven, busy).await?;
        driven.click("tab-history").await?;
        driven.element("history-older").await?;
        Ok((sign_in_form, idle_then_measure(&driven).await?))
    }
    .await;
    driven.close().await;
    measured
}

/// What the app holds after [`IDLE`]: the wait is the measurement's definition (what sits in memory after a
/// quiet while, not a moment of the start), not a guess at when something is done.
async fn idle_then_measure(driven: &Driven) -> Result<Memory, Failure> {
    tokio::time::sleep(IDLE).await;
    let memory = Memory::of_tree(driven.app_pid()?);
    if memory.processes == 0 {
        return Err(Failure::Check("the app ended before it was measured".to_owned()));
    }
    Ok(memory)
}
