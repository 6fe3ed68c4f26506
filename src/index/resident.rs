//! Keeps the segment pages a merge has read out of the process's resident set.
//!
//! Tantivy maps segment files into memory, and a merge reads every page of its
//! inputs. Those pages stayed resident until the process ended: the final merge of a
//! 100,000-document build held 550 MB of them, so the peak RSS of a build grew with
//! the corpus instead of staying near the writer budget. While a [`PageTrimmer`]
//! lives, a thread counts the process's resident file pages every [`INTERVAL`] and,
//! past [`RESIDENT_LIMIT`], asks the kernel to reclaim the pages of the read-only
//! mappings of files under one directory (`madvise(MADV_PAGEOUT)`).
//!
//! `MADV_PAGEOUT` never changes what memory holds: a reclaimed page of a file is read
//! again if it is touched again, pages another process maps (a search) are left
//! alone, and should a range have been unmapped and reused in between, the call is a
//! hint about that memory and nothing more. Only a fresh build's final merge uses it:
//! its inputs are deleted when it ends, so nothing is lost by evicting them.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the mapped pages are counted.
pub const INTERVAL: Duration = Duration::from_millis(10);

/// File pages the process may hold before the mapped ones are handed back. Handing
/// them back at a fixed pace cost either memory or time: every 100 ms let 140 MB of
/// the store's pages gather at the end of a million-document merge (it copies the
/// store at over a gigabyte a second); every 50 ms evicted pages the merge read
/// again, 4.8 million major faults instead of 0.7 and the build 40% slower.
pub const RESIDENT_LIMIT: u64 = 64 << 20;
/// Reclaims the mapped pages of files under a directory until dropped.
pub struct PageTrimmer {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl PageTrimmer {
    /// Starts trimming the mappings of files under `dir`. Where the kernel cannot
    /// (not Linux, or older than 5.4), nothing happens.
    pub fn start(dir: &Path) -> PageTrimmer {
        let stop = Arc::new(AtomicBool::new(false));
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("dossier-trim".to_string())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    let over = resident_file_bytes().map_or(true, |b| b > RESIDENT_LIMIT);
                    if over && !reclaim_mapped_pages(&dir) {
                        break;
                    }
                    std::thread::park_timeout(INTERVAL);
                }
            })
            .ok();
        PageTrimmer { stop, thread }
    }
}

impl Drop for PageTrimmer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

/// The read-only file mappings of this process whose file is under `dir`, as
/// address ranges, from the text of `/proc/self/maps`.
fn mappings_under(maps: &str, dir: &Path) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    for line in maps.lines() {
        // address perms offset device inode pathname (padded; may hold spaces)
        let mut fields = line.splitn(6, ' ');
        let (Some(address), Some(perms)) = (fields.next(), fields.next()) else {
            continue;
        };
        let Some(path) = fields.nth(3).map(str::trim_start) else {
            continue;
        };
        let path = path.strip_suffix(" (deleted)").unwrap_or(path);
        if !perms.starts_with("r-") || !Path::new(path).starts_with(dir) {
            continue;
        }
        let Some((start, end)) = address.split_once('-') else {
            continue;
        };
        if let (Ok(start), Ok(end)) = (
            usize::from_str_radix(start, 16),
            usize::from_str_radix(end, 16),
        ) {
            ranges.push((start, end));
        }
    }
    ranges
}

/// The process's resident file-backed memory, from `/proc/self/statm` (its third
/// field, in pages): the binary's own pages and every mapped segment page. `None`
/// where it cannot be read, and the trimmer then trims at every interval.
fn resident_file_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(2)?.parse().ok()?;
    Some(pages * page_size())
}

#[cfg(unix)]
fn page_size() -> u64 {
    // SAFETY: sysconf reads a constant of the system; it has no preconditions.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    u64::try_from(size).ok().filter(|&s| s > 0).unwrap_or(4096)
}

#[cfg(not(unix))]
fn page_size() -> u64 {
    4096
}

/// One pass over the mappings; false when the kernel refuses, so the thread stops.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn reclaim_mapped_pages(dir: &Path) -> bool {
    let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else {
        return false;
    };
    for (start, end) in mappings_under(&maps, dir) {
        // SAFETY: MADV_PAGEOUT is advice: it changes no memory contents, whatever the
        // range holds now (see the module documentation).
        let done = unsafe {
            libc::madvise(
                start as *mut libc::c_void,
                end.saturating_sub(start),
                libc::MADV_PAGEOUT,
            )
        };
        if done != 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINVAL) {
            return false;
        }
    }
    true
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn reclaim_mapped_pages(_dir: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_read_only_mappings_of_files_under_the_directory() {
        let maps = "\
7f0000000000-7f0000100000 r--s 00000000 08:01 1234       /idx/gen-1/abc.idx
7f0000100000-7f0000200000 r--s 00000000 08:01 1235       /idx/gen-1/abc.pos (deleted)
7f0000200000-7f0000300000 rw-p 00000000 08:01 1236       /idx/gen-1/abc.store
7f0000300000-7f0000400000 r--s 00000000 08:01 1237       /other/gen-1/abc.idx
7f0000400000-7f0000500000 r-xp 00000000 08:01 1238       /idx/gen-1/lib with space.so
7f0000500000-7f0000600000 rw-p 00000000 00:00 0
55d000000000-55d000021000 rw-p 00000000 00:00 0          [heap]
";
        let ranges = mappings_under(maps, Path::new("/idx"));
        assert_eq!(
            ranges,
            [
                (0x7f00_0000_0000, 0x7f00_0010_0000),
                (0x7f00_0010_0000, 0x7f00_0020_0000),
                (0x7f00_0040_0000, 0x7f00_0050_0000),
            ]
        );
    }

    #[test]
    fn dropping_a_trimmer_wakes_and_joins_its_thread() {
        let dir = tempfile::tempdir().expect("temp dir");
        let trimmer = PageTrimmer::start(dir.path());
        // Dropped on another thread, so that a drop that never returns fails the
        // test instead of hanging it.
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            drop(trimmer);
            let _ = done.send(());
        });
        finished
            .recv_timeout(Duration::from_secs(10))
            .expect("the trimmer's thread was woken and joined");
    }
}
