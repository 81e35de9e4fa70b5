//! Timing the phases of a run and printing them at the end, pass or fail.

use crate::util::Failure;
use std::time::{Duration, Instant};

pub struct Phases {
    started: Instant,
    done: Vec<(String, Duration, bool)>,
}

impl Phases {
    pub fn new() -> Self {
        Phases { started: Instant::now(), done: Vec::new() }
    }

    pub fn time(&mut self, name: &str, work: impl FnOnce() -> Result<(), Failure>) -> Result<(), Failure> {
        println!("\n==> {name}");
        let start = Instant::now();
        let result = work();
        self.done.push((name.to_owned(), start.elapsed(), result.is_ok()));
        result
    }

    pub fn report(&self) {
        println!("\nPhase times:");
        for (name, took, ok) in &self.done {
            println!("  {:>7.1} s  {}  {name}", took.as_secs_f64(), if *ok { "ok  " } else { "FAIL" });
        }
        println!("  {:>7.1} s        total", self.started.elapsed().as_secs_f64());
    }
}
