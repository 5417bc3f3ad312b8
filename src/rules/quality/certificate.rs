//! Rules on the certificate of analysis: present, consistent with the release data, complete.

use super::*;

pub(super) fn coa_required(p: &Profile<'_>, policy: &QualityPolicy) -> bool {
    let rule = &policy.require_coa_for;
    let by_supply = p.product.supply.is_none_or(|s| rule.supply.contains(&s));
    let by_donor = rule.non_autologous && p.product.donor.is_none_or(|d| !d.is_autologous());
    let by_expansion = rule.culture_expanded && p.expansion != Expansion::No;
    by_supply || by_donor || by_expansion
}

/// A fact whose text is the product's own (a lot number, a date): copied, as a fact's text is
/// `'static` or owned.
pub(super) fn owned_text(name: &'static str, text: &str) -> Fact {
    Fact::new(name, crate::FactValue::Text(Cow::Owned(text.to_owned())))
}

pub(super) fn certificate_present(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    if !coa_required(p, policy) {
        f.not_applicable(&reasons::POLICY_DOES_REQUIRE_CERTIFICATE_SUPPLY);
        return;
    }
    let certificate = p.release.and_then(|r| r.certificate.as_ref());
    let issued = p.release.and_then(|r| r.certificate_issued);
    match (certificate, issued) {
        (Some(_), Some(false)) => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why(&reasons::RECORD_GIVES_CERTIFICATE_ANALYSIS_ALSO)
                .add(Fact::flag("release.certificate_issued", false));
        }
        (Some(c), _) => {
            f.add(owned_text("release.certificate.lot", c.lot.as_str()));
        }
        (None, Some(false)) => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why(&reasons::CERTIFICATE_ANALYSIS_WAS_ISSUED_PRODUCT)
                .add(Fact::flag("release.certificate_issued", false));
        }
        (None, _) => {
            f.judge(Outcome::Undetermined, Severity::Blocking)
                .why(&reasons::CERTIFICATE_ANALYSIS_RECORDED_PRODUCT_NEEDS)
                .lack("release.certificate");
        }
    }
    f.point_at("release.certificate")
        .add_opt(p.product.supply.map(|s| Fact::code("supply", s.code())))
        .add_opt(p.product.donor.map(|d| Fact::code("donor", d.code())));
}

pub(super) fn certificate_consistent(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    let release = p.release;
    let Some(certificate) = release.and_then(|r| r.certificate.as_ref()) else {
        f.not_applicable(&reasons::CERTIFICATE_ANALYSIS_RECORDED)
            .point_at("release.certificate");
        return;
    };
    // The facts go straight into the finding, in the order the checks read them; the outcome
    // is set once every check has been made.
    f.add(owned_text(
        "release.certificate.lot",
        certificate.lot.as_str(),
    ));
    let mut problems = PathList::new();
    let mut missing = PathList::new();
    if release.and_then(|r| r.certificate_issued) == Some(false) {
        problems.push("release.certificate_issued");
    }
    match release.and_then(|r| r.lot.as_ref()) {
        Some(lot) => {
            f.add(owned_text("release.lot", lot.as_str()));
            if lot.as_str().trim() != certificate.lot.as_str().trim() {
                problems.push("release.certificate.lot");
            }
        }
        None => missing.push("release.lot"),
    }
    let issued = certificate.issued_on;
    let expires = certificate.expires_on;
    if let Some(d) = issued {
        f.add(Fact::date("release.certificate.issued_on", d));
    }
    if let Some(d) = expires {
        f.add(Fact::date("release.certificate.expires_on", d));
    }
    match (issued, expires) {
        (Some(i), Some(e)) if e < i => problems.push("release.certificate.expires_on"),
        (None, _) => missing.push("release.certificate.issued_on"),
        _ => {}
    }
    f.add(Fact::date("evaluated_on", p.on).as_limit());
    match expires {
        Some(e) => {
            if e < p.on && !problems.contains(&"release.certificate.expires_on") {
                problems.push("release.certificate.expires_on");
            }
        }
        None => missing.push("release.certificate.expires_on"),
    }
    let expired = expires.is_some_and(|e| e < p.on);
    let inverted = matches!((issued, expires), (Some(i), Some(e)) if e < i);
    if problems.is_empty() && missing.is_empty() {
    } else if problems.is_empty() {
        // Where a certificate is required its issue and expiry dates are what make it one:
        // leaving one out must not read better than an expired certificate. The product's own
        // lot (`release.lot`) is not part of the certificate: without it the match cannot be
        // checked, which leaves the finding open at information.
        let dates_missing = missing.iter().any(|m| {
            matches!(
                *m,
                "release.certificate.issued_on" | "release.certificate.expires_on"
            )
        });
        let severity = match (dates_missing, coa_required(p, policy)) {
            (true, true) => Severity::Blocking,
            (true, false) => Severity::Warning,
            // Only the product's own lot is missing: the certificate names its lot, and a
            // record naming another lot fails (a contradiction, reported as one).
            (false, _) => Severity::Info,
        };
        f.judge(Outcome::Undetermined, severity)
            .why(&reasons::EVERY_CONSISTENCY_CHECK_CAN_MADE);
    } else {
        let reason: &'static Reason = if problems.contains(&"release.certificate_issued") {
            &reasons::RECORD_GIVES_CERTIFICATE_ANALYSIS_ALSO
        } else if problems.contains(&"release.certificate.lot") {
            &reasons::CERTIFICATE_ANALYSIS_ANOTHER_LOT_THAN
        } else if expired && !inverted {
            &reasons::CERTIFICATE_ANALYSIS_HAS_EXPIRED_EVALUATION
        } else {
            &reasons::CERTIFICATE_ANALYSIS_EXPIRES_BEFORE_DATE
        };
        f.judge(Outcome::NotMet, Severity::Blocking).why(reason);
    }
    f.point_at("release.certificate");
    if f.outcome == Outcome::NotMet {
        // Each problem with the statement it contradicts.
        let mut sides = PathList::new();
        for problem in &problems {
            let other = match *problem {
                "release.certificate_issued" => Some("release.certificate"),
                "release.certificate.lot" => Some("release.lot"),
                _ if inverted => Some("release.certificate.issued_on"),
                // Expired on the evaluation date: a failing value, not a contradiction.
                _ => None,
            };
            if !sides.contains(problem) {
                sides.push(problem);
            }
            if let Some(other) = other.filter(|o| !sides.contains(o)) {
                sides.push(other);
            }
        }
        f.add(Fact::code_list("contradicts", sides.iter().copied()));
    } else {
        f.lack_all(&missing);
    }
}

pub(super) fn certificate_entries(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    let r = p.release;
    let has = |test: &dyn Fn(&ReleaseData) -> bool| r.is_some_and(test);
    let mut missing = PathList::new();
    let mut need = |present: bool, path: &'static str| {
        if !present {
            missing.push(path);
        }
    };
    if p.live {
        need(
            has(&|r| r.viable_nucleated_cells.is_some()),
            "release.viable_nucleated_cells",
        );
        need(has(&|r| !r.viability.is_empty()), "release.viability");
    }
    if !p.bedside_autologous {
        let cert = r.and_then(|r| r.certificate.as_ref());
        need(cert.is_some(), "release.certificate");
        if let Some(c) = cert {
            need(c.issuer.is_some(), "release.certificate.issuer");
            need(c.issued_on.is_some(), "release.certificate.issued_on");
            need(c.expires_on.is_some(), "release.certificate.expires_on");
        }
        if p.live {
            need(has(&|r| r.state.is_some()), "release.state");
        }
        need(has(&|r| r.sterility.is_some()), "release.sterility");
        need(
            has(&|r| r.endotoxin_eu_per_ml.is_some()),
            "release.endotoxin_eu_per_ml",
        );
    }
    if p.live && p.expansion != Expansion::No {
        need(has(&|r| r.mycoplasma.is_some()), "release.mycoplasma");
        need(has(&|r| r.identity.is_some()), "release.identity");
        need(
            has(&|r| r.passage.is_some() || r.population_doublings.is_some()),
            "release.passage or release.population_doublings",
        );
    }
    if p.live && p.perinatal() == Some(true) {
        need(
            has(&|r| r.identity.is_some() || r.cfu_f_per_million.is_some()),
            "release.identity or release.cfu_f_per_million",
        );
    }
    let kind = if p.bedside_autologous {
        "same-day autologous bedside product"
    } else {
        "manufactured or donor lot"
    };
    if !missing.is_empty() {
        f.judge(Outcome::NotMet, Severity::Warning)
            .why(&reasons::RELEASE_RECORD_LACKS_ENTRIES_REQUIRED);
    }
    f.point_at("release")
        .add(Fact::code("derived.product_type", kind).as_derived())
        .lack_all(&missing);
}
