//! `cargo xtask bench memory [--runs N]`: what Hiredesk holds in memory while it sits idle on the sign-in form,
//! beside the minimal Tauri window (`bench/minimal-window`) that stays open, in the same run. Release builds
//! of both, under the same display and session bus as the start-up benchmark (a private Xvfb and dbus-daemon
//! when there are none).
//!
//! Each program is started with the start-up probe set to `stay`: it prints its ready line once its form is
//! interactive and stays open. Ten seconds later the RSS and PSS of its process and of every process below it
//! (WebKit's web and network processes) are summed from `/proc/PID/smaps_rollup`. RSS counts every page a
//! process has mapped in, shared libraries whole in each process; PSS divides each shared page among the
//! processes that share it, so a group's PSS is what it costs the machine. The two programs are measured one
//! after the other, never at once, so that neither shares the other's pages (that would lower both PSS
//! figures), in alternating order over the rounds; medians of the rounds. Goal (issue 16): Hiredesk ≤ the
//! minimal window + 40 MiB.
//!
//! Not measured here yet: Hiredesk after opening the job seeker with 10,000 History entries, which needs the
//! app driven through WebDriver (a client this dependency-free crate cannot have).

use crate::bench::{started_until_ready, ReleaseApps, Session};
use crate::util::{workspace_root, Failure};
use std::path::Path;
use std::process::{Child, Command};
use std::time::Duration;

const IDLE: Duration = Duration::from_secs(10);
const GOAL_KIB: u64 = 40 * 1024;

pub fn bench(args: &[String]) -> Result<(), Failure> {
    let runs = match args {
        [] => 3,
        [flag, value] if flag == "--runs" => match value.parse::<usize>() {
            Ok(runs) if runs >= 1 => runs,
            _ => return Err(Failure::new("--runs takes a whole number of at least 1")),
        },
        _ => return Err(Failure::new("usage: cargo xtask bench memory [--runs N]")),
    };
    let apps = ReleaseApps::build()?;
    let session = Session::start()?;
    let hiredesk_args = apps.on_demo_data(&workspace_root().join("target/bench-memory-data"), &session)?;
    let (mut ours, mut baseline) = (Vec::new(), Vec::new());
    for round in 1..=runs {
        // Alternating, so that whatever the machine does over time falls on both alike.
        if round % 2 == 1 {
            baseline.push(idle(&apps.minimal, &[], &session)?);
            ours.push(idle(&apps.hiredesk, &hiredesk_args, &session)?);
        } else {
            ours.push(idle(&apps.hiredesk, &hiredesk_args, &session)?);
            baseline.push(idle(&apps.minimal, &[], &session)?);
        }
        let (hiredesk, minimal) = (ours[round - 1], baseline[round - 1]);
        println!(
            "  run {round}: hiredesk {} RSS / {} PSS ({} processes); minimal window {} RSS / {} PSS ({} processes)",
            mib(hiredesk.rss_kib),
            mib(hiredesk.pss_kib),
            hiredesk.processes,
            mib(minimal.rss_kib),
            mib(minimal.pss_kib),
            minimal.processes
        );
    }
    let median = |samples: &[Memory], pick: fn(&Memory) -> u64| {
        let mut values: Vec<u64> = samples.iter().map(pick).collect();
        values.sort_unstable();
        values[(values.len() - 1) / 2]
    };
    let (rss, pss) = (|memory: &Memory| memory.rss_kib, |memory: &Memory| memory.pss_kib);
    let (our_rss, our_pss) = (median(&ours, rss), median(&ours, pss));
    let (base_rss, base_pss) = (median(&baseline, rss), median(&baseline, pss));
    println!(
        "\nIdle memory {} s after the first form is interactive, the app and every process it started, median of \
         {runs} rounds (release builds):",
        IDLE.as_secs()
    );
    println!("  {:<36}{:>12}{:>12}", "", "RSS", "PSS");
    println!("  {:<36}{:>12}{:>12}", "hiredesk (sign-in form)", mib(our_rss), mib(our_pss));
    println!("  {:<36}{:>12}{:>12}", "minimal Tauri window (baseline)", mib(base_rss), mib(base_pss));
    println!("  {:<36}{:>12}{:>12}", "difference", signed_mib(our_rss, base_rss), signed_mib(our_pss, base_pss));
    let over = our_rss.saturating_sub(base_rss).max(our_pss.saturating_sub(base_pss));
    println!(
        "  goal: at most the baseline + {} (the larger difference): {}",
        mib(GOAL_KIB),
        if over <= GOAL_KIB { "met" } else { "NOT met" }
    );
    Ok(())
}

/// Starts `program` with `args`, lets it sit on its first form for [`IDLE`], measures it and stops it.
fn idle(program: &Path, args: &[String], session: &Session) -> Result<Memory, Failure> {
    let mut command = session.command(program);
    command.args(args).env("HIREDESK_STARTUP_PROBE", "stay");
    let mut child = started_until_ready(command)?.child;
    // The measurement is what sits in memory after a quiet while, not a moment of the start: the wait is
    // the measurement's definition, not a guess at when something is done.
    std::thread::sleep(IDLE);
    let memory = Memory::of_tree(child.id());
    stop(&mut child);
    if memory.processes == 0 {
        return Err(Failure::new(format!("{} ended before it was measured", program.display())));
    }
    Ok(memory)
}

/// Ends the app with SIGTERM (its WebKit processes end with it) and waits for it; SIGKILL if it does not end
/// within ten seconds.
fn stop(child: &mut Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    for _ in 0..500 {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// What a group of processes holds in memory, in KiB, and how many processes it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Memory {
    rss_kib: u64,
    pss_kib: u64,
    processes: usize,
}

impl Memory {
    /// `root` and every process below it, each from its `/proc/PID/smaps_rollup`.
    fn of_tree(root: u32) -> Memory {
        let mut memory = Memory::default();
        for pid in std::iter::once(root).chain(descendants(root)) {
            let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else { continue };
            memory.rss_kib += field_kib(&rollup, "Rss:");
            memory.pss_kib += field_kib(&rollup, "Pss:");
            memory.processes += 1;
        }
        memory
    }
}

/// The value of a `Name:   1234 kB` line.
fn field_kib(rollup: &str, name: &str) -> u64 {
    rollup
        .lines()
        .find_map(|line| line.strip_prefix(name))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|value| value.parse().ok())
        .unwrap_or(0)
}

/// Every process below `root`, at any depth.
fn descendants(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| Some((pid, parent_of(pid)?)))
        .collect();
    let (mut found, mut frontier) = (Vec::new(), vec![root]);
    while let Some(parent) = frontier.pop() {
        for &(pid, _) in parents.iter().filter(|(_, of)| *of == parent) {
            found.push(pid);
            frontier.push(pid);
        }
    }
    found
}

/// The parent's pid, from `/proc/PID/stat` (the field after the command name, which may hold spaces).
fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(1)?.parse().ok()
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// `value - base` in MiB, with its sign.
fn signed_mib(value: u64, base: u64) -> String {
    format!("{:+.1} MiB", (value as f64 - base as f64) / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_of_smaps_rollup_are_read_in_kib() {
        let rollup = "00400000-7ffd r--p 00000000 00:00 0  [rollup]\nRss:              123456 kB\nPss:  \
                      65432 kB\nPss_Anon:  100 kB\n";
        assert_eq!(field_kib(rollup, "Rss:"), 123_456);
        assert_eq!(field_kib(rollup, "Pss:"), 65_432);
        assert_eq!(field_kib(rollup, "Swap:"), 0);
    }

    #[test]
    fn a_process_tree_is_found_and_measured() {
        let mut child = Command::new("sh").args(["-c", "sleep 30 & wait"]).spawn().expect("sh starts");
        // The shell starts its sleep at once, but not before `spawn` returns: look until it is there.
        let mut below = Vec::new();
        for _ in 0..250 {
            below = descendants(child.id());
            if !below.is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let memory = Memory::of_tree(child.id());
        for pid in &below {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
        stop(&mut child);
        assert_eq!(below.len(), 1, "the shell's sleep");
        assert!(memory.processes == 2 && memory.rss_kib > 0 && memory.pss_kib > 0, "{memory:?}");
        assert!(memory.pss_kib <= memory.rss_kib);
    }
}
