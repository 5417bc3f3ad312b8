//! Rules on manufacturing and release compliance (21 CFR 210/211 and 1271).

use super::*;

/// One stated manufacturing fact, judged: the value that fails the lot fails it (blocking), the
/// other meets the rule, and an absent one is undetermined at `absent_severity` with the fact
/// listed as missing.
pub(super) struct ManufacturingFact {
    /// The dotted input path.
    pub(super) path: &'static str,
    /// The value, if stated.
    pub(super) value: Option<bool>,
    /// The value that fails the lot.
    pub(super) failing: bool,
    /// The reason of a stated failing value.
    pub(super) not_met: &'static str,
    /// The reason, and the severity, of an absent value.
    pub(super) absent: &'static str,
    pub(super) absent_severity: Severity,
}

pub(super) fn manufacturing<'a>(p: &Profile<'a>) -> Option<&'a crate::Manufacturing> {
    p.product.manufacturing.as_ref()
}

pub(super) fn judge_manufacturing_fact(f: &mut Finding, fact: &ManufacturingFact) {
    f.point_at(fact.path);
    match fact.value {
        Some(v) if v == fact.failing => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why(fact.not_met)
                .add(Fact::flag(fact.path, v));
        }
        Some(v) => {
            f.add(Fact::flag(fact.path, v));
        }
        None => {
            f.judge(Outcome::Undetermined, fact.absent_severity)
                .why(fact.absent)
                .lack(fact.path);
        }
    }
}

/// The reason of the establishment's process facts when they are not stated.
pub(super) const PROCESS_NOT_STATED: &str = "not stated: it concerns the establishment's process, not a result of the lot, and is judged when stated";

pub(super) fn donor_eligibility(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    let rule = RuleId::QualityDonorEligibility;
    if !rule.holds_on(p.on) {
        f.not_applicable("21 CFR 1271 subpart C, and with it the donor-eligibility determination, applies from 25 May 2005")
            .add(Fact::date("evaluated_on", p.on).as_limit());
        return;
    }
    let donor = p.product.donor;
    if let Some(d) = donor {
        if d.is_autologous() {
            f.not_applicable("the patient's own cells: no donor-eligibility determination is required for autologous use (21 CFR 1271.90(a)(1))")
                .add(Fact::code("donor", d.code()));
            return;
        }
        if d == Donor::Xenogeneic {
            f.not_applicable("cells from an animal: the donor-eligibility rules of 21 CFR 1271 subpart C concern human donors")
                .add(Fact::code("donor", d.code()));
            return;
        }
    }
    judge_manufacturing_fact(
        f,
        &ManufacturingFact {
            path: "manufacturing.donor_eligibility_determined",
            value: manufacturing(p).and_then(|m| m.donor_eligibility_determined),
            failing: false,
            not_met: "no donor-eligibility determination was made for the donor of the lot's cells: the lot may not be made available for distribution (21 CFR 1271.265(c)(2)) and stays in quarantine (21 CFR 1271.60)",
            absent: "whether a donor-eligibility determination was made for the donor of the lot's cells is not stated: a lot from another person's cells may not be distributed without one (21 CFR 1271.265(c)(2)); a certificate of analysis rarely states it, so ask for the summary of records that must accompany the lot (21 CFR 1271.55)",
            // A condition of distributing the lot, not one of its test results: a warning that
            // asks, not a verdict that waits (a lot table that omits it still shows the lot's
            // results).
            absent_severity: Severity::Warning,
        },
    );
    match donor {
        Some(d) => {
            f.add(Fact::code("donor", d.code()));
        }
        None if f.outcome == Outcome::Undetermined => {
            // The patient's own cells need no determination: the donor, stated, may settle it.
            f.lack("donor");
        }
        None => {}
    }
}

pub(super) fn aseptic_validation(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    judge_manufacturing_fact(
        f,
        &ManufacturingFact {
            path: "manufacturing.aseptic_process_validated",
            value: manufacturing(p).and_then(|m| m.aseptic_process_validated),
            failing: false,
            not_met: "the aseptic process the lot was made by is not validated: living cells cannot be sterilised at the end, so nothing shows the lot sterile beyond the units tested (21 CFR 211.113(b))",
            absent: PROCESS_NOT_STATED,
            absent_severity: Severity::Info,
        },
    );
}

pub(super) fn reagent_grade(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    judge_manufacturing_fact(
        f,
        &ManufacturingFact {
            path: "manufacturing.research_grade_reagents_used",
            value: manufacturing(p).and_then(|m| m.research_grade_reagents_used),
            failing: true,
            not_met: "a research-grade or non-sterile reagent went into the lot: it is not made or tested for use in people (21 CFR 211.84(d); 21 CFR 1271.210)",
            absent: "not stated: the grade of the reagents does not appear in a release record, and is judged when stated",
            absent_severity: Severity::Info,
        },
    );
}

pub(super) fn sterility_investigation(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    judge_manufacturing_fact(
        f,
        &ManufacturingFact {
            path: "manufacturing.sterility_failures_investigated",
            value: manufacturing(p).and_then(|m| m.sterility_failures_investigated),
            failing: false,
            not_met: "a positive sterility result was not thoroughly investigated: its cause, and the other lots it may touch, are unknown (21 CFR 211.192)",
            absent: PROCESS_NOT_STATED,
            absent_severity: Severity::Info,
        },
    );
    f.add_opt(
        p.release
            .and_then(|r| r.sterility)
            .map(|o| Fact::code("release.sterility", o.code())),
    );
}

pub(super) fn expiry_dating(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    judge_manufacturing_fact(
        f,
        &ManufacturingFact {
            path: "manufacturing.expiry_supported_by_stability_data",
            value: manufacturing(p).and_then(|m| m.expiry_supported_by_stability_data),
            failing: false,
            not_met: "the lot's expiry date, or its extension, is not supported by stability data: nothing shows the lot still meets its specification until that day (21 CFR 211.137(a), 211.166(a))",
            absent: PROCESS_NOT_STATED,
            absent_severity: Severity::Info,
        },
    );
}

pub(super) fn release_before_results(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    judge_manufacturing_fact(
        f,
        &ManufacturingFact {
            path: "manufacturing.distributed_before_release_results",
            value: manufacturing(p).and_then(|m| m.distributed_before_release_results),
            failing: true,
            not_met: "the lot was distributed before its release results were in and met specification: it reached patients unproven (21 CFR 211.165(a); 21 CFR 610.1; 21 CFR 1271.265(c))",
            absent: "not stated: the release results the record gives are judged by their own rules (a result pending at release already blocks), and when the lot left is judged when stated",
            absent_severity: Severity::Info,
        },
    );
}
