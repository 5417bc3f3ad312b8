//! Rules on the safety release tests: sterility, mycoplasma, endotoxin.

use super::*;

/// Whether a safety release result may be absent without blocking: a same-day autologous
/// preparation at the bedside. No lot is released — the cells are given within the procedure,
/// and a culture would report only after they are — and the law asks no release test of it
/// (21 CFR 610.12 concerns lots of licensed biological products). The facts that make it so
/// must be stated: the patient's own cells, prepared at the point of care, not cultured, not
/// cryopreserved, and shown to be same-day (the same surgical procedure, or a fresh product).
pub(super) fn release_tests_optional(p: &Profile<'_>) -> bool {
    let same_day = p
        .product
        .processing
        .as_ref()
        .and_then(|x| x.same_surgical_procedure)
        == Some(true)
        || p.state == Some(ProductState::Fresh);
    p.bedside_autologous && same_day && p.state != Some(ProductState::Cryopreserved)
}

/// The reasons the safety rules give, by test and case.
pub(super) struct TestText {
    /// The fact naming a stated "not performed" and its reason.
    pub(super) not_performed_fact: &'static str,
    /// A lot whose test was stated as not performed.
    pub(super) lot_not_performed: &'static Reason,
    /// A same-day bedside preparation whose result is not shown, for a test judged on one.
    pub(super) bedside: Option<BedsideText>,
    /// A result stated together with "not performed".
    pub(super) contradiction: &'static Reason,
}

/// The reasons for a same-day bedside preparation whose result is not shown.
#[derive(Clone, Copy)]
pub(super) struct BedsideText {
    /// The test was stated as not performed.
    pub(super) not_performed: &'static Reason,
    /// No result.
    pub(super) absent: &'static Reason,
    /// The test had not finished.
    pub(super) pending: Option<&'static Reason>,
}

pub(super) const fn test_text(test: ReleaseTest) -> TestText {
    match test {
        ReleaseTest::Mycoplasma => TestText {
            not_performed_fact: "release.not_performed.mycoplasma",
            lot_not_performed: &reasons::RECORD_STATES_MYCOPLASMA_TESTING_WAS,
            // Never judged on a bedside preparation: one is not cultured
            // (`Profile::bedside_autologous`), and mycoplasma is judged only for cells that may
            // have been (`mycoplasma` below).
            bedside: None,
            contradiction: &reasons::RECORD_STATES_MYCOPLASMA_RESULT_ALSO,
        },
        ReleaseTest::Endotoxin => TestText {
            not_performed_fact: "release.not_performed.endotoxin",
            lot_not_performed: &reasons::RECORD_STATES_ENDOTOXIN_TESTING_WAS,
            bedside: Some(BedsideText {
                not_performed: &reasons::ENDOTOXIN_TESTING_WAS_PERFORMED_SAME,
                absent: &reasons::ENDOTOXIN_RESULT_REPORTED_SAME_DAY,
                // The endotoxin result is a figure: it is stated or not, never pending.
                pending: None,
            }),
            contradiction: &reasons::RECORD_STATES_ENDOTOXIN_RESULT_ALSO,
        },
        ReleaseTest::Sterility => TestText {
            not_performed_fact: "release.not_performed.sterility",
            lot_not_performed: &reasons::RECORD_STATES_STERILITY_TESTING_WAS,
            bedside: Some(BedsideText {
                not_performed: &reasons::STERILITY_TESTING_WAS_PERFORMED_SAME,
                absent: &reasons::STERILITY_RESULT_REPORTED_SAME_DAY,
                pending: Some(&reasons::STERILITY_CULTURE_HAD_FINISHED_WHEN),
            }),
            contradiction: &reasons::RECORD_STATES_STERILITY_RESULT_ALSO,
        },
    }
}

/// A stated "not performed" for `test`, with its reason.
pub(super) fn not_performed(p: &Profile<'_>, test: ReleaseTest) -> Option<NotPerformedReason> {
    p.release.and_then(|r| r.not_performed.get(&test)).copied()
}

/// Judges a result that is not shown (absent, pending or not performed): blocking for a lot,
/// a warning saying what was not shown for a same-day bedside preparation, whose release tests
/// the law does not require (so the warning rests on the crate's reading of that law).
pub(super) fn not_shown(
    p: &Profile<'_>,
    f: &mut Finding,
    test: ReleaseTest,
    outcome: Option<TestOutcome>,
    lot_reason: &'static Reason,
) {
    let text = test_text(test);
    let reason = not_performed(p, test);
    if let Some(bedside) = text.bedside.filter(|_| release_tests_optional(p)) {
        let why = match (outcome, reason) {
            (Some(TestOutcome::Pending), _) => bedside.pending.unwrap_or(bedside.absent),
            (_, Some(_)) => bedside.not_performed,
            (Some(TestOutcome::Negative | TestOutcome::Positive) | None, None) => bedside.absent,
        };
        f.judge(Outcome::Undetermined, Severity::Warning).why(why);
        f.rest_on(crate::Basis::CrateReading);
    } else {
        let why = if reason.is_some() && outcome.is_none() {
            text.lot_not_performed
        } else {
            lot_reason
        };
        f.judge(Outcome::Undetermined, Severity::Blocking).why(why);
    }
    f.add_opt(reason.map(|r| Fact::code(text.not_performed_fact, r.code())));
}

pub(super) fn test_outcome(
    p: &Profile<'_>,
    f: &mut Finding,
    test: ReleaseTest,
    outcome: Option<TestOutcome>,
) {
    let path = test.info().result_path;
    let reason = not_performed(p, test);
    match (outcome, reason) {
        // A stated failing value fails, whatever else the record says.
        (Some(TestOutcome::Positive), _) => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why(&reasons::CONTAMINATION_WAS_DETECTED);
        }
        (Some(_), Some(r)) => {
            f.judge(Outcome::Undetermined, Severity::Blocking)
                .why(test_text(test).contradiction)
                .add(Fact::code(test_text(test).not_performed_fact, r.code()));
        }
        (Some(TestOutcome::Negative), None) => {}
        (Some(_), None) => not_shown(p, f, test, outcome, &reasons::TEST_HAD_FINISHED_RELEASE),
        (None, _) => {
            not_shown(p, f, test, outcome, &reasons::RESULT_REPORTED);
            f.lack(path);
        }
    }
    f.point_at(path)
        .add_opt(outcome.map(|o| Fact::code(path, o.code())));
}

pub(super) fn sterility(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    test_outcome(
        p,
        f,
        ReleaseTest::Sterility,
        p.release.and_then(|r| r.sterility),
    );
}

pub(super) fn mycoplasma(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    let result = p.release.and_then(|r| r.mycoplasma);
    // Whether the cells were cultured decides whether the test is a release criterion, never
    // whether a result was reported: culture unknown is judged as culture (fail closed).
    if p.expansion == Expansion::No {
        f.not_applicable(&reasons::CELLS_WERE_GROWN_CULTURE_WHERE)
            .add_opt(result.map(|o| Fact::code("release.mycoplasma", o.code())));
        return;
    }
    test_outcome(p, f, ReleaseTest::Mycoplasma, result);
}

/// The code of the fact that names the endotoxin limit a finding used.
pub(super) const LIMIT_SOURCE: &str = "limit.source";

pub(super) fn endotoxin(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    let measured = p
        .release
        .and_then(|r| r.endotoxin_eu_per_ml)
        .map(EndotoxinEuPerMl::get);
    let spec = p
        .release
        .and_then(|r| r.endotoxin_limit_eu_per_ml)
        .map(EndotoxinEuPerMl::get);
    let route = p.route();
    if let Some(route) = route {
        if route.info().endotoxin_k_eu_per_kg.is_none() {
            f.not_applicable(&reasons::USP_85_SETS_ENDOTOXIN_CONSTANT)
                .add(Fact::code("delivery.route", route.code()));
            return;
        }
    }
    if let Some(m) = measured {
        f.add(Fact::number("release.endotoxin_eu_per_ml", m).with_unit("EU/mL"));
    }
    if let Some(route) = route {
        f.add(Fact::code("delivery.route", route.code()));
    }
    // The facts that K/M still needs.
    let mut missing = PathList::new();
    // USP <85>: limit = K / M, M = dose volume per kg in one hour (whole dose within the hour).
    let k = route.and_then(|r| r.info().endotoxin_k_eu_per_kg);
    let volume = p.product.dose.and_then(|d| d.volume_ml).map(|v| v.get());
    let weight = p.weight_kg();
    let usp_limit = match (k, volume, weight) {
        (Some(k), Some(volume), Some(weight)) => {
            let m = volume / weight;
            let limit = k / m;
            f.add(Fact::number("usp85.k", k).with_unit("EU/kg").as_limit())
                .add(Fact::number("dose.volume_ml", volume).with_unit("mL"))
                .add(Fact::number("recipient.weight_kg", weight).with_unit("kg"))
                .add(
                    Fact::number("derived.usp85.m", m)
                        .with_unit("mL/kg/h")
                        .as_derived(),
                )
                .add(
                    Fact::number("derived.endotoxin_limit_eu_per_ml", limit)
                        .with_unit("EU/mL")
                        .as_derived(),
                );
            Some(limit)
        }
        _ => {
            if route.is_none() {
                missing.push("delivery.route");
            }
            if volume.is_none() {
                missing.push("dose.volume_ml");
            }
            if weight.is_none() {
                missing.push("recipient.weight_kg");
            }
            None
        }
    };
    if let Some(spec) = spec {
        f.add(
            Fact::number("release.endotoxin_limit_eu_per_ml", spec)
                .with_unit("EU/mL")
                .as_limit(),
        );
    }
    // The limit the result is held to: the pharmacopoeia's K/M is the default; the product's
    // own specification, stated, tightens it. Absent, it is not missing: the default applies.
    let (limit, source) = match (usp_limit, spec) {
        (Some(usp), Some(spec)) if spec < usp => (Some(spec), "product_specification"),
        (Some(usp), _) => (Some(usp), "usp_85"),
        // K/M unknown: the specification can fail a result, never pass it.
        (None, Some(spec)) => (Some(spec), "product_specification"),
        (None, None) => (None, ""),
    };
    let stated_not_performed = not_performed(p, ReleaseTest::Endotoxin);
    f.point_at("release.endotoxin_eu_per_ml");
    match (measured, limit) {
        (Some(m), Some(limit)) if m > limit => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why(if source == "usp_85" {
                    &reasons::ENDOTOXIN_EXCEEDS_USP_85_LIMIT
                } else {
                    &reasons::ENDOTOXIN_EXCEEDS_PRODUCT_S_OWN
                })
                .add(Fact::code(LIMIT_SOURCE, source));
        }
        (Some(_), _) if stated_not_performed.is_some() => {
            let text = test_text(ReleaseTest::Endotoxin);
            f.judge(Outcome::Undetermined, Severity::Blocking)
                .why(text.contradiction)
                .add_opt(
                    stated_not_performed.map(|r| Fact::code(text.not_performed_fact, r.code())),
                );
        }
        // A stated result that could still fail is judged even where the test is optional
        // (a bedside preparation): leaving the volume or the weight out must not read better
        // than the failure they might show.
        (Some(_), _) if usp_limit.is_none() => {
            f.judge(Outcome::Undetermined, Severity::Blocking)
                .why(if spec.is_some() {
                    &reasons::RESULT_MEETS_PRODUCT_S_OWN
                } else {
                    &reasons::USP_85_LIMIT_K_M
                })
                .lack_all(&missing);
        }
        (Some(_), _) => {
            f.why(if source == "usp_85" && spec.is_none() {
                &reasons::WITHIN_USP_85_LIMIT_K_2
            } else if source == "usp_85" {
                &reasons::WITHIN_USP_85_LIMIT_K
            } else {
                &reasons::WITHIN_PRODUCT_S_OWN_SPECIFICATION
            })
            .add(Fact::code(LIMIT_SOURCE, source));
        }
        (None, _) => {
            not_shown(
                p,
                f,
                ReleaseTest::Endotoxin,
                None,
                &reasons::ENDOTOXIN_RESULT_REPORTED,
            );
            f.lack("release.endotoxin_eu_per_ml").lack_all(&missing);
        }
    }
}
