//! `cargo xtask package [--check]`: the `.deb` and `.rpm` from a clean clone, built by the Tauri CLI from npm
//! (its `beforeBuildCommand` builds the UI first, so the CLI alone works too), then looked into: both must
//! depend on WebKitGTK, GTK and the tray's appindicator library, and the binary must be stripped. `--check`
//! then runs [`check_installed`] too.
//!
//! [`check_installed`] is the test command's check of the `.deb` as a recruiter's IT person would use it,
//! on this machine: it installs the package with apt, runs the installed `hiredesk --version` and then the
//! installed app under a display until the sign-in form is interactive (the app's start-up probe, on a demo
//! database in a folder of the check's own), and removes the package again. While the app runs, the dynamic
//! loader records every library it loads, those it opens at run time included (the tray's appindicator is
//! one); each must belong to a package that the `.deb` depends on, directly or through its dependencies. That
//! is what a clean machine would need, checked on a machine that has everything installed already. After the
//! purge, every file and folder of the package is gone again, and those that were there before (shared
//! folders such as `/usr/share/icons/hicolor`) are still there.

use crate::bench::{until_ready, Session};
use crate::util::{output, run, workspace_root, Failure};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The npm package of the Tauri CLI, at the version of the `tauri` crate in Cargo.lock's minor line.
const TAURI_CLI: &str = "@tauri-apps/cli@2.12.5";
/// The app's version (the workspace's, which the packages carry).
const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The Debian package's name and its binary.
const PACKAGE: &str = "hiredesk";
const INSTALLED_BINARY: &str = "/usr/bin/hiredesk";
/// What the `.deb` must depend on: the web view, the toolkit, and the tray icon's library, which the app
/// loads at run time (a missing one ends the app at start).
const REQUIRED_DEPENDS: &[&str] = &["libwebkit2gtk-4.1-0", "libgtk-3-0", "libayatana-appindicator3-1"];
/// The same for the `.rpm`, in Fedora's names.
const REQUIRED_RPM_REQUIRES: &[&str] =
    &["libwebkit2gtk-4.1.so.0()(64bit)", "libgtk-3.so.0()(64bit)", "libayatana-appindicator-gtk3"];

/// The two packages of one build.
#[derive(Debug)]
pub struct Packages {
    pub deb: PathBuf,
    pub rpm: PathBuf,
}

pub fn main(args: &[String]) -> Result<(), Failure> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err(Failure::new("usage: cargo xtask package [--check]")),
    };
    crate::setup::for_package()?;
    let packages = build()?;
    println!("\nPackages:\n  {}\n  {}", packages.deb.display(), packages.rpm.display());
    if check {
        check_installed(&packages.deb)?;
    }
    Ok(())
}

/// Builds both packages (release build, UI first) and looks into the `.deb`.
pub fn build() -> Result<Packages, Failure> {
    if !cfg!(target_os = "linux") {
        return Err(Failure::new("The .deb and .rpm are built on Linux; see README for Windows and macOS."));
    }
    let root = workspace_root();
    run(Command::new("npx").args(["--yes", TAURI_CLI, "build", "--ci", "--bundles", "deb,rpm"]).current_dir(&root))?;
    let bundles = root.join("target/release/bundle");
    let packages = Packages {
        deb: only_file(&bundles.join("deb"), &format!("_{VERSION}_"), ".deb")?,
        rpm: only_file(&bundles.join("rpm"), &format!("-{VERSION}-"), ".rpm")?,
    };
    look_into(&packages.deb)?;
    look_into_rpm(&packages.rpm)?;
    Ok(packages)
}

/// The one file of `dir` whose name contains `infix` and ends with `suffix`.
fn only_file(dir: &Path, infix: &str, suffix: &str) -> Result<PathBuf, Failure> {
    let entries = std::fs::read_dir(dir).map_err(|error| Failure::new(format!("{}: {error}", dir.display())))?;
    let found: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
            name.contains(infix) && name.ends_with(suffix)
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(Failure::new(format!("expected one *{infix}*{suffix} in {}, found {found:?}", dir.display()))),
    }
}

/// The `.deb` declares what the app needs at run time, and its binary is stripped.
fn look_into(deb: &Path) -> Result<(), Failure> {
    let deb_text = deb.display().to_string();
    let depends = output("dpkg-deb", &["--field", &deb_text, "Depends"])
        .ok_or_else(|| Failure::new(format!("dpkg-deb could not read {deb_text}")))?;
    let declared: BTreeSet<&str> = depends.split(',').filter_map(|depend| depend.split_whitespace().next()).collect();
    let missing: Vec<&&str> = REQUIRED_DEPENDS.iter().filter(|wanted| !declared.contains(**wanted)).collect();
    if !missing.is_empty() {
        return Err(Failure::new(format!("{deb_text} does not depend on {missing:?} (Depends: {})", depends.trim())));
    }
    let unpacked = workspace_root().join("target/package-check/unpacked");
    let _ = std::fs::remove_dir_all(&unpacked);
    std::fs::create_dir_all(&unpacked).map_err(|error| Failure::new(format!("{}: {error}", unpacked.display())))?;
    run(Command::new("dpkg-deb").arg("-x").arg(deb).arg(&unpacked))?;
    let binary = unpacked.join(INSTALLED_BINARY.trim_start_matches('/'));
    let described = output("file", &["-b", &binary.display().to_string()]).unwrap_or_default();
    if !described.contains(", stripped") {
        return Err(Failure::new(format!("the packaged binary is not stripped: {}", described.trim())));
    }
    println!("{deb_text}: Depends {}; binary {}", depends.trim(), described.trim());
    Ok(())
}

/// The `.rpm` requires the same three libraries (rpm names the first two by their shared objects).
fn look_into_rpm(rpm: &Path) -> Result<(), Failure> {
    let rpm_text = rpm.display().to_string();
    let requires = output("rpm", &["--query", "--package", "--requires", &rpm_text])
        .ok_or_else(|| Failure::new(format!("rpm could not read {rpm_text} (Debian package rpm)")))?;
    let missing: Vec<&&str> =
        REQUIRED_RPM_REQUIRES.iter().filter(|wanted| !requires.lines().any(|line| line.trim() == **wanted)).collect();
    if !missing.is_empty() {
        return Err(Failure::new(format!("{rpm_text} does not require {missing:?} (Requires: {requires})")));
    }
    println!("{rpm_text}: Requires {}", requires.lines().map(str::trim).collect::<Vec<_>>().join(", "));
    Ok(())
}

/// Installs `deb` on this machine, starts the installed app to the sign-in form, checks that every library
/// it loaded is among the package's dependencies, and removes the package; see the module documentation.
/// Needs root (apt); as another user it says so and checks nothing.
pub fn check_installed(deb: &Path) -> Result<(), Failure> {
    if output("id", &["-u"]).is_none_or(|uid| uid.trim() != "0") {
        println!("Skipped: installing a package needs root (CI runs as root).");
        return Ok(());
    }
    // Another run on this machine (a second worktree, say) must not install or remove the package meanwhile.
    let lock = std::fs::File::create("/run/lock/hiredesk-package-check.lock")
        .map_err(|error| Failure::new(format!("/run/lock/hiredesk-package-check.lock: {error}")))?;
    lock.lock().map_err(|error| Failure::new(format!("the package check's lock: {error}")))?;
    if is_installed() {
        return Err(Failure::new(format!(
            "A {PACKAGE} package is installed on this machine already; this check installs and removes its own. \
             Remove it first: apt-get purge {PACKAGE}"
        )));
    }
    let contents = package_paths(deb)?;
    let before: Vec<(PathBuf, bool)> = contents.iter().map(|path| (path.clone(), exists(path))).collect();

    let installed = run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .arg(deb)
        .env("DEBIAN_FRONTEND", "noninteractive"));
    let checked = installed.and_then(|()| check_running_installed());
    // Removed however the checks went, so a failed run leaves the machine as it found it.
    let purged =
        run(Command::new("apt-get").args(["purge", "-y", "-qq", PACKAGE]).env("DEBIAN_FRONTEND", "noninteractive"));
    checked?;
    purged?;
    if is_installed() {
        return Err(Failure::new(format!("{PACKAGE} is still installed after apt-get purge")));
    }
    let changed: Vec<String> = before
        .iter()
        .filter(|(path, existed)| exists(path) != *existed)
        .map(|(path, existed)| format!("{} ({})", path.display(), if *existed { "gone" } else { "left behind" }))
        .collect();
    if !changed.is_empty() {
        return Err(Failure::new(format!("removing the package changed what was there before: {changed:?}")));
    }
    println!("Installed, started to the sign-in form and removed cleanly ({} paths checked).", before.len());
    Ok(())
}

/// The installed app answers `--version`, starts to the sign-in form, writes its log, and loaded only
/// libraries of the packages it depends on.
fn check_running_installed() -> Result<(), Failure> {
    let version = output(INSTALLED_BINARY, &["--version"]).unwrap_or_default();
    if version.trim() != format!("Hiredesk {VERSION}") {
        return Err(Failure::new(format!("{INSTALLED_BINARY} --version said {version:?}")));
    }
    let scratch = workspace_root().join("target/package-check");
    let (data, loader) = (scratch.join("data"), scratch.join("loader"));
    for dir in [&data, &loader] {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).map_err(|error| Failure::new(format!("{}: {error}", dir.display())))?;
    }
    let session = Session::start()?;
    let mut app = session.command(Path::new(INSTALLED_BINARY));
    // A demo database, so the first form is the sign-in form; the loader notes every library, per process.
    app.arg("--demo").arg("--data-dir").arg(&data).env("LD_DEBUG", "files").env("LD_DEBUG_OUTPUT", loader.join("ld"));
    let (took, ended) = until_ready(app)?;
    if !ended.is_some_and(|status| status.success()) {
        return Err(Failure::new(format!("the installed app did not end cleanly after the probe: {ended:?}")));
    }
    println!("The installed app showed the sign-in form after {:.1} s.", took.as_secs_f64());
    let logs = std::fs::read_dir(data.join("logs")).map(|entries| entries.count()).unwrap_or(0);
    if logs == 0 {
        return Err(Failure::new(format!("the installed app wrote no log file in {}", data.join("logs").display())));
    }
    libraries_are_dependencies(&loaded_libraries(&loader)?)
}

/// Every shared object the loader initialised in any process of the run (the app and the web view's).
fn loaded_libraries(loader: &Path) -> Result<BTreeSet<PathBuf>, Failure> {
    let entries = std::fs::read_dir(loader).map_err(|error| Failure::new(format!("{}: {error}", loader.display())))?;
    let mut libraries = BTreeSet::new();
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for line in text.lines() {
            if let Some((_, path)) = line.split_once("calling init: ") {
                let path = PathBuf::from(path.trim());
                if path != Path::new(INSTALLED_BINARY) {
                    libraries.insert(path);
                }
            }
        }
    }
    if !libraries.iter().any(|path| path.to_string_lossy().contains("libayatana-appindicator3")) {
        return Err(Failure::new(format!(
            "the loader's record ({}) does not show the tray's appindicator library: {libraries:?}",
            loader.display()
        )));
    }
    Ok(libraries)
}

/// Each library's package is the package itself or among its dependencies (apt's recursive list).
fn libraries_are_dependencies(libraries: &BTreeSet<PathBuf>) -> Result<(), Failure> {
    let closure = output(
        "apt-cache",
        &[
            "depends",
            "--recurse",
            "--no-recommends",
            "--no-suggests",
            "--no-conflicts",
            "--no-breaks",
            "--no-replaces",
            "--no-enhances",
            PACKAGE,
        ],
    )
    .ok_or_else(|| Failure::new("apt-cache depends could not list the package's dependencies"))?;
    let closure = closure_names(&closure);
    let mut outside = Vec::new();
    for library in libraries {
        match owners(library) {
            Some(owners) if owners.iter().any(|owner| closure.contains(owner)) => {}
            Some(owners) => outside.push(format!("{} ({})", library.display(), owners.join(", "))),
            None => outside.push(format!("{} (no package)", library.display())),
        }
    }
    if !outside.is_empty() {
        return Err(Failure::new(format!(
            "the installed app loaded libraries of packages it does not depend on: {outside:#?}"
        )));
    }
    println!("All {} libraries the installed app loaded come from its dependencies.", libraries.len());
    Ok(())
}

/// The package names of `apt-cache depends --recurse`: its lines that are not indented (the indented ones
/// say which dependency led there); a virtual package is written `<name>`.
fn closure_names(listing: &str) -> BTreeSet<String> {
    listing
        .lines()
        .filter(|line| !line.starts_with(' ') && !line.trim().is_empty())
        .map(|line| line.trim().trim_start_matches('<').trim_end_matches('>').to_owned())
        .collect()
}

/// The packages that own `path` (dpkg knows a file by the path its package installed it at, which on a
/// merged-/usr system may be the /lib spelling of a /usr/lib path, or the other way round).
fn owners(path: &Path) -> Option<Vec<String>> {
    let text = path.display().to_string();
    let spellings = [
        text.clone(),
        text.strip_prefix("/usr").map(str::to_owned).unwrap_or_else(|| format!("/usr{text}")),
        std::fs::canonicalize(path).map(|real| real.display().to_string()).unwrap_or_default(),
    ];
    spellings.iter().filter(|spelling| !spelling.is_empty()).find_map(|spelling| {
        let answer = output("dpkg-query", &["--search", spelling])?;
        let (packages, _) = answer.lines().next()?.split_once(": ")?;
        Some(packages.split(", ").map(|package| package.split(':').next().unwrap_or(package).to_owned()).collect())
    })
}

/// Every path in the package (files, links and folders), as installed.
fn package_paths(deb: &Path) -> Result<Vec<PathBuf>, Failure> {
    let listing = output("dpkg-deb", &["--contents", &deb.display().to_string()])
        .ok_or_else(|| Failure::new(format!("dpkg-deb could not list {}", deb.display())))?;
    let paths = contents_paths(&listing);
    if !paths.iter().any(|path| path == Path::new(INSTALLED_BINARY)) {
        return Err(Failure::new(format!("{} has no {INSTALLED_BINARY}: {paths:?}", deb.display())));
    }
    Ok(paths)
}

/// The paths of `dpkg-deb --contents`, absolute: the sixth field of each line (`usr/bin/hiredesk`, which
/// some versions write `./usr/bin/hiredesk`); a link's line goes on with `-> target`.
fn contents_paths(listing: &str) -> Vec<PathBuf> {
    listing
        .lines()
        .filter_map(|line| line.split_whitespace().nth(5))
        .map(|path| path.trim_start_matches('.').trim_matches('/'))
        .filter(|path| !path.is_empty())
        .map(|path| Path::new("/").join(path))
        .collect()
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Whether dpkg knows the package as anything but not installed (installed, or removed with its settings).
fn is_installed() -> bool {
    output("dpkg-query", &["-W", "-f=${db:Status-Abbrev}", PACKAGE])
        .is_some_and(|status| !status.trim().is_empty() && !status.starts_with("un"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packages_paths_are_read_from_its_listing() {
        let listing = "drwxr-xr-x 0/0               0 2026-12-01 10:29 usr\n\
                       -rwxr-xr-x 0/0        26791024 2026-12-01 10:29 usr/bin/hiredesk\n\
                       drwxr-xr-x root/root         0 2026-12-01 10:29 ./\n\
                       lrwxrwxrwx root/root         0 2026-12-01 10:29 ./usr/bin/hd -> hiredesk\n";
        assert_eq!(
            contents_paths(listing),
            [PathBuf::from("/usr"), PathBuf::from("/usr/bin/hiredesk"), PathBuf::from("/usr/bin/hd")]
        );
    }

    #[test]
    fn the_dependency_closure_is_the_unindented_names() {
        let listing = "hiredesk\n  Depends: libgtk-3-0\nlibgtk-3-0\n  Depends: <libglx-vendor>\n<libglx-vendor>\n";
        let names: Vec<String> = closure_names(listing).into_iter().collect();
        assert_eq!(names, ["hiredesk", "libglx-vendor", "libgtk-3-0"]);
    }
}
