//! What a running program and the processes it started hold in memory, from `/proc` (Linux): the memory
//! benchmark's measure.

use std::path::Path;

/// What a group of processes holds in memory, in KiB, and how many processes it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Memory {
    pub rss_kib: u64,
    pub pss_kib: u64,
    pub processes: usize,
}

impl Memory {
    /// `root` and every process below it, each from its `/proc/PID/smaps_rollup`. RSS counts every page a
    /// process has mapped in, shared libraries whole in each process; PSS divides each shared page among the
    /// processes that share it, so a group's PSS is what it costs the machine.
    pub fn of_tree(root: u32) -> Memory {
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
pub fn descendants(root: u32) -> Vec<u32> {
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

/// The process below `root` running `program` (by its executable's path), if there is one.
pub fn find_below(root: u32, program: &Path) -> Option<u32> {
    let wanted = std::fs::canonicalize(program).ok()?;
    descendants(root)
        .into_iter()
        .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == wanted))
}

/// KiB as MiB with one decimal.
pub fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// `value - base` in MiB, with its sign.
pub fn signed_mib(value: u64, base: u64) -> String {
    format!("{:+.1} MiB", (value as f64 - base as f64) / 1024.0)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::process::Command;
    use std::time::Duration;

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
        let sleep = find_below(child.id(), Path::new("/bin/sleep"))
            .or_else(|| find_below(child.id(), Path::new("/usr/bin/sleep")));
        for pid in &below {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(below.len(), 1, "the shell's sleep");
        assert_eq!(sleep, below.first().copied(), "the sleep found by its program");
        assert!(memory.processes == 2 && memory.rss_kib > 0 && memory.pss_kib > 0, "{memory:?}");
        assert!(memory.pss_kib <= memory.rss_kib);
    }
}
