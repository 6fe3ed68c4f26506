//! Documents on their way to Tantivy's indexing threads, bounded in bytes.
//!
//! Tantivy's writer queues up to 10,000 documents between `add_document` and its
//! indexing threads. Parsing is faster than indexing, so that queue stays full, and
//! 10,000 documents with their bodies, stored records and actors were a hundred
//! megabytes or more on top of the writer's budget — more with longer documents.
//! Each document sent here carries a [`Ticket`] for its size; the ticket is given back
//! when the indexing thread drops the document, and a parser waits while the
//! documents in flight would exceed the limit.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use tantivy::schema::document::Document;
use tantivy::TantivyDocument;

/// The bytes of documents handed to the writer and not yet indexed.
#[derive(Debug)]
pub struct Queue {
    limit: usize,
    /// Bytes in flight, and how many parsers wait for room.
    used: Mutex<Use>,
    freed: Condvar,
    /// Set when no ticket came back for [`STALL`]: the indexing threads have stopped
    /// (a full disk), and the writer must be reached to report it, not waited for.
    /// Cleared when a ticket comes back.
    stalled: AtomicBool,
}

#[derive(Debug, Default)]
struct Use {
    bytes: usize,
    waiting: usize,
    /// Tickets given back so far: a wait that sees this move is not stalled.
    returned: u64,
}

/// Longer than an indexing thread takes to write a segment.
const STALL: Duration = Duration::from_secs(20);

impl Queue {
    pub fn new(limit: usize) -> Arc<Queue> {
        Arc::new(Queue {
            limit,
            used: Mutex::new(Use::default()),
            freed: Condvar::new(),
            stalled: AtomicBool::new(false),
        })
    }

    /// Waits until `bytes` more fit, then counts them. A document larger than half
    /// the limit goes in once the queue is half empty, so that small documents
    /// arriving all the time cannot keep it out.
    pub fn ticket(self: &Arc<Queue>, bytes: usize) -> Ticket {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let mut since = (Instant::now(), used.returned);
        loop {
            let fits = used.bytes == 0
                || used.bytes + bytes <= self.limit
                || (bytes > self.limit / 2 && used.bytes <= self.limit / 2);
            if fits || self.stalled.load(Ordering::Relaxed) {
                break;
            }
            if used.returned != since.1 {
                since = (Instant::now(), used.returned);
            }
            let waited = since.0.elapsed();
            if waited >= STALL {
                // Nothing came back for this long: the indexing threads are gone.
                self.stalled.store(true, Ordering::Relaxed);
                break;
            }
            used.waiting += 1;
            used = self
                .freed
                .wait_timeout(used, STALL - waited)
                .map(|(guard, _)| guard)
                .unwrap_or_else(|e| e.into_inner().0);
            used.waiting -= 1;
        }
        used.bytes += bytes;
        Ticket {
            queue: Arc::clone(self),
            bytes,
        }
    }

    /// Bytes in flight now.
    #[cfg(test)]
    pub fn used(&self) -> usize {
        self.used.lock().unwrap_or_else(|e| e.into_inner()).bytes
    }

    /// Parsers waiting for room now.
    #[cfg(test)]
    fn waiting(&self) -> usize {
        self.used.lock().unwrap_or_else(|e| e.into_inner()).waiting
    }
}

/// A document's place in the [`Queue`], given back when it is dropped.
#[derive(Debug)]
pub struct Ticket {
    queue: Arc<Queue>,
    bytes: usize,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut used = self.queue.used.lock().unwrap_or_else(|e| e.into_inner());
        used.bytes = used.bytes.saturating_sub(self.bytes);
        used.returned += 1;
        // Documents are being indexed again: a stall is over.
        self.queue.stalled.store(false, Ordering::Relaxed);
        // Waiters are woken once half the room is free, not at every document: a
        // wake-up per document was a tenth more CPU time.
        if used.waiting > 0 && used.bytes <= self.queue.limit / 2 {
            self.queue.freed.notify_all();
        }
    }
}

/// A Tantivy document with its ticket: what the writer is given.
#[derive(Debug)]
pub struct QueuedDocument {
    pub doc: TantivyDocument,
    /// Never read: held so that its room in the queue comes back when the writer
    /// drops the document, once indexed.
    #[allow(dead_code)]
    pub ticket: Ticket,
}

impl Document for QueuedDocument {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }

    fn into_tantivy_document(self) -> TantivyDocument {
        self.doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_waits_for_room_and_gives_it_back_when_dropped() {
        let queue = Queue::new(100);
        let first = queue.ticket(60);
        let big = queue.ticket(0);
        assert_eq!(queue.used(), 60);
        drop(big);
        let waiting = {
            let queue = Arc::clone(&queue);
            std::thread::spawn(move || {
                let ticket = queue.ticket(60);
                queue.used() + ticket.bytes - ticket.bytes
            })
        };
        // The thread is blocked in `ticket` once it counts itself as waiting.
        let deadline = Instant::now() + Duration::from_secs(10);
        while queue.waiting() == 0 {
            assert!(Instant::now() < deadline, "the second ticket never waited");
            std::thread::yield_now();
        }
        assert!(!waiting.is_finished(), "60 + 60 does not fit in 100");
        drop(first);
        assert_eq!(waiting.join().expect("joins"), 60);
        assert_eq!(queue.used(), 0);
        // A document larger than the limit goes through alone, or with the queue
        // at most half full.
        let huge = queue.ticket(500);
        assert_eq!(queue.used(), 500);
        drop(huge);
        let small = queue.ticket(40);
        let huge = queue.ticket(500);
        assert_eq!(queue.used(), 540);
        drop((small, huge));
    }
}
