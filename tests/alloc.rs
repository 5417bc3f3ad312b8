//! Heap allocations of the crate's two main paths, counted with a counting global allocator.
//!
//! Speed is measured with criterion (`benches/`), never with timed tests; the number of heap
//! allocations, unlike time, is exact and the same on every machine, so it is asserted here.
//! An allocation is a call to `alloc` or `realloc`; the counts include building the result
//! (the product is parsed beforehand, outside the counted region). The bounds are the counts of
//! the current code on the bundled samples, so that a change that adds allocations fails here;
//! version 0.1.0 made 64–84 (`assess_product`) and 60–99 (`evaluate_offer`) with engines that
//! did far less (see `BENCHMARKS.md`).

use msc_therapy::engine::quality::QualityPolicy;
use msc_therapy::{ClinicOffer, Product, assess_product_with, evaluate_offer};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

#[path = "common/samples.rs"]
mod samples;

use samples::{OFFERS, PRODUCTS};

/// The system allocator, counting the `alloc` and `realloc` calls **of the thread that asked
/// for a count**: the test harness's own threads allocate at times of their choosing (more on a
/// loaded machine), and a process-wide counter once counted four of theirs.
struct ThreadCounting;

thread_local! {
    /// `Some(n)`: this thread is counting, `n` calls so far.
    static COUNT: Cell<Option<usize>> = const { Cell::new(None) };
}

fn count_one() {
    // `try_with`: the thread-local may be gone while a thread exits.
    let _ = COUNT.try_with(|c| {
        if let Some(n) = c.get() {
            c.set(Some(n + 1));
        }
    });
}

// SAFETY: every call is forwarded unchanged to `System`; the counter is a const-initialised
// thread-local `Cell`, which neither allocates nor re-enters the allocator.
unsafe impl GlobalAlloc for ThreadCounting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: ThreadCounting = ThreadCounting;

/// Allocations (`alloc` + `realloc` calls) made by this thread while `f` runs, the result's drop
/// excluded.
fn allocations<T>(f: impl FnOnce() -> T) -> usize {
    COUNT.with(|c| c.set(Some(0)));
    let result = black_box(f());
    let count = COUNT.with(|c| c.replace(None)).unwrap_or(0);
    drop(result);
    count
}

/// One test for both paths: the counter is global, and a second test running beside this one
/// (or the harness reporting it) would add its allocations to the counts.
#[test]
fn assess_product_and_evaluate_offer_allocate_little() {
    let mut over = Vec::new();
    let policy = QualityPolicy::default();
    for (name, json) in PRODUCTS {
        let product = Product::from_json(json).expect("bundled sample parses");
        let count =
            allocations(|| assess_product_with(black_box(&product), black_box(&policy), ON));
        eprintln!("assess_product/{name}: {count} allocations");
        if count > ASSESS_PRODUCT_BOUND {
            over.push(format!(
                "assess_product/{name}: {count} > {ASSESS_PRODUCT_BOUND}"
            ));
        }
    }
    for (name, json) in OFFERS {
        let offer = ClinicOffer::from_json(json).expect("bundled offer parses");
        let count = allocations(|| evaluate_offer(black_box(&offer), ON));
        eprintln!("evaluate_offer/{name}: {count} allocations");
        if count > EVALUATE_OFFER_BOUND {
            over.push(format!(
                "evaluate_offer/{name}: {count} > {EVALUATE_OFFER_BOUND}"
            ));
        }
    }
    assert!(over.is_empty(), "{over:#?}");
}

/// The most allocations `assess_product` may make on a bundled sample: 19 (cultured marrow: its
/// certificate's dates and the evaluation date are written as facts, one string each; the
/// endotoxin finding names the limit it used, `limit.source`, one fact more than its inline
/// room — issue #18).
const ASSESS_PRODUCT_BOUND: usize = 19;
/// The most allocations `evaluate_offer` may make on a bundled offer: 24 (ryoncil_on_label, whose
/// certificate is checked against the evaluation date); much of what the checklist itself makes
/// are the quality and US engines it runs.
/// (25 since the endotoxin finding names its limit, issue #18.)
const EVALUATE_OFFER_BOUND: usize = 25;

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
