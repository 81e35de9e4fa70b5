pub fn main(_args: &[String]) -> Result<(), crate::util::Failure> { Err(crate::util::Failure::new("not yet")) }
