//! The offer's condition, and what it claims against what was measured.

use super::*;

/// The offer's condition as a fact: a listed indication by its code, one outside the list by
/// its wording and code.
pub(super) fn indication_fact(offer: &ClinicOffer) -> Fact {
    match &offer.indication {
        crate::StatedIndication::Listed(i) => Fact::code("indication", i.code()),
        crate::StatedIndication::Unlisted(c) => {
            owned("indication", format!("{} ({})", c.text, c.coding))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Claimed against measured content
// ---------------------------------------------------------------------------------------------

/// What the independent tests of the product show against the clinic's statements: each field
/// is a contradiction one of them found.
#[derive(Clone, Copy, Default)]
pub(super) struct Measured {
    /// A test found bacteria or fungi.
    pub(super) contamination: bool,
    /// A test looked for MSC-like cells in a product meant to hold living cells, and found
    /// none.
    pub(super) no_msc: bool,
    /// The smallest live cell count a test measured, below the policy's minimum.
    pub(super) whiff: Option<f64>,
    /// The smallest live cell count a test measured, below the policy's share of the count the
    /// clinic states.
    pub(super) short: Option<f64>,
}

impl Measured {
    pub(super) fn of(offer: &ClinicOffer, policy: &OfferPolicy) -> Self {
        // A product not meant to hold living cells (exosomes, conditioned medium) is not
        // contradicted by a test that finds no cells in it.
        let live = offer
            .product
            .preparation
            .is_none_or(|p| p.info().live_cells);
        let stated = offer
            .disclosures
            .live_nucleated_cells
            .map(CellCount::as_f64);
        let share = policy.measured_count_min_share.get() / 100.0;
        let min = policy.min_live_cells.as_f64();
        let mut m = Self::default();
        let lower = |slot: &mut Option<f64>, v: f64| {
            if slot.is_none_or(|old| v < old) {
                *slot = Some(v);
            }
        };
        for t in &offer.content_tests {
            m.contamination |= t.contamination_found == Some(true);
            m.no_msc |= live && t.msc_found == Some(false);
            if let (true, Some(count)) = (live, t.live_nucleated_cells) {
                let v = count.as_f64();
                if v < min {
                    lower(&mut m.whiff, v);
                }
                if stated.is_some_and(|s| v < s * share) {
                    lower(&mut m.short, v);
                }
            }
        }
        m
    }

    /// A test contradicts the live cell count the clinic states.
    pub(super) const fn contradicts_count(self) -> bool {
        self.no_msc || self.whiff.is_some() || self.short.is_some()
    }
}

pub(super) fn content_test(
    offer: &ClinicOffer,
    policy: &OfferPolicy,
    m: Measured,
    c: &mut Collector,
) {
    let rule = RuleId::OfferContentTest;
    let path = "content_tests";
    if offer.content_tests.is_empty() {
        c.file(Group::Note, rule, Outcome::NotApplicable)
            .point_at(path)
            .why(&reasons::TEST_PRODUCT_SOMEONE_OTHER_THAN);
        return;
    }
    let (group, outcome, reason): (Group, Outcome, &'static Reason) = if m.contamination {
        (
            Group::WalkAway,
            Outcome::NotMet,
            &reasons::INDEPENDENT_TEST_FOUND_BACTERIA_FUNGI,
        )
    } else if m.no_msc {
        (
            Group::WalkAway,
            Outcome::NotMet,
            &reasons::INDEPENDENT_TEST_LOOKED_MSC_LIKE,
        )
    } else if m.whiff.is_some() {
        (
            Group::WalkAway,
            Outcome::NotMet,
            &reasons::INDEPENDENT_TEST_COUNTED_FEWER_THAN,
        )
    } else if m.short.is_some() {
        (
            Group::WalkAway,
            Outcome::NotMet,
            &reasons::INDEPENDENT_TEST_COUNTED_FAR_FEWER,
        )
    } else {
        (
            Group::Note,
            Outcome::Met,
            &reasons::INDEPENDENT_TESTS_RECORDED_DO_CONTRADICT,
        )
    };
    let f = c.file(group, rule, outcome).point_at(path).why(reason);
    for t in &offer.content_tests {
        f.add(owned(
            "content_tests.tested_by",
            t.tested_by.as_str().to_owned(),
        ))
        .add_opt(
            t.msc_found
                .map(|found| Fact::flag("content_tests.msc_found", found)),
        )
        .add_opt(
            t.contamination_found
                .map(|found| Fact::flag("content_tests.contamination_found", found)),
        )
        .add_opt(t.live_nucleated_cells.map(|count| {
            Fact::number("content_tests.live_nucleated_cells", count.as_f64()).with_unit("cells")
        }))
        .add_opt(
            t.finding
                .as_ref()
                .map(|finding| owned("content_tests.finding", finding.as_str().to_owned())),
        );
    }
    if m.whiff.is_some() || m.short.is_some() {
        f.add_opt(offer.disclosures.live_nucleated_cells.map(|stated| {
            Fact::number("disclosures.live_nucleated_cells", stated.as_f64()).with_unit("cells")
        }))
        .add(
            Fact::number("policy.min_live_cells", policy.min_live_cells.as_f64())
                .with_unit("cells")
                .as_limit(),
        )
        .add(
            Fact::number(
                "policy.measured_count_min_share",
                policy.measured_count_min_share.get(),
            )
            .with_unit("%")
            .as_limit(),
        );
    }
    if m.short.is_some() {
        f.add(
            Fact::code_list(
                "contradicts",
                ["disclosures.live_nucleated_cells", "content_tests"],
            )
            .as_derived(),
        );
    }
}
