//! Child processes of a publish (`git`, `rsync`, `ssh`) that end when the publish does.
//!
//! A publish killed outright (SIGKILL runs no handler) must not leave a child to push,
//! upload or switch the live site on its own after the user saw the publish stop.

use std::process::Command;

/// Makes the child end when this process does, however it ends: a publish killed during
/// `git push` or `rsync` (even by SIGKILL, which runs no handler) must not leave the child
/// to go on alone. On Linux the child asks the kernel for SIGTERM when its parent dies
/// (`PR_SET_PDEATHSIG`), and gives up at once if the parent is already gone. Elsewhere a
/// Ctrl-C still reaches the child (it is in the terminal's process group), but a kill does not.
pub(crate) fn end_with_this_process(command: &mut Command) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        let parent = std::process::id();
        // SAFETY: between fork and exec the closure calls only prctl and getppid, which
        // are async-signal-safe, and allocates nothing.
        unsafe {
            command.pre_exec(move || {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if u32::try_from(libc::getppid()).ok() != Some(parent) {
                    return Err(std::io::Error::other(
                        "copydesk ended before its child started",
                    ));
                }
                Ok(())
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = command;
}
