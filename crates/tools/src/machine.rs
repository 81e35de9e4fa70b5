//! How busy the machine was around a benchmark: the load averages (Linux's `/proc/loadavg`), printed at the
//! start and the end, so that figures taken while other work shared the cores can be told from quiet ones.

/// "load average 0.52 (1 min), 0.61 (5 min)"; `None` where the system does not say.
pub fn load() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    let mut fields = text.split_whitespace();
    let (one, five) = (fields.next()?, fields.next()?);
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    Some(format!("load average {one} (1 min), {five} (5 min) on {cores} cores"))
}

/// Prints the machine's load with `when` ("before", "after"), if it can be read.
pub fn report(when: &str) {
    if let Some(load) = load() {
        println!("Machine {when}: {load}.");
    }
}
