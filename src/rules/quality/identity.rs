//! Rules on identity: the ISCT 2006 minimal criteria (markers, plastic adherence, trilineage).

use super::*;

/// The dotted input path of a marker's result.
pub(super) const fn marker_path(marker: SurfaceMarker) -> &'static str {
    match marker {
        SurfaceMarker::Cd73 => "release.identity.markers.cd73",
        SurfaceMarker::Cd90 => "release.identity.markers.cd90",
        SurfaceMarker::Cd105 => "release.identity.markers.cd105",
        SurfaceMarker::Cd45 => "release.identity.markers.cd45",
        SurfaceMarker::Cd34 => "release.identity.markers.cd34",
        SurfaceMarker::Cd14 => "release.identity.markers.cd14",
        SurfaceMarker::Cd11b => "release.identity.markers.cd11b",
        SurfaceMarker::Cd79a => "release.identity.markers.cd79a",
        SurfaceMarker::Cd19 => "release.identity.markers.cd19",
        SurfaceMarker::HlaDr => "release.identity.markers.hla_dr",
        SurfaceMarker::Cd29 => "release.identity.markers.cd29",
        SurfaceMarker::Cd44 => "release.identity.markers.cd44",
        SurfaceMarker::Cd31 => "release.identity.markers.cd31",
    }
}

/// What a missing "or" pair is called in `missing`.
pub(super) const fn pair_path(marker: SurfaceMarker) -> &'static str {
    match marker {
        SurfaceMarker::Cd14 | SurfaceMarker::Cd11b => {
            "release.identity.markers.cd14 or release.identity.markers.cd11b"
        }
        SurfaceMarker::Cd79a | SurfaceMarker::Cd19 => {
            "release.identity.markers.cd79a or release.identity.markers.cd19"
        }
        other @ (SurfaceMarker::Cd73
        | SurfaceMarker::Cd90
        | SurfaceMarker::Cd105
        | SurfaceMarker::Cd45
        | SurfaceMarker::Cd34
        | SurfaceMarker::HlaDr
        | SurfaceMarker::Cd29
        | SurfaceMarker::Cd44
        | SurfaceMarker::Cd31) => marker_path(other),
    }
}

/// Whether identity rules apply, and how much a failure matters. The scope follows from what
/// the product is (live cells, culture-expanded, called MSCs), never from whether a panel was
/// reported: otherwise leaving a panel out would take a product out of the rules.
pub(super) fn identity_scope(p: &Profile<'_>) -> Result<Severity, &'static Reason> {
    if !p.live {
        return Err(&reasons::CELL_FREE);
    }
    match p.expansion {
        Expansion::Yes | Expansion::Unknown => Ok(Severity::Blocking),
        Expansion::No if p.called_msc => Ok(Severity::Warning),
        Expansion::No => Err(&reasons::PRODUCT_NEITHER_CULTURE_EXPANDED_NOR),
    }
}

/// Checks the markers of one ISCT expectation, in the order of [`SurfaceMarker::ALL`]: calls
/// `measured` with each result given, and returns the outcome and the missing markers (an "or"
/// pair counts once, and not at all when its other marker was measured).
pub(super) fn check_markers(
    p: &Profile<'_>,
    expectation: crate::MarkerExpectation,
    passes: impl Fn(f64) -> bool,
    mut measured: impl FnMut(SurfaceMarker, f64),
) -> (Outcome, PathList) {
    let markers = p
        .release
        .and_then(|r| r.identity.as_ref())
        .map(|i| &i.markers);
    let value = |m: SurfaceMarker| markers.and_then(|ms| ms.get(&m)).map(|v| v.get());
    let mut missing = PathList::new();
    let mut failed = false;
    for &marker in SurfaceMarker::ALL {
        let info = marker.info();
        if info.expectation != expectation {
            continue;
        }
        match value(marker) {
            Some(v) => {
                measured(marker, v);
                failed |= !passes(v);
            }
            None => {
                let alternative_measured = info.alternative.and_then(value).is_some();
                let path = pair_path(marker);
                if !alternative_measured && !missing.contains(&path) {
                    missing.push(path);
                }
            }
        }
    }
    let outcome = if failed {
        Outcome::NotMet
    } else if missing.is_empty() {
        Outcome::Met
    } else {
        Outcome::Undetermined
    };
    (outcome, missing)
}

pub(super) fn marker_finding(
    p: &Profile<'_>,
    f: &mut Finding,
    expectation: crate::MarkerExpectation,
    limit: Fact,
    passes: impl Fn(f64) -> bool,
) {
    let severity = match identity_scope(p) {
        Ok(s) => s,
        Err(reason) => {
            f.not_applicable(reason);
            return;
        }
    };
    // The facts go straight into the finding as the markers are read; the outcome follows.
    let (outcome, missing) = check_markers(p, expectation, passes, |marker, value| {
        f.facts.push(percent_fact(marker_path(marker), value));
    });
    let measured_none = f.facts.is_empty();
    match outcome {
        Outcome::Met => {}
        Outcome::NotMet => {
            f.judge(outcome, severity)
                .why(&reasons::MARKER_LIES_OUTSIDE_ISCT_LIMIT);
        }
        Outcome::Undetermined | Outcome::NotApplicable if p.called_msc && measured_none => {
            f.judge(outcome, severity)
                .why(&reasons::PRODUCT_CALLED_MESENCHYMAL_STEM_STROMAL);
        }
        Outcome::Undetermined | Outcome::NotApplicable => {
            f.judge(outcome, severity)
                .why(&reasons::EVERY_ISCT_MARKER_WAS_MEASURED);
        }
    }
    f.point_at("release.identity.markers").add(limit);
    if outcome != Outcome::NotMet {
        f.lack_all(&missing);
    }
}

pub(super) fn positive_markers(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    let min = policy.positive_marker_min_percent.get();
    marker_finding(
        p,
        f,
        crate::MarkerExpectation::Positive,
        percent_fact("policy.positive_marker_min_percent", min).as_limit(),
        |v| v >= min,
    );
}

pub(super) fn negative_markers(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    let max = policy.negative_marker_max_percent.get();
    marker_finding(
        p,
        f,
        crate::MarkerExpectation::Negative,
        percent_fact("policy.negative_marker_max_percent", max).as_limit(),
        |v| v <= max,
    );
}

pub(super) fn reported_property(
    p: &Profile<'_>,
    f: &mut Finding,
    path: &'static str,
    value: Option<bool>,
    failure: &'static Reason,
) {
    let severity = match identity_scope(p) {
        Ok(s) => s,
        Err(reason) => {
            f.not_applicable(reason);
            return;
        }
    };
    match value {
        Some(true) => {
            f.add(Fact::flag(path, true));
        }
        Some(false) => {
            f.judge(Outcome::NotMet, severity)
                .why(failure)
                .add(Fact::flag(path, false));
        }
        None => {
            f.judge(Outcome::Undetermined, Severity::Info)
                .why(&reasons::REPORTED_CHECKED_ONLY_WHEN_REPORTED)
                .lack(path);
        }
    }
    f.point_at(path);
}

pub(super) fn plastic_adherence(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    reported_property(
        p,
        f,
        "release.identity.plastic_adherent",
        p.release
            .and_then(|r| r.identity.as_ref())
            .and_then(|i| i.plastic_adherent),
        &reasons::CELLS_DO_ADHERE_PLASTIC_WHICH,
    );
}

pub(super) fn trilineage(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    reported_property(
        p,
        f,
        "release.identity.trilineage_differentiation",
        p.release
            .and_then(|r| r.identity.as_ref())
            .and_then(|i| i.trilineage_differentiation),
        &reasons::CELLS_DID_DIFFERENTIATE_INTO_BONE,
    );
}
