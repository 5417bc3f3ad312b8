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
    pub(super) not_met: &'static Reason,
    /// The reason, and the severity, of an absent value.
    pub(super) absent: &'static Reason,
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

pub(super) fn donor_eligibility(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    let rule = RuleId::QualityDonorEligibility;
    if !rule.holds_on(p.on) {
        f.not_applicable(&reasons::R_21_CFR_1271_SUBPART_C)
            .add(Fact::date("evaluated_on", p.on).as_limit());
        return;
    }
    let donor = p.product.donor;
    if let Some(d) = donor {
        if d.is_autologous() {
            f.not_applicable(&reasons::PATIENT_S_OWN_CELLS_DONOR)
                .add(Fact::code("donor", d.code()));
            return;
        }
        if d == Donor::Xenogeneic {
            f.not_applicable(&reasons::CELLS_FROM_ANIMAL_DONOR_ELIGIBILITY)
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
            not_met: &reasons::DONOR_ELIGIBILITY_DETERMINATION_WAS_MADE,
            absent: &reasons::WHETHER_DONOR_ELIGIBILITY_DETERMINATION_WAS,
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
            not_met: &reasons::ASEPTIC_PROCESS_LOT_WAS_MADE,
            absent: &reasons::PROCESS_NOT_STATED,
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
            not_met: &reasons::RESEARCH_GRADE_NON_STERILE_REAGENT,
            absent: &reasons::STATED_GRADE_REAGENTS_DOES_APPEAR,
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
            not_met: &reasons::POSITIVE_STERILITY_RESULT_WAS_THOROUGHLY,
            absent: &reasons::PROCESS_NOT_STATED,
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
            not_met: &reasons::LOT_S_EXPIRY_DATE_EXTENSION,
            absent: &reasons::PROCESS_NOT_STATED,
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
            not_met: &reasons::LOT_WAS_DISTRIBUTED_BEFORE_RELEASE,
            absent: &reasons::STATED_RELEASE_RESULTS_RECORD_GIVES,
            absent_severity: Severity::Info,
        },
    );
}
